/**
 * Return-shipping insurance (退货运费险): when a case whose goods the buyer shipped back ends
 * refunded, the platform's insurance pays the buyer a fixed sum (INSURANCE_PAYOUT_FEN) through
 * the ledger, as its own compensation journal, and the payment provider pays it to the buyer's
 * original payment (payments/buyer-compensation.ts). Once per case.
 */
import type { Tx } from '../context.js';
import { emit } from '../outbox/index.js';
import { accountId } from '../ledger/index.js';
import { bookBuyerCompensation } from '../payments/index.js';
import { INSURANCE_PAYOUT_FEN } from './amounts.js';

export const INSURANCE_RULE = 'return_shipping_insurance';

/** Books the payout; returns the amount, or 0 when this case was paid already. */
export async function payReturnInsurance(tx: Tx, c: { id: string; order_id: string }, now: number): Promise<number> {
  const booked = await bookBuyerCompensation(
    tx,
    {
      orderId: c.order_id,
      amountFen: INSURANCE_PAYOUT_FEN,
      kind: 'return_insurance',
      paidBy: 'platform',
      fromAccount: accountId('platform_insurance_expense'),
      refKind: 'aftersales',
      refId: `${c.id}:insurance`,
      memo: `退货运费险赔付 / return-shipping insurance for ${c.order_id}`,
    },
    now,
  );
  if (!booked) return 0;
  await emit(
    tx,
    'compensation.booked',
    c.order_id,
    { orderId: c.order_id, caseId: c.id, amountFen: INSURANCE_PAYOUT_FEN, paidBy: 'platform', rule: INSURANCE_RULE },
    now,
  );
  return INSURANCE_PAYOUT_FEN;
}
