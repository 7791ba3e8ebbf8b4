import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../platform/index.js';
import { createCategory } from '../catalog/index.js';
import { checkout } from '../checkout/index.js';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { runDueTimers } from '../timers/index.js';
import { checkLedger } from '../ledger/index.js';
import type { Actor, CoreContext } from '../context.js';
import { adminCases, shopCases } from '../aftersales/index.js';
import { seedDemoAftersales } from './seed-aftersales.js';
import { applyNotification } from '../orders/index.js';

test('demo after-sales: a claim waiting for demo-merchant, one settled, one escalated, a return to confirm; every open deadline lies ahead', async () => {
  const core = await openTestCore();
  try {
    const fruit = await makeShop(core, 'demo-merchant');
    const pans = await createCategory(core.ctx, null, {
      name: '厨具',
      shipByHours: 48,
      perishable: false,
      feeRateBp: 300,
    });
    const kitchen = await makeShop(core, 'merchant-kitchen', 100, pans.id);
    const admin = await makePerson(core, 'demo-admin', ['admin'], false);
    const people = new Map<string, Actor>([
      ['demo-merchant', fruit.owner],
      ['merchant-kitchen', kitchen.owner],
      ['demo-admin', admin],
    ]);
    for (const login of ['demo-shopper', 'buyer-01', 'buyer-02', 'buyer-03'])
      people.set(login, await makePerson(core, login));
    const realNow = core.clock.now() + 200 * 3600 * 1000;
    const clock = new ManualClock(core.clock.now());
    const ctx: CoreContext = { ...core.ctx, clock };
    let n = 0;
    const buyPaid = async (buyer: Actor, skuId: string, quantity: number) => {
      const c = (await checkout(ctx, buyer, { items: [{ skuId, quantity, attribution: { source: 'shelf' } }] })).body;
      n++;
      await applyNotification(
        ctx,
        'sandbox',
        {
          eventId: `seed-as-${n}`,
          kind: 'payment.succeeded',
          paymentId: c.payment.id,
          providerTxnId: `sbx_seed_as_${n}`,
          amountFen: c.totalFen,
          at: 0,
        },
        '{}',
      );
      return c.orders[0]!.id;
    };
    assert.equal(await seedDemoAftersales({ ctx, clock, people, realNow, buyPaid, progress: () => {} }), 4);

    core.clock.set(realNow);
    assert.equal(
      (
        await runDueTimers(core.ctx, core.timers, {
          kinds: [
            'refund_response',
            'aftersales_response',
            'return_ship',
            'return_confirm',
            'aftersales_counter_reply',
          ],
        })
      ).fired,
      0,
    );
    const fruitCases = await shopCases(core.ctx.db, fruit.owner, fruit.shopId, { limit: 10 });
    assert.deepEqual(
      fruitCases.items.map((c) => [c.type, c.status]),
      [
        ['fresh_claim', 'requested'],
        ['refund_only', 'escalated'],
        ['fresh_claim', 'refunded'],
      ],
    );
    assert.ok(fruitCases.items[0]!.deadline!.dueAt > realNow);
    const kitchenCases = await shopCases(core.ctx.db, kitchen.owner, kitchen.shopId, { limit: 10 });
    assert.deepEqual(
      kitchenCases.items.map((c) => [c.type, c.status]),
      [['return_refund', 'return_shipped']],
    );
    assert.equal((await adminCases(core.ctx.db, admin, { limit: 10 })).items.length, 1);
    assert.ok((await checkLedger(core.ctx.db)).ok);
  } finally {
    await core.dispose();
  }
});
