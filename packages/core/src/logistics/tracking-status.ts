/** Tracking statuses and their order (pure): a parcel's status only ever moves forward. */
export const TRACKING_STATUSES = ['collected', 'in_transit', 'out_for_delivery', 'exception', 'delivered'] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

const RANK: Record<TrackingStatus, number> = {
  collected: 1,
  in_transit: 2,
  out_for_delivery: 3,
  exception: 4,
  delivered: 5,
};

export function isTrackingStatus(s: unknown): s is TrackingStatus {
  return typeof s === 'string' && (TRACKING_STATUSES as readonly string[]).includes(s);
}

/** Whether `next` moves a parcel forward from `current` (null: nothing scanned yet). */
export function advances(current: string | null, next: TrackingStatus): boolean {
  if (current === null || !isTrackingStatus(current)) return true;
  return RANK[next] > RANK[current];
}
