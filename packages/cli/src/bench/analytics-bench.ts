/**
 * `bench analytics`: a generated store (shops, products, creators' videos, buyers in several
 * provinces; orders with lines through every channel and price band, past live rooms with their
 * minutes, client events and add-to-carts over N days, written by batch inserts — a fast path of
 * the bench, not timed), then: the rebuild of every rollup from the raw rows (`rebuild_s`); the
 * real server in a child process, and each console view's requests over HTTP through the real
 * routes, as the views send them (merchant 罗盘: overview, the breakdown tabs, a product's
 * funnel, live analysis and a room's minutes, the audience; creator 数据; admin 大盘), over 30
 * days (`dashboard_p99_ms`: per request; `view_p99_ms`: a view's requests sent together, as the
 * page does; `first_screen_ms`: the shop's first screen, the first load after the start); and,
 * while events are POSTed to /api/v1/events at 5,000 a second, the time from a batch's 202 to the
 * moment the platform's impressions over HTTP include it (`rollup_lag_p99_ms`, the server's own
 * tick consuming). Sizes: --events, --orders, --days.
 */
import { performance } from 'node:perf_hooks';
import { issueSession, newId, openCore, rebuildRollups, shanghaiDate, type Core } from '@zhongcao/core';
import type { Pool } from 'undici';
import { freshStore, log, Scope } from './resources.js';
import { percentile } from './percentiles.js';
import { get, openPool, post } from './http-load.js';
import { startServerChild } from './server-child.js';

export interface AnalyticsResult {
  bench: 'analytics';
  dialect: 'sqlite' | 'postgres';
  events: number;
  orders: number;
  days: number;
  generate_s: number;
  rebuild_s: number;
  rollup_rows: number;
  /** Distinct-people rows of both grains: what grows with the facts (the counters grow with days × values). */
  people_rows: number;
  dashboard_queries: number;
  dashboard_p50_ms: number;
  dashboard_p99_ms: number;
  view_loads: number;
  view_p99_ms: number;
  /** The first view's first load after the server starts (the shop's 罗盘 first screen, its requests together): the cold one. */
  first_screen_ms: number;
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
const EVENTS_PER_TX = 50_000;
const ORDERS_PER_TX = 10_000;
const SOURCES = ['video', 'video', 'feed', 'live', 'search', 'shelf', 'link', 'cart'];
const PRICES = [990, 2990, 6990, 12990, 29990, 59990];
const PROVINCES = ['浙江省', '广东省', '江苏省', '上海市', '北京市', '四川省', '山东省', '湖北省'];
/** Past live rooms (creators', two hours each) and how many minutes each keeps. */
const ROOMS = 600;
const ROOM_MINUTES = 120;

export async function benchAnalytics(opts: {
  events?: number;
  orders?: number;
  days?: number;
  lagSeconds?: number;
}): Promise<AnalyticsResult> {
  const events = opts.events ?? DEFAULT_SIZES.events;
  const orders = opts.orders ?? DEFAULT_SIZES.orders;
  const days = opts.days ?? DEFAULT_SIZES.days;
  const scope = new Scope();
  let rss = 0;
  const sampleRss = () => {
    rss = Math.max(rss, process.memoryUsage().rss);
  };
  const rssTimer = setInterval(sampleRss, 200);
  try {
    const store = await freshStore(scope);
    const core = await openCore({ dataDir: store.dataDir, databaseUrl: store.databaseUrl });
    scope.defer('close core', () => core.close());
    const now = Date.now();
    const start = now - days * 86_400_000;
    log(`analytics: ${store.dialect}, generating ${events} events and ${orders} orders over ${days} days`);
    const g0 = performance.now();
    const world = await generateAnalyticsStore(core, { events, orders, start, now });
    const generateS = (performance.now() - g0) / 1000;

    log('rebuilding the rollups from the raw rows');
    const r0 = performance.now();
    await rebuildRollups(core.ctx, null, (done, total) => {
      if (done % 15 === 0 || done === total) log(`  rebuild ${done}/${total} steps`);
    });
    const rebuildS = (performance.now() - r0) / 1000;
    sampleRss();
    const rowsOf = async (
      t: 'analytics_rollups' | 'analytics_rollups_daily' | 'analytics_people' | 'analytics_people_daily',
    ) =>
      Number(
        (
          await core.ctx.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rollupRows = (await rowsOf('analytics_rollups')) + (await rowsOf('analytics_rollups_daily'));
    const peopleRows = (await rowsOf('analytics_people')) + (await rowsOf('analytics_people_daily'));
    const token = async (userId: string) => (await issueSession(core.ctx, userId, 'bearer')).token;
    const tokens = {
      merchant: await token(world.merchantId),
      creator: await token(world.creatorId),
      admin: await token(world.adminId),
    };
    await core.close();

    const server = await startServerChild(scope, store, 'bench-analytics-secret');
    const pool = openPool(scope, server.origin, 16);
    log('dashboards over HTTP: each console view’s requests over the last 30 days');
    const from = shanghaiDate(now - 29 * 86_400_000);
    const to = shanghaiDate(now);
    const views = consoleViews(world, from, to);
    const samples: number[] = [];
    const viewSamples: number[] = [];
    const byPath = new Map<string, number[]>();
    const loads: Array<{ round: number; view: number; ms: number; each: number[] }> = [];
    for (let round = 0; round < 5; round++) {
      for (const [vi, v] of views.entries()) {
        const each: number[] = [];
        const auth = { authorization: `Bearer ${tokens[v.as]}` };
        const t0 = performance.now();
        await Promise.all(
          v.paths.map(async (p) => {
            const t = performance.now();
            const reply = await get(pool, p, auth);
            if (reply.status !== 200) throw new Error(`GET ${p}: ${reply.status} ${reply.body.slice(0, 200)}`);
            const ms = performance.now() - t;
            samples.push(ms);
            each.push(ms);
            const key = `${v.as} ${p.replace(/\?.*$/, '').replace(/\/(lvr|vid|prd|shp|usr)_[^/]*/g, '/:id')}${p.includes('&dim=') ? ' (focus)' : ''}`;
            byPath.set(key, [...(byPath.get(key) ?? []), ms]);
          }),
        );
        viewSamples.push(performance.now() - t0);
        loads.push({ round, view: vi, ms: performance.now() - t0, each });
      }
    }
    // Which loads make the tail: a view's first load (cold caches) or any load.
    for (const l of [...loads].sort((x, y) => y.ms - x.ms).slice(0, 5))
      log(
        `  slow load: round ${l.round + 1}, ${views[l.view]!.as} view ${l.view + 1} (${views[l.view]!.paths.length} requests): ${round(l.ms)} ms (each ${l.each.map(round).join(', ')} ms)`,
      );
    samples.sort((a, b) => a - b);
    viewSamples.sort((a, b) => a - b);
    const slowest = [...byPath]
      .map(([k, xs]) => ({
        k,
        p99: percentile(
          [...xs].sort((a, b) => a - b),
          99,
        ),
      }))
      .sort((a, b) => b.p99 - a.p99);
    for (const { k, p99 } of slowest) log(`  ${k}: p99 ${round(p99)} ms`);
    log(
      `dashboards: ${samples.length} requests, p50 ${round(percentile(samples, 50))} ms, p99 ${round(percentile(samples, 99))} ms; views p99 ${round(percentile(viewSamples, 99))} ms`,
    );

    const lag = await measureLag(pool, tokens.admin, world.videoIds, opts.lagSeconds ?? 10);
    return {
      bench: 'analytics',
      dialect: store.dialect,
      events,
      orders,
      days,
      generate_s: round(generateS),
      rebuild_s: round(rebuildS),
      rollup_rows: rollupRows,
      people_rows: peopleRows,
      dashboard_queries: samples.length,
      dashboard_p50_ms: round(percentile(samples, 50)),
      dashboard_p99_ms: round(percentile(samples, 99)),
      view_loads: viewSamples.length,
      view_p99_ms: round(percentile(viewSamples, 99)),
      first_screen_ms: round(loads.find((l) => l.round === 0 && l.view === 0)?.ms ?? 0),
      lag_events_per_s: lag.rate,
      lag_events: lag.events,
      rollup_lag_p50_ms: round(lag.p50),
      rollup_lag_p99_ms: round(lag.p99),
      rss_mb: Math.round(rss / 1048576),
    };
  } finally {
    clearInterval(rssTimer);
    await scope.close();
  }
}

/** The requests each console view sends when it opens (and when its tabs, a product's funnel and a live room are opened). */
function consoleViews(
  w: World,
  from: string,
  to: string,
): Array<{ as: 'merchant' | 'creator' | 'admin'; paths: string[] }> {
  const api = '/api/v1/analytics';
  const shop = `shopId=${w.shopId}&from=${from}&to=${to}`;
  const me = `scope=creator&from=${from}&to=${to}`;
  const all = `scope=platform&from=${from}&to=${to}`;
  const audience = (q: string) => [
    `${api}/breakdown/region?${q}`,
    `${api}/breakdown/price_band?${q}`,
    `${api}/breakdown/category?${q}`,
    `${api}/overview?${q}`,
  ];
  return [
    {
      as: 'merchant',
      paths: [`${api}/overview?${shop}`, `${api}/breakdown/channel?${shop}`, `${api}/live?${shop}`, ...audience(shop)],
    },
    { as: 'merchant', paths: [`${api}/breakdown/product?${shop}`] },
    { as: 'merchant', paths: [`${api}/overview?${shop}&dim=product&id=${w.productId}`] },
    { as: 'merchant', paths: [`${api}/breakdown/video?${shop}`] },
    { as: 'merchant', paths: [`${api}/breakdown/creator?${shop}`] },
    { as: 'merchant', paths: [`${api}/live/${w.roomId}?shopId=${w.shopId}`] },
    {
      as: 'creator',
      paths: [`${api}/overview?${me}`, `${api}/breakdown/video?${me}`, `${api}/live?${me}`, ...audience(me)],
    },
    { as: 'admin', paths: [`${api}/overview?${all}`, `${api}/breakdown/channel?${all}`, ...audience(all)] },
    { as: 'admin', paths: [`${api}/breakdown/shop?${all}`] },
  ];
}

const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * Events POSTed to the real endpoint at 5,000/s (batches of 100 every 20 ms, from anonymous
 * viewers) while the server's own tick consumes them; a batch is visible once the platform's
 * impressions of today, read over HTTP every 100 ms, include it. Lag = the batch's 202 → the first
 * read that includes it.
 */
async function measureLag(
  pool: Pool,
  adminToken: string,
  videoIds: string[],
  seconds: number,
): Promise<{ rate: number; events: number; p50: number; p99: number }> {
  log(`rollup lag: ${seconds} s of events at 5,000/s POSTed to /api/v1/events, visibility read over HTTP`);
  const today = shanghaiDate(Date.now());
  const auth = { authorization: `Bearer ${adminToken}` };
  const impressions = async (): Promise<number> => {
    const reply = await get(pool, `/api/v1/analytics/overview?scope=platform&from=${today}&to=${today}`, auth);
    if (reply.status !== 200) throw new Error(`overview: ${reply.status} ${reply.body.slice(0, 200)}`);
    return Number((JSON.parse(reply.body) as { values: { impressions: number } }).values.impressions);
  };
  const baseline = await impressions();
  const pending: Array<{ upTo: number; acceptedAt: number; n: number }> = [];
  const lags: number[] = [];
  let accepted = 0;
  let sending = true;
  const watcher = (async () => {
    const deadline = () => performance.now() + 300_000; // a loaded machine may take minutes to catch up: measured, not cut short
    let giveUp = deadline();
    while (sending || (pending.length && performance.now() < giveUp)) {
      const seen = (await impressions()) - baseline;
      const at = performance.now();
      while (pending.length && pending[0]!.upTo <= seen) {
        const p = pending.shift()!;
        for (let i = 0; i < p.n; i++) lags.push(at - p.acceptedAt);
      }
      if (sending) giveUp = deadline();
      await new Promise((res) => setTimeout(res, 100));
    }
    if (pending.length) throw new Error(`${pending.length} batches never became visible`);
  })();
  const began = performance.now();
  let seq = 0;
  let order = Promise.resolve();
  const batches: Array<Promise<void>> = [];
  while (performance.now() - began < seconds * 1000) {
    const tick = performance.now();
    const first = seq;
    seq += 100;
    const at = Date.now();
    const events = Array.from({ length: 100 }, (_, i) => ({
      type: 'impression',
      videoId: videoIds[(first + i) % videoIds.length]!,
      at,
      clientEventId: `lag-${first + i}`,
    }));
    const sent = post(
      pool,
      '/api/v1/events',
      { 'x-viewer-id': `lag-viewer-${first % 997}` },
      JSON.stringify({ events }),
    );
    // Batches count in the order they were accepted (a later batch may be answered first).
    batches.push(
      sent.then((reply) => {
        if (reply.status !== 202) throw new Error(`events: ${reply.status} ${reply.body.slice(0, 200)}`);
        const acceptedAt = performance.now();
        order = order.then(() => {
          accepted += 100;
          pending.push({ upTo: accepted, acceptedAt, n: 100 });
        });
      }),
    );
    const wait = 20 - (performance.now() - tick);
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
  }
  await Promise.all(batches);
  await order;
  const elapsed = (performance.now() - began) / 1000;
  sending = false;
  await watcher;
  lags.sort((a, b) => a - b);
  return {
    rate: Math.round(accepted / elapsed),
    events: accepted,
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
  };
}

interface World {
  shopId: string;
  merchantId: string;
  creatorId: string;
  adminId: string;
  productId: string;
  roomId: string;
  videoIds: string[];
}

/** Generates the store (exported for profiling the views against a kept store). */
export async function generateAnalyticsStore(
  core: Core,
  g: { events: number; orders: number; start: number; now: number },
): Promise<World> {
  const db = core.ctx.db;
  const t0 = g.start;
  const span = g.now - 60_000 - g.start;
  const id = (kind: Parameters<typeof newId>[0], i: number) => newId(kind, t0 + i);
  const users = async (prefix: string, n: number) => {
    const ids = Array.from({ length: n }, (_, i) => id('user', i));
    for (let s = 0; s < n; s += BATCH) {
      await db
        .insertInto('users')
        .values(
          ids.slice(s, s + BATCH).map((u, k) => ({
            id: u,
            login: `${prefix}-${s + k}`,
            display_name: `${prefix} ${s + k}`,
            password_hash: 'x',
            created_at: t0,
          })),
        )
        .execute();
    }
    return ids;
  };
  const owners = await users('bench-owner', SHOPS);
  const creators = await users('bench-creator', CREATORS);
  const buyers = await users('bench-buyer', BUYERS);
  const adminId = (await users('bench-admin', 1))[0]!;
  await db
    .insertInto('user_roles')
    .values([
      { user_id: adminId, role: 'admin', created_at: t0 },
      { user_id: creators[0]!, role: 'creator', created_at: t0 },
    ])
    .execute();
  const categories = Array.from({ length: 10 }, (_, i) => id('category', i));
  await db
    .insertInto('categories')
    .values(
      categories.map((c, i) => ({
        id: c,
        parent_id: null,
        name: `类目${i}`,
        ship_by_hours: 48,
        perishable: 0,
        fee_rate_bp: 200 + i * 50,
        sort: i,
        created_at: t0,
      })),
    )
    .execute();
  const shops = owners.map((_, i) => id('shop', i));
  await db
    .insertInto('shops')
    .values(
      shops.map((s, i) => ({
        id: s,
        name: `店铺${i}`,
        description: '',
        origin: '',
        owner_id: owners[i]!,
        shipping_fee_fen: 0,
        free_shipping_over_fen: null,
        status: 'open',
        created_at: t0,
      })),
    )
    .execute();
  await db
    .insertInto('shop_members')
    .values(shops.map((s, i) => ({ shop_id: s, user_id: owners[i]!, role: 'owner', created_at: t0 })))
    .execute();
  const products = Array.from({ length: PRODUCTS }, (_, i) => ({
    id: id('product', i),
    shop: shops[i % SHOPS]!,
    category: categories[i % categories.length]!,
  }));
  await db
    .insertInto('products')
    .values(
      products.map((p, i) => ({
        id: p.id,
        shop_id: p.shop,
        category_id: p.category,
        title: `商品${i}`,
        description: '',
        spec_options: '[]',
        status: 'listed',
        min_price_fen: 1990,
        sales: 0,
        created_at: t0,
        updated_at: t0,
      })),
    )
    .execute();
  const videos = Array.from({ length: VIDEOS }, (_, i) => ({
    id: id('video', i),
    owner: creators[i % CREATORS]!,
    product: products[i % PRODUCTS]!,
  }));
  for (let s = 0; s < VIDEOS; s += BATCH) {
    const part = videos.slice(s, s + BATCH);
    await db
      .insertInto('videos')
      .values(
        part.map((v, k) => ({
          id: v.id,
          owner_id: v.owner,
          host_kind: 'creator',
          shop_id: null,
          title: `视频${s + k}`,
          caption: '',
          hashtags: '[]',
          status: 'published',
          file_name: `${v.id}.mp4`,
          content_type: 'video/mp4',
          bytes: 1,
          duration_ms: 15_000,
          poster_file: null,
          views: 0,
          likes: 0,
          comments: 0,
          shares: 0,
          completions: 0,
          created_at: t0,
          published_at: t0,
          updated_at: t0,
        })),
      )
      .execute();
    await db
      .insertInto('video_anchors')
      .values(part.map((v) => ({ video_id: v.id, product_id: v.product.id, position: 0 })))
      .execute();
  }
  // Past live rooms of the creators, two hours each, spread over the period, with what their processes saw per minute.
  const rooms = Array.from({ length: ROOMS }, (_, i) => ({
    id: id('liveRoom', i),
    host: creators[i % CREATORS]!,
    opened: t0 + Math.floor((i / ROOMS) * (span - ROOM_MINUTES * 60_000)),
  }));
  for (let s = 0; s < ROOMS; s += BATCH) {
    await db
      .insertInto('live_rooms')
      .values(
        rooms.slice(s, s + BATCH).map((r, k) => ({
          id: r.id,
          title: `直播${s + k}`,
          host_kind: 'creator',
          host_id: r.host,
          created_by: r.host,
          status: 'ended',
          pinned_product_id: null,
          stream_key_hash: null,
          publishing: 0,
          fallback_video_url: null,
          stats: null,
          created_at: r.opened,
          opened_at: r.opened,
          ended_at: r.opened + ROOM_MINUTES * 60_000,
          updated_at: r.opened,
        })),
      )
      .execute();
  }
  const minuteRows = rooms.flatMap((r, ri) =>
    Array.from({ length: ROOM_MINUTES }, (_, m) => {
      const viewers = 50 + ((ri * 31 + m * 7) % 400);
      return {
        room_id: r.id,
        minute: Math.floor(r.opened / 60_000) * 60_000 + m * 60_000,
        viewers,
        entries: Math.round(viewers / 5),
        comments: Math.round(viewers / 12),
        orders: 0,
        gmv_fen: 0,
      };
    }),
  );
  for (let c = 0; c < minuteRows.length; c += 2_000)
    await db
      .insertInto('analytics_live_minutes')
      .values(minuteRows.slice(c, c + 2_000))
      .execute();
  // The merchant measured is the shop of the first order through a live room (its room's minutes are one of the views).
  let roomOfShop: string | null = null;
  let liveShop: string | null = null;
  // Orders: one line each, paid at a spread time, attributed through a mix of channels (live ones inside a room's two hours);
  // 10,000 to a transaction.
  for (let s = 0; s < g.orders; s += ORDERS_PER_TX) {
    const n = Math.min(ORDERS_PER_TX, g.orders - s);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = s + k;
      const v = videos[(i * 31) % VIDEOS]!;
      const source = SOURCES[i % SOURCES.length]!;
      const room = source === 'live' ? rooms[(i * 7) % ROOMS]! : null;
      const at = room
        ? room.opened + ((i * 13) % (ROOM_MINUTES * 60)) * 1000
        : t0 + Math.floor((((i * 7919) % g.orders) / g.orders) * span);
      const viaVideo = source === 'video' || source === 'feed';
      const price = PRICES[i % PRICES.length]! + (i % 50) * 10;
      const buyerIndex = (i * 13) % BUYERS;
      if (room && roomOfShop === null) {
        roomOfShop = room.id;
        liveShop = v.product.shop;
      }
      return {
        order: newId('order', at),
        checkout: newId('checkout', at),
        line: newId('orderLine', at),
        at,
        v,
        source,
        viaVideo,
        price,
        qty: 1 + (i % 3),
        buyer: buyers[buyerIndex]!,
        address: JSON.stringify({
          name: '张三',
          phone: '13800001111',
          province: PROVINCES[buyerIndex % PROVINCES.length],
          city: '市',
          district: '区',
          detail: '1 号',
        }),
        content: viaVideo ? v.id : room ? room.id : null,
        creator: viaVideo ? v.owner : room ? room.host : null,
      };
    });
    await db.transaction().execute(async (tx) => {
      for (let c = 0; c < rows.length; c += BATCH) {
        const part = rows.slice(c, c + BATCH);
        await tx
          .insertInto('checkouts')
          .values(
            part.map((r) => ({ id: r.checkout, buyer_id: r.buyer, total_fen: r.price * r.qty, created_at: r.at })),
          )
          .execute();
        await tx
          .insertInto('orders')
          .values(
            part.map((r) => ({
              id: r.order,
              checkout_id: r.checkout,
              shop_id: r.v.product.shop,
              buyer_id: r.buyer,
              status: 'paid',
              items_fen: r.price * r.qty,
              shipping_fee_fen: 0,
              total_fen: r.price * r.qty,
              address: r.address,
              buyer_note: '',
              pay_deadline: r.at,
              created_at: r.at,
              paid_at: r.at,
              shipped_at: null,
              delivered_at: null,
              completed_at: null,
              cancelled_at: null,
              cancel_reason: null,
              updated_at: r.at,
            })),
          )
          .execute();
        await tx
          .insertInto('order_lines')
          .values(
            part.map((r) => ({
              id: r.line,
              order_id: r.order,
              shop_id: r.v.product.shop,
              product_id: r.v.product.id,
              sku_id: 'sku_bench',
              category_id: r.v.product.category,
              title: 'bench',
              spec_values: '[]',
              unit_price_fen: r.price,
              quantity: r.qty,
              line_total_fen: r.price * r.qty,
              ship_by_hours: 48,
              fee_rate_bp: 200,
              perishable: 0,
              attr_source: r.source,
              attr_content_id: r.content,
              attr_creator_id: r.creator,
              created_at: r.at,
              creator_rate_bp: r.creator ? 1500 : 0,
              plan_kind: r.creator ? 'general' : null,
            })),
          )
          .execute();
      }
    });
    if ((s / ORDERS_PER_TX) % 10 === 0) log(`  ${s + n} / ${g.orders} orders`);
  }
  // Events: impressions (a tenth are product taps, one in forty an add-to-cart), each received when it happened;
  // 50,000 to a transaction (one commit each, not one per insert: the difference between minutes and hours at 10 million).
  for (let s = 0; s < g.events; s += EVENTS_PER_TX) {
    const n = Math.min(EVENTS_PER_TX, g.events - s);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = s + k;
      const at = t0 + Math.floor((i / g.events) * span);
      const v = videos[(i * 17) % VIDEOS]!;
      const tap = i % 10 === 0;
      const cart = i % 40 === 5;
      const type = tap ? 'product_tap' : cart ? 'add_to_cart' : 'impression';
      return {
        id: newId('event', at),
        actor_key: `anon:v${(i * 7) % VIEWERS}`,
        user_id: null,
        type,
        video_id: v.id,
        product_id: tap || cart ? v.product.id : null,
        watch_ms: null,
        duration_ms: null,
        at,
        client_event_id: `g${i}`,
        received_at: at,
        source: cart ? 'video' : null,
        content_id: cart ? v.id : null,
      };
    });
    await db.transaction().execute(async (tx) => {
      for (let c = 0; c < rows.length; c += 1_000)
        await tx
          .insertInto('events')
          .values(rows.slice(c, c + 1_000))
          .execute();
    });
    if ((s / EVENTS_PER_TX) % 10 === 0) log(`  ${s + n} / ${g.events} events`);
  }
  return {
    shopId: liveShop ?? shops[0]!,
    merchantId: owners[shops.indexOf(liveShop ?? shops[0]!)]!,
    creatorId: creators[0]!,
    adminId,
    productId: products.find((p) => p.shop === (liveShop ?? shops[0]))!.id,
    roomId: roomOfShop ?? rooms[0]!.id,
    videoIds: videos.map((v) => v.id),
  };
}

export function analyticsSummary(r: AnalyticsResult): string {
  const ok = r.dashboard_p99_ms <= TARGET_DASHBOARD_P99_MS && r.rollup_lag_p99_ms <= TARGET_LAG_P99_MS;
  return `analytics (${r.dialect}): ${r.events} events + ${r.orders} orders over ${r.days} days generated in ${r.generate_s} s; rebuild ${r.rebuild_s} s (${r.rollup_rows} rollup rows, ${r.people_rows} people rows); dashboards over HTTP p50 ${r.dashboard_p50_ms} ms, p99 ${r.dashboard_p99_ms} ms over ${r.dashboard_queries} requests (a view's requests together p99 ${r.view_p99_ms} ms over ${r.view_loads} loads; the first screen after the start ${r.first_screen_ms} ms); rollup lag p50 ${r.rollup_lag_p50_ms} ms, p99 ${r.rollup_lag_p99_ms} ms at ${r.lag_events_per_s} events/s; rss ${r.rss_mb} MB — ${ok ? 'meets' : 'MISSES'} the targets (dashboards p99 ≤ ${TARGET_DASHBOARD_P99_MS} ms, lag p99 ≤ ${TARGET_LAG_P99_MS} ms)`;
}
