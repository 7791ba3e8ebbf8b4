/** What buyers, merchants, carriers and the system do to an order; one transaction each. */
import type { Actor, CoreContext, Tx } from '../context.js';
import { DomainError, invalid, notFound } from '../platform/index.js';
import { releaseReservations } from '../inventory/index.js';
import { giveBackCoupon } from '../coupons/index.js';
import { requestRefund } from '../payments/index.js';
import { scheduleSettlement } from '../ledger/index.js';
import type { ActorKind } from './order-states.js';
import { requireTransition, transitionOrder } from './transition.js';

interface OrderRow {
  id: string;
  shop_id: string;
  buyer_id: string;
  status: string;
  total_fen: number;
  checkout_id: string;
}

async function loadOrder(tx: Tx, orderId: string): Promise<OrderRow | undefined> {
  return tx
    .selectFrom('orders')
    .select(['id', 'shop_id', 'buyer_id', 'status', 'total_fen', 'checkout_id'])
    .where('id', '=', orderId)
    .executeTakeFirst();
}

/** The caller's relation to an order; strangers (and other shops) get NOT_FOUND. */
function relation(actor: Actor, order: OrderRow | undefined, orderId: string): { order: OrderRow; kind: ActorKind } {
  if (order && order.buyer_id === actor.userId) return { order, kind: 'buyer' };
  if (order && actor.shops.has(order.shop_id)) return { order, kind: 'merchant' };
  if (order && actor.roles.has('admin')) return { order, kind: 'admin' };
  throw notFound('order', orderId);
}

/** The reason given with a cancellation, in characters after trimming. */
export const MAX_CANCEL_REASON_CHARS = 200;

/**
 * Cancels an unpaid order (stock back to the pool) or a paid, unshipped one (stock back, and
 * the paid amount refunded through the provider).
 */
export async function cancelOrder(ctx: CoreContext, actor: Actor, orderId: string, reason: string): Promise<void> {
  const why = reason.trim();
  if (why.length < 1 || why.length > MAX_CANCEL_REASON_CHARS)
    throw invalid(`reason must be 1–${MAX_CANCEL_REASON_CHARS} characters`, { field: 'reason' });
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const { order, kind } = relation(actor, await loadOrder(tx, orderId), orderId);
    const ref = { id: order.id, shopId: order.shop_id };
    if (order.status === 'paid') {
      const shipped = await tx
        .selectFrom('shipment_lines')
        .select('order_line_id')
        .where('order_id', '=', order.id)
        .limit(1)
        .executeTakeFirst();
      if (shipped)
        throw new DomainError(
          'ALREADY_SHIPPING',
          'part of this order has shipped; ask for an after-sales refund instead',
        );
    }
    const from = order.status === 'paid' ? 'paid' : 'unpaid';
    await requireTransition(
      tx,
      ref,
      from,
      'cancelled',
      { kind, id: actor.userId },
      { code: 'cancelled_with_note', params: { note: why } },
      now,
      { cancel_reason: why },
    );
    await releaseReservations(tx, order.id, now);
    if (from === 'unpaid') await giveBackCoupon(tx, order.id);
    if (from === 'paid') {
      const payment = await tx
        .selectFrom('payments')
        .select('id')
        .where('checkout_id', '=', order.checkout_id)
        .where('status', '=', 'succeeded')
        .executeTakeFirstOrThrow();
      await requestRefund(
        tx,
        {
          paymentId: payment.id,
          orderId: order.id,
          amountFen: order.total_fen,
          reason: `cancelled: ${why}`,
          requestKey: `cancel:${order.id}`,
        },
        now,
      );
    }
  });
}

/** A parcel reached the buyer (carrier event; the shop or an admin reports it in the sandbox carrier). */
export async function markShipmentDelivered(
  ctx: CoreContext,
  actor: Actor,
  shipmentId: string,
): Promise<{ orderStatus: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const s = await tx
      .selectFrom('shipments')
      .select(['id', 'order_id', 'shop_id', 'status'])
      .where('id', '=', shipmentId)
      .executeTakeFirst();
    if (!s || !(actor.shops.has(s.shop_id) || actor.roles.has('admin'))) throw notFound('shipment', shipmentId);
    await tx
      .updateTable('shipments')
      .set({ status: 'delivered', delivered_at: now })
      .where('id', '=', shipmentId)
      .where('status', '=', 'in_transit')
      .execute();
    const order = (await loadOrder(tx, s.order_id))!;
    const open = await tx
      .selectFrom('shipments')
      .select('id')
      .where('order_id', '=', s.order_id)
      .where('status', '=', 'in_transit')
      .limit(1)
      .executeTakeFirst();
    if (!open && order.status === 'shipped') {
      await transitionOrder(
        tx,
        { id: order.id, shopId: order.shop_id },
        'shipped',
        'delivered',
        { kind: 'carrier', id: actor.userId },
        { code: 'all_parcels_delivered' },
        now,
      );
      return { orderStatus: 'delivered' };
    }
    return { orderStatus: order.status };
  });
}

/** The buyer confirms receipt of a shipped or delivered order; it completes. */
export async function confirmReceipt(ctx: CoreContext, actor: Actor, orderId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const order = await loadOrder(tx, orderId);
    if (!order || order.buyer_id !== actor.userId) throw notFound('order', orderId);
    const ref = { id: order.id, shopId: order.shop_id };
    const by = { kind: 'buyer' as const, id: actor.userId };
    if (order.status === 'shipped') {
      await requireTransition(tx, ref, 'shipped', 'delivered', by, { code: 'buyer_confirmed_receipt' }, now);
      // The buyer has the goods: parcels still in transit count as delivered now.
      await tx
        .updateTable('shipments')
        .set({ status: 'delivered', delivered_at: now })
        .where('order_id', '=', order.id)
        .where('status', '=', 'in_transit')
        .execute();
    } else if (order.status !== 'delivered')
      throw new DomainError('INVALID_TRANSITION', `a ${order.status} order cannot be confirmed as received`, {
        from: order.status,
        to: 'completed',
      });
    await requireTransition(tx, ref, 'delivered', 'completed', by, { code: 'buyer_confirmed_receipt' }, now);
    await scheduleSettlement(tx, order.id, now);
  });
}
