/**
 * A page from the interest engine with, when asked, paid traffic's candidate creatives' heads for
 * the person the page is for (asked only for someone with personalisation on; computed in the
 * same engine turn as the page, so no second round trip). Pure.
 */
import type { ItemHeads, Recommended } from '@zhongcao/recsys';

/** Creatives asked about per page, at most. */
export const MAX_PAGE_CREATIVES = 32;

/** One creative's engage and purchase heads for the page's person. */
export interface HeadPair {
  engage: number;
  purchase: number;
}

export interface EnginePage {
  recs: Recommended[];
  /** By creative video id, the ones the engine knows; null when none were asked or no answer came. */
  heads: Map<string, HeadPair> | null;
}

/** The answer's heads by video id (a video the engine does not know is left out). */
export function headsById(videoIds: readonly string[], answer: ItemHeads | undefined): Map<string, HeadPair> | null {
  if (!answer) return null;
  const out = new Map<string, HeadPair>();
  videoIds.forEach((id, k) => {
    if (answer.found[k] === 1) out.set(id, { engage: answer.engage[k]!, purchase: answer.purchase[k]! });
  });
  return out;
}

/** The heads as plain rows `[videoId, engage, purchase]` (the engine service's JSON reply). */
export function headRows(heads: ReadonlyMap<string, HeadPair> | null): Array<[string, number, number]> {
  return heads ? [...heads].map(([id, h]) => [id, h.engage, h.purchase]) : [];
}

/** Rows back to the map; anything malformed is left out. */
export function headsFromRows(rows: unknown): Map<string, HeadPair> | null {
  if (!Array.isArray(rows)) return null;
  const out = new Map<string, HeadPair>();
  for (const r of rows)
    if (
      Array.isArray(r) &&
      typeof r[0] === 'string' &&
      typeof r[1] === 'number' &&
      typeof r[2] === 'number' &&
      Number.isFinite(r[1]) &&
      Number.isFinite(r[2])
    )
      out.set(r[0], { engage: r[1], purchase: r[2] });
  return out;
}
