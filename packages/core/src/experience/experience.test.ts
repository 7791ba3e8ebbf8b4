/**
 * The experience score on the real core (SQLite, and PostgreSQL with DATABASE_URL): no score below
 * 30 paid orders; with them, each indicator counts what really happened (late pickups, bad
 * reviews, quality returns); the multiplier reaches the running engine and the settlement cap the
 * ledger; merchants see only their own shop; admins edit weights and recompute.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/index.js';
import { confirmReceipt, applyNotification } from '../orders/index.js';
import { createReview } from '../reviews/index.js';
import { fileCase } from '../aftersales/index.js';
import { makePerson, makeShop, openTestCore, type TestCore, type ShopFixture } from '../test-support/index.js';
import { settleWindowFor, shopSettleTerms } from '../ledger/index.js';
import type { Actor } from '../context.js';
import { openConversation, sendMessage, setPresence } from '../service/index.js';
import { readAsideAnswered } from '../storage/index.js';
import {
  categoryWeights,
  dailyExperienceScoring,
  defaultWeights,
  listExperienceScores,
  recomputeAllExperience,
  recomputeShopExperience,
  scoreShopsDaily,
  setCategoryWeights,
  shopExperience,
  syncExperienceMultipliers,
} from './index.js';
import { shipOrder } from '../logistics/index.js';

const HOUR = 3_600_000;
let seq = 0;

async function paidOrder(
  core: TestCore,
  shop: ShopFixture,
  buyer: Actor,
): Promise<{ orderId: string; lineId: string }> {
  const c = (
    await checkout(core.ctx, buyer, {
      items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
    })
  ).body;
  seq++;
  await applyNotification(
    core.ctx,
    'sandbox',
    {
      eventId: `xp-ev${seq}`,
      kind: 'payment.succeeded',
      paymentId: c.payment.id,
      providerTxnId: `sbx_xp_${seq}`,
      amountFen: c.totalFen,
      at: 0,
    },
    '{}',
  );
  const orderId = c.orders[0]!.id;
  const line = await core.ctx.db
    .selectFrom('order_lines')
    .select('id')
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  return { orderId, lineId: line.id };
}

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { status?: number; code?: string }) => `${e.status} ${e.code}`,
  );

class Sink {
  rules: Array<{ field: string; value: string; multiplier: number }> = [];
  multipliers = {
    add: (rule: { field: 'shopId' | 'creatorId'; value: string; multiplier: number }) => {
      this.rules.push(rule);
      return () => void this.rules.splice(this.rules.indexOf(rule), 1);
    },
  };
}

test('no score below 30 paid orders; then each indicator counts what happened, and the score drives the engine and the ledger', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'xp-shop', 500);
    const stranger = await makeShop(core, 'xp-other', 5);
    const buyer = await makePerson(core, 'xp-buyer');
    const admin = await makePerson(core, 'xp-admin', ['admin'], false);

    const orders = [];
    for (let i = 0; i < 29; i++) orders.push(await paidOrder(core, shop, buyer));
    let view = await recomputeShopExperience(core.ctx, shop.owner, shop.shopId);
    assert.equal(view.status, 'not_enough_orders');
    assert.equal(view.total, null, 'not enough orders is not zero');
    assert.equal(view.orders, 29);
    assert.equal(
      await codeOf(recomputeShopExperience(core.ctx, shop.owner, shop.shopId)),
      '429 EXPERIENCE_RECOMPUTE_TOO_SOON',
    );

    orders.push(await paidOrder(core, shop, buyer));
    // 24 ship in time and complete; 6 are never shipped and their ship-by time (48 h) passes.
    for (const [i, o] of orders.slice(0, 24).entries()) {
      await shipOrder(core.ctx, shop.owner, o.orderId, [
        { carrier: '顺丰速运', trackingNo: `SFXP${String(i).padStart(8, '0')}` },
      ]);
      await confirmReceipt(core.ctx, buyer, o.orderId);
    }
    // Reviews: 16 good, 4 bad (1 star). One quality return.
    for (const [i, o] of orders.slice(0, 20).entries()) {
      const stars = i < 4 ? 1 : 5;
      await createReview(core.ctx, buyer, o.lineId, {
        productStars: stars,
        logisticsStars: 5,
        serviceStars: 5,
        text: stars === 1 ? '不新鲜' : '很甜',
      });
    }
    await fileCase(core.ctx, buyer, orders[21]!.orderId, {
      type: 'refund_only',
      orderLineId: orders[21]!.lineId,
      reasonCode: 'quality',
      amountFen: 100,
      note: '有坏果',
    });
    core.clock.advance(49 * HOUR);

    view = await recomputeShopExperience(core.ctx, admin, shop.shopId);
    assert.equal(view.status, 'scored');
    assert.equal(view.orders, 30);
    const ind = (k: string) => view.indicators.find((i) => i.key === k)!;
    assert.deepEqual(
      [ind('pickup_on_time_rate').num, ind('pickup_on_time_rate').den],
      [24, 30],
      'six orders were never picked up in time',
    );
    assert.deepEqual([ind('bad_review_rate').num, ind('bad_review_rate').den], [4, 20]);
    assert.deepEqual([ind('quality_return_rate').num, ind('quality_return_rate').den], [1, 30]);
    assert.equal(ind('im_reply_rate_3min').score, null, 'no buyer messages: not measured');
    for (const d of ['product', 'logistics', 'service'] as const)
      assert.equal(typeof view.dimensions[d], 'number', `${d} is scored`);
    assert.ok(
      view.total! >= 60 && view.total! < 90,
      `20 % bad reviews and 80 % pickup in time, nothing else wrong: middling (${view.total})`,
    );
    assert.ok(
      view.dimensions.product! < 60,
      `the product dimension carries the bad reviews (${view.dimensions.product})`,
    );
    assert.deepEqual(view.gates, { engineMultiplier: 1, marketplace: true, paidTraffic: true, settleCapDays: null });
    assert.ok(view.improve.includes('bad_review_rate'));
    assert.deepEqual(
      view.history.map((h) => h.total === null),
      [true, false],
      'the day without a score, then the scored day',
    );
    const sink = new Sink();
    await syncExperienceMultipliers(core.ctx, sink);
    assert.deepEqual(sink.rules, [], 'a middling score neither boosts nor cuts');
    assert.equal(await settleWindowFor(core.ctx.db, shop.shopId, 7), 7);

    // The category's weights put everything on the product: the score falls below 60 → ×0.7 in the engine, out of the marketplace.
    const w = defaultWeights();
    w.dimensions = { product: 1, logistics: 0, service: 0 };
    const top = await core.ctx.db
      .selectFrom('categories')
      .select(['id', 'parent_id'])
      .where('id', '=', shop.categoryId)
      .executeTakeFirstOrThrow();
    assert.equal(top.parent_id, null);
    assert.equal(await codeOf(setCategoryWeights(core.ctx, shop.owner, shop.categoryId, w)), '403 FORBIDDEN');
    assert.equal(
      await codeOf(
        setCategoryWeights(core.ctx, admin, shop.categoryId, {
          ...w,
          dimensions: { product: 0, logistics: 0, service: 0 },
        }),
      ),
      '400 EXPERIENCE_WEIGHTS_INVALID',
    );
    await setCategoryWeights(core.ctx, admin, shop.categoryId, w);
    assert.equal((await categoryWeights(core.ctx, admin, shop.categoryId)).custom, true);
    assert.deepEqual(await recomputeAllExperience(core.ctx, admin), { shops: 2 });
    view = await shopExperience(core.ctx, shop.owner, shop.shopId);
    assert.equal(view.total, view.dimensions.product);
    assert.deepEqual(view.gates, {
      engineMultiplier: 0.7,
      marketplace: false,
      paidTraffic: false,
      settleCapDays: null,
    });
    await syncExperienceMultipliers(core.ctx, sink);
    assert.deepEqual(sink.rules, [{ field: 'shopId', value: shop.shopId, multiplier: 0.7 }]);
    assert.equal(await syncExperienceMultipliers(core.ctx, sink), null, 'nothing computed since: nothing to do');
    assert.equal(sink.rules.length, 1, 'idempotent');

    // Service only (nothing went wrong there): 100 → ×1.2 and settlement within 3 days.
    w.dimensions = { product: 0, logistics: 0, service: 1 };
    await setCategoryWeights(core.ctx, admin, shop.categoryId, w);
    await recomputeAllExperience(core.ctx, admin);
    view = await shopExperience(core.ctx, shop.owner, shop.shopId);
    assert.equal(view.total, 100);
    assert.equal(view.gates.settleCapDays, 3);
    assert.equal((await shopSettleTerms(core.ctx.db, shop.shopId))?.settleCapDays, 3);
    assert.equal(await settleWindowFor(core.ctx.db, shop.shopId, 7), 3, 'a top score settles sooner');
    await syncExperienceMultipliers(core.ctx, sink);
    assert.deepEqual(sink.rules, [{ field: 'shopId', value: shop.shopId, multiplier: 1.2 }]);

    // Scoping: another shop's owner sees nothing; the admin list has both shops, unscored last.
    assert.equal(await codeOf(shopExperience(core.ctx, stranger.owner, shop.shopId)), '404 NOT_FOUND');
    assert.equal(await codeOf(listExperienceScores(core.ctx, shop.owner)), '403 FORBIDDEN');
    const list = await listExperienceScores(core.ctx, admin);
    assert.deepEqual(
      list.map((s) => [s.shopId, s.status]),
      [
        [shop.shopId, 'scored'],
        [stranger.shopId, 'not_enough_orders'],
      ],
    );
    // The nightly run does nothing once today's rows exist.
    assert.equal(await scoreShopsDaily(core.ctx), null);
    core.clock.advance(24 * HOUR);
    assert.equal(await scoreShopsDaily(core.ctx), 2);
  } finally {
    await core.dispose();
  }
});

test('the service dimension reads the customer-service figures: the 3-minute human reply rate and the dissatisfied share', async () => {
  const core = await openTestCore();
  try {
    core.clock.set(Date.UTC(2026, 10, 23, 2, 0, 0)); // 10:00 in Shanghai, inside the assessed hours
    const shop = await makeShop(core, 'xp-cs-shop');
    const buyer = await makePerson(core, 'xp-cs-buyer');
    await setPresence(core.ctx, shop.owner, shop.shopId, true);
    const conv = await openConversation(core.ctx, buyer, { source: 'product', sourceId: shop.productId });
    await sendMessage(core.ctx, buyer, conv.id, { clientId: 'b1', kind: 'text', text: '这个橙子甜吗？' });
    core.clock.advance(60_000);
    await sendMessage(core.ctx, shop.owner, conv.id, { clientId: 's1', kind: 'text', text: '很甜的，今天现摘' });
    core.clock.advance(60_000);
    await sendMessage(core.ctx, buyer, conv.id, { clientId: 'b2', kind: 'text', text: '什么时候发货？' });
    core.clock.advance(5 * 60_000);
    await sendMessage(core.ctx, shop.owner, conv.id, { clientId: 's2', kind: 'text', text: '今天下午就发' });
    const view = await recomputeShopExperience(core.ctx, shop.owner, shop.shopId);
    const reply = view.indicators.find((i) => i.key === 'im_reply_rate_3min')!;
    assert.deepEqual(
      [reply.num, reply.den, reply.value],
      [1, 2, 0.5],
      'one of two buyer messages answered within three minutes',
    );
    assert.equal(view.indicators.find((i) => i.key === 'im_dissatisfied_rate')!.value, null, 'no ratings yet');
  } finally {
    await core.dispose();
  }
});

test('the daily scores come from the background loop, never from a request: right after a start the page reads what is stored; the round computes the day once; after midnight in Shanghai the next day once, even when a merchant recomputed first', async () => {
  const core = await openTestCore();
  try {
    core.clock.set(Date.UTC(2026, 10, 23, 2, 0, 0)); // 10:00 on 2026-11-23 in Shanghai
    const shop = await makeShop(core, 'xp-daily-shop');
    await makeShop(core, 'xp-daily-other');
    const admin = await makePerson(core, 'xp-daily-admin', ['admin'], false);
    const rows = async (day: string) =>
      Number(
        (
          await core.ctx.db
            .selectFrom('experience_scores')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('day', '=', day)
            .executeTakeFirstOrThrow()
        ).n,
      );

    // Right after the start: the merchant's page answers from what is stored (nothing yet) and computes nothing.
    let view = await shopExperience(core.ctx, shop.owner, shop.shopId);
    assert.deepEqual([view.status, view.day], ['not_computed', null]);
    assert.equal(await rows('2026-11-23'), 0, 'the request wrote no score');
    assert.equal(dailyExperienceScoring(core.ctx).runs, 0);

    // The background loop's round computes the day; on SQLite its grouped reads go to the background read-aside worker.
    const asideBefore = readAsideAnswered(core.ctx.db, 'background');
    await core.tick();
    assert.equal(await rows('2026-11-23'), 2, 'every shop has the day’s row');
    assert.deepEqual(dailyExperienceScoring(core.ctx), { runs: 1, lastDay: '2026-11-23', running: null });
    if (core.ctx.dialect === 'sqlite')
      assert.ok(
        readAsideAnswered(core.ctx.db, 'background') - asideBefore >= 9,
        'the nine grouped counts were read off the thread that answers requests',
      );
    view = await shopExperience(core.ctx, shop.owner, shop.shopId);
    assert.deepEqual([view.status, view.day], ['not_enough_orders', '2026-11-23']);
    core.clock.advance(HOUR);
    await core.tick();
    assert.equal(dailyExperienceScoring(core.ctx).runs, 1, 'the same day is not computed again');

    // 00:00:30 on 2026-11-24 in Shanghai, before the loop's next round: the page still answers, with the stored day's, and names it.
    core.clock.set(Date.UTC(2026, 10, 23, 16, 0, 30));
    view = await shopExperience(core.ctx, shop.owner, shop.shopId);
    assert.deepEqual([view.status, view.day], ['not_enough_orders', '2026-11-23']);
    assert.deepEqual(
      (await listExperienceScores(core.ctx, admin)).map((s) => s.day),
      ['2026-11-23', '2026-11-23'],
    );
    // A merchant's own recompute writes their shop's row of the new day; it does not stand for the other shop's.
    await recomputeShopExperience(core.ctx, shop.owner, shop.shopId);
    assert.equal(await rows('2026-11-24'), 1);
    await core.tick();
    assert.equal(await rows('2026-11-24'), 2);
    assert.deepEqual(dailyExperienceScoring(core.ctx), { runs: 2, lastDay: '2026-11-24', running: null });
    core.clock.advance(HOUR);
    await core.tick();
    core.clock.advance(HOUR);
    await core.tick();
    assert.equal(dailyExperienceScoring(core.ctx).runs, 2, 'once a day');
    assert.deepEqual(
      (await listExperienceScores(core.ctx, admin)).map((s) => s.day),
      ['2026-11-24', '2026-11-24'],
    );
  } finally {
    await core.dispose();
  }
});
