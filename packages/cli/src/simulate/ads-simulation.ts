/**
 * `zhongcao simulate --ads`: one simulated day of paid traffic through the real core path — feed
 * pages with their auctions (`feedWithAds`), impression reports billed one by one, clicks, and
 * purchases paid through the sandbox provider and attributed by the outbox — on a fresh store with
 * a manual clock stepping through the day. Feed requests follow the day's traffic curve; viewers
 * click with a fixed hidden rate and buy with a rate per product (some products are liked more).
 * Reports each campaign's budget use (and the share of its budget spent before noon), ROI, the ad
 * load and the organic completion rate with ads against the same pages without them
 * (ads-viewing.ts).
 *
 * The three even-paced campaigns are alike in everything the platform sees — cost cap, budget,
 * product price and the creative's likes — and differ only in how often the simulated shoppers buy
 * after a click (`cvr`), so their ROI compares liking and nothing else. Each campaign's
 * `limited_by` (ads-diagnosis.ts) says why it ended under budget: the pacer or its bid.
 *
 * The market: several advertisers with different cost caps, and one always-on advertiser with a
 * low bid and a large budget, as a real feed has. Without that depth (three campaigns of ¥100 on
 * a day of 5,000 pages) the lowest even-paced bidder won most slots uncontested and paid the
 * reserve price (the organic item's value, under 1 fen an impression): it spent 27 % of its
 * budget on 2,933 impressions while always allowed to enter — a correct second-price outcome of
 * a thin market, not a pacing defect.
 */
import {
  addAddress,
  adDay,
  checkout,
  pooledPrior,
  predict,
  createCategory,
  createCampaign,
  createProduct,
  createShop,
  feedWithAds,
  loadActor,
  ManualClock,
  newId,
  openCore,
  openCashier,
  putPersonSettings,
  receiveNotification,
  receiveTopupNotification,
  register,
  reportClick,
  reportImpressions,
  shopOwner,
  startTopup,
  TRAFFIC_CURVE,
  DEFAULT_AD_PRIOR,
  type Actor,
  type AdPriorSource,
  type AuctionTrace,
  type Core,
} from '@zhongcao/core';
import { seededRng, streamSeed, type Rng } from './random.js';
import { completionDelta, emptyTally, tallyPage } from './ads-viewing.js';
import { AuctionObserver, limitedBy, type AuctionTally, type LimitedBy } from './ads-diagnosis.js';
import { organicDay, ORGANIC_SHOPPERS, type OrganicDay } from './ads-organic.js';

export interface AdsSimulationOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  seed: number;
  /** Feed pages requested over the day. */
  requests: number;
  viewers: number;
  log: (msg: string) => void;
  /** Where the auction's priors come from (default: the engine's heads, calibrated). */
  prior?: AdPriorSource | undefined;
  /** Organic pages the day before, served by the engine to shoppers with personalisation on (ads-organic.ts); 0: none, the engine does not run. */
  organicPages?: number | undefined;
  /**
   * The ad day's viewers have personalisation on: their pages come from the engine and carry the
   * running creatives, and the auction runs on each viewer's own heads (default off: the item-level heads).
   */
  personalised?: boolean | undefined;
  /** With `personalised`: keep the item-level heads for everyone (the comparison without per-viewer heads). */
  itemHeadsOnly?: boolean | undefined;
}

export interface CampaignOutcome {
  name: string;
  pacing: 'even' | 'fast';
  /** How often a click ends in a purchase in the simulation (the shoppers' liking, hidden from the platform). */
  cvr: number;
  cost_cap_fen: number;
  price_fen: number;
  budget_fen: number;
  spent_fen: number;
  budget_use: number;
  /** Spent before 12:00, as a share of the daily budget (target for even pacing ≤ 0.6). */
  spent_before_noon: number;
  impressions: number;
  clicks: number;
  /** Purchases the simulated viewers made after a click on this campaign's ad (what `conversions` should count). */
  purchases: number;
  conversions: number;
  gmv_fen: number;
  roi: number | null;
  /** The platform's predictions in the campaign's last auction (its history over its prior; over the pooled prior if it never bid). */
  predicted_ctr: number;
  predicted_cvr: number;
  /** The mean of the conversion prior it started from in its last auction (pooled, or from its creative's heads). */
  prior_cvr: number | null;
  /** Why it ended where it did: its budget, the pacer, or its bid (ads-diagnosis.ts). */
  limited_by: LimitedBy;
  auctions: AuctionTally;
}

export interface AdsSimulationReport {
  day: string;
  prior: AdPriorSource;
  /** The ad day's viewers had personalisation on. */
  personalised: boolean;
  /** Auctions by the heads their priors came from: the viewer's own, the item-level ones, none (pooled). */
  auction_heads: { viewer: number; item: number; none: number };
  /** The organic day before (null: none). */
  organic: OrganicDay | null;
  requests: number;
  items: number;
  ads: number;
  ads_ratio: number;
  /** Organic completion rate with ads vs the same pages without them (target ≥ −0.03). */
  organic_completion_delta: number;
  organic_completion_with_ads: number;
  organic_completion_without_ads: number;
  campaigns: CampaignOutcome[];
  seconds: number;
}

const HALF_HOUR = 1_800_000;

/**
 * The campaigns of the simulated day. `cvr`: how often a click on the shop's product ends in a
 * purchase — how much the simulated shoppers like it. The three even campaigns are equal in cap,
 * budget, price and likes; the fast ones are a rival with a high cap and an always-on advertiser
 * with a low cap and a large budget (the market's depth).
 */
export const ADS_PLANS = [
  {
    name: '均匀·爱买',
    pacing: 'even' as const,
    costCapFen: 120_00,
    budget: 100_00,
    cvr: 0.14,
    priceFen: 5990,
    likes: 6,
  },
  {
    name: '均匀·一般',
    pacing: 'even' as const,
    costCapFen: 120_00,
    budget: 100_00,
    cvr: 0.1,
    priceFen: 5990,
    likes: 6,
  },
  {
    name: '均匀·少买',
    pacing: 'even' as const,
    costCapFen: 120_00,
    budget: 100_00,
    cvr: 0.06,
    priceFen: 5990,
    likes: 6,
  },
  {
    name: '尽快·控成本',
    pacing: 'fast' as const,
    costCapFen: 140_00,
    budget: 100_00,
    cvr: 0.1,
    priceFen: 8990,
    likes: 8,
  },
  {
    name: '尽快·常投大预算',
    pacing: 'fast' as const,
    costCapFen: 80_00,
    budget: 2_000_00,
    cvr: 0.08,
    priceFen: 9990,
    likes: 9,
  },
] as const;
const TRUE_CTR = 0.04;

/** Monday 00:00 Asia/Shanghai of the week after now. */
function nextMonday(now: number): number {
  const day = Math.floor((now + 8 * 3_600_000) / 86_400_000);
  const weekday = (day + 3) % 7; // 1970-01-01 was a Thursday; Monday = 0
  return (day + 7 - weekday) * 86_400_000 - 8 * 3_600_000;
}

async function person(core: Core, login: string, hash: string | undefined): Promise<{ actor: Actor; hash: string }> {
  const u = await register(core.ctx, { login, password: 'simulate-password-1', displayName: login }, hash);
  const row = await core.ctx.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', u.id)
    .executeTakeFirstOrThrow();
  return { actor: await loadActor(core.ctx.db, u.id), hash: row.password_hash };
}

async function deliver(core: Core): Promise<void> {
  await core.sandbox.deliverDue(1000, async (url, body, headers) => {
    if (url.includes('/ads/topups/notify/')) await receiveTopupNotification(core.ctx, 'sandbox', headers, body);
    else await receiveNotification(core.ctx, 'sandbox', headers, body);
    return 200;
  });
}

export async function runAdsSimulation(o: AdsSimulationOptions): Promise<AdsSimulationReport> {
  const started = performance.now();
  const clock = new ManualClock(nextMonday(Date.now()) - 3 * 86_400_000);
  const core = await openCore({ dataDir: o.dataDir, databaseUrl: o.databaseUrl, clock });
  try {
    // Separate streams for the traffic, the pacing throttle and the viewers' clicks and purchases, so the
    // number of throttle draws a page takes (one per eligible campaign) never shifts what the viewers do.
    const rng = seededRng(o.seed);
    const throttle = seededRng(streamSeed(o.seed, 1));
    const behaviour = seededRng(streamSeed(o.seed, 2));
    const ctx = core.ctx;
    // Shops with a product and a video each, a creator with organic videos carrying products.
    const { actor: creator, hash } = await person(core, 'sim-creator', undefined);
    const category = await createCategory(ctx, null, {
      name: '水果',
      shipByHours: 48,
      perishable: true,
      feeRateBp: 200,
    });
    // `cvr`: how often a click on the shop's product ends in a purchase — the products the simulated shoppers like more.
    // The three even campaigns differ only in `cvr`: same cap, budget, price and creative likes.
    const plans = ADS_PLANS;
    const shops: Array<{
      owner: Actor;
      shopId: string;
      skuId: string;
      productId: string;
      videoId: string;
      cvr: number;
    }> = [];
    const now0 = clock.now();
    for (let i = 0; i < plans.length; i++) {
      const { actor } = await person(core, `sim-merchant-${i}`, hash);
      const shop = await createShop(ctx, actor, {
        name: `模拟店铺 ${i + 1}`,
        shippingFeeFen: 0,
        freeShippingOverFen: null,
      });
      const owner = await loadActor(ctx.db, actor.userId);
      const product = await createProduct(ctx, owner, shop.id, {
        categoryId: category.id,
        title: `模拟商品 ${i + 1}`,
        specOptions: [{ name: '规格', values: ['一箱'] }],
        skus: [{ specValues: ['一箱'], priceFen: plans[i]!.priceFen, stock: 100_000 }],
        status: 'listed',
      });
      const videoId = newId('video', now0);
      await ctx.db
        .insertInto('videos')
        .values([
          {
            id: videoId,
            owner_id: owner.userId,
            host_kind: 'shop',
            shop_id: shop.id,
            title: `店播 ${i + 1}`,
            caption: '产地直发',
            hashtags: '[]',
            status: 'published',
            file_name: `${videoId}.mp4`,
            content_type: 'video/mp4',
            bytes: 1,
            duration_ms: 15_000,
            poster_file: null,
            views: 100,
            likes: plans[i]!.likes,
            comments: 0,
            shares: 0,
            completions: 0,
            created_at: now0 - 30 * 86_400_000,
            published_at: now0 - 30 * 86_400_000,
            updated_at: now0,
          },
        ])
        .execute(); // older than the feed's new and popular lists
      await ctx.db
        .insertInto('video_anchors')
        .values({ video_id: videoId, product_id: product.id, position: 0 })
        .execute();
      shops.push({
        owner,
        shopId: shop.id,
        skuId: product.skuIds[0]!,
        productId: product.id,
        videoId,
        cvr: plans[i]!.cvr,
      });
    }
    const organic = Array.from({ length: 300 }, (_, k) => newId('video', now0 - k));
    await ctx.db
      .insertInto('videos')
      .values(
        organic.map((id, k) => ({
          id,
          owner_id: creator.userId,
          host_kind: 'creator',
          shop_id: null,
          title: `日常 ${k}`,
          caption: '好物分享',
          hashtags: '[]',
          status: 'published',
          file_name: `${id}.mp4`,
          content_type: 'video/mp4',
          bytes: 1,
          duration_ms: 15_000,
          poster_file: null,
          views: 50,
          likes: k % 7,
          comments: 0,
          shares: 0,
          completions: 0,
          created_at: now0 - k * 60_000,
          published_at: now0 - k * 60_000,
          updated_at: now0,
        })),
      )
      .execute();
    await ctx.db
      .insertInto('video_anchors')
      .values(organic.map((id, k) => ({ video_id: id, product_id: shops[k % shops.length]!.productId, position: 0 })))
      .execute();
    // Top-ups through the provider, then the campaigns.
    const campaignIds: string[] = [];
    for (let i = 0; i < plans.length; i++) {
      const s = shops[i]!;
      const { cashierUrl } = await startTopup(ctx, s.owner, shopOwner(s.shopId), 10_000_00);
      await core.sandbox.complete(cashierUrl.split('/').pop()!, 'paid');
      await deliver(core);
      const p = plans[i]!;
      const c = await createCampaign(ctx, s.owner, shopOwner(s.shopId), {
        name: p.name,
        promote: 'video',
        videoId: s.videoId,
        goal: 'orders',
        bidKind: 'cost_cap',
        costCapFen: p.costCapFen,
        dailyBudgetFen: p.budget,
        pacing: p.pacing,
      });
      campaignIds.push(c.id);
    }
    const viewers: Actor[] = [];
    for (let v = 0; v < o.viewers; v++) {
      const { actor } = await person(core, `sim-viewer-${v}`, hash);
      await putPersonSettings(ctx, actor, { personalizedRecommendation: o.personalised === true });
      await addAddress(ctx, actor, {
        name: '模拟',
        phone: '13800001111',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路 1 号',
      });
      viewers.push(actor);
    }
    o.log(`${plans.length} campaigns, ${o.viewers} viewers, ${o.requests} feed pages over one day`);

    // The day: feed pages spread over the half-hours by the traffic curve.
    const dayStart = nextMonday(Date.now());
    const prior = o.prior ?? DEFAULT_AD_PRIOR;
    let organicDayRun: OrganicDay | null = null;
    if ((o.organicPages ?? 0) > 0) {
      const shoppers: Actor[] = [];
      for (let v = 0; v < ORGANIC_SHOPPERS; v++) shoppers.push((await person(core, `sim-organic-${v}`, hash)).actor);
      organicDayRun = await organicDay(core, clock, {
        pages: o.organicPages!,
        from: dayStart - 86_400_000,
        to: dayStart - 60_000,
        rng: seededRng(streamSeed(o.seed, 3)),
        shoppers,
        cvrOf: (productId) => shops.find((s) => s.productId === productId)?.cvr ?? null,
      });
      o.log(
        `organic day: ${organicDayRun.pages} pages, ${organicDayRun.views} views, ${organicDayRun.purchases} purchases`,
      );
    }
    const total = TRAFFIC_CURVE.reduce((a, b) => a + b, 0);
    const spentBeforeNoon = new Map<string, number>();
    const purchases = new Map<string, number>();
    const observer = new AuctionObserver((t) => Math.floor((t - dayStart) / HALF_HOUR));
    const lastBid = new Map<string, AuctionTrace['bids'][number]>();
    const auctionHeads = { viewer: 0, item: 0, none: 0 };
    const onAuction = (a: AuctionTrace): void => {
      observer.observe(a);
      auctionHeads[a.heads ?? 'none']++;
      for (const b of a.bids) lastBid.set(b.campaignId, b);
    };
    let items = 0;
    let ads = 0;
    const completion = emptyTally();
    let requests = 0;
    for (let slot = 0; slot < 48; slot++) {
      const n = Math.round((o.requests * TRAFFIC_CURVE[slot]!) / total);
      for (let k = 0; k < n; k++) {
        clock.set(dayStart + slot * HALF_HOUR + Math.floor(((k + rng.next()) / n) * HALF_HOUR));
        await onePage(core, viewers, rng, shops);
        requests++;
      }
      if (slot === 23)
        for (const id of campaignIds) spentBeforeNoon.set(id, await spentToday(core, id, adDay(dayStart)));
    }
    async function onePage(c: Core, vs: Actor[], r: Rng, ss: typeof shops): Promise<void> {
      const viewer = r.pick(vs);
      const page = await feedWithAds(
        c.ctx,
        viewer.userId,
        {},
        {
          random: () => throttle.next(),
          onAuction,
          prior,
          viewerHeads: o.itemHeadsOnly !== true,
        },
      );
      items += page.items.length;
      tallyPage(
        completion,
        o.seed,
        `p${requests}`,
        page.items.map((x) => x.id),
        page.ads.map(Boolean),
      );
      for (const [i, ad] of page.ads.entries()) {
        if (!ad) continue;
        ads++;
        const who = { userId: viewer.userId, viewerId: null };
        const out = await reportImpressions(c.ctx, who, [ad.impressionId]);
        if (out[ad.impressionId] !== 'billed' || behaviour.next() >= TRUE_CTR) continue;
        await reportClick(c.ctx, who, ad.impressionId);
        const shop = ss.find((s) => s.videoId === page.items[i]!.id)!;
        if (behaviour.next() >= shop.cvr) continue;
        purchases.set(ad.campaignId, (purchases.get(ad.campaignId) ?? 0) + 1);
        const placed = await checkout(c.ctx, viewer, {
          items: [{ skuId: shop.skuId, quantity: 1, attribution: { source: 'video', contentId: shop.videoId } }],
        });
        const { cashierUrl } = await openCashier(c.ctx, viewer, placed.body.payment.id);
        await c.sandbox.complete(cashierUrl.split('/').pop()!, 'paid');
        await deliver(c);
        await c.outbox.dispatchOnce();
      }
    }
    await core.outbox.dispatchOnce();
    const day = adDay(dayStart);
    const campaigns: CampaignOutcome[] = [];
    const rows = await core.ctx.db.selectFrom('ad_campaigns').selectAll().execute();
    const history = (r: (typeof rows)[number]) => ({
      impressions: Number(r.impressions),
      clicks: Number(r.clicks),
      conversions: Number(r.conversions),
      goal: 'orders' as const,
    });
    const pooled = pooledPrior(rows.map(history));
    for (const [i, id] of campaignIds.entries()) {
      const row = rows.find((r) => r.id === id)!;
      const last = lastBid.get(id);
      const p =
        last?.pctr !== undefined && last.pcvr !== undefined
          ? { pctr: last.pctr, pcvr: last.pcvr }
          : predict(history(row), pooled);
      const tally = observer.tally(id);
      const spent = await spentToday(core, id, day);
      const budget = plans[i]!.budget;
      campaigns.push({
        name: row.name,
        pacing: plans[i]!.pacing,
        cvr: plans[i]!.cvr,
        cost_cap_fen: plans[i]!.costCapFen,
        price_fen: plans[i]!.priceFen,
        budget_fen: budget,
        spent_fen: Math.floor(spent / 1000),
        budget_use: round(spent / 1000 / budget),
        spent_before_noon: round((spentBeforeNoon.get(id) ?? 0) / 1000 / budget),
        impressions: Number(row.impressions),
        clicks: Number(row.clicks),
        purchases: purchases.get(id) ?? 0,
        conversions: Number(row.conversions),
        gmv_fen: Number(row.gmv_fen),
        roi: spent > 0 ? round(Number(row.gmv_fen) / (spent / 1000)) : null,
        predicted_ctr: round(p.pctr),
        predicted_cvr: round(p.pcvr),
        prior_cvr: last?.priorCvr === undefined ? null : round(last.priorCvr),
        limited_by: limitedBy(spent / 1000 / budget, tally),
        auctions: tally,
      });
    }
    const rate = (done: number, seen: number): number => round(seen ? done / seen : 0);
    return {
      day,
      prior,
      personalised: o.personalised === true,
      auction_heads: auctionHeads,
      organic: organicDayRun,
      requests,
      items,
      ads,
      ads_ratio: round(ads / Math.max(1, items)),
      organic_completion_delta: round(completionDelta(completion)),
      organic_completion_with_ads: rate(completion.completedWith, completion.organicWith),
      organic_completion_without_ads: rate(completion.completedWithout, completion.organicWithout),
      campaigns,
      seconds: round((performance.now() - started) / 1000),
    };
  } finally {
    await core.close();
  }
}

async function spentToday(core: Core, campaignId: string, day: string): Promise<number> {
  const row = await core.ctx.db
    .selectFrom('ad_campaign_days')
    .select('spent_mfen')
    .where('campaign_id', '=', campaignId)
    .where('day', '=', day)
    .executeTakeFirst();
  return Number(row?.spent_mfen ?? 0);
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
