/** A parcel's carrier and tracking number as people type them: the same rule wherever a parcel is shipped (orders, after-sales returns and reshipments, shipment edits). */
export const MIN_CARRIER_CHARS = 2;
export const MAX_CARRIER_CHARS = 30;
export const MIN_TRACKING_NO_CHARS = 6;
export const MAX_TRACKING_NO_CHARS = 40;
/** Letters (Chinese too), digits, spaces, "_" and "-". */
export const CARRIER_PATTERN = new RegExp(`^[A-Za-z0-9\\u4e00-\\u9fa5 _-]{${MIN_CARRIER_CHARS},${MAX_CARRIER_CHARS}}$`);
/** Letters, digits and "-". */
export const TRACKING_NO_PATTERN = new RegExp(`^[A-Za-z0-9-]{${MIN_TRACKING_NO_CHARS},${MAX_TRACKING_NO_CHARS}}$`);
