import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { productOrigin } from '../supply/index.js';
import type { Actor } from '../context.js';
import { DEMO_SUPPLY, seedDemoSupply, shipDemoFreshOrder } from './seed-supply.js';
import { receiveNotification } from '../orders/index.js';

test('demo supply: suppliers, bases with photos, checked batches in stock, origin cards, a shipped order with its batch', async () => {
  const core = await openTestCore();
  try {
    const fruit = await makeShop(core, 'demo-merchant', 50);
    const tea = await makeShop(core, 'merchant-tea', 50, fruit.categoryId);
    const shopper = await makePerson(core, 'demo-shopper');
    const people = new Map<string, Actor>([
      ['demo-merchant', fruit.owner],
      ['merchant-tea', tea.owner],
      ['demo-shopper', shopper],
    ]);
    const shopIds = new Map([
      ['dianguo', fruit.shopId],
      ['chashan', tea.shopId],
    ]);
    const input = { ctx: core.ctx, clock: core.clock, people, shopIds, progress: () => {} };
    await seedDemoSupply(input, ['chashan', 'dianguo']);

    const suppliers = await core.ctx.db.selectFrom('suppliers').select(['shop_id']).execute();
    assert.equal(suppliers.filter((s) => s.shop_id === fruit.shopId).length, DEMO_SUPPLY.dianguo!.suppliers.length);
    assert.equal(suppliers.filter((s) => s.shop_id === tea.shopId).length, DEMO_SUPPLY.chashan!.suppliers.length);
    const batches = await core.ctx.db
      .selectFrom('supply_batches')
      .select(['sku_id', 'status', 'quantity', 'remaining'])
      .execute();
    assert.equal(batches.length, 4, 'a batch per SKU of each shop');
    assert.ok(batches.every((b) => b.status === 'received' && b.remaining === b.quantity));
    const stock = await core.ctx.db
      .selectFrom('skus')
      .select(['id', 'stock'])
      .where('id', '=', fruit.skuIds[0]!)
      .executeTakeFirstOrThrow();
    assert.equal(
      Number(stock.stock),
      50 + batches.find((b) => b.sku_id === fruit.skuIds[0])!.quantity,
      'received into stock',
    );

    const origin = await productOrigin(core.ctx.db, fruit.productId, null);
    assert.equal(origin.current?.base?.kind, 'orchard');
    assert.equal(origin.current?.qc?.result, 'pass');
    assert.ok(origin.current!.batch.harvestedAt < core.clock.now());
    assert.equal(origin.current!.photos.length, 2, 'the base photo and the check photo');
    assert.ok(origin.current!.batch.code.startsWith('DG-'));

    await shipDemoFreshOrder({
      ...input,
      gateway: core.sandbox,
      deliver: () =>
        core.sandbox
          .deliverDue(100, async (_url, body, headers) => {
            await receiveNotification(core.ctx, 'sandbox', headers, body);
            return 200;
          })
          .then(() => undefined),
    });
    const shipped = await core.ctx.db
      .selectFrom('order_line_batches')
      .innerJoin('orders', 'orders.id', 'order_line_batches.order_id')
      .select(['orders.buyer_id', 'orders.status', 'order_line_batches.quantity'])
      .execute();
    assert.deepEqual(
      shipped.map((r) => [r.buyer_id, r.status, r.quantity]),
      [
        [shopper.userId, 'shipped', 1],
        [shopper.userId, 'shipped', 1],
      ],
    );
  } finally {
    await core.dispose();
  }
});
