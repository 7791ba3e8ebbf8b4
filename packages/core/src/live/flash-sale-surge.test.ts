import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setShopCapacity, setSurgePolicy } from '../capacity/index.js';
import { openTestCore } from '../test-support/index.js';
import { placeSaleOrder } from './flash-sales.js';
import { liveRuntime } from './runtime.js';
import { buyers, liveShopRoom } from './test-support/live-fixtures.js';

// 10:00 in Shanghai: the 48-hour window covers today and tomorrow, 20 slots at 10 a day; the
// merchant's surge policy applies from 80 % of them, the 17th open order.
const T0 = Date.UTC(2026, 5, 1, 2, 0);

for (const policy of ['pause', 'presale'] as const) {
  test(`a flash sale respects the shop's declared capacity (policy ${policy})`, async () => {
    const core = await openTestCore();
    try {
      core.clock.set(T0);
      const fx = await liveShopRoom(core, `surge-${policy}`, { quantity: 20, perPersonLimit: 1 });
      await setShopCapacity(core.ctx, fx.shop.owner, fx.shop.shopId, { capacityPerDay: 10 });
      await setSurgePolicy(core.ctx, fx.shop.owner, fx.shop.productId, policy);
      const people = await buyers(core, `surge-${policy}-b`, 20);
      // All at once: the desk writes them as one group, in arrival order.
      const results = await Promise.allSettled(
        people.map((p) => placeSaleOrder(core.ctx, p, fx.sale.id, { quantity: 1 })),
      );
      const placed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.body.orderId] : []));
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : []));
      const orders = await core.ctx.db
        .selectFrom('orders')
        .select(['id', 'promised_ship_by_at'])
        .where('id', 'in', placed)
        .orderBy('id')
        .execute();
      const presold = orders.filter((o) => o.promised_ship_by_at !== null);
      const sale = await core.ctx.db
        .selectFrom('live_flash_sales')
        .select('remaining')
        .where('id', '=', fx.sale.id)
        .executeTakeFirstOrThrow();
      if (policy === 'pause') {
        assert.equal(placed.length, 16, 'sold up to 80 % of the slots');
        assert.deepEqual(new Set(refused), new Set(['SALES_PAUSED']));
        assert.equal(refused.length, 4);
        assert.equal(presold.length, 0);
        assert.equal(Number(sale.remaining), 4, 'paused orders took no units');
        assert.equal((await liveRuntime(core.ctx).desk(fx.sale.id))!.remaining, 4, 'and the gate gave them back');
      } else {
        assert.equal(placed.length, 20);
        assert.equal(presold.length, 4, 'beyond 80 % each order carries a pre-sale ship-by date');
        for (const o of presold)
          assert.ok(Number(o.promised_ship_by_at) > T0 + 24 * 3600_000, 'a later promise than the usual 48 hours');
        assert.equal(Number(sale.remaining), 0);
      }
    } finally {
      await core.dispose();
    }
  });
}
