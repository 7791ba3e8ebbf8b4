/**
 * The engine's heads for the running campaigns' creatives, kept per store and asked of the
 * engine at most once a minute (and when a creative it has not been asked about appears), never
 * per ad slot: the feed is the hottest path, and a round trip to the engine's thread per slot
 * would double its requests. The heads are item-level — no person's features — so one answer
 * serves every viewer, and a viewer with personalisation off is scored on nothing about them.
 * While the engine is not running or not warm (or in scaled mode, where it runs in other
 * processes), there are no heads and campaigns start from the pooled prior. The creatives held
 * here are also what a personalised viewer's page request carries (`heldCreatives`), so the
 * engine answers their heads for that person with the page (auction.ts).
 */
import type { CoreContext, Db } from '../context.js';
import { runtimeOf, runtimePart } from '../platform/index.js';
import { MAX_PAGE_CREATIVES, runningRecommendService } from '../recommend/index.js';
import type { CreativeHeads } from './head-prior.js';

/** Where the heads come from: the engine of this process, or a test's stand-in. Null: none now. */
export type HeadSource = (ctx: CoreContext, videoIds: readonly string[]) => Promise<Map<string, CreativeHeads> | null>;

/** How long one answer of the engine serves the auctions. */
export const HEADS_REFRESH_MS = 60_000;

/** The engine of this process, when it runs warm here. */
export const engineHeads: HeadSource = async (ctx, videoIds) => {
  const service = runningRecommendService(ctx);
  const answer = service ? await service.itemHeads(videoIds).catch(() => null) : null;
  if (!answer) return null;
  const out = new Map<string, CreativeHeads>();
  videoIds.forEach((id, k) => {
    if (answer.found[k] === 1) out.set(id, { engage: answer.engage[k]!, purchase: answer.purchase[k]! });
  });
  return out;
};

interface HeadsHeld {
  source: HeadSource | null;
  at: number;
  heads: Map<string, CreativeHeads | null>;
  loading: Promise<void> | null;
}

const heldPart = runtimePart<HeadsHeld, Db>('ads.creative-heads', () => ({
  source: null,
  at: -Infinity,
  heads: new Map(),
  loading: null,
}));

/** The heads of these creatives (null for one without), from the last answer while it is under a minute old and knows them all. */
export async function creativeHeads(
  ctx: CoreContext,
  videoIds: readonly string[],
  now: number,
  source: HeadSource = engineHeads,
): Promise<ReadonlyMap<string, CreativeHeads | null>> {
  const held = runtimeOf(ctx.db).use(heldPart);
  const fresh = (): boolean =>
    held.source === source &&
    now >= held.at &&
    now - held.at < HEADS_REFRESH_MS &&
    videoIds.every((id) => held.heads.has(id));
  if (fresh()) return held.heads;
  if (!held.loading) {
    const ids = [...videoIds];
    held.loading = (async () => {
      const got = await source(ctx, ids).catch(() => null);
      held.heads = new Map(ids.map((id) => [id, got?.get(id) ?? null]));
      held.source = source;
      held.at = now;
    })().finally(() => {
      held.loading = null;
    });
  }
  await held.loading;
  return held.heads;
}

/**
 * The running campaigns' creatives (video ids) of the last answer held: what a page request for a
 * viewer with personalisation on carries, so the engine answers their heads for that person with
 * the page. Empty before the first answer, and when more than MAX_PAGE_CREATIVES run (then every
 * viewer is scored on the item-level heads: a page's auction never mixes the two).
 */
export function heldCreatives(ctx: CoreContext): string[] {
  const held = runtimeOf(ctx.db).peek(heldPart);
  if (!held || held.heads.size > MAX_PAGE_CREATIVES) return [];
  return [...held.heads.keys()];
}
