/**
 * The platform's side of tracking: verified carrier callbacks become tracking events (once per
 * event id), a parcel's status only moves forward, the first scan is the order's dispatch (for
 * the ship-by rule), and a delivered parcel delivers the order once every parcel is.
 */
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { DomainError, notFound } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { transitionOrder } from '../orders/index.js';
import { DEADLINE } from '../rules/index.js';
import type { Carrier, TrackingEventInput } from './carrier.js';
import { advances } from './tracking-status.js';

export type TrackingOutcome = 'applied' | 'stale' | 'duplicate';

/** Applies one carrier event inside the caller's transaction. */
export async function applyTrackingEvent(
  tx: Tx,
  carrier: string,
  ev: TrackingEventInput,
  now: number,
): Promise<TrackingOutcome> {
  const s = await tx
    .selectFrom('shipments')
    .select(['id', 'order_id', 'shop_id', 'status', 'tracking_status'])
    .where('carrier', '=', carrier)
    .where('tracking_no', '=', ev.trackingNo)
    .executeTakeFirst();
  if (!s) throw new DomainError('UNKNOWN_PARCEL', 'no parcel has this tracking number', { trackingNo: ev.trackingNo });
  const inserted = await tx
    .insertInto('tracking_events')
    .values({
      carrier,
      event_id: ev.eventId,
      shipment_id: s.id,
      order_id: s.order_id,
      status: ev.status,
      at: ev.at,
      location: ev.location,
      description: ev.description,
      received_at: now,
    })
    .onConflict((oc) => oc.columns(['carrier', 'event_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) return 'duplicate';

  // The earliest scan of any parcel is the order's dispatch; a collection in time ends the ship-by deadline.
  const dispatched = await tx
    .updateTable('orders')
    .set({ dispatched_at: ev.at })
    .where('id', '=', s.order_id)
    .where((eb) => eb.or([eb('dispatched_at', 'is', null), eb('dispatched_at', '>', ev.at)]))
    .returning(['ship_by_at', 'status'])
    .executeTakeFirst();
  if (
    dispatched &&
    dispatched.status === 'shipped' &&
    dispatched.ship_by_at !== null &&
    ev.at <= Number(dispatched.ship_by_at)
  ) {
    await tx
      .updateTable('timers')
      .set({ status: 'cancelled', updated_at: now })
      .where('kind', '=', DEADLINE.shipBy)
      .where('subject_id', '=', s.order_id)
      .where('status', '=', 'pending')
      .where('due_at', '>=', now)
      .execute();
  }

  if (!advances(s.tracking_status, ev.status)) return 'stale';
  const moved = await tx
    .updateTable('shipments')
    .set({ tracking_status: ev.status, tracking_at: ev.at })
    .where('id', '=', s.id)
    .where((eb) =>
      s.tracking_status === null ? eb('tracking_status', 'is', null) : eb('tracking_status', '=', s.tracking_status),
    )
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return 'stale';
  await emit(
    tx,
    'shipment.tracking',
    s.id,
    { orderId: s.order_id, shipmentId: s.id, status: ev.status, at: ev.at },
    now,
  );
  if (ev.status === 'delivered') await deliverParcel(tx, s, now);
  return 'applied';
}

async function deliverParcel(tx: Tx, s: { id: string; order_id: string; shop_id: string }, now: number): Promise<void> {
  await tx
    .updateTable('shipments')
    .set({ status: 'delivered', delivered_at: now })
    .where('id', '=', s.id)
    .where('status', '=', 'in_transit')
    .execute();
  const open = await tx
    .selectFrom('shipments')
    .select('id')
    .where('order_id', '=', s.order_id)
    .where('status', '=', 'in_transit')
    .limit(1)
    .executeTakeFirst();
  if (open) return;
  const order = await tx.selectFrom('orders').select('status').where('id', '=', s.order_id).executeTakeFirst();
  if (order?.status === 'shipped')
    await transitionOrder(
      tx,
      { id: s.order_id, shopId: s.shop_id },
      'shipped',
      'delivered',
      { kind: 'carrier', id: null },
      { code: 'carrier_scan_delivered' },
      now,
    );
}

/** A callback from a carrier: verified, then applied in one transaction. */
export async function receiveTrackingCallback(
  ctx: CoreContext,
  carriers: ReadonlyMap<string, Carrier>,
  carrierName: string,
  headers: Record<string, string | string[] | undefined>,
  raw: string,
): Promise<{ applied: number; stale: number; duplicate: number }> {
  const carrier = carriers.get(carrierName);
  if (!carrier) throw notFound('carrier', carrierName);
  const events = carrier.parseCallback(headers, raw, ctx.clock.now());
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const counts = { applied: 0, stale: 0, duplicate: 0 };
    for (const ev of events) counts[await applyTrackingEvent(tx, carrier.name, ev, now)]++;
    return counts;
  });
}

export interface ParcelTracking {
  shipmentId: string;
  carrier: string;
  trackingNo: string;
  status: string;
  events: Array<{ status: string; at: number; location: string; description: string }>;
}

/** The tracking timeline of an order's parcels: for its buyer, its shop's members and admins; others get NOT_FOUND. */
export async function orderTracking(db: Db, actor: Actor, orderId: string): Promise<{ parcels: ParcelTracking[] }> {
  const order = await db
    .selectFrom('orders')
    .select(['id', 'buyer_id', 'shop_id'])
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!order || !(order.buyer_id === actor.userId || actor.shops.has(order.shop_id) || actor.roles.has('admin')))
    throw notFound('order', orderId);
  const shipments = await db
    .selectFrom('shipments')
    .select(['id', 'carrier', 'tracking_no', 'status', 'tracking_status'])
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
  const events = await db
    .selectFrom('tracking_events')
    .select(['shipment_id', 'status', 'at', 'location', 'description'])
    .where('order_id', '=', orderId)
    .orderBy('at')
    .orderBy('event_id')
    .execute();
  return {
    parcels: shipments.map((s) => ({
      shipmentId: s.id,
      carrier: s.carrier,
      trackingNo: s.tracking_no,
      status: s.status === 'delivered' ? 'delivered' : (s.tracking_status ?? 'awaiting_pickup'),
      events: events
        .filter((e) => e.shipment_id === s.id)
        .map((e) => ({ status: e.status, at: Number(e.at), location: e.location, description: e.description })),
    })),
  };
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'shipment.tracking': { orderId: string; shipmentId: string; status: string; at: number };
  }
}
