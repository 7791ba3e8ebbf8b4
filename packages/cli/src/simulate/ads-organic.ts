/**
 * `simulate --ads --organic-pages N`: the day before the ads, shoppers with personalisation on
 * scroll the recommend tab the interest engine serves (each card reported seen, as the app does)
 * and buy a video's product after an organic view at a rate that follows how much the simulated
 * shoppers like the product (the same `cvr` that decides purchases after an ad click, scaled
 * down). A purchase is published as the signal a paid order attributed to the video publishes
 * (`purchase`, with the video), without placing the order: the ad day's ledger, orders and
 * attribution carry nothing of the organic day. That is the organic
 * evidence the engine's `purchase` head learns from, and what the auction's per-campaign prior
 * reads (the creative's product's videos): without it the engine knows nothing of the products
 * and the heads' prior is the pooled one. It runs on its own random stream and its own shoppers,
 * so the ad day's viewers, their clicks and purchases are drawn as without it.
 */
import {
  getFeed,
  ingestEvents,
  publishSignals,
  putPersonSettings,
  recommendService,
  type Actor,
  type Core,
  type ManualClock,
} from '@zhongcao/core';
import type { Rng } from './random.js';

/** An organic view ends in a purchase at this share of the product's purchase-after-click rate. */
export const ORGANIC_BUY_SCALE = 0.2;
/** Organic shoppers (personalisation on), apart from the ad day's viewers. */
export const ORGANIC_SHOPPERS = 200;

export interface OrganicDay {
  pages: number;
  views: number;
  purchases: number;
}

export async function organicDay(
  core: Core,
  clock: ManualClock,
  o: {
    pages: number;
    from: number;
    to: number;
    rng: Rng;
    shoppers: readonly Actor[];
    /** The liking of the product a video carries, or null for none. */
    cvrOf: (productId: string) => number | null;
  },
): Promise<OrganicDay> {
  const service = recommendService(core.ctx);
  await service.ready;
  for (const s of o.shoppers) await putPersonSettings(core.ctx, s, { personalizedRecommendation: true });
  const out: OrganicDay = { pages: 0, views: 0, purchases: 0 };
  for (let k = 0; k < o.pages; k++) {
    clock.set(o.from + Math.floor(((k + o.rng.next()) / o.pages) * (o.to - o.from)));
    const who = o.rng.pick(o.shoppers);
    const page = await getFeed(core.ctx, who.userId, {});
    out.pages++;
    // Each card is seen (an impression: the engine trains a served pair only once it was seen); some are bought.
    const events = page.items.map((card) => ({
      type: 'impression',
      videoId: card.id,
      at: clock.now(),
      clientEventId: `organic-${k}-${card.id}`,
    }));
    if (events.length) await ingestEvents(core.ctx, { userId: who.userId }, events);
    out.views += events.length;
    const bought = page.items.flatMap((card) => {
      const productId = card.anchors[0]?.productId;
      const cvr = productId ? o.cvrOf(productId) : null;
      if (!productId || cvr === null || o.rng.next() >= cvr * ORGANIC_BUY_SCALE) return [];
      return [{ actor: who.userId, kind: 'purchase' as const, videoId: card.id, productId, at: clock.now() }];
    });
    if (bought.length) publishSignals(core.ctx.db, bought);
    out.purchases += bought.length;
  }
  await service.flushSteps();
  return out;
}
