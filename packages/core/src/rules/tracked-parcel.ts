/**
 * Which parcels the ship-by rule times by the carrier's first scan (dispatch-rule.ts): those with
 * a carrier that reports scans. The carriers' names live here, below logistics, because the order
 * deadlines (order-deadlines.ts, called by every order transition) read them; logistics re-exports
 * them beside its carrier interface (logistics/carrier.ts).
 */
import type { Tx } from '../context.js';
import { compiledOnce } from '../storage/index.js';

/** The carrier the sandbox simulates: its parcels report tracking events by themselves. */
export const SANDBOX_CARRIER = 'sandbox';

/** Carriers that report scans: their first scan (not the merchant's ship action) is the dispatch. */
export const TRACKED_CARRIERS: readonly string[] = [SANDBOX_CARRIER];

/** The check below, compiled once (every order transition to shipped runs it). */
const trackedParcel = compiledOnce((db, v) =>
  db
    .selectFrom('shipments')
    .select('id')
    .where('order_id', '=', v('orderId'))
    .where(
      'carrier',
      'in',
      TRACKED_CARRIERS.map((_, i) => v(`carrier${i}`)),
    )
    .limit(1),
);
const trackedCarrierValues = Object.fromEntries(TRACKED_CARRIERS.map((c, i) => [`carrier${i}`, c]));

/** Whether an order has a parcel with a carrier that reports scans (then the first scan is its dispatch). */
export async function hasTrackedParcel(tx: Tx, orderId: string): Promise<boolean> {
  return Boolean(await trackedParcel.takeFirst(tx, { orderId, ...trackedCarrierValues }));
}
