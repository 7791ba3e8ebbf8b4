/**
 * The shop corrects a parcel's carrier or tracking number after shipping (a mistyped waybill,
 * another courier): allowed while the parcel is on its way and the carrier has not scanned it
 * under the old number; the old booking with a connected carrier is cancelled and the new one
 * booked, in one transaction with the audit row and the `shipment.edited` event.
 */
import type { Actor, CoreContext } from '../context.js';
import { DomainError, notFound, newId, checkParcelRef } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { SANDBOX_CARRIER } from './carrier.js';
import { acceptSandboxParcel, cancelSandboxParcel } from './sandbox-carrier.js';

export type ShipmentEditRefusal =
  | 'PARCEL_DELIVERED'
  | 'PARCEL_COLLECTED'
  | 'ORDER_NOT_IN_TRANSIT'
  | 'TRACKING_UNCHANGED';

/** What may be edited, by the parcel's and the order's state. Pure. */
const ORDER_STATES_EDITABLE: ReadonlySet<string> = new Set(['paid', 'shipped']); // paid: partly shipped

export function shipmentEditRefusal(
  p: {
    orderStatus: string;
    shipmentStatus: string;
    trackingStatus: string | null;
    carrier: string;
    trackingNo: string;
  },
  next: { carrier: string; trackingNo: string },
): ShipmentEditRefusal | null {
  if (p.shipmentStatus === 'delivered' || p.trackingStatus === 'delivered') return 'PARCEL_DELIVERED';
  if (!ORDER_STATES_EDITABLE.has(p.orderStatus)) return 'ORDER_NOT_IN_TRANSIT';
  // A carrier that reports scans has the parcel under the old number: that number is real.
  if (p.trackingStatus !== null) return 'PARCEL_COLLECTED';
  if (p.carrier === next.carrier && p.trackingNo === next.trackingNo) return 'TRACKING_UNCHANGED';
  return null;
}

const REFUSAL_TEXT: Record<ShipmentEditRefusal, string> = {
  PARCEL_DELIVERED: 'this parcel has been delivered; its tracking can no longer change',
  PARCEL_COLLECTED: 'the carrier has already scanned this parcel under its tracking number',
  ORDER_NOT_IN_TRANSIT: 'only the parcels of a shipped order on its way can be edited',
  TRACKING_UNCHANGED: 'the carrier and tracking number are the same as before',
};

export interface ShipmentEditInput {
  carrier: string;
  trackingNo: string;
}

/**
 * Edits one parcel of an order (`shipmentId`, or the order's only parcel when absent) as a
 * member of its shop. Strangers and other shops get NOT_FOUND.
 */
export async function editShipmentTracking(
  ctx: CoreContext,
  actor: Actor,
  orderId: string,
  shipmentId: string | undefined,
  input: ShipmentEditInput,
): Promise<{ shipmentId: string }> {
  const { carrier, trackingNo } = checkParcelRef(input);
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const order = await tx
      .selectFrom('orders')
      .select(['id', 'shop_id', 'status'])
      .where('id', '=', orderId)
      .executeTakeFirst();
    if (!order || !actor.shops.has(order.shop_id)) throw notFound('order', orderId);
    let q = tx
      .selectFrom('shipments')
      .select(['id', 'carrier', 'tracking_no', 'status', 'tracking_status'])
      .where('order_id', '=', orderId);
    if (shipmentId) q = q.where('id', '=', shipmentId);
    const parcels = await q.limit(2).execute();
    if (parcels.length === 0) throw notFound('shipment', shipmentId ?? orderId);
    if (parcels.length > 1)
      throw new DomainError('SHIPMENT_REQUIRED', 'this order has several parcels: name the one to edit', {
        field: 'shipmentId',
      });
    const s = parcels[0]!;
    const refusal = shipmentEditRefusal(
      {
        orderStatus: order.status,
        shipmentStatus: s.status,
        trackingStatus: s.tracking_status,
        carrier: s.carrier,
        trackingNo: s.tracking_no,
      },
      { carrier, trackingNo },
    );
    if (refusal) throw new DomainError(refusal, REFUSAL_TEXT[refusal], { shipmentId: s.id });
    const dup = await tx
      .selectFrom('shipments')
      .select('id')
      .where('carrier', '=', carrier)
      .where('tracking_no', '=', trackingNo)
      .executeTakeFirst();
    if (dup)
      throw new DomainError('TRACKING_NUMBER_USED', 'this carrier and tracking number are already used', {
        trackingNo,
      });
    // Conditional on what was read: a concurrent scan or edit makes this one fail, never both win.
    const moved = await tx
      .updateTable('shipments')
      .set({ carrier, tracking_no: trackingNo })
      .where('id', '=', s.id)
      .where('carrier', '=', s.carrier)
      .where('tracking_no', '=', s.tracking_no)
      .where('status', '=', 'in_transit')
      .where('tracking_status', 'is', null)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw new DomainError('SHIPMENT_CHANGED', 'the parcel changed meanwhile; reload and try again', {
        shipmentId: s.id,
      });
    if (s.carrier === SANDBOX_CARRIER && !(await cancelSandboxParcel(tx, s.tracking_no, now))) {
      throw new DomainError('PARCEL_COLLECTED', REFUSAL_TEXT.PARCEL_COLLECTED, { shipmentId: s.id });
    }
    if (carrier === SANDBOX_CARRIER)
      await acceptSandboxParcel(tx, { shipmentId: s.id, trackingNo, ref: `${s.id}:${trackingNo}` }, now);
    await tx
      .insertInto('shipment_edits')
      .values({
        id: newId('shipmentEdit', now),
        shipment_id: s.id,
        order_id: orderId,
        shop_id: order.shop_id,
        old_carrier: s.carrier,
        old_tracking_no: s.tracking_no,
        new_carrier: carrier,
        new_tracking_no: trackingNo,
        actor_id: actor.userId,
        at: now,
      })
      .execute();
    await tx.updateTable('orders').set({ updated_at: now }).where('id', '=', orderId).execute();
    await emit(
      tx,
      'shipment.edited',
      s.id,
      {
        orderId,
        shopId: order.shop_id,
        shipmentId: s.id,
        from: { carrier: s.carrier, trackingNo: s.tracking_no },
        to: { carrier, trackingNo },
      },
      now,
    );
    return { shipmentId: s.id };
  });
}

/** A parcel's edits, oldest first (for the order's history). */
export async function shipmentEdits(
  ctx: CoreContext,
  orderId: string,
): Promise<Array<{ shipmentId: string; from: ShipmentEditInput; to: ShipmentEditInput; actorId: string; at: number }>> {
  const rows = await ctx.db
    .selectFrom('shipment_edits')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    shipmentId: r.shipment_id,
    from: { carrier: r.old_carrier, trackingNo: r.old_tracking_no },
    to: { carrier: r.new_carrier, trackingNo: r.new_tracking_no },
    actorId: r.actor_id,
    at: Number(r.at),
  }));
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'shipment.edited': {
      orderId: string;
      shopId: string;
      shipmentId: string;
      from: { carrier: string; trackingNo: string };
      to: { carrier: string; trackingNo: string };
    };
  }
}
