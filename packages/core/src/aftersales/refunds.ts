/**
 * The money of a case: a refund of the line through the payments module (the ledger books it
 * in the same transaction), keyed `aftersales:<caseId>` so it happens once. A refund before
 * shipping also returns the line's stock, and when every line of the order is refunded that way
 * the shipping fee is refunded too and the order is cancelled (as cancelling a paid order does).
 */
import type { Tx } from '../context.js';
import { DomainError } from '../platform/index.js';
import { requestRefund } from '../payments/index.js';
import { releaseReservations } from '../inventory/index.js';
import { transitionOrder, type TransitionActor } from '../orders/index.js';
import type { CaseRow } from './case-store.js';

async function paymentOf(tx: Tx, orderId: string): Promise<string> {
  const p = await tx
    .selectFrom('orders')
    .innerJoin('payments', 'payments.checkout_id', 'orders.checkout_id')
    .select('payments.id')
    .where('orders.id', '=', orderId)
    .where('payments.status', '=', 'succeeded')
    .executeTakeFirst();
  if (!p) throw new DomainError('NOT_CAPTURED', 'this order has not been paid');
  return p.id;
}

/** Refunds `amountFen` of the case's line; returns the refund id (null when this case was refunded already). */
export async function refundCaseLine(tx: Tx, c: CaseRow, amountFen: number, now: number): Promise<string | null> {
  const paymentId = await paymentOf(tx, c.order_id);
  return requestRefund(
    tx,
    {
      paymentId,
      orderId: c.order_id,
      lineId: c.order_line_id,
      amountFen,
      reason: `售后退款 / after-sales refund ${c.id}`,
      requestKey: `aftersales:${c.id}`,
    },
    now,
  );
}

/**
 * After a refund on an unshipped line: a fully refunded line's stock goes back to the pool; when
 * nothing of the order shipped and every line is fully refunded, the remaining shipping fee is
 * refunded and the order cancelled. Returns whether the order was cancelled.
 */
export async function settleUnshippedLine(tx: Tx, c: CaseRow, by: TransitionActor, now: number): Promise<boolean> {
  const lines = await tx
    .selectFrom('order_lines')
    .select(['id', 'sku_id', 'line_total_fen', 'refunded_fen'])
    .where('order_id', '=', c.order_id)
    .execute();
  const shipped = await tx
    .selectFrom('shipment_lines')
    .select('order_line_id')
    .where('order_id', '=', c.order_id)
    .execute();
  const shippedIds = new Set(shipped.map((s) => s.order_line_id));
  const line = lines.find((l) => l.id === c.order_line_id);
  if (!line || shippedIds.has(line.id) || Number(line.refunded_fen) < Number(line.line_total_fen)) return false;
  await releaseLineStock(tx, c.order_id, line.sku_id, now);
  const order = await tx
    .selectFrom('orders')
    .select(['id', 'shop_id', 'status', 'shipping_fee_fen'])
    .where('id', '=', c.order_id)
    .executeTakeFirstOrThrow();
  const allRefunded = lines.every((l) => Number(l.refunded_fen) >= Number(l.line_total_fen));
  if (order.status !== 'paid' || shippedIds.size > 0 || !allRefunded) return false;
  const money = await tx
    .selectFrom('ledger_order_money')
    .select('shipping_refunded_fen')
    .where('order_id', '=', c.order_id)
    .executeTakeFirst();
  const shippingLeft = Number(order.shipping_fee_fen) - Number(money?.shipping_refunded_fen ?? 0);
  if (shippingLeft > 0) {
    const paymentId = await paymentOf(tx, c.order_id);
    await requestRefund(
      tx,
      {
        paymentId,
        orderId: c.order_id,
        amountFen: shippingLeft,
        reason: `售后退款：运费 / after-sales refund of the shipping fee ${c.id}`,
        requestKey: `aftersales:${c.id}:shipping`,
      },
      now,
    );
  }
  const why = '售后退款，订单关闭 / refunded in full before shipping';
  const cancelled = await transitionOrder(
    tx,
    { id: order.id, shopId: order.shop_id },
    'paid',
    'cancelled',
    by,
    { code: 'refunded_before_shipping' },
    now,
    { cancel_reason: why },
  );
  if (cancelled) await releaseReservations(tx, order.id, now);
  return cancelled;
}

/** Returns one line's reserved or sold stock to the pool (flipped conditionally first: never twice). */
async function releaseLineStock(tx: Tx, orderId: string, skuId: string, now: number): Promise<void> {
  const rows = await tx
    .selectFrom('stock_reservations')
    .select(['id', 'sku_id', 'quantity'])
    .where('order_id', '=', orderId)
    .where('sku_id', '=', skuId)
    .where('status', 'in', ['reserved', 'committed'])
    .execute();
  for (const r of rows) {
    const flip = await tx
      .updateTable('stock_reservations')
      .set({ status: 'released', updated_at: now })
      .where('id', '=', r.id)
      .where('status', 'in', ['reserved', 'committed'])
      .executeTakeFirst();
    if (Number(flip.numUpdatedRows) !== 1) continue;
    await tx
      .updateTable('skus')
      .set((eb) => ({ stock: eb('stock', '+', r.quantity), updated_at: now }))
      .where('id', '=', r.sku_id)
      .execute();
  }
}
