/**
 * When an order counts as dispatched for the ship-by rule (pure). With a carrier that scans,
 * dispatch is the carrier's first scan (as TikTok Shop measures it); otherwise the merchant's
 * ship action. An order still waiting for its first scan at the deadline is late.
 */
export interface DispatchFacts {
  status: string;
  shipByAt: number | null;
  shippedAt: number | null;
  dispatchedAt: number | null;
  /** Some parcel went with a carrier that reports scans. */
  tracked: boolean;
}

export function dispatchTime(f: DispatchFacts): number | null {
  return f.tracked ? f.dispatchedAt : f.shippedAt;
}

/** Whether the ship-by deadline was missed (checked when it passes). */
export function isLateDispatch(f: DispatchFacts): boolean {
  if (f.status === 'paid') return true;
  const at = dispatchTime(f);
  if (at === null) return f.status === 'shipped' && f.tracked; // handed over but never scanned
  return f.shipByAt !== null && Number(at) > Number(f.shipByAt);
}
