/** Booking the carrier when a merchant ships (inside the shipping transaction). */
import type { Tx } from '../context.js';
import { SANDBOX_CARRIER, TRACKED_CARRIERS } from './carrier.js';
import { acceptSandboxParcel } from './sandbox-carrier.js';

/** Books a pickup with carriers the platform is connected to; other carriers are recorded only. */
export async function bookPickup(
  tx: Tx,
  input: { carrier: string; shipmentId: string; trackingNo: string },
  now: number,
): Promise<void> {
  if (input.carrier === SANDBOX_CARRIER) await acceptSandboxParcel(tx, input, now);
}

/** Whether an order has a parcel with a carrier that reports scans (then the first scan is its dispatch). */
export async function hasTrackedParcel(tx: Tx, orderId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('shipments')
    .select('id')
    .where('order_id', '=', orderId)
    .where('carrier', 'in', TRACKED_CARRIERS)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}
