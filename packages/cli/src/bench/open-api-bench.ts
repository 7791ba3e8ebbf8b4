/**
 * `bench open-api`: an ERP-shaped load on the open platform's gateway over HTTP, every call signed
 * (HMAC-SHA256) as the wire format documents: 50 shops, each with a self-use app authorised and a
 * token, 32 clients looping over list paid orders (order.searchList), detail (order.orderDetail),
 * ship (order.logisticsAdd, on orders paid before the run) and sync stock (sku.syncStock, full and
 * incremental). Meanwhile orders are paid one every 50 ms and the time from the payment
 * notification to the order-paid push (tag 101) reaching a local receiver is measured.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  addAddress,
  authorizeSelfUse,
  checkout,
  createCategory,
  createProduct,
  createShop,
  createToken,
  issueSession,
  loadActor,
  openCore,
  openIdsOf,
  register,
  registerApp,
  reviewApp,
  type Core,
} from '@zhongcao/core';
import { OpenApiClient } from '@zhongcao/server';
import { ErrorSampler, get, notifyPaid, openPool, post, runFor, type Placed } from './http-load.js';
import { cpuMsPer, serverCpuSeconds } from './server-metrics.js';
import { latencySummary } from './percentiles.js';
import { freshStore, log, Scope } from './resources.js';
import { startScriptChild, startServerChild } from './server-child.js';

export interface OpenApiResult {
  bench: 'open-api';
  dialect: 'sqlite' | 'postgres';
  shops: number;
  concurrency: number;
  seconds: number;
  calls: number;
  calls_per_s: number;
  p50_ms: number;
  p99_ms: number;
  /** Calls answered with anything but code 10000 (or HTTP errors). */
  errors: number;
  by_method: Record<string, number>;
  pushes_measured: number;
  push_lag_p50_ms: number;
  push_lag_p99_ms: number;
  /** CPU the server process spent per call during the run (all its threads; the push sender included). */
  server_cpu_ms_per_call: number | null;
  /**
   * The same signed requests from the same load generator to bare-open-server.ts (Fastify checking
   * only the signature, in memory), measured right after: the most this machine shows for the
   * HTTP exchange and the signature alone.
   */
  bare_server_calls_per_s: number;
}

export const TARGET_CALLS_PER_S = 2_000;
export const TARGET_PUSH_LAG_P99_MS = 2_000;
const SHOPS = 50;
const CONCURRENCY = 32;
const SHIPPABLE_PER_SHOP = 60;
const LAG_ORDERS_PER_SHOP = 6;
const SECRET = 'bench-open-api-secret';
const PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$xOlEAZU6Wx4Iovo6Sl15BA$WKTZUkuBtahPo90pKTmRxY5OyN0P8iVX1owc0XlCLJE';

interface ShopSetup {
  appKey: string;
  secret: string;
  token: string;
  skuNums: number[];
  shippable: Placed[];
  shippableNums: string[];
  lagOrders: Array<{ placed: Placed; num: string }>;
}

async function setUp(core: Core, pushUrl: string): Promise<ShopSetup[]> {
  const ctx = core.ctx;
  const admin = await register(
    ctx,
    { login: 'bench-open-admin', password: 'bench-password-1', displayName: '平台' },
    PASSWORD_HASH,
  );
  await ctx.db
    .insertInto('user_roles')
    .values({ user_id: admin.id, role: 'admin', created_at: ctx.clock.now() })
    .execute();
  const adminActor = await loadActor(ctx.db, admin.id);
  const buyerUser = await register(
    ctx,
    { login: 'bench-open-buyer', password: 'bench-password-1', displayName: '买家' },
    PASSWORD_HASH,
  );
  const buyer = await loadActor(ctx.db, buyerUser.id);
  await addAddress(ctx, buyer, {
    name: '张三',
    phone: '13800001111',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    detail: '文三路 1 号',
  });
  await issueSession(ctx, buyer.userId, 'bearer');
  const category = await createCategory(ctx, null, {
    name: '压测水果',
    shipByHours: 48,
    perishable: false,
    feeRateBp: 200,
  });
  const shops: ShopSetup[] = [];
  for (let i = 0; i < SHOPS; i++) {
    const owner0 = await register(
      ctx,
      { login: `bench-open-owner-${i}`, password: 'bench-password-1', displayName: `商家${i}` },
      PASSWORD_HASH,
    );
    const shop = await createShop(ctx, await loadActor(ctx.db, owner0.id), {
      name: `开放平台压测店${i}`,
      shippingFeeFen: 0,
      freeShippingOverFen: 0,
    });
    const owner = await loadActor(ctx.db, owner0.id);
    const product = await createProduct(ctx, owner, shop.id, {
      categoryId: category.id,
      title: '云南冰糖橙 压测装',
      specOptions: [{ name: '规格', values: ['5斤', '10斤'] }],
      skus: [
        { specValues: ['5斤'], priceFen: 2990, stock: 1_000_000 },
        { specValues: ['10斤'], priceFen: 4990, stock: 1_000_000 },
      ],
      status: 'listed',
    });
    const { app, secret } = await registerApp(ctx, owner, {
      name: `ERP${i}`,
      kind: 'self',
      shopId: shop.id,
      groups: ['orders', 'products', 'stock', 'logistics', 'aftersales'],
      pushUrl,
      pushTags: ['101'],
    });
    await reviewApp(ctx, adminActor, app.id, 'approve');
    await authorizeSelfUse(ctx, owner, app.id);
    const row = await ctx.db.selectFrom('open_apps').selectAll().where('id', '=', app.id).executeTakeFirstOrThrow();
    const token = (await createToken(ctx, row, { grant_type: 'authorization_self' })).access_token;
    const place = async (): Promise<{ placed: Placed; orderId: string }> => {
      const r = await checkout(ctx, buyer, {
        items: [{ skuId: product.skuIds[0]!, quantity: 1, attribution: { source: 'feed' } }],
      });
      return {
        placed: { paymentId: r.body.payment.id, amountFen: r.body.payment.amountFen },
        orderId: r.body.orders[0]!.id,
      };
    };
    const shippable = [];
    for (let k = 0; k < SHIPPABLE_PER_SHOP; k++) shippable.push(await place());
    const lag = [];
    for (let k = 0; k < LAG_ORDERS_PER_SHOP; k++) lag.push(await place());
    const nums = await openIdsOf(
      ctx.db,
      'order',
      [...shippable, ...lag].map((o) => o.orderId),
    );
    const skuNums = await openIdsOf(ctx.db, 'sku', product.skuIds);
    shops.push({
      appKey: app.appKey,
      secret,
      token,
      skuNums: product.skuIds.map((id) => Number(skuNums.get(id))),
      shippable: shippable.map((o) => o.placed),
      shippableNums: shippable.map((o) => nums.get(o.orderId)!),
      lagOrders: lag.map((o) => ({ placed: o.placed, num: nums.get(o.orderId)! })),
    });
    if ((i + 1) % 10 === 0) log(`open-api: ${i + 1}/${SHOPS} shops set up`);
  }
  return shops;
}

export async function benchOpenApi(seconds: number): Promise<OpenApiResult> {
  const scope = new Scope();
  try {
    const store = await freshStore(scope);
    // The push receiver: records when each order's paid message arrives.
    const arrived = new Map<string, number>();
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = performance.now();
        for (const m of JSON.parse(Buffer.concat(chunks).toString('utf8')) as Array<{ tag: string; data: string }>) {
          const pid = /"p_id":(\d+)/.exec(m.data)?.[1];
          if (m.tag === '101' && pid && !arrived.has(pid)) arrived.set(pid, at);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":0,"msg":"success"}');
      });
    });
    await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
    scope.defer('close push receiver', () => new Promise<void>((ok) => receiver.close(() => ok())));
    const pushUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/push`;

    log(`open-api: ${store.dialect}, ${SHOPS} shops, ${CONCURRENCY} clients × ${seconds} s`);
    const core = await openCore({ dataDir: store.dataDir, databaseUrl: store.databaseUrl });
    let shops: ShopSetup[];
    try {
      shops = await setUp(core, pushUrl);
    } finally {
      await core.close();
    }
    const server = await startServerChild(scope, store, SECRET);
    const pool = openPool(scope, server.origin, CONCURRENCY + 4);
    const sampler = new ErrorSampler();
    // Pay the orders to be shipped before the run.
    let paid = 0;
    await Promise.all(
      shops.map(async (s, i) => {
        for (const [k, p] of s.shippable.entries()) {
          const r = await notifyPaid(pool, SECRET, p, `pre-${i}-${k}`);
          if (r.status !== 200) sampler.note('payment', r);
          else paid++;
        }
      }),
    );
    log(`open-api: ${paid} orders paid before the run`);
    // Their pushes go out before the run (at most a minute), so the lag is measured on a quiet queue.
    const drainUntil = performance.now() + 60_000;
    while (arrived.size < paid && performance.now() < drainUntil && !scope.signal.aborted)
      await new Promise((r) => setTimeout(r, 100));
    log(`open-api: ${arrived.size}/${paid} pushes of the orders paid before the run received`);

    const clients = shops.map((s) => new OpenApiClient({ baseUrl: '', appKey: s.appKey, appSecret: s.secret }));
    const since = Math.floor(Date.now() / 1000) - 3600;
    const latencies: number[] = [];
    const byMethod: Record<string, number> = {};
    let errors = 0;
    let calls = 0;
    const nextShip = shops.map(() => 0);
    const call = async (shop: number, method: string, params: Record<string, unknown>): Promise<unknown> => {
      const { url, body } = clients[shop]!.build(method, params, shops[shop]!.token);
      const t0 = performance.now();
      const reply = await post(pool, url, {}, body);
      latencies.push(performance.now() - t0);
      calls++;
      byMethod[method] = (byMethod[method] ?? 0) + 1;
      const env = reply.status === 200 ? (JSON.parse(reply.body) as { code: number; data: unknown }) : null;
      if (env?.code !== 10000) {
        errors++;
        sampler.note(method, reply);
        return null;
      }
      return env.data;
    };

    // Orders paid during the run, one every 50 ms: payment notification → push received.
    const lagSamples: number[] = [];
    const sentAt = new Map<string, number>();
    const lagOrders = shops.flatMap((s) => s.lagOrders);
    let lagNext = 0;
    const deadline = performance.now() + seconds * 1000;
    const payer = (async () => {
      while (!scope.signal.aborted && lagNext < lagOrders.length && performance.now() < deadline) {
        const o = lagOrders[lagNext++]!;
        sentAt.set(o.num, performance.now());
        const r = await notifyPaid(pool, SECRET, o.placed, `lag-${lagNext}`);
        if (r.status !== 200) sampler.note('payment (lag)', r);
        await new Promise((res) => setTimeout(res, 50));
      }
    })();
    // The ERP's mix: 40 % list paid orders, 30 % detail, 10 % ship, 20 % stock sync (full, incremental).
    const nextCall = (
      w: number,
      turn: number,
      shipped: number[],
    ): { shop: number; method: string; params: Record<string, unknown> } => {
      const shop = (w + turn) % SHOPS;
      const s = shops[shop]!;
      const pick = (turn + 1) % 10;
      if (pick < 4)
        return {
          shop,
          method: 'order.searchList',
          params: { page: 0, size: 20, create_time_start: since, combine_status: [{ order_status: '2' }] },
        };
      if (pick < 7)
        return {
          shop,
          method: 'order.orderDetail',
          params: { shop_order_id: s.shippableNums[(turn + 1) % s.shippableNums.length]! },
        };
      if (pick < 8 && shipped[shop]! < s.shippableNums.length) {
        const k = shipped[shop]!++;
        return {
          shop,
          method: 'order.logisticsAdd',
          params: {
            order_id: s.shippableNums[k],
            company_code: 'zhongtong',
            logistics_code: `7${String(3 + (k % 6))}${String(shop * 1000 + k).padStart(10, '0')}`,
          },
        };
      }
      if (pick < 9)
        return {
          shop,
          method: 'sku.syncStock',
          params: { sku_id: s.skuNums[1], stock_num: 500_000 + ((turn + 1) % 1000) },
        };
      return {
        shop,
        method: 'sku.syncStock',
        params: { sku_id: s.skuNums[1], stock_num: 1, incremental: true, idempotent_id: `inc-${shop}-${turn + 1}` },
      };
    };
    let turn = 0;
    const cpuBefore = await serverCpuSeconds(pool);
    const elapsedMs = await runFor(CONCURRENCY, seconds * 1000, scope.signal, async (w) => {
      const c = nextCall(w, turn++, nextShip);
      await call(c.shop, c.method, c.params);
    });
    const cpuAfter = await serverCpuSeconds(pool);
    await payer;
    // Let the last pushes arrive (at most 5 s).
    const waitUntil = performance.now() + 5_000;
    while (performance.now() < waitUntil && [...sentAt.keys()].some((k) => !arrived.has(k)))
      await new Promise((r) => setTimeout(r, 50));
    for (const [num, t0] of sentAt) {
      const t1 = arrived.get(num);
      if (t1 !== undefined) lagSamples.push(t1 - t0);
    }
    const missing = sentAt.size - lagSamples.length;
    if (missing > 0) log(`open-api: ${missing} paid pushes did not arrive within 5 s`);
    if (sampler.summary()) log(`open-api: failures ${sampler.summary()}`);
    await pool.destroy();
    await server.stop();

    // The yardstick: the same signed requests from the same load generator to a bare server that only checks signatures.
    const appsFile = join(store.dataDir, 'bare-open-apps.json');
    writeFileSync(appsFile, JSON.stringify(shops.map((s) => ({ appKey: s.appKey, secret: s.secret }))));
    const bare = await startScriptChild(scope, 'bare-open-server.js', [appsFile]);
    const barePool = openPool(scope, bare.origin, CONCURRENCY + 4);
    await Promise.all(Array.from({ length: CONCURRENCY }, () => get(barePool, '/warm')));
    let bareCalls = 0;
    let bareErrors = 0;
    let bareTurn = 0;
    const bareShipped = shops.map(() => 0);
    const bareMs = await runFor(CONCURRENCY, seconds * 1000, scope.signal, async (w) => {
      const c = nextCall(w, bareTurn++, bareShipped);
      const { url, body } = clients[c.shop]!.build(c.method, c.params, shops[c.shop]!.token);
      const reply = await post(barePool, `/open${url}`, {}, body);
      bareCalls++;
      if (reply.status !== 200 || (JSON.parse(reply.body) as { code: number }).code !== 10000) bareErrors++;
    });
    if (bareErrors > 0) log(`open-api: the bare server refused ${bareErrors} calls`);
    await barePool.destroy();
    await bare.stop();

    const lat = latencySummary(latencies);
    const lag = latencySummary(lagSamples);
    return {
      bench: 'open-api',
      dialect: store.dialect,
      shops: SHOPS,
      concurrency: CONCURRENCY,
      seconds: Math.round(elapsedMs / 100) / 10,
      calls,
      calls_per_s: Math.round(calls / (elapsedMs / 1000)),
      p50_ms: lat.p50,
      p99_ms: lat.p99,
      errors: errors + missing,
      by_method: byMethod,
      pushes_measured: lagSamples.length,
      push_lag_p50_ms: lag.p50,
      push_lag_p99_ms: lag.p99,
      server_cpu_ms_per_call: cpuMsPer(cpuBefore, cpuAfter, calls),
      bare_server_calls_per_s: Math.round(bareCalls / (bareMs / 1000)),
    };
  } finally {
    await scope.close();
  }
}

export function openApiSummary(r: OpenApiResult): string {
  const verdict =
    r.calls_per_s >= TARGET_CALLS_PER_S && r.push_lag_p99_ms <= TARGET_PUSH_LAG_P99_MS && r.errors === 0
      ? 'meets'
      : 'MISSES';
  return `open-api (${r.dialect}): ${r.calls_per_s} signed calls/s over ${r.seconds} s, ${r.shops} shops, ${r.concurrency} clients; p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms; ${r.errors} errors; push lag p50 ${r.push_lag_p50_ms} ms, p99 ${r.push_lag_p99_ms} ms over ${r.pushes_measured} orders; server CPU ${r.server_cpu_ms_per_call ?? '?'} ms per call; a bare server checking signatures only, same load: ${r.bare_server_calls_per_s} calls/s — ${verdict} the targets of ≥ ${TARGET_CALLS_PER_S}/s and push p99 ≤ ${TARGET_PUSH_LAG_P99_MS} ms`;
}
