/**
 * Return-shipping insurance (退货运费险): when a case whose goods the buyer shipped back ends
 * refunded, the platform's insurance pays the buyer a fixed sum (INSURANCE_PAYOUT_FEN) through
 * the ledger, as its own compensation journal. Once per case.
 */
import type { Tx } from '../context.js';
import { emit } from '../outbox/outbox.js';
import { accountId } from '../ledger/accounts.js';
import { postJournal } from '../ledger/journal.js';
import { INSURANCE_PAYOUT_FEN } from './amounts.js';

export const INSURANCE_RULE = 'return_shipping_insurance';

/** Books the payout; returns the amount, or 0 when this case was paid already. */
export async function payReturnInsurance(tx: Tx, c: { id: string; order_id: string }, now: number): Promise<number> {
  const refId = `${c.id}:insurance`;
  const seen = await tx.selectFrom('ledger_journals').select('id').where('ref_id', '=', refId).where('reason', '=', 'compensation').executeTakeFirst();
  if (seen) return 0;
  await postJournal(tx, {
    reason: 'compensation',
    refKind: 'aftersales',
    refId,
    memo: `退货运费险赔付 / return-shipping insurance for ${c.order_id}`,
    entries: [{ account: accountId('platform_insurance_expense'), amountFen: -INSURANCE_PAYOUT_FEN }, { account: accountId('buyer_compensation_payable'), amountFen: INSURANCE_PAYOUT_FEN }],
  }, now);
  await emit(tx, 'compensation.booked', c.order_id, { orderId: c.order_id, caseId: c.id, amountFen: INSURANCE_PAYOUT_FEN, paidBy: 'platform', rule: INSURANCE_RULE }, now);
  return INSURANCE_PAYOUT_FEN;
}
