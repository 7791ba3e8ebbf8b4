/**
 * Which parcels the ship-by rule times by the carrier's first scan (dispatch-rule.ts): those with
 * a carrier that reports scans. The carriers' names live here, below logistics, because the order
 * deadlines (order-deadlines.ts, called by every order transition) read them; logistics re-exports
 * them beside its carrier interface (logistics/carrier.ts).
 */
import type { Tx } from '../context.js';

/** The carrier the sandbox simulates: its parcels report tracking events by themselves. */
export const SANDBOX_CARRIER = 'sandbox';

/** Carriers that report scans: their first scan (not the merchant's ship action) is the dispatch. */
export const TRACKED_CARRIERS: readonly string[] = [SANDBOX_CARRIER];

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
