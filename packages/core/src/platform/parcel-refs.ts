import { invalid } from './errors.js';

/** A parcel's carrier and tracking number as people type them: the same rule wherever a parcel is shipped (orders, after-sales returns and reshipments, shipment edits). */
export const MIN_CARRIER_CHARS = 2;
export const MAX_CARRIER_CHARS = 30;
export const MIN_TRACKING_NO_CHARS = 6;
export const MAX_TRACKING_NO_CHARS = 40;
/** Letters (Chinese too), digits, spaces, "_" and "-". */
export const CARRIER_PATTERN = new RegExp(`^[A-Za-z0-9\\u4e00-\\u9fa5 _-]{${MIN_CARRIER_CHARS},${MAX_CARRIER_CHARS}}$`);
/** Letters, digits and "-". */
export const TRACKING_NO_PATTERN = new RegExp(`^[A-Za-z0-9-]{${MIN_TRACKING_NO_CHARS},${MAX_TRACKING_NO_CHARS}}$`);

/** What a parcel is known by: its carrier and that carrier's tracking (waybill) number. */
export interface ParcelRef {
  carrier: string;
  trackingNo: string;
}

/**
 * A parcel's carrier and tracking number as typed, without surrounding spaces, checked against the
 * rule above: INVALID_INPUT naming the field (`carrier` first) otherwise. Pure; shipping, shipment
 * edits and after-sales parcels all use it, so one rule answers the same everywhere.
 */
export function checkParcelRef(input: {
  carrier?: string | null | undefined;
  trackingNo?: string | null | undefined;
}): ParcelRef {
  const carrier = typeof input.carrier === 'string' ? input.carrier.trim() : '';
  const trackingNo = typeof input.trackingNo === 'string' ? input.trackingNo.trim() : '';
  if (!CARRIER_PATTERN.test(carrier))
    throw invalid(`carrier must be ${MIN_CARRIER_CHARS}–${MAX_CARRIER_CHARS} characters`, { field: 'carrier' });
  if (!TRACKING_NO_PATTERN.test(trackingNo))
    throw invalid(`trackingNo must be ${MIN_TRACKING_NO_CHARS}–${MAX_TRACKING_NO_CHARS} letters, digits or "-"`, {
      field: 'trackingNo',
    });
  return { carrier, trackingNo };
}
