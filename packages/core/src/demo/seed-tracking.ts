/**
 * Demo parcels that reach their buyers the way a connected carrier reports it: each delivered
 * parcel gets the carrier's scans (揽收 → 运输中 → 派送中 → 已签收) between the time it was shipped
 * and the time it was signed for, applied through the platform's tracking intake, whose last scan
 * delivers the parcel (and the order once every parcel is).
 */
import type { CoreContext } from '../context.js';
import type { ManualClock } from '../platform/index.js';
import { applyTrackingEvent, deliveredScanPlan } from '../logistics/index.js';

/** Scans a shipped parcel through to delivery at `deliveredAt`; leaves the clock there. */
export async function deliverDemoParcel(
  ctx: CoreContext,
  clock: ManualClock,
  shipmentId: string,
  deliveredAt: number,
): Promise<void> {
  const s = await ctx.db
    .selectFrom('shipments')
    .select(['carrier', 'tracking_no', 'created_at'])
    .where('id', '=', shipmentId)
    .executeTakeFirstOrThrow();
  for (const scan of deliveredScanPlan(s.tracking_no, Number(s.created_at), deliveredAt)) {
    clock.set(scan.at);
    await ctx.db.transaction().execute((tx) =>
      applyTrackingEvent(
        tx,
        s.carrier,
        {
          eventId: `${s.tracking_no}:${scan.seq}`,
          trackingNo: s.tracking_no,
          status: scan.status,
          at: scan.at,
          location: scan.location,
          description: scan.description,
        },
        scan.at,
      ),
    );
  }
}
