/**
 * Where a late shipment gets compensated: the order is flagged late, the buyer is compensated
 * by the merchant through the ledger (the same journal and payout `compensateBuyer` books), and the shop
 * collects violation points (recorded through the violations module, with the catalogue's points;
 * a category whose rules set no points exempts its orders). Idempotent: an order is late once.
 */
import type { Tx } from '../context.js';
import { emit } from '../outbox/index.js';
import { accountId } from '../ledger/index.js';
import { bookBuyerCompensation } from '../payments/index.js';
import { lateShipmentCompensationFen, parseOrderRules } from '../rules/index.js';
import { recordViolation } from '../violations/index.js';

export const LATE_SHIPMENT_RULE = 'late_shipment';

export interface LateShipmentOutcome {
  compensationFen: number;
  milliPoints: number;
}

/** Applies the late-shipment rule to an order; null when it was already applied. */
export async function applyLateShipment(tx: Tx, orderId: string, now: number): Promise<LateShipmentOutcome | null> {
  const flagged = await tx
    .updateTable('orders')
    .set({ late_at: now, updated_at: now })
    .where('id', '=', orderId)
    .where('late_at', 'is', null)
    .returning(['shop_id', 'total_fen', 'rules', 'ship_by_at'])
    .executeTakeFirst();
  if (!flagged) return null;
  const rules = parseOrderRules(flagged.rules);
  const compensationFen = lateShipmentCompensationFen(Number(flagged.total_fen), rules.lateShipment);
  if (compensationFen > 0) {
    const ref = `${orderId}:${LATE_SHIPMENT_RULE}`;
    const booked = await bookBuyerCompensation(
      tx,
      {
        orderId,
        amountFen: compensationFen,
        kind: 'late_shipment',
        paidBy: 'merchant',
        fromAccount: accountId('merchant_available', flagged.shop_id),
        refKind: 'order',
        refId: ref,
        memo: '延迟发货赔付 / late-shipment compensation',
      },
      now,
    );
    if (booked) {
      await emit(
        tx,
        'compensation.booked',
        orderId,
        { orderId, amountFen: compensationFen, paidBy: 'merchant', rule: LATE_SHIPMENT_RULE },
        now,
      );
    }
  }
  let milliPoints = 0;
  if (rules.lateShipment.violationMilliPoints > 0) {
    const id = await recordViolation(
      tx,
      {
        subjectKind: 'shop',
        subjectId: flagged.shop_id,
        rule: 'late_shipment',
        refId: orderId,
        detail: { shipByAt: flagged.ship_by_at, lateAt: now, compensationFen },
      },
      now,
    );
    if (id)
      milliPoints = Number(
        (await tx.selectFrom('violations').select('milli_points').where('id', '=', id).executeTakeFirstOrThrow())
          .milli_points,
      );
  }
  await emit(
    tx,
    'order.late',
    orderId,
    { orderId, shopId: flagged.shop_id, shipByAt: flagged.ship_by_at, compensationFen, milliPoints },
    now,
  );
  return { compensationFen, milliPoints };
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'order.late': {
      orderId: string;
      shopId: string;
      shipByAt: number | null;
      compensationFen: number;
      milliPoints: number;
    };
  }
}
