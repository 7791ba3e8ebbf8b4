/**
 * The merchant ships: parcels (shipments) for some or all of an order's lines, the carrier booked
 * for each (pickup.ts), the lines' batches recorded (supply), and the order moved to shipped once
 * every line is. One transaction. Shipments are logistics' rows; the order's transition is orders'.
 */
import type { Actor, CoreContext } from '../context.js';
import { DomainError, invalid, notFound, newId, checkParcelRef } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { requireTransition } from '../orders/index.js';
import { recordLineBatches } from '../supply/index.js';
import { compiledOnce, insertRows } from '../storage/index.js';
import { bookPickup } from './pickup.js';

export interface ParcelInput {
  carrier: string;
  trackingNo: string;
  /** Lines in this parcel; all lines not yet shipped when absent. */
  lineIds?: string[] | undefined;
}

/** Parcels one shipping call may send. */
export const MAX_PARCELS = 20;

// The shipping transaction's reads, compiled once (an ERP ships orders one call at a time, all day).
const orderToShip = compiledOnce((db, v) =>
  db.selectFrom('orders').select(['id', 'shop_id', 'status']).where('id', '=', v('orderId')),
);
const linesToShip = compiledOnce((db, v) =>
  db.selectFrom('order_lines').select(['id', 'line_total_fen', 'refunded_fen']).where('order_id', '=', v('orderId')),
);
const shippedLines = compiledOnce((db, v) =>
  db.selectFrom('shipment_lines').select('order_line_id').where('order_id', '=', v('orderId')),
);
const trackingUsed = compiledOnce((db, v) =>
  db
    .selectFrom('shipments')
    .select('id')
    .where('carrier', '=', v('carrier'))
    .where('tracking_no', '=', v('trackingNo')),
);

/** The merchant ships some or all lines in one or more parcels; the order is shipped once every line is. */
export async function shipOrder(
  ctx: CoreContext,
  actor: Actor,
  orderId: string,
  parcels: ParcelInput[],
): Promise<{ shipmentIds: string[]; status: string }> {
  if (!Array.isArray(parcels) || parcels.length < 1 || parcels.length > MAX_PARCELS)
    throw invalid(`give 1–${MAX_PARCELS} parcels`, { field: 'parcels' });
  const checked = parcels.map((p) => ({ ...checkParcelRef(p), lineIds: p.lineIds }));
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const order = await orderToShip.takeFirst(tx, { orderId });
    if (!order || !actor.shops.has(order.shop_id)) throw notFound('order', orderId);
    if (order.status !== 'paid')
      throw new DomainError('INVALID_TRANSITION', `a ${order.status} order cannot be shipped`, {
        from: order.status,
        to: 'shipped',
      });
    const lines = await linesToShip.all(tx, { orderId });
    const shippedRows = await shippedLines.all(tx, { orderId });
    // A line refunded in full before shipping (an after-sales refund) is never shipped; a free line (a sample) always is.
    const pending = new Set(
      lines
        .filter((l) => Number(l.line_total_fen) === 0 || Number(l.refunded_fen) < Number(l.line_total_fen))
        .map((l) => l.id),
    );
    for (const s of shippedRows) pending.delete(s.order_line_id);
    const shipmentIds: string[] = [];
    for (const p of checked) {
      const ids = p.lineIds ?? [...pending];
      if (ids.length === 0) throw new DomainError('NOTHING_TO_SHIP', 'every line of this order has shipped already');
      for (const id of ids)
        if (!pending.has(id))
          throw new DomainError('LINE_NOT_SHIPPABLE', 'a line is unknown or already shipped', { lineId: id });
      const dup = await trackingUsed.takeFirst(tx, { carrier: p.carrier, trackingNo: p.trackingNo });
      if (dup)
        throw new DomainError('TRACKING_NUMBER_USED', 'this carrier and tracking number are already used', {
          trackingNo: p.trackingNo,
        });
      const shipmentId = newId('shipment', now);
      await insertRows(tx, 'shipments', [
        {
          id: shipmentId,
          order_id: orderId,
          shop_id: order.shop_id,
          carrier: p.carrier,
          tracking_no: p.trackingNo,
          status: 'in_transit',
          created_at: now,
          delivered_at: null,
        },
      ]);
      await insertRows(
        tx,
        'shipment_lines',
        ids.map((lineId) => ({ shipment_id: shipmentId, order_line_id: lineId, order_id: orderId })),
      );
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
    let status: string = order.status;
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

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'shipment.created': { orderId: string; shipmentId: string; carrier: string; trackingNo: string };
  }
}
