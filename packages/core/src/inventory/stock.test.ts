import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkout } from '../checkout/index.js';
import { cancelOrder } from '../orders/index.js';
import { adjustStock } from './stock.js';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import type { Actor } from '../context.js';

async function stockOf(core: TestCore, skuId: string): Promise<number> {
  return (await core.ctx.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow()).stock;
}

async function activeReserved(core: TestCore, skuId: string): Promise<number> {
  const rows = await core.ctx.db
    .selectFrom('stock_reservations')
    .select('quantity')
    .where('sku_id', '=', skuId)
    .where('status', 'in', ['reserved', 'committed'])
    .execute();
  return rows.reduce((s, r) => s + r.quantity, 0);
}

test('concurrent buyers never oversell: 60 buyers, stock 25, all at once', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'hot-shop', 25);
    const buyers: Actor[] = [];
    for (let i = 0; i < 60; i++) buyers.push(await makePerson(core, `rush-${i}`));
    const results = await Promise.allSettled(
      buyers.map((b) =>
        checkout(core.ctx, b, { items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'live' } }] }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled').length;
    const lost = results.filter((r) => r.status === 'rejected');
    assert.equal(won, 25);
    for (const r of lost) assert.equal((r as PromiseRejectedResult).reason.code, 'OUT_OF_STOCK');
    assert.equal(await stockOf(core, shop.skuIds[0]!), 0);
    assert.equal(await activeReserved(core, shop.skuIds[0]!), 25);
    const orders = await core.ctx.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(orders.n), 25, 'no half-written orders from the losers');
  } finally {
    await core.dispose();
  }
});

test('a multi-item checkout is all or nothing: one short line rolls back every reservation', async () => {
  const core = await openTestCore();
  try {
    const a = await makeShop(core, 'shop-a', 10);
    const b = await makeShop(core, 'shop-b', 1, a.categoryId);
    const buyer = await makePerson(core, 'buyer-all');
    await assert.rejects(
      checkout(core.ctx, buyer, {
        items: [
          { skuId: a.skuIds[0]!, quantity: 3, attribution: { source: 'shelf' } },
          { skuId: b.skuIds[0]!, quantity: 2, attribution: { source: 'shelf' } },
        ],
      }),
      { code: 'OUT_OF_STOCK' },
    );
    assert.equal(await stockOf(core, a.skuIds[0]!), 10);
    assert.equal(await stockOf(core, b.skuIds[0]!), 1);
  } finally {
    await core.dispose();
  }
});

test('property: under any mix of orders, cancellations and stock corrections, stock + live reservations = received, never negative', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'prop-shop', 20);
    const buyers: Actor[] = [];
    for (let i = 0; i < 4; i++) buyers.push(await makePerson(core, `prop-${i}`));
    const skuId = shop.skuIds[0]!;
    let received = 20;
    const placed: string[] = [];
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('buy' as const),
        buyer: fc.integer({ min: 0, max: 3 }),
        qty: fc.integer({ min: 1, max: 8 }),
      }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
      fc.record({
        kind: fc.constant('adjust' as const),
        delta: fc.integer({ min: -6, max: 6 }).filter((d) => d !== 0),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        await Promise.allSettled(
          ops.map(async (o) => {
            if (o.kind === 'buy') {
              const r = await checkout(core.ctx, buyers[o.buyer]!, {
                items: [{ skuId, quantity: o.qty, attribution: { source: 'feed' } }],
              });
              placed.push(...r.body.orders.map((x) => x.id));
            } else if (o.kind === 'cancel' && placed.length) {
              const id = placed[o.pick % placed.length]!;
              const order = await core.ctx.db
                .selectFrom('orders')
                .select('buyer_id')
                .where('id', '=', id)
                .executeTakeFirstOrThrow();
              await cancelOrder(core.ctx, buyers.find((b) => b.userId === order.buyer_id)!, id, 'changed my mind');
            } else if (o.kind === 'adjust') {
              await adjustStock(core.ctx, shop.owner, skuId, o.delta);
              received += o.delta;
            }
          }),
        );
        const stock = await stockOf(core, skuId);
        assert.ok(stock >= 0);
        assert.equal(stock + (await activeReserved(core, skuId)), received);
      }),
      { numRuns: 25 },
    );
  } finally {
    await core.dispose();
  }
});
