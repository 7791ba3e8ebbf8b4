/**
 * `bench analytics`: a generated store (shops, products, creators' videos, buyers; orders with
 * lines through every channel and client events over N days, written by batch inserts), then:
 * the rebuild of every rollup from the raw rows (`rebuild_s`); each console view's queries
 * (merchant 罗盘, creator 数据, admin 大盘: overview and breakdowns over 30 days, through the
 * report functions the routes call) (`dashboard_p99_ms`); and, while events are accepted at a
 * steady rate through the events service, the time from acceptance to the consumer's commit of
 * their rollup (`rollup_lag_p99_ms`). Sizes: --events, --orders, --days.
 */
import { performance } from 'node:perf_hooks';
import {
  compassBreakdown, compassOverview, consumeRollups, ingestEvents, loadActor, newId, openCore, rebuildRollups, shanghaiDate, type Actor, type Core,
} from '@zhongcao/core';
import { freshStore, log, Scope } from './resources.js';
import { percentile } from './percentiles.js';

export interface AnalyticsResult {
  bench: 'analytics';
  dialect: 'sqlite' | 'postgres';
  events: number;
  orders: number;
  days: number;
  generate_s: number;
  rebuild_s: number;
  rollup_rows: number;
  dashboard_queries: number;
  dashboard_p50_ms: number;
  dashboard_p99_ms: number;
  lag_events_per_s: number;
  lag_events: number;
  rollup_lag_p50_ms: number;
  rollup_lag_p99_ms: number;
  rss_mb: number;
}

export const TARGET_DASHBOARD_P99_MS = 200;
export const TARGET_LAG_P99_MS = 5_000;
export const DEFAULT_SIZES = { events: 200_000, orders: 20_000, days: 90 };
const SHOPS = 20;
const PRODUCTS = 400;
const CREATORS = 100;
const VIDEOS = 2_000;
const BUYERS = 5_000;
const VIEWERS = 50_000;
const BATCH = 1_000;
const SOURCES = ['video', 'video', 'feed', 'live', 'search', 'shelf', 'link', 'cart'];

export async function benchAnalytics(opts: { events?: number; orders?: number; days?: number; lagSeconds?: number }): Promise<AnalyticsResult> {
  const events = opts.events ?? DEFAULT_SIZES.events;
  const orders = opts.orders ?? DEFAULT_SIZES.orders;
  const days = opts.days ?? DEFAULT_SIZES.days;
  const scope = new Scope();
  let rss = 0;
  const sampleRss = () => { rss = Math.max(rss, process.memoryUsage().rss); };
  const rssTimer = setInterval(sampleRss, 200);
  try {
    const store = await freshStore(scope);
    const core = await openCore({ dataDir: store.dataDir, databaseUrl: store.databaseUrl });
    scope.defer('close core', () => core.close());
    const now = Date.now();
    const start = now - days * 86_400_000;
    log(`analytics: ${store.dialect}, generating ${events} events and ${orders} orders over ${days} days`);
    const g0 = performance.now();
    const world = await generate(core, { events, orders, start, now });
    const generateS = (performance.now() - g0) / 1000;

    log('rebuilding the rollups from the raw rows');
    const r0 = performance.now();
    await rebuildRollups(core.ctx, null, (done, total) => { if (done % 15 === 0 || done === total) log(`  rebuild ${done}/${total} days`); });
    const rebuildS = (performance.now() - r0) / 1000;
    sampleRss();
    const rollupRows = Number((await core.ctx.db.selectFrom('analytics_rollups').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    log('dashboards: each console view’s queries over the last 30 days');
    const from = shanghaiDate(now - 29 * 86_400_000);
    const to = shanghaiDate(now);
    const views: Array<() => Promise<unknown>> = [
      () => compassOverview(core.ctx, world.merchant, { shopId: world.shopId, from, to }),
      () => compassBreakdown(core.ctx, world.merchant, 'channel', { shopId: world.shopId, from, to }),
      () => compassBreakdown(core.ctx, world.merchant, 'product', { shopId: world.shopId, from, to }),
      () => compassBreakdown(core.ctx, world.merchant, 'video', { shopId: world.shopId, from, to }),
      () => compassBreakdown(core.ctx, world.merchant, 'creator', { shopId: world.shopId, from, to }),
      () => compassOverview(core.ctx, world.creator, { scope: 'creator', from, to }),
      () => compassBreakdown(core.ctx, world.creator, 'video', { scope: 'creator', from, to }),
      () => compassOverview(core.ctx, world.admin, { scope: 'platform', from, to }),
      () => compassBreakdown(core.ctx, world.admin, 'category', { scope: 'platform', from, to }),
      () => compassBreakdown(core.ctx, world.admin, 'shop', { scope: 'platform', from, to }),
    ];
    const samples: number[] = [];
    for (let round = 0; round < 10; round++) {
      for (const v of views) {
        const t = performance.now();
        await v();
        samples.push(performance.now() - t);
      }
    }
    samples.sort((a, b) => a - b);

    const lag = await measureLag(core, world.videoIds, opts.lagSeconds ?? 10);
    sampleRss();
    return {
      bench: 'analytics', dialect: store.dialect, events, orders, days,
      generate_s: round(generateS), rebuild_s: round(rebuildS), rollup_rows: rollupRows,
      dashboard_queries: samples.length, dashboard_p50_ms: round(percentile(samples, 50)), dashboard_p99_ms: round(percentile(samples, 99)),
      lag_events_per_s: lag.rate, lag_events: lag.events, rollup_lag_p50_ms: round(lag.p50), rollup_lag_p99_ms: round(lag.p99),
      rss_mb: Math.round(rss / 1048576),
    };
  } finally {
    clearInterval(rssTimer);
    await scope.close();
  }
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** Events accepted at up to 5,000/s (two senders, batches of 100 every 40 ms) while the consumer runs every 250 ms; lag = acceptance → the commit that counted it. */
async function measureLag(core: Core, videoIds: string[], seconds: number): Promise<{ rate: number; events: number; p50: number; p99: number }> {
  log(`rollup lag: ${seconds} s of events at 5,000/s with the consumer running`);
  await consumeRollups(core.ctx);
  const pending: Array<{ receivedAt: number; acceptedAt: number; n: number }> = [];
  const lags: number[] = [];
  let stop = false;
  let accepted = 0;
  const consumer = (async () => {
    while (!stop || pending.length) {
      const r = await consumeRollups(core.ctx);
      const done = performance.now();
      while (pending.length && pending[0]!.receivedAt <= r.position) {
        const p = pending.shift()!;
        for (let i = 0; i < p.n; i++) lags.push(done - p.acceptedAt);
      }
      await new Promise((res) => setTimeout(res, stop ? 50 : 250));
    }
  })();
  const began = performance.now();
  let seq = 0;
  // Two senders, each a batch of 100 every 40 ms: 5,000 events/s when the machine keeps up.
  const sender = async (): Promise<void> => {
    while (performance.now() - began < seconds * 1000) {
      const tick = performance.now();
      const at = Date.now();
      const first = seq;
      seq += 100;
      const batch = Array.from({ length: 100 }, (_, i) => ({ type: 'impression' as const, videoId: videoIds[(first + i) % videoIds.length]!, at, clientEventId: `lag-${first + i}` }));
      await ingestEvents(core.ctx, { viewerId: `lag-viewer-${first % 997}` }, batch);
      pending.push({ receivedAt: at, acceptedAt: performance.now(), n: 100 });
      pending.sort((a, b) => a.receivedAt - b.receivedAt);
      accepted += 100;
      const wait = 40 - (performance.now() - tick);
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    }
  };
  await Promise.all([sender(), sender()]);
  const elapsed = (performance.now() - began) / 1000;
  stop = true;
  await consumer;
  lags.sort((a, b) => a - b);
  return { rate: Math.round(accepted / elapsed), events: accepted, p50: percentile(lags, 50), p99: percentile(lags, 99) };
}

interface World { shopId: string; merchant: Actor; creator: Actor; admin: Actor; videoIds: string[] }

async function generate(core: Core, g: { events: number; orders: number; start: number; now: number }): Promise<World> {
  const db = core.ctx.db;
  const t0 = g.start;
  const span = g.now - 60_000 - g.start;
  const id = (kind: Parameters<typeof newId>[0], i: number) => newId(kind, t0 + i);
  const users = async (prefix: string, n: number) => {
    const ids = Array.from({ length: n }, (_, i) => id('user', i));
    for (let s = 0; s < n; s += BATCH) {
      await db.insertInto('users').values(ids.slice(s, s + BATCH).map((u, k) => ({ id: u, login: `${prefix}-${s + k}`, display_name: `${prefix} ${s + k}`, password_hash: 'x', created_at: t0 }))).execute();
    }
    return ids;
  };
  const owners = await users('bench-owner', SHOPS);
  const creators = await users('bench-creator', CREATORS);
  const buyers = await users('bench-buyer', BUYERS);
  const adminId = (await users('bench-admin', 1))[0]!;
  await db.insertInto('user_roles').values([{ user_id: adminId, role: 'admin', created_at: t0 }, { user_id: creators[0]!, role: 'creator', created_at: t0 }]).execute();
  const categories = Array.from({ length: 10 }, (_, i) => id('category', i));
  await db.insertInto('categories').values(categories.map((c, i) => ({ id: c, parent_id: null, name: `类目${i}`, ship_by_hours: 48, perishable: 0, fee_rate_bp: 200 + i * 50, sort: i, created_at: t0 }))).execute();
  const shops = owners.map((_, i) => id('shop', i));
  await db.insertInto('shops').values(shops.map((s, i) => ({ id: s, name: `店铺${i}`, description: '', origin: '', owner_id: owners[i]!, shipping_fee_fen: 0, free_shipping_over_fen: null, status: 'open', created_at: t0 }))).execute();
  await db.insertInto('shop_members').values(shops.map((s, i) => ({ shop_id: s, user_id: owners[i]!, role: 'owner', created_at: t0 }))).execute();
  const products = Array.from({ length: PRODUCTS }, (_, i) => ({ id: id('product', i), shop: shops[i % SHOPS]!, category: categories[i % categories.length]! }));
  await db.insertInto('products').values(products.map((p, i) => ({ id: p.id, shop_id: p.shop, category_id: p.category, title: `商品${i}`, description: '', spec_options: '[]', status: 'listed', min_price_fen: 1990, sales: 0, created_at: t0, updated_at: t0 }))).execute();
  const videos = Array.from({ length: VIDEOS }, (_, i) => ({ id: id('video', i), owner: creators[i % CREATORS]!, product: products[i % PRODUCTS]! }));
  for (let s = 0; s < VIDEOS; s += BATCH) {
    const part = videos.slice(s, s + BATCH);
    await db.insertInto('videos').values(part.map((v, k) => ({ id: v.id, owner_id: v.owner, host_kind: 'creator', shop_id: null, title: `视频${s + k}`, caption: '', hashtags: '[]', status: 'published', file_name: `${v.id}.mp4`, content_type: 'video/mp4', bytes: 1, duration_ms: 15_000, poster_file: null, views: 0, likes: 0, comments: 0, shares: 0, completions: 0, created_at: t0, published_at: t0, updated_at: t0 }))).execute();
    await db.insertInto('video_anchors').values(part.map((v) => ({ video_id: v.id, product_id: v.product.id, position: 0 }))).execute();
  }
  // Orders: one line each, paid at a spread time, attributed through a mix of channels.
  for (let s = 0; s < g.orders; s += BATCH) {
    const n = Math.min(BATCH, g.orders - s);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = s + k;
      const at = t0 + Math.floor(((i * 7919) % g.orders) / g.orders * span);
      const v = videos[(i * 31) % VIDEOS]!;
      const source = SOURCES[i % SOURCES.length]!;
      const viaVideo = source === 'video' || source === 'feed';
      const price = 1990 + (i % 50) * 100;
      return { order: newId('order', at), checkout: newId('checkout', at), line: newId('orderLine', at), at, v, source, viaVideo, price, qty: 1 + (i % 3), buyer: buyers[(i * 13) % BUYERS]! };
    });
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('checkouts').values(rows.map((r) => ({ id: r.checkout, buyer_id: r.buyer, total_fen: r.price * r.qty, created_at: r.at }))).execute();
      await tx.insertInto('orders').values(rows.map((r) => ({ id: r.order, checkout_id: r.checkout, shop_id: r.v.product.shop, buyer_id: r.buyer, status: 'paid', items_fen: r.price * r.qty, shipping_fee_fen: 0, total_fen: r.price * r.qty, address: '{}', buyer_note: '', pay_deadline: r.at, created_at: r.at, paid_at: r.at, shipped_at: null, delivered_at: null, completed_at: null, cancelled_at: null, cancel_reason: null, updated_at: r.at }))).execute();
      await tx.insertInto('order_lines').values(rows.map((r) => ({
        id: r.line, order_id: r.order, shop_id: r.v.product.shop, product_id: r.v.product.id, sku_id: 'sku_bench', category_id: r.v.product.category, title: 'bench', spec_values: '[]', unit_price_fen: r.price, quantity: r.qty, line_total_fen: r.price * r.qty,
        ship_by_hours: 48, fee_rate_bp: 200, perishable: 0, attr_source: r.source, attr_content_id: r.viaVideo ? r.v.id : null, attr_creator_id: r.viaVideo ? r.v.owner : null, created_at: r.at,
        creator_rate_bp: r.viaVideo ? 1500 : 0, plan_kind: r.viaVideo ? 'general' : null,
      }))).execute();
    });
    if ((s / BATCH) % 50 === 0) log(`  ${s + n} / ${g.orders} orders`);
  }
  // Events: impressions (a tenth are product taps), each received when it happened.
  for (let s = 0; s < g.events; s += BATCH * 5) {
    const n = Math.min(BATCH * 5, g.events - s);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = s + k;
      const at = t0 + Math.floor((i / g.events) * span);
      const v = videos[(i * 17) % VIDEOS]!;
      const tap = i % 10 === 0;
      return { id: newId('event', at), actor_key: `anon:v${(i * 7) % VIEWERS}`, user_id: null, type: tap ? 'product_tap' : 'impression', video_id: v.id, product_id: tap ? v.product.id : null, watch_ms: null, duration_ms: null, at, client_event_id: `g${i}`, received_at: at };
    });
    for (let c = 0; c < rows.length; c += 1_000) await db.insertInto('events').values(rows.slice(c, c + 1_000)).execute();
    if ((s / (BATCH * 5)) % 40 === 0) log(`  ${s + n} / ${g.events} events`);
  }
  return {
    shopId: shops[0]!, merchant: await loadActor(db, owners[0]!), creator: await loadActor(db, creators[0]!), admin: await loadActor(db, adminId),
    videoIds: videos.map((v) => v.id),
  };
}

export function analyticsSummary(r: AnalyticsResult): string {
  const ok = r.dashboard_p99_ms <= TARGET_DASHBOARD_P99_MS && r.rollup_lag_p99_ms <= TARGET_LAG_P99_MS;
  return `analytics (${r.dialect}): ${r.events} events + ${r.orders} orders over ${r.days} days generated in ${r.generate_s} s; rebuild ${r.rebuild_s} s (${r.rollup_rows} rollup rows); dashboards p50 ${r.dashboard_p50_ms} ms, p99 ${r.dashboard_p99_ms} ms over ${r.dashboard_queries} view loads; rollup lag p50 ${r.rollup_lag_p50_ms} ms, p99 ${r.rollup_lag_p99_ms} ms at ${r.lag_events_per_s} events/s; rss ${r.rss_mb} MB — ${ok ? 'meets' : 'MISSES'} the targets (dashboards p99 ≤ ${TARGET_DASHBOARD_P99_MS} ms, lag p99 ≤ ${TARGET_LAG_P99_MS} ms)`;
}
