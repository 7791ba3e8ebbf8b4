/**
 * Ads in the recommend tab. The feed builds its organic page; here each ad slot of the page
 * (ad-rules.ts: first at position 3, six organic items between ads, ≤ 15 %) holds an auction among
 * the eligible campaigns: active, in schedule, with balance and budget left, let through by the
 * pacing throttle, under the viewer's frequency cap, matching the targeting, and of an advertiser
 * (shop or creator) whose paid traffic is not suspended. The targeting
 * reads the person's interests (categories bought) and region only when their personalisation is
 * on; otherwise it is contextual — matched against the categories of the page's own items. The
 * winner must beat the organic item's value and pays the second price (oCPM, per impression),
 * billed when the client reports the impression (billing.ts). Each campaign's predicted rates
 * start from a prior whose means come from its creative's heads in the interest engine,
 * calibrated on the running campaigns (head-prior.ts, creative-heads.ts), or from the pool of
 * all running campaigns (`prior: 'pool'`). For a viewer with personalisation on, the heads are
 * their own: the page request carries the running creatives and the engine answers their heads
 * for this person with the page; otherwise the item-level heads, the same for every viewer. The
 * list of campaigns that may enter (the same for every viewer) is held for a second and dropped on
 * any change to what decides it (candidate-cache.ts); the creatives an auction places are checked
 * against their cards as loaded for the page, so a video taken down or a room that ended is not shown.
 */
import type { CoreContext } from '../context.js';
import { newId } from '../platform/index.js';
import {
  cursorKey,
  decodeCursor,
  FEED_DEFAULT_LIMIT,
  getFeed,
  loadFeedCards,
  markForViewer,
  type FeedPage,
  type FeedQuery,
  type FeedVideoCard,
} from '../feed/index.js';
import { DEFAULT_PERSON_SETTINGS } from '../events/index.js';
import { subjectsUnderPenalty } from '../violations/index.js';
import { currentExperienceTotals, paidTrafficAllowed } from '../experience/index.js';
import {
  adDay,
  bidderOf,
  expectedShareByEndOfSlot,
  FREQUENCY_CAP_PER_DAY,
  isAdSlot,
  maxAdsOnPage,
  organicValueFen,
  participation,
  pooledPrior,
  predict,
  runAuction,
  shanghaiDayStart,
  slotOf,
  slotOn,
  type Bidder,
  type PooledPrior,
} from './ad-rules.js';
import { DEFAULT_AD_PRIOR, headPriors, pageHeads, type AdPriorSource, type CreativeHeads } from './head-prior.js';
import { creativeHeads, engineHeads, heldCreatives, type HeadSource } from './creative-heads.js';
import type { AdBidKind, AdGoal, AdOwner, AdPacing } from './ad-types.js';
import { liveRoomItems, type LiveAdRoom } from './live-ads.js';
import { ownerOf } from './ad-account.js';
import { heldCandidates } from './candidate-cache.js';

export interface AdMark {
  impressionId: string;
  campaignId: string;
  /** Set for a live-room ad: the item is the room's card; entering the room from it is the conversion. */
  liveRoom?: LiveAdRoom;
}

export interface FeedPageWithAds extends FeedPage {
  /** Per item: the ad's impression id and campaign, or null for an organic item. */
  ads: Array<AdMark | null>;
}

export interface Candidate {
  id: string;
  owner: AdOwner;
  /** The video served, or null for a live-room campaign (liveRoomId set). */
  videoId: string | null;
  liveRoomId: string | null;
  lookalike: boolean;
  productId: string | null;
  goal: AdGoal;
  bidKind: AdBidKind;
  pacing: AdPacing;
  schedule: string;
  budgetFen: number;
  spentTodayMfen: number;
  costCapFen: number | null;
  roiTargetCenti: number | null;
  impressions: number;
  clicks: number;
  conversions: number;
  gmvFen: number;
  categories: string[];
  regions: string[];
  priceFen: number | null;
  productCategory: string | null;
  likes: number;
  views: number;
}

/**
 * Campaigns that may enter an auction now (before viewer checks): the store's list, held for a
 * second and dropped on a change (candidate-cache.ts), then checked on every page against the
 * half-hour schedule, paid-traffic suspensions and the shops' experience scores.
 */
export async function liveCandidates(ctx: CoreContext, now: number): Promise<Candidate[]> {
  const day = adDay(now);
  const held = await heldCandidates(ctx, now, day, () => readCandidates(ctx, day));
  const slot = slotOf(now);
  const scheduled = held.filter((c) => slotOn(c.schedule, slot));
  // An advertiser whose paid traffic is suspended for violation points serves nothing meanwhile (shop or creator alike).
  const suspended = scheduled.length
    ? await subjectsUnderPenalty(ctx.db, 'paid_traffic_suspension', now)
    : new Set<string>();
  // A shop whose experience score fell below the paid-traffic threshold after its campaigns were created serves nothing until it recovers.
  const shopIds = [...new Set(scheduled.filter((c) => c.owner.kind === 'shop').map((c) => c.owner.id))];
  const scores = shopIds.length ? await currentExperienceTotals(ctx.db, shopIds) : new Map<string, number | null>();
  return scheduled.filter(
    (c) =>
      !suspended.has(`${c.owner.kind}:${c.owner.id}`) &&
      (c.owner.kind !== 'shop' || paidTrafficAllowed(scores.get(c.owner.id) ?? null)),
  );
}

/** The join behind the held list: active campaigns whose creative is up and whose account has a balance, with today's spend. */
async function readCandidates(ctx: CoreContext, day: string): Promise<Candidate[]> {
  const rows = await ctx.db
    .selectFrom('ad_campaigns as c')
    .innerJoin('ad_accounts as a', (j) =>
      j.onRef('a.owner_kind', '=', 'c.owner_kind').onRef('a.owner_id', '=', 'c.owner_id'),
    )
    .leftJoin('videos as v', 'v.id', 'c.video_id')
    .leftJoin('live_rooms as r', 'r.id', 'c.live_room_id')
    .leftJoin('ad_campaign_days as d', (j) => j.onRef('d.campaign_id', '=', 'c.id').on('d.day', '=', day))
    .leftJoin('products as p', 'p.id', 'c.product_id')
    .select([
      'c.id',
      'c.owner_kind',
      'c.owner_id',
      'c.video_id',
      'c.product_id',
      'c.goal',
      'c.bid_kind',
      'c.pacing',
      'c.schedule',
      'c.daily_budget_fen',
      'c.cost_cap_fen',
      'c.roi_target_centi',
      'c.impressions',
      'c.clicks',
      'c.conversions',
      'c.gmv_fen',
      'c.target_categories',
      'c.target_regions',
      'c.live_room_id',
      'c.target_lookalike',
      'd.spent_mfen as spent_today',
      'p.min_price_fen as price_fen',
      'p.category_id',
      'v.likes',
      'v.views',
    ])
    .where('c.status', '=', 'active')
    // A video creative while published; a live room only while it is live.
    .where((eb) => eb.or([eb('v.status', '=', 'published'), eb('r.status', '=', 'live')]))
    .where('a.balance_mfen', '>', 0)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    owner: ownerOf(r),
    videoId: r.live_room_id ? null : r.video_id,
    liveRoomId: r.live_room_id,
    lookalike: Number(r.target_lookalike) === 1,
    productId: r.product_id,
    goal: r.goal as AdGoal,
    bidKind: r.bid_kind as AdBidKind,
    pacing: r.pacing as AdPacing,
    schedule: r.schedule,
    budgetFen: Number(r.daily_budget_fen),
    spentTodayMfen: Number(r.spent_today ?? 0),
    costCapFen: r.cost_cap_fen === null ? null : Number(r.cost_cap_fen),
    roiTargetCenti: r.roi_target_centi,
    impressions: Number(r.impressions),
    clicks: Number(r.clicks),
    conversions: Number(r.conversions),
    gmvFen: Number(r.gmv_fen),
    categories: JSON.parse(r.target_categories) as string[],
    regions: JSON.parse(r.target_regions) as string[],
    priceFen: r.price_fen === null ? null : Number(r.price_fen),
    productCategory: r.category_id ?? null,
    likes: Number(r.likes ?? 0),
    views: Number(r.views ?? 0),
  }));
}

/** What targeting may read about the viewer: their interests and region when personalised, else the page's context. */
interface Viewer {
  /** The person's personalisation switch is on (anonymous viewers: off). */
  personal: boolean;
  categories: Set<string>;
  region: string | null;
  /** Lookalike campaigns whose precomputed audience holds the viewer (empty when personalisation is off). */
  lookalikeOf: Set<string>;
}

async function audience(
  ctx: CoreContext,
  userId: string | null,
  organic: readonly FeedVideoCard[],
  lookalikeIds: readonly string[],
): Promise<Viewer> {
  const personal = userId ? await personalisationOn(ctx, userId) : false;
  const productIds = organic.flatMap((c) => c.anchors.map((a) => a.productId));
  const contextual = productIds.length
    ? await ctx.db.selectFrom('products').select('category_id').where('id', 'in', productIds).execute()
    : [];
  const categories = new Set(contextual.map((r) => r.category_id));
  if (!personal || !userId) return { personal: false, categories, region: null, lookalikeOf: new Set() };
  const bought = await ctx.db
    .selectFrom('order_lines')
    .innerJoin('orders', 'orders.id', 'order_lines.order_id')
    .innerJoin('products', 'products.id', 'order_lines.product_id')
    .select('products.category_id')
    .where('orders.buyer_id', '=', userId)
    .limit(200)
    .execute();
  for (const b of bought) categories.add(b.category_id);
  const addr = await ctx.db
    .selectFrom('addresses')
    .select('province')
    .where('user_id', '=', userId)
    .orderBy('is_default', 'desc')
    .executeTakeFirst();
  const members = lookalikeIds.length
    ? await ctx.db
        .selectFrom('ad_audiences')
        .select('campaign_id')
        .where('actor_key', '=', userId)
        .where('campaign_id', 'in', [...lookalikeIds])
        .execute()
    : [];
  return {
    personal: true,
    categories,
    region: addr?.province ?? null,
    lookalikeOf: new Set(members.map((m) => m.campaign_id)),
  };
}

async function personalisationOn(ctx: CoreContext, userId: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('person_settings')
    .select('personalized_recommendation')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? Number(row.personalized_recommendation) === 1 : DEFAULT_PERSON_SETTINGS.personalizedRecommendation;
}

function matches(c: Candidate, who: Viewer): boolean {
  // "People like my buyers" reads the person's history: never when personalisation is off.
  if (c.lookalike && !who.lookalikeOf.has(c.id)) return false;
  if (c.categories.length && !c.categories.some((x) => who.categories.has(x))) return false;
  if (c.regions.length && (who.region === null || !c.regions.includes(who.region))) return false;
  return true;
}

export interface AdsOptions {
  /** The random source of the pacing throttle (tests and the simulator pass a seeded one). */
  random?: () => number;
  /** Told of each ad slot's auction (the simulator uses it to tell a throttled campaign from an outbid one). */
  onAuction?: (a: AuctionTrace) => void;
  /**
   * Where each campaign's prior means come from: its creative's heads in the interest engine,
   * calibrated on the running campaigns ('heads'), or the pool of all running campaigns ('pool').
   */
  prior?: AdPriorSource;
  /** Where the heads come from (tests pass a stand-in; by default the engine of this process). */
  heads?: HeadSource;
  /**
   * For a viewer with personalisation on, ask the engine for their own heads with the page
   * (default true); false keeps the item-level heads for everyone (the simulator's comparison).
   */
  viewerHeads?: boolean;
}

/** One ad slot's auction: who the pacing throttle kept out, who bid (score = eCPM × quality) and who won at what price. */
export interface AuctionTrace {
  now: number;
  /**
   * Campaigns eligible for this viewer (schedule, balance, frequency cap, targeting) that the
   * throttle kept out of the page's auctions, with their spend today and what the pacing curve
   * allowed by the end of this half-hour (the whole budget for fast pacing), in milli-fen.
   */
  throttled: Array<{ campaignId: string; spentMfen: number; allowedMfen: number }>;
  /** Each bid's score (eCPM × quality) and the means it is charged on: pCTR and pCVR, and the pCVR prior they started from. */
  bids: Array<{ campaignId: string; score: number; pctr?: number; pcvr?: number; priorCvr?: number }>;
  winner: { campaignId: string; priceMfen: number } | null;
  /** Whose heads the priors came from: the viewer's own (personalisation on), the item-level ones, or none (pooled). */
  heads?: 'viewer' | 'item' | 'none';
}

/**
 * Each campaign's prior means for this page's auctions: the pooled prior of all running campaigns,
 * or (the default) its creative's heads in the engine calibrated on them (head-prior.ts), read
 * from the heads held for a minute (creative-heads.ts).
 */
async function campaignPriors(
  ctx: CoreContext,
  all: readonly Candidate[],
  now: number,
  opts: AdsOptions,
  viewerHeads: ReadonlyMap<string, CreativeHeads> | null,
): Promise<{ of: (c: Candidate) => PooledPrior; heads: NonNullable<AuctionTrace['heads']> }> {
  const pooled = pooledPrior(all);
  const none = { of: () => pooled, heads: 'none' as const };
  if ((opts.prior ?? DEFAULT_AD_PRIOR) === 'pool') return none;
  const videos = [...new Set(all.flatMap((c) => (c.videoId ? [c.videoId] : [])))];
  if (videos.length === 0) return none;
  const held = await creativeHeads(ctx, videos, now, opts.heads ?? engineHeads);
  // The viewer's own heads (asked with the page, personalisation on) in place of the item-level ones.
  const page = pageHeads(
    all.map((c) => ({ videoId: c.videoId, heads: c.videoId ? (held.get(c.videoId) ?? null) : null })),
    viewerHeads,
  );
  const priors = headPriors(all.map((c, k) => ({ ...c, heads: page.heads[k]! })));
  return {
    of: (c) => priors.get(c.id) ?? pooled,
    heads: page.perViewer ? 'viewer' : page.heads.some((h) => h !== null) ? 'item' : 'none',
  };
}

/** The recommend page with its ads placed; the following tab and viewers without an id come back unchanged. */
export async function feedWithAds(
  ctx: CoreContext,
  userId: string | null,
  q: FeedQuery,
  opts: AdsOptions = {},
): Promise<FeedPageWithAds> {
  // A signed-in viewer's page request carries the running creatives; the feed sends them to the
  // engine only when the viewer's personalisation is on, and the engine answers their heads for
  // this person with the page (nothing about the person is asked otherwise).
  const creatives =
    userId && (opts.prior ?? DEFAULT_AD_PRIOR) === 'heads' && opts.viewerHeads !== false ? heldCreatives(ctx) : [];
  const { creativeHeads: viewerHeads, ...page } = await getFeed(ctx, userId, q, creatives.length ? { creatives } : {});
  const plain = { ...page, ads: page.items.map(() => null) };
  const viewerKey = userId ?? (q.viewerId ? `anon:${q.viewerId}` : null);
  if ((q.tab ?? 'recommend') !== 'recommend' || !viewerKey || page.items.length === 0) return plain;
  const limit = q.limit ?? FEED_DEFAULT_LIMIT;
  const cursor = q.cursor ? decodeCursor(await cursorKey(ctx.db), q.cursor) : null;
  const offset = (cursor && cursor.kind === 'recommend' ? cursor.page : 0) * limit;
  const slots = page.items
    .map((_, i) => i)
    .filter((i) => isAdSlot(offset + i))
    .slice(0, maxAdsOnPage(page.items.length));
  if (slots.length === 0) return plain;

  const now = ctx.clock.now();
  const random = opts.random ?? Math.random;
  const all = await liveCandidates(ctx, now);
  if (all.length === 0) return plain;
  let candidates = all;
  const seen = await ctx.db
    .selectFrom('ad_serves')
    .select(['campaign_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('viewer_key', '=', viewerKey)
    .where('served_at', '>=', shanghaiDayStart(now))
    .groupBy('campaign_id')
    .execute();
  const capped = new Set(seen.filter((s) => Number(s.n) >= FREQUENCY_CAP_PER_DAY).map((s) => s.campaign_id));
  const who = await audience(
    ctx,
    userId,
    page.items,
    candidates.filter((c) => c.lookalike).map((c) => c.id),
  );
  const onPage = new Set(page.items.map((c) => c.id));
  const throttled: AuctionTrace['throttled'] = [];
  candidates = candidates.filter((c) => {
    if (capped.has(c.id) || (c.videoId && onPage.has(c.videoId)) || !matches(c, who)) return false;
    if (
      random() <
      participation({
        pacing: c.pacing,
        schedule: c.schedule,
        budgetFen: c.budgetFen,
        spentMfen: c.spentTodayMfen,
        now,
      })
    )
      return true;
    throttled.push({
      campaignId: c.id,
      spentMfen: c.spentTodayMfen,
      allowedMfen: c.budgetFen * 1000 * (c.pacing === 'even' ? expectedShareByEndOfSlot(c.schedule, now) : 1),
    });
    return false;
  });

  const priors = candidates.length
    ? await campaignPriors(ctx, all, now, opts, who.personal ? (viewerHeads ?? null) : null)
    : { of: () => pooledPrior(all), heads: 'none' as const };
  const priorOf = priors.of;
  const placed: Array<{ before: number; c: Candidate; priceMfen: number; ecpm: number; id: string }> = [];
  for (const i of slots) {
    const pool = candidates.filter(
      (c) => !placed.some((p) => p.c.id === c.id || (p.c.videoId ?? p.c.liveRoomId) === (c.videoId ?? c.liveRoomId)),
    );
    const bidders: Bidder[] = pool.map((c) => bidderOf(c, priorOf(c)));
    const organic = page.items[i]!;
    const won = runAuction(bidders, organicValueFen(organic.anchors[0]?.priceFen ?? null));
    opts.onAuction?.({
      now,
      throttled,
      bids: pool.map((c, k) => {
        const prior = priorOf(c);
        return {
          campaignId: c.id,
          score: bidders[k]!.bidEcpm * bidders[k]!.quality,
          ...predict(c, prior),
          priorCvr: c.goal === 'live_entries' ? prior.liveCvr : prior.cvr,
        };
      }),
      winner: won ? { campaignId: won.winner.campaignId, priceMfen: won.priceMfen } : null,
      heads: priors.heads,
    });
    if (!won) continue;
    const c = pool.find((x) => x.id === won.winner.campaignId)!;
    placed.push({ before: i, c, priceMfen: won.priceMfen, ecpm: Math.round(won.score), id: newId('adServe', now) });
  }
  if (placed.length === 0) return plain;
  const cards = await loadFeedCards(
    ctx.db,
    placed.flatMap((p) => (p.c.videoId ? [p.c.videoId] : [])),
  );
  const rooms = await liveRoomItems(
    ctx,
    placed.flatMap((p) => (p.c.liveRoomId ? [p.c.liveRoomId] : [])),
  );
  const videoCards = await markForViewer(
    ctx.db,
    userId,
    placed.flatMap((p) => (p.c.videoId && cards.has(p.c.videoId) ? [cards.get(p.c.videoId)!] : [])),
  );
  const marked = new Map(videoCards.map((c) => [c.id, c]));
  const adItem = (p: (typeof placed)[number]): { card: FeedVideoCard; liveRoom?: LiveAdRoom } | null => {
    if (p.c.liveRoomId) {
      const r = rooms.get(p.c.liveRoomId);
      return r?.live ? { card: r.card, liveRoom: r.room } : null;
    }
    const card = p.c.videoId ? marked.get(p.c.videoId) : undefined;
    return card?.status === 'published' ? { card } : null;
  };
  // The creatives as they are now (the campaign list may be a second old): a video taken down or a
  // room that ended meanwhile is neither shown nor recorded as served.
  const shown = placed.flatMap((p) => {
    const item = adItem(p);
    return item ? [{ ...p, item }] : [];
  });
  if (shown.length === 0) return plain;
  await ctx.db
    .insertInto('ad_serves')
    .values(
      shown.map((p) => ({
        id: p.id,
        campaign_id: p.c.id,
        owner_kind: p.c.owner.kind,
        owner_id: p.c.owner.id,
        viewer_key: viewerKey,
        video_id: p.c.videoId ?? '',
        live_room_id: p.c.liveRoomId,
        entered_at: null,
        product_id: p.c.productId,
        ecpm_fen: p.ecpm,
        price_mfen: p.priceMfen,
        status: 'served',
        invalid_reason: null,
        billed_mfen: 0,
        served_at: now,
        seen_at: null,
        clicked_at: null,
        click_status: null,
      })),
    )
    .execute();
  const items: FeedVideoCard[] = [];
  const ads: Array<AdMark | null> = [];
  const reasons: NonNullable<FeedPage['reasons']> = [];
  page.items.forEach((card, i) => {
    shown.forEach((p) => {
      if (p.before !== i) return;
      items.push(p.item.card);
      ads.push({ impressionId: p.id, campaignId: p.c.id, ...(p.item.liveRoom ? { liveRoom: p.item.liveRoom } : {}) });
      reasons.push({ code: 'more', params: {} });
    });
    items.push(card);
    ads.push(null);
    const r = page.reasons?.[i];
    if (r) reasons.push(r);
  });
  return { items, nextCursor: page.nextCursor, ...(page.reasons ? { reasons } : {}), ads };
}

/** The page as JSON: the feed's own items, an ad item carrying `ad: { impressionId, campaignId, label: "广告" }`. */
export function feedWithAdsToJson(page: FeedPageWithAds): string {
  const items = page.items.map((card, i) => {
    const extra: Record<string, unknown> = {};
    const reason = page.reasons?.[i];
    const ad = page.ads[i];
    if (ad) extra.ad = { ...ad, label: '广告' };
    else if (reason) extra.reason = reason;
    const json = JSON.stringify(card);
    const tail = Object.keys(extra).length ? `,${JSON.stringify(extra).slice(1, -1)}` : '';
    return `${json.slice(0, -1)}${tail}}`;
  });
  return `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
}
