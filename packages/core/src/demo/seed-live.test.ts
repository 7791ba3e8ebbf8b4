import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore } from '../test-support/harness.js';
import type { Actor } from '../context.js';
import { roomView } from '../live/room-view.js';
import { seedDemoLive } from './seed-live.js';

test('demo live room: demo-creator is live with the showcase in the bag, a pinned product and an open flash sale', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'demo-merchant');
    const creator = await makePerson(core, 'demo-creator', ['creator'], false);
    const now = core.clock.now();
    await core.ctx.db.insertInto('affiliate_showcase').values({ creator_id: creator.userId, product_id: shop.productId, shop_id: shop.shopId, via_plan_id: null, first_added_at: now, added_at: now, removed_at: null }).execute();
    const roomId = await seedDemoLive(core.ctx, new Map<string, Actor>([['demo-creator', creator]]));
    assert.ok(roomId);
    const room = await roomView(core.ctx, roomId);
    assert.equal(room.status, 'live');
    assert.equal(room.host.id, creator.userId);
    assert.deepEqual(room.bag.map((b) => b.id), [shop.productId]);
    assert.equal(room.pinned?.id, shop.productId);
    assert.equal(room.sales.length, 1);
    assert.equal(room.sales[0]!.status, 'open');
    assert.equal(room.sales[0]!.priceFen, Math.floor(2990 * 0.7));
    assert.deepEqual(room.coupons.map((c) => [c.amountFen, c.minSpendFen, c.remaining]), [[500, 3900, 500]], 'coupons to claim and spend at checkout');
    assert.equal(await seedDemoLive(core.ctx, new Map()), null, 'no demo creator, no room');
  } finally {
    await core.dispose();
  }
});
