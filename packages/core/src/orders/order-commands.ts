/** What buyers, merchants, carriers and the system do to an order; one transaction each. */
import type { Actor, CoreContext, Tx } from '../context.js';
import {
  DomainError,
  invalid,
  notFound,
  newId,
  CARRIER_PATTERN,
  MAX_CARRIER_CHARS,
  MAX_TRACKING_NO_CHARS,
  MIN_CARRIER_CHARS,
  MIN_TRACKING_NO_CHARS,
  TRACKING_NO_PATTERN,
} from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { releaseReservations } from '../inventory/index.js';
import { giveBackCoupon } from '../live/index.js';
import { requestRefund } from '../payments/index.js';
import { scheduleSettlement } from '../ledger/index.js';
import type { ActorKind } from './order-states.js';
import { requireTransition, transitionOrder } from './transition.js';
import { bookPickup } from '../logistics/index.js';
import { recordLineBatches } from '../supply/index.js';

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

/**
 * Cancels an unpaid order (stock back to the pool) or a paid, unshipped one (stock back, and
 * the paid amount refunded through the provider).
 */
export async function cancelOrder(ctx: CoreContext, actor: Actor, orderId: string, reason: string): Promise<void> {
  const why = reason.trim();
  if (why.length < 1 || why.length > 200) throw invalid('reason must be 1–200 characters', { field: 'reason' });
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

export interface ParcelInput {
  carrier: string;
  trackingNo: string;
  /** Lines in this parcel; all lines not yet shipped when absent. */
  lineIds?: string[] | undefined;
}

/** Parcels one shipping call may send. */
export const MAX_PARCELS = 20;

/** The merchant ships some or all lines in one or more parcels; the order is shipped once every line is. */
export async function shipOrder(
  ctx: CoreContext,
  actor: Actor,
  orderId: string,
  parcels: ParcelInput[],
): Promise<{ shipmentIds: string[]; status: string }> {
  if (!Array.isArray(parcels) || parcels.length < 1 || parcels.length > MAX_PARCELS)
    throw invalid(`give 1–${MAX_PARCELS} parcels`, { field: 'parcels' });
  for (const p of parcels) {
    if (!CARRIER_PATTERN.test(p.carrier))
      throw invalid(`carrier must be ${MIN_CARRIER_CHARS}–${MAX_CARRIER_CHARS} characters`, { field: 'carrier' });
    if (!TRACKING_NO_PATTERN.test(p.trackingNo))
      throw invalid(`trackingNo must be ${MIN_TRACKING_NO_CHARS}–${MAX_TRACKING_NO_CHARS} letters, digits or "-"`, {
        field: 'trackingNo',
      });
  }
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const order = await loadOrder(tx, orderId);
    if (!order || !actor.shops.has(order.shop_id)) throw notFound('order', orderId);
    if (order.status !== 'paid')
      throw new DomainError('INVALID_TRANSITION', `a ${order.status} order cannot be shipped`, {
        from: order.status,
        to: 'shipped',
      });
    const lines = await tx
      .selectFrom('order_lines')
      .select(['id', 'line_total_fen', 'refunded_fen'])
      .where('order_id', '=', orderId)
      .execute();
    const shippedRows = await tx
      .selectFrom('shipment_lines')
      .select('order_line_id')
      .where('order_id', '=', orderId)
      .execute();
    // A line refunded in full before shipping (an after-sales refund) is never shipped; a free line (a sample) always is.
    const pending = new Set(
      lines
        .filter((l) => Number(l.line_total_fen) === 0 || Number(l.refunded_fen) < Number(l.line_total_fen))
        .map((l) => l.id),
    );
    for (const s of shippedRows) pending.delete(s.order_line_id);
    const shipmentIds: string[] = [];
    for (const p of parcels) {
      const ids = p.lineIds ?? [...pending];
      if (ids.length === 0) throw new DomainError('NOTHING_TO_SHIP', 'every line of this order has shipped already');
      for (const id of ids)
        if (!pending.has(id))
          throw new DomainError('LINE_NOT_SHIPPABLE', 'a line is unknown or already shipped', { lineId: id });
      const dup = await tx
        .selectFrom('shipments')
        .select('id')
        .where('carrier', '=', p.carrier)
        .where('tracking_no', '=', p.trackingNo)
        .executeTakeFirst();
      if (dup)
        throw new DomainError('TRACKING_NUMBER_USED', 'this carrier and tracking number are already used', {
          trackingNo: p.trackingNo,
        });
      const shipmentId = newId('shipment', now);
      await tx
        .insertInto('shipments')
        .values({
          id: shipmentId,
          order_id: orderId,
          shop_id: order.shop_id,
          carrier: p.carrier,
          tracking_no: p.trackingNo,
          status: 'in_transit',
          created_at: now,
          delivered_at: null,
        })
        .execute();
      await tx
        .insertInto('shipment_lines')
        .values(ids.map((lineId) => ({ shipment_id: shipmentId, order_line_id: lineId, order_id: orderId })))
        .execute();
      await recordLineBatches(tx, ids, now); // traceability: which batch(es) each line's units came from
      await bookPickup(tx, { carrier: p.carrier, shipmentId, trackingNo: p.trackingNo }, now);
      for (const id of ids) pending.delete(id);
      shipmentIds.push(shipmentId);
      await emit(
        tx,
        'shipment.created',
        shipmentId,
        { orderId, shipmentId, carrier: p.carrier, trackingNo: p.trackingNo },
        now,
      );
    }
    let status = order.status;
    if (pending.size === 0) {
      await requireTransition(
        tx,
        { id: orderId, shopId: order.shop_id },
        'paid',
        'shipped',
        { kind: 'merchant', id: actor.userId },
        { code: 'shipped', params: { parcels: shipmentIds.length + (shippedRows.length ? 1 : 0) } },
        now,
      );
      status = 'shipped';
    }
    return { shipmentIds, status };
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

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'shipment.created': { orderId: string; shipmentId: string; carrier: string; trackingNo: string };
  }
}
