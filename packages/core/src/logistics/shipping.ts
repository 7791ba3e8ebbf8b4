/**
 * The merchant ships: parcels (shipments) for some or all of an order's lines, the carrier booked
 * for each (pickup.ts), the lines' batches recorded (supply), and the order moved to shipped once
 * every line is. One transaction. Shipments are logistics' rows; the order's transition is orders'
 * (it writes the parcels' `shipment.created` events with its own, and is told whether a parcel is
 * tracked, so it does not read the parcels again for the ship-by deadline).
 */
import type { Actor, CoreContext } from '../context.js';
import { DomainError, invalid, notFound, newId, checkParcelRef } from '../platform/index.js';
import { emitMany, type OutboxEntry } from '../outbox/index.js';
import { requireTransition } from '../orders/index.js';
import { recordLineBatches, type ShippedLine } from '../supply/index.js';
import { compiledOnce, insertRows, type CompiledOnce } from '../storage/index.js';
import { TRACKED_CARRIERS } from './carrier.js';
import { bookPickup } from './pickup.js';

export interface ParcelInput {
  carrier: string;
  trackingNo: string;
  /** Lines in this parcel; all lines not yet shipped when absent. */
  lineIds?: string[] | undefined;
}

/** Parcels one shipping call may send. */
export const MAX_PARCELS = 20;

/** The order, its lines and what the shipping transaction needs to know about them, as one row per line. */
interface ToShipRow {
  shop_id: string;
  status: string;
  /** Null only for an order without lines. */
  line_id: string | null;
  line_shop_id: string;
  sku_id: string;
  quantity: number;
  line_total_fen: number | string;
  refunded_fen: number | string;
  /** The line is in a parcel already (0/1 on SQLite, a boolean on PostgreSQL). */
  shipped: unknown;
  /** The order has a parcel with a carrier that scans already. */
  tracked: unknown;
  /** `used0`, `used1`, …: parcel i's carrier and tracking number are taken already. */
  [used: `used${number}`]: unknown;
}

/**
 * The shipping transaction's one read, compiled once per number of parcels (an ERP ships orders
 * one call at a time, all day): the order's shop and status, each line with whether it is shipped,
 * whether the order has a tracked parcel (for its ship-by deadline), and whether each parcel's
 * tracking number is taken (the subqueries name no column of the outer rows: evaluated once).
 */
const toShipQueries = new Map<number, CompiledOnce<ToShipRow>>();
function toShip(parcels: number): CompiledOnce<ToShipRow> {
  let q = toShipQueries.get(parcels);
  if (!q) {
    q = compiledOnce((db, v) =>
      db
        .selectFrom('orders as o')
        .leftJoin('order_lines as l', 'l.order_id', 'o.id')
        .select([
          'o.shop_id',
          'o.status',
          'l.id as line_id',
          'l.shop_id as line_shop_id',
          'l.sku_id',
          'l.quantity',
          'l.line_total_fen',
          'l.refunded_fen',
        ])
        .select((eb) => [
          eb(
            'l.id',
            'in',
            eb.selectFrom('shipment_lines').select('order_line_id').where('order_id', '=', v('orderId')),
          ).as('shipped'),
          eb
            .exists(
              eb
                .selectFrom('shipments')
                .select('id')
                .where('order_id', '=', v('orderId'))
                .where(
                  'carrier',
                  'in',
                  TRACKED_CARRIERS.map((_, i) => v(`tracked${i}`)),
                ),
            )
            .as('tracked'),
          ...Array.from({ length: parcels }, (_, i) =>
            eb
              .exists(
                eb
                  .selectFrom('shipments')
                  .select('id')
                  .where('carrier', '=', v(`carrier${i}`))
                  .where('tracking_no', '=', v(`trackingNo${i}`)),
              )
              .as(`used${i}`),
          ),
        ])
        .where('o.id', '=', v('orderId')),
    ) as unknown as CompiledOnce<ToShipRow>;
    toShipQueries.set(parcels, q);
  }
  return q;
}
const trackedValues = Object.fromEntries(TRACKED_CARRIERS.map((c, i) => [`tracked${i}`, c]));

/**
 * The merchant ships some or all lines in one or more parcels; the order is shipped once every line is.
 * One read (the order, its lines, what is shipped, the tracking numbers taken), the parcels and
 * their lines in one insert each, the lines' batches (supply), the carrier's booking, and the
 * events with the order's transition in one insert.
 */
export async function shipOrder(
  ctx: CoreContext,
  actor: Actor,
  orderId: string,
  parcels: ParcelInput[],
): Promise<{ shipmentIds: string[]; status: string }> {
  if (!Array.isArray(parcels) || parcels.length < 1 || parcels.length > MAX_PARCELS)
    throw invalid(`give 1–${MAX_PARCELS} parcels`, { field: 'parcels' });
  const checked = parcels.map((p) => ({ ...checkParcelRef(p), lineIds: p.lineIds }));
  const refs: Record<string, string> = {};
  checked.forEach((p, i) => {
    refs[`carrier${i}`] = p.carrier;
    refs[`trackingNo${i}`] = p.trackingNo;
  });
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const rows = await toShip(checked.length).all(tx, { orderId, ...trackedValues, ...refs });
    const order = rows[0];
    if (!order || !actor.shops.has(order.shop_id)) throw notFound('order', orderId);
    if (order.status !== 'paid')
      throw new DomainError('INVALID_TRANSITION', `a ${order.status} order cannot be shipped`, {
        from: order.status,
        to: 'shipped',
      });
    // A line refunded in full before shipping (an after-sales refund) is never shipped; a free line (a sample) always is.
    const pending = new Map<string, ShippedLine>();
    let shippedBefore = false;
    for (const l of rows) {
      if (l.line_id === null) continue;
      if (l.shipped) shippedBefore = true;
      else if (Number(l.line_total_fen) === 0 || Number(l.refunded_fen) < Number(l.line_total_fen))
        pending.set(l.line_id, {
          id: l.line_id,
          orderId,
          shopId: l.line_shop_id,
          skuId: l.sku_id,
          quantity: Number(l.quantity),
        });
    }
    let tracked = Boolean(order.tracked);
    const taken = new Set<string>(); // this call's parcels so far
    const shipmentRows: Array<{
      id: string;
      order_id: string;
      shop_id: string;
      carrier: string;
      tracking_no: string;
      status: string;
      created_at: number;
      delivered_at: null;
    }> = [];
    const lineRows: Array<{ shipment_id: string; order_line_id: string; order_id: string }> = [];
    const events: OutboxEntry[] = [];
    const shipmentIds: string[] = [];
    for (const [i, p] of checked.entries()) {
      const ids = p.lineIds ?? [...pending.keys()];
      if (ids.length === 0) throw new DomainError('NOTHING_TO_SHIP', 'every line of this order has shipped already');
      if (new Set(ids).size !== ids.length) throw invalid('a parcel names a line twice', { field: 'lineIds' });
      for (const id of ids)
        if (!pending.has(id))
          throw new DomainError('LINE_NOT_SHIPPABLE', 'a line is unknown or already shipped', { lineId: id });
      const ref = `${p.carrier}\n${p.trackingNo}`;
      if (order[`used${i}`] || taken.has(ref))
        throw new DomainError('TRACKING_NUMBER_USED', 'this carrier and tracking number are already used', {
          trackingNo: p.trackingNo,
        });
      taken.add(ref);
      const shipmentId = newId('shipment', now);
      shipmentRows.push({
        id: shipmentId,
        order_id: orderId,
        shop_id: order.shop_id,
        carrier: p.carrier,
        tracking_no: p.trackingNo,
        status: 'in_transit',
        created_at: now,
        delivered_at: null,
      });
      for (const lineId of ids) lineRows.push({ shipment_id: shipmentId, order_line_id: lineId, order_id: orderId });
      // traceability: which batch(es) each line's units came from
      await recordLineBatches(
        tx,
        ids.map((id) => pending.get(id)!),
        now,
      );
      await bookPickup(tx, { carrier: p.carrier, shipmentId, trackingNo: p.trackingNo }, now);
      for (const id of ids) pending.delete(id);
      if (TRACKED_CARRIERS.includes(p.carrier)) tracked = true;
      shipmentIds.push(shipmentId);
      events.push({
        topic: 'shipment.created',
        subjectId: shipmentId,
        payload: { orderId, shipmentId, carrier: p.carrier, trackingNo: p.trackingNo },
      });
    }
    await insertRows(tx, 'shipments', shipmentRows);
    await insertRows(tx, 'shipment_lines', lineRows);
    if (pending.size > 0) {
      await emitMany(tx, events, now);
      return { shipmentIds, status: order.status };
    }
    // Every line is in a parcel: the order is shipped, its events written with the parcels' in one statement.
    await requireTransition(
      tx,
      { id: orderId, shopId: order.shop_id },
      'paid',
      'shipped',
      { kind: 'merchant', id: actor.userId },
      { code: 'shipped', params: { parcels: shipmentIds.length + (shippedBefore ? 1 : 0) } },
      now,
      {},
      { trackedParcel: tracked, events },
    );
    return { shipmentIds, status: 'shipped' };
  });
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'shipment.created': { orderId: string; shipmentId: string; carrier: string; trackingNo: string };
  }
}
