import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadActor } from '../accounts/index.js';
import { ManualClock } from '../platform/index.js';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { deskView, serviceFigures } from '../service/index.js';
import { seedDemoService } from './seed-service.js';

test('demo conversations: two answered and rated, one waiting in the queue, figures to show', async () => {
  const core = await openTestCore();
  try {
    const fruit = await makeShop(core, 'demo-merchant');
    const other = await makeShop(core, 'merchant-kitchen');
    const people = new Map([
      ['demo-merchant', await loadActor(core.ctx.db, fruit.owner.userId)],
      ['merchant-kitchen', await loadActor(core.ctx.db, other.owner.userId)],
      ...(await Promise.all(
        ['buyer-01', 'buyer-02', 'buyer-03', 'demo-shopper'].map(async (l) => [l, await makePerson(core, l)] as const),
      )),
    ]);
    const realNow = Date.UTC(2026, 10, 23, 6, 0, 0); // 14:00 Shanghai
    const clock = new ManualClock(realNow - 30 * 86_400_000);
    await seedDemoService({ ctx: { ...core.ctx, clock }, clock, people, realNow });
    const desk = await deskView(core.ctx.db, fruit.owner, fruit.shopId);
    assert.equal(desk.queue.length, 1);
    const week = await serviceFigures(core.ctx.db, fruit.shopId, { from: realNow - 7 * 86_400_000, to: realNow });
    assert.equal(week.conversations, 3);
    assert.equal(week.ratings, 2);
    assert.equal(week.dissatisfied, 1);
    assert.equal(week.unanswered, 1);
    assert.ok(week.firstResponseAvgMs !== null && week.firstResponseAvgMs > 0);
    assert.ok(
      (await core.ctx.db.selectFrom('service_snippets').select('id').where('shop_id', '=', fruit.shopId).execute())
        .length >= 4,
    );
  } finally {
    await core.dispose();
  }
});
