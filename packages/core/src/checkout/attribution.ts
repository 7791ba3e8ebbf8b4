import { invalid } from '../platform/index.js';
import type { Attribution } from '../affiliate/index.js';

export const ATTRIBUTION_SOURCES = ['video', 'live', 'search', 'shelf', 'link', 'feed', 'cart'] as const;
export const MAX_LINE_QUANTITY = 999;

/** What drove a purchase, passed from the card the buyer tapped; later issues pay commissions from it. */
export function checkAttribution(a: Attribution): void {
  if (!ATTRIBUTION_SOURCES.includes(a.source))
    throw invalid(`attribution.source must be one of ${ATTRIBUTION_SOURCES.join(', ')}`, {
      field: 'attribution.source',
    });
  for (const f of ['contentId', 'creatorId'] as const) {
    const v = a[f];
    if (v !== undefined && v !== null && (typeof v !== 'string' || v.length < 1 || v.length > 64))
      throw invalid(`attribution.${f} must be 1–64 characters`, { field: `attribution.${f}` });
  }
}
