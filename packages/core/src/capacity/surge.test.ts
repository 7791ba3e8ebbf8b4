import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/index.js';
import { createProduct } from '../catalog/index.js';
import { applyNotification } from '../orders/index.js';
import { DomainError } from '../platform/index.js';
import { makePerson, makeShop, openTestCore, type ShopFixture, type TestCore } from '../test-support/index.js';
import type { Actor } from '../context.js';
import {
  capacityPressure,
  getShopCapacity,
  setShopCapacity,
  setSurgePolicy,
  shopProjection,
  throttleSignal,
} from './capacity-service.js';
import { productDetail } from './product-page.js';
import { DAY_MS, HOUR_MS, endOfShanghaiDay } from '../platform/index.js';
import { shipOrder } from '../logistics/index.js';
import { orderDetail } from '../orderviews/index.js';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0); // 10:00 in Shanghai
let txn = 0;

async function addProduct(
  core: TestCore,
  shop: ShopFixture,
  title: string,
  stock: number,
): Promise<{ productId: string; skuId: string }> {
  const p = await createProduct(core.ctx, shop.owner, shop.shopId, {
    categoryId: shop.categoryId,
    title,
    specOptions: [],
    skus: [{ specValues: [], priceFen: 1990, stock }],
    status: 'listed',
  });
  return { productId: p.id, skuId: p.skuIds[0]! };
}

/** Places one order; answers the order and its payment, or the error code when checkout refused it. */
async function buy(
  core: TestCore,
  buyer: Actor,
  skuId: string,
): Promise<{ orderId: string; pay: () => Promise<unknown> } | { code: string }> {
  let c;
  try {
    c = (await checkout(core.ctx, buyer, { items: [{ skuId, quantity: 1, attribution: { source: 'shelf' } }] })).body;
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code };
    throw e;
  }
  const n = ++txn;
  const paid = c;
  const pay = () =>
    applyNotification(
      core.ctx,
      'sandbox',
      {
        eventId: `surge${n}`,
        kind: 'payment.succeeded',
        paymentId: paid.payment.id,
        providerTxnId: `sbx_s${n}`,
        amountFen: paid.totalFen,
        at: 0,
      },
      '{}',
    );
  return { orderId: c.orders[0]!.id, pay };
}

async function buyAndPay(core: TestCore, buyer: Actor, skuId: string): Promise<{ orderId: string } | { code: string }> {
  const r = await buy(core, buyer, skuId);
  if ('code' in r) return r;
  await r.pay();
  return { orderId: r.orderId };
}

async function stockOf(core: TestCore, skuId: string): Promise<number> {
  return Number(
    (await core.ctx.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow()).stock,
  );
}

test('surge: 3,000 orders in an hour against 1,000/day — each policy applies at 80 % and no sold promise is unmeetable', async () => {
  const core = await openTestCore();
  try {
    core.clock.set(T0);
    const shop = await makeShop(core, 'surge-shop');
    const buyer = await makePerson(core, 'surge-buyer');
    const warn = await addProduct(core, shop, '爆款冰糖橙 提醒', 5000);
    const presale = await addProduct(core, shop, '爆款冰糖橙 预售', 5000);
    const pause = await addProduct(core, shop, '爆款冰糖橙 暂停', 5000);
    await setShopCapacity(core.ctx, shop.owner, shop.shopId, { capacityPerDay: 1000 });
    await setSurgePolicy(core.ctx, shop.owner, warn.productId, 'warn');
    await setSurgePolicy(core.ctx, shop.owner, presale.productId, 'presale');
    await setSurgePolicy(core.ctx, shop.owner, pause.productId, 'pause');
    const products = [warn, presale, pause];
    const today = endOfShanghaiDay(T0);
    // 48 h from 10:00 covers today and tomorrow: 2,000 slots; the policies apply from 1,600 open orders.
    const sold: Array<{ orderId: string; presaleShipBy: number | null }> = [];
    const paying = new Set<Promise<unknown>>();
    let pauseStockAtPause = -1;
    // The first 1,560 orders are far from the limit: they arrive eight at a time (all sold in stock).
    const PREFILL = 1560;
    for (let i = 0; i < PREFILL; i += 8) {
      core.clock.set(T0 + Math.floor((i * HOUR_MS) / 3000));
      const batch = await Promise.all([...Array(8).keys()].map((j) => buy(core, buyer, products[(i + j) % 3]!.skuId)));
      for (const r of batch) {
        assert.ok('orderId' in r);
        paying.add(r.pay());
        sold.push({ orderId: r.orderId, presaleShipBy: null });
      }
      await Promise.all(paying);
      paying.clear();
    }
    for (let i = PREFILL; i < 3000; i++) {
      core.clock.set(T0 + Math.floor((i * HOUR_MS) / 3000));
      const k = i % 3;
      const p = products[k]!;
      const open = sold.length; // every sold order stays open (unpaid or paid, not shipped)
      // The moment each policy applies: pre-sale from 80 % (1,600 of 2,000 slots in 48 h); warn-only
      // keeps the in-stock promise until it could not be met (2,000), then sells only pre-sale.
      const expected =
        k === 2 && open >= 1600
          ? 'paused'
          : (k === 1 && open >= 1600) || (k === 0 && open >= 2000)
            ? 'presale'
            : 'in_stock';
      // The honest date: the day its queue position ships.
      const presaleDate = today + Math.floor(open / 1000) * DAY_MS;
      // What the product page shows before payment (checked around the thresholds and every 50th).
      if (i % 50 === 0 || Math.abs(open - 1600) < 4 || Math.abs(open - 2000) < 4) {
        const detail = await productDetail(core.ctx.db, p.productId, null, core.clock.now());
        assert.equal(detail.salesPaused, expected === 'paused', `product ${k} at ${open}`);
        if (expected !== 'paused')
          assert.deepEqual(
            detail.promise,
            expected === 'presale'
              ? { kind: 'presale', shipBy: presaleDate }
              : { kind: 'in_stock', shipWithinHours: 48 },
            `product ${k} at ${open}`,
          );
      }
      const r = await buy(core, buyer, p.skuId);
      if ('code' in r) {
        assert.equal(r.code, 'SALES_PAUSED');
        assert.equal(expected, 'paused', `refused at ${open} open orders`);
        if (pauseStockAtPause < 0) pauseStockAtPause = await stockOf(core, p.skuId);
        continue;
      }
      assert.notEqual(expected, 'paused', `product ${k} sold at ${open} open orders`);
      // Payments arrive alongside (they do not change the open count); on PostgreSQL they overlap.
      const payment: Promise<unknown> = r.pay().finally(() => paying.delete(payment));
      paying.add(payment);
      if (paying.size >= 8) await Promise.race(paying);
      sold.push({ orderId: r.orderId, presaleShipBy: expected === 'presale' ? presaleDate : null });
    }
    await Promise.all(paying);
    assert.ok(pauseStockAtPause >= 0, 'the pause policy applied');
    assert.equal(await stockOf(core, pause.skuId), pauseStockAtPause, 'paused sales leave stock untouched');
    assert.ok(sold.length > 2000 && sold.length < 3000);

    // The promise shown before payment is each order's ship-by deadline.
    const deadlines = await core.ctx.db
      .selectFrom('orders')
      .select(['id', 'ship_by_at', 'paid_at'])
      .where('shop_id', '=', shop.shopId)
      .where('status', '=', 'paid')
      .execute();
    const shipByOf = new Map(deadlines.map((o) => [o.id, Number(o.ship_by_at)]));
    const paidAtOf = new Map(deadlines.map((o) => [o.id, Number(o.paid_at)]));
    assert.equal(deadlines.length, sold.length);
    for (const o of sold)
      assert.equal(shipByOf.get(o.orderId), o.presaleShipBy ?? paidAtOf.get(o.orderId)! + 48 * HOUR_MS);
    const last = sold.at(-1)!;
    const lastPromise = (await orderDetail(core.ctx.db, buyer, last.orderId)).promise;
    assert.equal(lastPromise.shipBy, last.presaleShipBy);
    assert.equal(lastPromise.presaleShipBy, last.presaleShipBy, 'the order detail tells the buyer the pre-sale date');
    assert.equal(
      (await orderDetail(core.ctx.db, buyer, sold[0]!.orderId)).promise.presaleShipBy,
      null,
      'in-stock orders carry no pre-sale date',
    );
    const projection = await shopProjection(core.ctx, shop.owner, shop.shopId);
    assert.equal(projection.capacityPerDay, 1000);
    assert.equal(projection.backlog, sold.length);
    assert.deepEqual(projection.atRisk, [], 'no order was sold with a promise the projection cannot meet');
    assert.equal(projection.pressure, 1);
    assert.equal(projection.nearLimit, true);
    assert.equal(projection.projectedClearAt, today + 2 * DAY_MS);
    assert.equal(await capacityPressure(core.ctx.db, shop.shopId, core.clock.now()), 1);
    const signal = await throttleSignal(core.ctx.db, shop.shopId, core.clock.now());
    assert.deepEqual(
      new Set(signal.throttle),
      new Set([shop.productId, warn.productId, presale.productId, pause.productId]),
    );
  } finally {
    await core.dispose();
  }
});

test('policy switching, shipping and a larger capacity move the promise; no capacity declared means no protection', async () => {
  const core = await openTestCore();
  try {
    core.clock.set(T0);
    const shop = await makeShop(core, 'surge-switch');
    const buyer = await makePerson(core, 'surge-switch-b');
    const sku = shop.skuIds[0]!;
    const detail = () => productDetail(core.ctx.db, shop.productId, null, core.clock.now());
    assert.equal((await getShopCapacity(core.ctx, shop.owner, shop.shopId)).capacityPerDay, null);
    const orders: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await buyAndPay(core, buyer, sku);
      assert.ok('orderId' in r);
      orders.push(r.orderId);
    }
    assert.deepEqual((await detail()).promise, { kind: 'in_stock', shipWithinHours: 48 });
    assert.equal(await capacityPressure(core.ctx.db, shop.shopId, core.clock.now()), 0);
    // 5 a day: 10 slots in 48 h, 8 taken = 80 %.
    await setShopCapacity(core.ctx, shop.owner, shop.shopId, { capacityPerDay: 5 });
    assert.equal(await capacityPressure(core.ctx.db, shop.shopId, core.clock.now()), 0.8);
    assert.deepEqual(
      (await detail()).promise,
      { kind: 'in_stock', shipWithinHours: 48 },
      'warn (the default) keeps the in-stock promise while it can be met',
    );
    const proj = await shopProjection(core.ctx, shop.owner, shop.shopId);
    assert.equal(proj.nearLimit, true);
    assert.equal(proj.newOrderShipAt, endOfShanghaiDay(T0) + DAY_MS);
    await setSurgePolicy(core.ctx, shop.owner, shop.productId, 'pause');
    assert.equal((await detail()).salesPaused, true);
    const before = await core.ctx.db.selectFrom('skus').select('stock').where('id', '=', sku).executeTakeFirstOrThrow();
    await assert.rejects(
      checkout(core.ctx, buyer, { items: [{ skuId: sku, quantity: 1, attribution: { source: 'shelf' } }] }),
      (e: DomainError) => e.code === 'SALES_PAUSED' && e.status === 409,
    );
    assert.deepEqual(
      await core.ctx.db.selectFrom('skus').select('stock').where('id', '=', sku).executeTakeFirstOrThrow(),
      before,
    );
    await setSurgePolicy(core.ctx, shop.owner, shop.productId, 'presale');
    assert.deepEqual((await detail()).promise, { kind: 'presale', shipBy: endOfShanghaiDay(T0) + DAY_MS });
    // Shipping five spends today's capacity: 3 open orders for tomorrow's 5 slots = 60 %, in stock again.
    for (const id of orders.slice(0, 5))
      await shipOrder(core.ctx, shop.owner, id, [{ carrier: '顺丰速运', trackingNo: `SF2000000${id.slice(-3)}` }]);
    assert.equal(await capacityPressure(core.ctx.db, shop.shopId, core.clock.now()), 0.6);
    assert.deepEqual((await detail()).promise, { kind: 'in_stock', shipWithinHours: 48 });
    // Four more orders (7 of 5) and the honest pre-sale date is the day after tomorrow.
    for (let i = 0; i < 4; i++) assert.ok('orderId' in (await buyAndPay(core, buyer, sku)));
    assert.deepEqual((await detail()).promise, { kind: 'presale', shipBy: endOfShanghaiDay(T0) + 2 * DAY_MS });
    // A larger capacity lifts the pressure: back to the in-stock promise.
    await setShopCapacity(core.ctx, shop.owner, shop.shopId, { capacityPerDay: 100 });
    assert.deepEqual((await detail()).promise, { kind: 'in_stock', shipWithinHours: 48 });
    await assert.rejects(
      setShopCapacity(core.ctx, shop.owner, shop.shopId, { capacityPerDay: 0 }),
      (e: DomainError) => e.code === 'INVALID_INPUT' || e.status === 400,
    );
    await assert.rejects(
      setSurgePolicy(core.ctx, shop.owner, shop.productId, 'maybe'),
      (e: DomainError) => e.status === 400,
    );
    const stranger = await makePerson(core, 'surge-stranger');
    await assert.rejects(
      setSurgePolicy(core.ctx, stranger, shop.productId, 'warn'),
      (e: DomainError) => e.status === 404,
    );
    await assert.rejects(shopProjection(core.ctx, stranger, shop.shopId), (e: DomainError) => e.status === 404);
  } finally {
    await core.dispose();
  }
});
