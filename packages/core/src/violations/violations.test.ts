/**
 * Violation points end to end on the real core (SQLite, and PostgreSQL with DATABASE_URL): late
 * shipments push a shop past 12 points, the warning and the ×0.7 traffic throttle apply and reach
 * the running engine, an appeal granted removes the points and lifts the penalty at once; the
 * appeal rules refuse with stable codes and write nothing; higher milestones hold payouts, stop
 * affiliate promotion and clear the shop out; penalties end on their timers; creator credit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ItemMeta } from '@zhongcao/recsys';
import { checkout } from '../checkout/index.js';
import { createProduct } from '../catalog/index.js';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import { multiplierOf, recommendService, runningRecommendService } from '../recommend/index.js';
import { getFeed, insertTestVideos } from '../feed/index.js';
import { findTimer } from '../timers/index.js';
import { createPlan, applyToPlan, marketplace } from '../affiliate/index.js';
import { registerPayoutAccount, requestPayout, accountId } from '../ledger/index.js';
import { purgeUnusedEvidence, uploadEvidence } from '../aftersales/index.js';
import { removeVideo } from '../content/index.js';
import { createFlashSale } from '../live/index.js';
import { liveShopRoom } from '../live/test-support/index.js';
import type { Actor } from '../context.js';
import {
  activePenalty,
  creatorCredit,
  decideAppeal,
  fileAppeal,
  listAppeals,
  recordByHand,
  setRulePoints,
  shopViolationBoard,
  syncFeedThrottle,
  assertShopNotPenalised,
  PENALTY_END_TIMER,
} from './index.js';
import { applyNotification } from '../orders/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let txn = 0;

async function lateOrders(core: TestCore, buyer: Actor, skuId: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const c = (await checkout(core.ctx, buyer, { items: [{ skuId, quantity: 1, attribution: { source: 'shelf' } }] }))
      .body;
    txn++;
    await applyNotification(
      core.ctx,
      'sandbox',
      {
        eventId: `vio-ev${txn}`,
        kind: 'payment.succeeded',
        paymentId: c.payment.id,
        providerTxnId: `sbx_vio_${txn}`,
        amountFen: c.totalFen,
        at: 0,
      },
      '{}',
    );
  }
  core.clock.advance(48 * HOUR);
  await core.tick();
}

const general = async (core: TestCore, owner: Actor, shopId: string) =>
  (await shopViolationBoard(core.ctx, owner, shopId)).ledgers.find((l) => l.ledger === 'general')!.milliPoints;
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { status?: number; code?: string }) => `${e.status} ${e.code}`,
  );

test('late shipments push a shop past 12 points: caution, warning and a ×0.7 throttle in the engine; an appeal granted removes the points and lifts the penalty', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'vio-late', 100);
    const buyer = await makePerson(core, 'vio-late-b');
    const admin = await makePerson(core, 'vio-admin', ['admin'], false);
    const service = recommendService(core.ctx);
    // The catalogue is editable: 3 points per late order here (0.1 by default), so four late orders make 12.
    await setRulePoints(core.ctx, admin, 'late_shipment', 3_000);

    await lateOrders(core, buyer, shop.skuIds[0]!, 3);
    let board = await shopViolationBoard(core.ctx, shop.owner, shop.shopId);
    assert.equal(await general(core, shop.owner, shop.shopId), 9_000);
    assert.deepEqual(
      board.penalties.map((p) => [p.milestone, p.kind, p.status]),
      [[7, 'caution', 'active']],
    );
    assert.equal(board.ledgers[0]!.next?.points, 12);

    await lateOrders(core, buyer, shop.skuIds[0]!, 1);
    board = await shopViolationBoard(core.ctx, shop.owner, shop.shopId);
    assert.equal(await general(core, shop.owner, shop.shopId), 12_000);
    const active = board.penalties
      .filter((p) => p.status === 'active')
      .map((p) => `${p.milestone}:${p.kind}`)
      .sort();
    assert.deepEqual(active, ['12:traffic_throttle', '12:warning', '7:caution']);
    const throttle = board.penalties.find((p) => p.kind === 'traffic_throttle')!;
    assert.equal(throttle.multiplierPermille, 700);
    assert.equal(throttle.endsAt, core.clock.now() + 7 * DAY);
    assert.equal((await findTimer(core.ctx.db, PENALTY_END_TIMER, throttle.id))?.dueAt, throttle.endsAt);
    // The engine's multiplier for the shop's items (the tick synced it).
    const meta = (shopId: string) => ({ id: 'v', shopId }) as unknown as ItemMeta;
    const table = service.multipliers.table();
    assert.equal(multiplierOf(new Set(table.throttledShops), table.rules, meta(shop.shopId)), 0.7);
    assert.equal(multiplierOf(new Set(table.throttledShops), table.rules, meta('shp_other')), 1);
    // The crossing violation's timeline shows the penalties it applied.
    const crossing = board.items[0]!;
    assert.deepEqual(
      crossing.timeline.map((e) => e.kind),
      ['recorded', 'penalty_applied', 'penalty_applied'],
    );

    // Someone else's violation is not found; bad evidence writes nothing.
    const stranger = await makePerson(core, 'vio-stranger', [], false);
    assert.equal(await codeOf(fileAppeal(core.ctx, stranger, crossing.id, { text: '不是我' })), '404 NOT_FOUND');
    assert.equal(
      await codeOf(
        fileAppeal(core.ctx, shop.owner, crossing.id, {
          text: '物流揽收延迟',
          evidence: ['afe_00000000000000000000000000'],
        }),
      ),
      '400 EVIDENCE_NOT_FOUND',
    );
    assert.equal((await shopViolationBoard(core.ctx, shop.owner, shop.shopId)).items[0]!.appeals.length, 0);

    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    const photo = await uploadEvidence(core.ctx, shop.owner, png);
    const appealed = await fileAppeal(core.ctx, shop.owner, crossing.id, {
      text: '快递公司当天停运，已提供停运通知',
      evidence: [photo.id],
    });
    assert.equal(appealed.appeals[0]!.status, 'pending');
    assert.deepEqual(appealed.appeals[0]!.evidence, [photo]);
    core.clock.advance(2 * DAY);
    await purgeUnusedEvidence(core.ctx, core.clock.now());
    assert.deepEqual(
      (await shopViolationBoard(core.ctx, shop.owner, shop.shopId)).items[0]!.appeals[0]!.evidence,
      [photo],
      'the appeal keeps its photo past the purge of unused uploads',
    );
    core.clock.advance(-2 * DAY);
    assert.equal(
      await codeOf(fileAppeal(core.ctx, shop.owner, crossing.id, { text: '再次申诉' })),
      '409 APPEAL_PENDING',
    );
    const queue = await listAppeals(core.ctx, admin);
    assert.deepEqual(
      queue.map((a) => a.violationId),
      [crossing.id],
    );
    assert.equal(
      await codeOf(decideAppeal(core.ctx, shop.owner, queue[0]!.id, { grant: true, reason: 'x' })),
      '403 FORBIDDEN',
    );

    const granted = await decideAppeal(core.ctx, admin, queue[0]!.id, { grant: true, reason: '停运属实' });
    assert.equal(granted.status, 'revoked');
    assert.equal(granted.inForce, false);
    assert.deepEqual(
      granted.timeline.map((e) => e.kind),
      [
        'recorded',
        'penalty_applied',
        'penalty_applied',
        'appeal_filed',
        'appeal_granted',
        'points_removed',
        'penalty_lifted',
        'penalty_lifted',
      ],
    );
    assert.equal(await general(core, shop.owner, shop.shopId), 9_000);
    board = await shopViolationBoard(core.ctx, shop.owner, shop.shopId);
    assert.deepEqual(
      board.penalties.filter((p) => p.status === 'active').map((p) => p.kind),
      ['caution'],
      'the caution at 7 still holds: 9 points',
    );
    assert.equal((await findTimer(core.ctx.db, PENALTY_END_TIMER, throttle.id))?.status, 'cancelled');
    await syncFeedThrottle(core.ctx, runningRecommendService(core.ctx));
    const lifted = service.multipliers.table();
    assert.equal(multiplierOf(new Set(lifted.throttledShops), lifted.rules, meta(shop.shopId)), 1);
    assert.equal(
      await codeOf(decideAppeal(core.ctx, admin, queue[0]!.id, { grant: false, reason: '重复' })),
      '409 APPEAL_DECIDED',
    );
    assert.equal(
      await codeOf(fileAppeal(core.ctx, shop.owner, crossing.id, { text: '再次申诉' })),
      '409 VIOLATION_REVOKED',
    );

    // Another violation: rejected once, appealed again within 15 days, rejected: no third try; and a late first appeal.
    const other = board.items.find((v) => v.status === 'in_force')!;
    await fileAppeal(core.ctx, shop.owner, other.id, { text: '第一次申诉' });
    await decideAppeal(core.ctx, admin, (await listAppeals(core.ctx, admin))[0]!.id, {
      grant: false,
      reason: '证据不足',
    });
    core.clock.advance(15 * DAY + 1);
    assert.equal(
      await codeOf(fileAppeal(core.ctx, shop.owner, other.id, { text: '第二次申诉' })),
      '422 APPEAL_WINDOW_CLOSED',
    );
    const third = board.items.filter((v) => v.status === 'in_force')[1]!;
    assert.equal(
      await codeOf(fileAppeal(core.ctx, shop.owner, third.id, { text: '过期' })),
      'ok',
      'still within 30 days',
    );
    await decideAppeal(core.ctx, admin, (await listAppeals(core.ctx, admin))[0]!.id, {
      grant: false,
      reason: '证据不足',
    });
    await fileAppeal(core.ctx, shop.owner, third.id, { text: '第二次' });
    await decideAppeal(core.ctx, admin, (await listAppeals(core.ctx, admin))[0]!.id, {
      grant: false,
      reason: '仍不足',
    });
    assert.equal(
      await codeOf(fileAppeal(core.ctx, shop.owner, third.id, { text: '第三次' })),
      '409 APPEAL_LIMIT_REACHED',
    );
    core.clock.advance(20 * DAY);
    const fourth = board.items.filter((v) => v.status === 'in_force')[2]!;
    assert.equal(
      await codeOf(fileAppeal(core.ctx, shop.owner, fourth.id, { text: '太晚了' })),
      '422 APPEAL_WINDOW_CLOSED',
    );

    // Points expire after 90 days.
    core.clock.advance(60 * DAY);
    assert.equal(await general(core, shop.owner, shop.shopId), 0);
  } finally {
    await core.dispose();
  }
});

test('higher milestones: affiliate suspension at 24, payout hold at 36, clearing out at 48 (nothing new listed or sold); penalties end on their timers', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'vio-high', 100);
    const admin = await makePerson(core, 'vio-high-admin', ['admin'], false);
    const buyer = await makePerson(core, 'vio-high-b');
    const creator = await makePerson(core, 'vio-high-creator', ['creator'], false);
    await createPlan(core.ctx, shop.owner, shop.productId, { kind: 'general', rateBp: 1000 });
    const targeted = await createPlan(core.ctx, shop.owner, shop.productId, { kind: 'targeted', rateBp: 2000 });
    const payTo = await registerPayoutAccount(core.ctx, shop.owner, {
      ledgerAccountId: accountId('merchant_available', shop.shopId),
      holderName: '店主',
      bank: '建设银行',
      accountNo: '6217000011112222',
    });
    const listed = async () =>
      (await marketplace(core.ctx, creator, { limit: 50 })).items.some((i) => i.product.id === shop.productId);
    assert.equal(await listed(), true, 'the plan is in the marketplace');
    const record = (n: number) =>
      recordByHand(core.ctx, admin, {
        subjectKind: 'shop',
        subjectId: shop.shopId,
        rule: 'fake_order',
        refId: `ord-fake-${n}`,
        note: '刷单已核实',
      });
    await record(1);
    await record(2);
    assert.equal(await codeOf(record(2)), '409 VIOLATION_EXISTS');
    const now = () => core.clock.now();
    assert.ok(await activePenalty(core.ctx.db, 'shop', shop.shopId, 'affiliate_suspension', now()));
    assert.equal(
      await codeOf(assertShopNotPenalised(core.ctx.db, shop.shopId, 'AFFILIATE_SUSPENDED', now())),
      '409 AFFILIATE_SUSPENDED',
    );
    assert.equal(await listed(), false, 'a suspended shop’s plans leave the marketplace');
    assert.equal(await codeOf(applyToPlan(core.ctx, creator, targeted.id, '想带货')), '409 AFFILIATE_SUSPENDED');
    assert.equal(
      await codeOf(
        requestPayout(core.ctx, shop.owner, { payoutAccountId: payTo.id, amountFen: 100, requestKey: 'held-0' }),
      ),
      '409 INSUFFICIENT_FUNDS',
      'no hold below 36: the balance decides',
    );
    await record(3);
    assert.equal(
      await codeOf(assertShopNotPenalised(core.ctx.db, shop.shopId, 'PAYOUT_HELD', now())),
      '409 PAYOUT_HELD',
    );
    assert.equal(
      await codeOf(
        requestPayout(core.ctx, shop.owner, { payoutAccountId: payTo.id, amountFen: 100, requestKey: 'held-1' }),
      ),
      '409 PAYOUT_HELD',
    );
    assert.ok(
      await activePenalty(core.ctx.db, 'shop', shop.shopId, 'paid_traffic_suspension', now()),
      'recorded for paid traffic',
    );
    await record(4);
    const input = {
      categoryId: shop.categoryId,
      title: '新品 橙子',
      specOptions: [{ name: '规格', values: ['5斤'] }],
      skus: [{ specValues: ['5斤'], priceFen: 1000, stock: 5 }],
      status: 'listed' as const,
    };
    assert.equal(await codeOf(createProduct(core.ctx, shop.owner, shop.shopId, input)), '409 SHOP_CLEARED_OUT');
    assert.equal(
      await codeOf(
        checkout(core.ctx, buyer, {
          items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
        }),
      ),
      '409 SHOP_CLEARED_OUT',
    );
    assert.equal(
      (await core.ctx.db.selectFrom('orders').select('id').where('shop_id', '=', shop.shopId).execute()).length,
      0,
      'nothing half-written',
    );
    // The 24-point throttle ends on its timer after 14 days.
    core.clock.advance(14 * DAY);
    await core.tick();
    const board = await shopViolationBoard(core.ctx, shop.owner, shop.shopId);
    assert.ok(board.penalties.filter((p) => p.milestone === 24).every((p) => p.status === 'ended'));
    assert.ok(board.penalties.some((p) => p.milestone === 48 && p.kind === 'clear_out' && p.status === 'active'));
  } finally {
    await core.dispose();
  }
});

test('creator credit: 12, falls with a violation, recovers a point per 30 clean days; creators cannot be recorded for shop-only rules', async () => {
  const core = await openTestCore();
  try {
    const admin = await makePerson(core, 'vio-cr-admin', ['admin'], false);
    const creator = await makePerson(core, 'vio-cr-creator', ['creator'], false);
    assert.equal((await creatorCredit(core.ctx, creator)).score, 12_000);
    await recordByHand(core.ctx, admin, {
      subjectKind: 'creator',
      subjectId: creator.userId,
      rule: 'off_platform_diversion',
      refId: 'msg-1',
      note: '私信导流',
    });
    assert.equal((await creatorCredit(core.ctx, creator)).score, 8_000);
    await recordByHand(core.ctx, admin, {
      subjectKind: 'creator',
      subjectId: creator.userId,
      rule: 'fake_order',
      refId: 'ord-brushed',
      note: '刷单',
    });
    assert.equal((await creatorCredit(core.ctx, creator)).score, 0, 'never below 0');
    // 12 points in the fake-transaction ledger: the creator's videos are throttled in the engine.
    const service = recommendService(core.ctx);
    await syncFeedThrottle(core.ctx, runningRecommendService(core.ctx));
    const table = service.multipliers.table();
    assert.equal(
      multiplierOf(new Set(), table.rules, { id: 'v', creatorId: creator.userId } as unknown as ItemMeta),
      0.7,
    );
    const history = (await creatorCredit(core.ctx, creator)).history;
    const fake = history.find((v) => v.rule === 'fake_order')!;
    await fileAppeal(core.ctx, creator, fake.id, { text: '订单为真实购买' });
    await decideAppeal(core.ctx, admin, (await listAppeals(core.ctx, admin))[0]!.id, {
      grant: true,
      reason: '核实为真实订单',
    });
    assert.equal((await creatorCredit(core.ctx, creator)).score, 8_000, 'a granted appeal returns the points');
    await syncFeedThrottle(core.ctx, runningRecommendService(core.ctx));
    assert.equal(
      multiplierOf(new Set(), service.multipliers.table().rules, {
        id: 'v',
        creatorId: creator.userId,
      } as unknown as ItemMeta),
      1,
    );
    core.clock.advance(30 * DAY);
    const c = await creatorCredit(core.ctx, creator);
    assert.equal(c.score, 9_000);
    assert.equal(c.history.length, 2);
    assert.equal(
      await codeOf(
        recordByHand(core.ctx, admin, {
          subjectKind: 'creator',
          subjectId: creator.userId,
          rule: 'counterfeit',
          refId: 'x',
          note: 'x',
        }),
      ),
      '400 RULE_NOT_FOR_SUBJECT',
    );

    // A video an admin takes down is rejected content: a violation of its creator.
    const [own, other] = await insertTestVideos(
      core.ctx.db,
      [
        { ownerId: creator.userId, publishedAt: core.clock.now() },
        { ownerId: creator.userId, publishedAt: core.clock.now() },
      ],
      core.clock.now(),
    );
    await removeVideo(core.ctx, creator, own!); // the creator's own removal is no violation
    await removeVideo(core.ctx, admin, other!);
    await core.tick();
    await core.tick();
    const rejected = (await creatorCredit(core.ctx, creator)).history.filter((v) => v.rule === 'content_rejected');
    assert.deepEqual(
      rejected.map((v) => [v.refId, v.milliPoints]),
      [[other, 1_000]],
    );
  } finally {
    await core.dispose();
  }
});

test('a cleared-out shop starts no new live flash sale', async () => {
  const core = await openTestCore();
  try {
    const fx = await liveShopRoom(core, 'vio-live', { quantity: 2, perPersonLimit: 1 });
    const admin = await makePerson(core, 'vio-live-admin', ['admin'], false);
    for (let i = 0; i < 4; i++)
      await recordByHand(core.ctx, admin, {
        subjectKind: 'shop',
        subjectId: fx.shop.shopId,
        rule: 'fake_order',
        refId: `live-fake-${i}`,
        note: '刷单',
      });
    const now = core.clock.now();
    assert.equal(
      await codeOf(
        createFlashSale(core.ctx, fx.host, fx.roomId, {
          skuId: fx.shop.skuIds[1]!,
          priceFen: 1990,
          quantity: 2,
          perPersonLimit: 1,
          startsAt: now,
          endsAt: now + 3600_000,
        }),
      ),
      '409 SHOP_CLEARED_OUT',
    );
  } finally {
    await core.dispose();
  }
});

test('the throttle shows in the feed: after late shipments push a shop past 12, its share of a viewer’s page falls; a granted appeal restores it', async () => {
  const core = await openTestCore();
  try {
    const admin = await makePerson(core, 'vio-feed-admin', ['admin'], false);
    const creators = [
      await makePerson(core, 'vio-feed-c1', ['creator'], false),
      await makePerson(core, 'vio-feed-c2', ['creator'], false),
      await makePerson(core, 'vio-feed-c3', ['creator'], false),
    ];
    const late = await makeShop(core, 'vio-feed-late', 100);
    const clean = await makeShop(core, 'vio-feed-clean', 100);
    const now = core.clock.now();
    const videos = (offset: number) =>
      Array.from({ length: 15 }, (_, i) => ({
        ownerId: creators[(i + offset) % 3]!.userId,
        publishedAt: now - 240 * HOUR - (2 * i + offset) * 60_000,
      }));
    const lateVideos = await insertTestVideos(core.ctx.db, videos(0), now);
    const cleanVideos = await insertTestVideos(core.ctx.db, videos(1), now);
    await core.ctx.db
      .insertInto('video_anchors')
      .values([
        ...lateVideos.map((v) => ({ video_id: v, product_id: late.productId, position: 0 })),
        ...cleanVideos.map((v) => ({ video_id: v, product_id: clean.productId, position: 0 })),
      ])
      .execute();
    const service = recommendService(core.ctx);
    await service.ready;
    const viewer = await makePerson(core, 'vio-feed-viewer', [], false);
    const share = async () => {
      let n = 0;
      for (let i = 0; i < 3; i++)
        n += (await getFeed(core.ctx, viewer.userId, { limit: 10 })).items.filter((v) =>
          lateVideos.includes(v.id),
        ).length;
      return n;
    };
    const before = await share();

    await setRulePoints(core.ctx, admin, 'late_shipment', 3_000);
    const buyer = await makePerson(core, 'vio-feed-b');
    await lateOrders(core, buyer, late.skuIds[0]!, 4);
    const board = await shopViolationBoard(core.ctx, late.owner, late.shopId);
    assert.ok(board.penalties.some((p) => p.kind === 'traffic_throttle' && p.status === 'active'));
    const throttled = await share();
    assert.ok(throttled < before, `the throttled shop's share falls: ${before} → ${throttled} of 30`);

    const crossing = board.items[0]!;
    await fileAppeal(core.ctx, late.owner, crossing.id, { text: '快递停运' });
    await decideAppeal(core.ctx, admin, (await listAppeals(core.ctx, admin))[0]!.id, { grant: true, reason: '属实' });
    await core.tick();
    const restored = await share();
    assert.ok(restored > throttled, `lifted: ${throttled} → ${restored} of 30`);
  } finally {
    await runningRecommendService(core.ctx)?.flushSteps();
    runningRecommendService(core.ctx)?.unsubscribe();
    await core.dispose();
  }
});
