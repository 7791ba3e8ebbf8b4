import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { openTestCore, type TestCore } from '../test-support/index.js';
import { cancelOrder } from '../orders/index.js';
import { runDueTimers } from '../timers/index.js';
import { createFlashSale, placeSaleOrder, roomSales } from './flash-sales.js';
import { loadSaleInfo, saleLabel } from './sale-info.js';
import { SaleWriter } from './sale-writer.js';
import { liveRuntime } from './runtime.js';
import { buyers, liveShopRoom } from './test-support/live-fixtures.js';

interface Ledger {
  remaining: number;
  reservedUnits: number;
  stock: number;
  skuReserved: number;
  perBuyer: Map<string, number>;
}

/** Reads the sale back from the database: remaining, live reservations, the SKU's stock, units per buyer from the orders themselves. */
async function ledger(core: TestCore, saleId: string, skuId: string): Promise<Ledger> {
  const db = core.ctx.db;
  const sale = await db
    .selectFrom('live_flash_sales')
    .select('remaining')
    .where('id', '=', saleId)
    .executeTakeFirstOrThrow();
  const orders = await db
    .selectFrom('live_sale_orders')
    .innerJoin('orders', 'orders.id', 'live_sale_orders.order_id')
    .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
    .select([
      'live_sale_orders.buyer_id',
      'live_sale_orders.status',
      'order_lines.quantity',
      'orders.status as order_status',
    ])
    .where('live_sale_orders.sale_id', '=', saleId)
    .execute();
  const perBuyer = new Map<string, number>();
  let reservedUnits = 0;
  for (const o of orders) {
    if (o.status === 'released') continue;
    reservedUnits += Number(o.quantity);
    perBuyer.set(o.buyer_id, (perBuyer.get(o.buyer_id) ?? 0) + Number(o.quantity));
  }
  const sku = await db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow();
  const res = await db
    .selectFrom('stock_reservations')
    .select('quantity')
    .where('sku_id', '=', skuId)
    .where('status', 'in', ['reserved', 'committed'])
    .execute();
  return {
    remaining: Number(sale.remaining),
    reservedUnits,
    stock: Number(sku.stock),
    skuReserved: res.reduce((s, r) => s + Number(r.quantity), 0),
    perBuyer,
  };
}

test('a rush on a flash sale: never oversold, never over the per-person limit, every unit accounted for', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        quantity: fc.integer({ min: 1, max: 12 }),
        limit: fc.integer({ min: 1, max: 3 }),
        wants: fc.array(fc.record({ buyer: fc.integer({ min: 0, max: 7 }), qty: fc.integer({ min: 1, max: 3 }) }), {
          minLength: 1,
          maxLength: 30,
        }),
      }),
      async ({ quantity, limit, wants }) => {
        const core = await openTestCore();
        try {
          const fx = await liveShopRoom(core, 'rush', { quantity, perPersonLimit: limit, stock: 50 });
          const people = await buyers(core, 'b', 8);
          const results = await Promise.allSettled(
            wants.map((w) => placeSaleOrder(core.ctx, people[w.buyer]!, fx.sale.id, { quantity: w.qty })),
          );
          for (const r of results)
            if (r.status === 'rejected')
              assert.ok(
                ['SALE_SOLD_OUT', 'SALE_LIMIT_REACHED'].includes((r.reason as { code: string }).code),
                String(r.reason),
              );
          const l = await ledger(core, fx.sale.id, fx.shop.skuIds[0]!);
          const won = results.filter((r) => r.status === 'fulfilled').length;
          assert.ok(l.reservedUnits <= quantity, 'never oversold');
          assert.equal(l.remaining + l.reservedUnits, quantity, 'remaining + reserved = quantity');
          assert.equal(l.stock + l.skuReserved, 50, 'the SKU keeps stock + reservations = received');
          for (const q of l.perBuyer.values()) assert.ok(q <= limit, 'never over the per-person limit');
          assert.equal(won, (await core.ctx.db.selectFrom('live_sale_orders').select('order_id').execute()).length);
          // Nobody was turned away while units were left that they could still have taken.
          const rejectedSoldOut = results.some(
            (r) => r.status === 'rejected' && (r.reason as { code: string }).code === 'SALE_SOLD_OUT',
          );
          if (rejectedSoldOut) assert.ok(l.remaining < 3, 'sold out only when (almost) nothing is left');
        } finally {
          await core.dispose();
        }
      },
    ),
    { numRuns: 12 },
  );
});

test('unpaid flash-sale orders return their units to the sale after the payment window; a paid one keeps them', async () => {
  const core = await openTestCore();
  try {
    const fx = await liveShopRoom(core, 'lapse', { quantity: 3, perPersonLimit: 2 });
    const [a, b, c] = await buyers(core, 'lapse-b', 3);
    const first = await placeSaleOrder(core.ctx, a!, fx.sale.id, { quantity: 2 });
    await placeSaleOrder(core.ctx, b!, fx.sale.id, { quantity: 1 });
    await assert.rejects(placeSaleOrder(core.ctx, c!, fx.sale.id, { quantity: 1 }), { code: 'SALE_SOLD_OUT' });
    await assert.rejects(placeSaleOrder(core.ctx, a!, fx.sale.id, { quantity: 1 }), { code: 'SALE_LIMIT_REACHED' });
    assert.equal(first.statusCode, 201);
    assert.ok(first.body.payBefore - core.clock.now() <= 5 * 60_000, 'five minutes to pay by default');
    // b cancels at once; a never pays.
    const bOrder = await core.ctx.db
      .selectFrom('live_sale_orders')
      .select('order_id')
      .where('buyer_id', '=', b!.userId)
      .executeTakeFirstOrThrow();
    await cancelOrder(core.ctx, b!, bOrder.order_id, 'changed my mind');
    core.clock.advance(5 * 60_000 + 1);
    await runDueTimers(core.ctx, core.timers, { limit: 100 });
    const l = await ledger(core, fx.sale.id, fx.shop.skuIds[0]!);
    assert.equal(l.remaining, 3, 'both orders gave their units back');
    assert.equal(l.reservedUnits, 0);
    const order = await core.ctx.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', first.body.orderId)
      .executeTakeFirstOrThrow();
    assert.equal(order.status, 'cancelled');
    // a may buy again: the allowance came back with the units, and the gate knows it.
    const again = await placeSaleOrder(core.ctx, a!, fx.sale.id, { quantity: 2 });
    assert.equal(again.statusCode, 201);
    const desk = await liveRuntime(core.ctx).desk(fx.sale.id);
    assert.equal(desk!.remaining, 1);
  } finally {
    await core.dispose();
  }
});

test('an Idempotency-Key replays the same order; the sale must be open', async () => {
  const core = await openTestCore();
  try {
    const fx = await liveShopRoom(core, 'idem', { quantity: 5, perPersonLimit: 1, startsInMs: 60_000 });
    const [a] = await buyers(core, 'idem-b', 1);
    await assert.rejects(placeSaleOrder(core.ctx, a!, fx.sale.id, { quantity: 1 }, 'key-000001'), {
      code: 'SALE_NOT_OPEN',
    });
    core.clock.advance(60_000);
    const [x, y] = await Promise.all([
      placeSaleOrder(core.ctx, a!, fx.sale.id, { quantity: 1 }, 'key-000002'),
      placeSaleOrder(core.ctx, a!, fx.sale.id, { quantity: 1 }, 'key-000002'),
    ]);
    assert.equal(x.body.orderId, y.body.orderId);
    const z = await placeSaleOrder(core.ctx, a!, fx.sale.id, { quantity: 1 }, 'key-000002');
    assert.equal(z.statusCode, 200);
    assert.equal(z.body.orderId, x.body.orderId);
    await assert.rejects(placeSaleOrder(core.ctx, a!, fx.sale.id, { quantity: 2 }, 'key-000002'), {
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    await assert.rejects(placeSaleOrder(core.ctx, a!, fx.sale.id, { quantity: 1 }, 'key-000003'), {
      code: 'SALE_LIMIT_REACHED',
    });
    const n = await core.ctx.db.selectFrom('live_sale_orders').select('order_id').execute();
    assert.equal(n.length, 1);
    core.clock.advance(3600_000);
    await assert.rejects(placeSaleOrder(core.ctx, a!, fx.sale.id, { quantity: 1 }, 'key-000004'), {
      code: 'SALE_NOT_OPEN',
    });
  } finally {
    await core.dispose();
  }
});

test('a restarted process reloads the gate from the database: units sold before are not sold again', async () => {
  const core = await openTestCore();
  try {
    const fx = await liveShopRoom(core, 'restart', { quantity: 2, perPersonLimit: 2 });
    const [a, b] = await buyers(core, 'restart-b', 2);
    await placeSaleOrder(core.ctx, a!, fx.sale.id, { quantity: 2 });
    // Another process's gate: a fresh runtime over the same store.
    const otherCtx = { ...core.ctx, db: core.ctx.db.withoutPlugins() };
    await assert.rejects(placeSaleOrder(otherCtx, b!, fx.sale.id, { quantity: 1 }), { code: 'SALE_SOLD_OUT' });
    await assert.rejects(placeSaleOrder(otherCtx, a!, fx.sale.id, { quantity: 1 }), { code: 'SALE_LIMIT_REACHED' });
  } finally {
    await core.dispose();
  }
});

test('each sale is labelled with the SKU it sells, also when two SKUs of a product are on sale at once', async () => {
  const core = await openTestCore();
  try {
    const fx = await liveShopRoom(core, 'label', { quantity: 3, perPersonLimit: 1 });
    const now = core.clock.now();
    const second = await createFlashSale(core.ctx, fx.host, fx.roomId, {
      skuId: fx.shop.skuIds[1]!,
      priceFen: 1990,
      quantity: 2,
      perPersonLimit: 1,
      startsAt: now,
      endsAt: now + 3600_000,
    });
    assert.equal(fx.sale.label, '云南冰糖橙 新鲜现摘 · 5斤');
    assert.equal(second.label, '云南冰糖橙 新鲜现摘 · 10斤');
    const listed = await roomSales(core.ctx, core.ctx.db, fx.roomId);
    assert.deepEqual(
      listed.map((s) => [s.skuId, s.label]).sort(),
      [
        [fx.shop.skuIds[0], fx.sale.label],
        [fx.shop.skuIds[1], second.label],
      ].sort(),
    );
    assert.equal(saleLabel('整箱', []), '整箱', 'a product without specs is its title');
  } finally {
    await core.dispose();
  }
});

test('a group of orders one of which the database refuses: the others are written, in halves, the refused one gets its guard', async () => {
  const core = await openTestCore();
  try {
    const fx = await liveShopRoom(core, 'halves', { quantity: 10, perPersonLimit: 1 });
    const people = await buyers(core, 'halves-b', 8);
    // Another process has written a unit for the fourth buyer: this process's group does not know it.
    await core.ctx.db
      .insertInto('live_sale_buyers')
      .values({ sale_id: fx.sale.id, buyer_id: people[3]!.userId, quantity: 1 })
      .execute();
    const info = await loadSaleInfo(core.ctx.db, fx.sale.id);
    const placed: string[] = [];
    const writer = new SaleWriter(
      core.ctx,
      () => info!,
      (done) => placed.push(...done.map((d) => d.req.buyerId)),
    );
    const answers = await Promise.allSettled(
      people.map((p, i) =>
        writer.submit({
          buyerId: p.userId,
          quantity: 1,
          addressId: undefined,
          idemKey: `halves-${i}`,
          requestHash: 'h',
        }),
      ),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      people.map((_, i) => (i === 3 ? 'rejected' : 'fulfilled')),
    );
    assert.equal((answers[3] as PromiseRejectedResult).reason.code, 'SALE_LIMIT_REACHED');
    assert.deepEqual(
      placed,
      people.filter((_, i) => i !== 3).map((p) => p.userId),
      'written in arrival order',
    );
    const l = await ledger(core, fx.sale.id, fx.shop.skuIds[0]!);
    assert.equal(l.remaining, 3);
    assert.equal(l.reservedUnits, 7);
  } finally {
    await core.dispose();
  }
});
