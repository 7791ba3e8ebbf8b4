import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../platform/index.js';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { cancelOrder } from '../orders/index.js';
import { checkLedger } from '../ledger/index.js';
import { completeOrder, deliverAll, paidOrder } from '../ledger/test-support/index.js';
import type { Actor } from '../context.js';
import { seedDemoMoney } from './seed-money.js';

const DAY = 24 * 3600 * 1000;

test('demo money: settled, refunded (before and after settlement) and paid-out orders; the books balance', async () => {
  const core = await openTestCore();
  try {
    const a = await makeShop(core, 'demo-merchant');
    const b = await makeShop(core, 'merchant-tea', 100, a.categoryId);
    const buyer = await makePerson(core, 'buyer-01');
    const creator = await makePerson(core, 'demo-creator', ['creator'], false);
    for (const shop of [a, b]) {
      for (let i = 0; i < 3; i++) {
        const o = await paidOrder(core, buyer, shop.skuIds[1]!, 2);
        await completeOrder(core, shop.owner, buyer, o.orderId);
      }
    }
    const c = await paidOrder(core, buyer, a.skuIds[0]!, 1);
    await cancelOrder(core.ctx, buyer, c.orderId, '不要了');
    const people = new Map<string, Actor>([
      ['demo-merchant', a.owner],
      ['merchant-tea', b.owner],
      ['demo-creator', creator],
      ['buyer-01', buyer],
    ]);
    core.clock.advance(10 * DAY);
    const clock = new ManualClock(core.clock.now());
    await seedDemoMoney({
      ctx: { ...core.ctx, clock },
      clock,
      people,
      realNow: core.clock.now() + 120_000,
      deliver: () => deliverAll(core),
      progress: () => {},
    });
    const db = core.ctx.db;
    assert.equal((await db.selectFrom('ledger_settlements').select('order_id').execute()).length, 6);
    const reasons = new Set((await db.selectFrom('ledger_journals').select('reason').execute()).map((j) => j.reason));
    for (const r of [
      'capture',
      'settlement',
      'refund_requested',
      'refund_paid',
      'clawback',
      'payout_requested',
      'payout_paid',
      'payout_returned',
    ])
      assert.ok(reasons.has(r), `the demo shows a ${r}`);
    const payouts = await db.selectFrom('payouts').select('status').orderBy('id').execute();
    assert.deepEqual(payouts.map((p) => p.status).sort(), ['failed', 'succeeded']);
    const creatorEarned = await db
      .selectFrom('ledger_balances')
      .select('balance_fen')
      .where('account_id', '=', `creator_available:${creator.userId}`)
      .executeTakeFirst();
    assert.ok(creatorEarned && Number(creatorEarned.balance_fen) > 0);
    assert.ok((await checkLedger(db)).ok);
  } finally {
    await core.dispose();
  }
});
