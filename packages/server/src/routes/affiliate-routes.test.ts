import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { splitLine } from '@zhongcao/core';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer, type TestServer } from '../test-support/server-harness.js';
import { multipartBody } from '../test-support/tenants.js';

const DAY = 24 * 3_600_000;
const CLIP = readFileSync(new URL('../../../core/assets/demo-videos/orchard-oranges.mp4', import.meta.url));

function ok(res: LightMyRequestResponse, status: number, what: string): any {
  assert.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 400)}`);
  return res.json();
}
function refused(res: LightMyRequestResponse, status: number, code: string, what: string): void {
  assert.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 400)}`);
  assert.equal(res.json().error.code, code, what);
}

async function people(s: TestServer) {
  const shop = await makeShop(s.core, 'http-shop', 100);
  const creator = await makePerson(s.core, 'http-creator', ['creator'], false);
  const mcn = await makePerson(s.core, 'http-mcn', ['mcn'], false);
  const colonel = await makePerson(s.core, 'http-colonel', ['colonel'], false);
  const buyer = await makePerson(s.core, 'http-buyer');
  const tokens = {
    merchant: await s.tokenFor(shop.owner.userId),
    creator: await s.tokenFor(creator.userId),
    mcn: await s.tokenFor(mcn.userId),
    colonel: await s.tokenFor(colonel.userId),
    buyer: await s.tokenFor(buyer.userId),
  };
  return { shop, creator, mcn, colonel, buyer, tokens };
}

test('HTTP: merchant opens a targeted plan → creator applies, is approved, anchors it on a video → a shopper buys from the video → after settlement creator, MCN and colonel are paid to the fen', async () => {
  const s = await startTestServer();
  try {
    const { shop, creator, mcn, colonel, tokens } = await people(s);
    const as = (who: keyof typeof tokens) => (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
      s.call(method, url, { token: tokens[who], body });
    const merchant = as('merchant');
    const p = shop.productId;

    // A colonel's activity with the product in it; the creator finds the product there.
    const activity = ok(
      await as('colonel')('POST', '/api/v1/colonel/activities', {
        name: '云南水果节',
        commissionFloorBp: 2000,
        serviceFeeBp: 500,
        endsAt: s.core.clock.now() + 60 * DAY,
      }),
      201,
      'activity',
    );
    assert.deepEqual(
      ok(await as('colonel')('GET', '/api/v1/colonel/activities'), 200, 'my activities').items.map(
        (a: { id: string; running: boolean }) => [a.id, a.running],
      ),
      [[activity.id, true]],
    );
    assert.ok(
      ok(await merchant('GET', '/api/v1/affiliate/activities'), 200, 'open activities').items.some(
        (a: { id: string }) => a.id === activity.id,
      ),
      'merchants see the open activity',
    );
    const inActivity = ok(
      await merchant('POST', `/api/v1/merchant/products/${p}/affiliate/activities`, {
        activityId: activity.id,
        rateBp: 2200,
      }),
      201,
      'apply into the activity',
    );
    const review = ok(
      await as('colonel')('GET', `/api/v1/colonel/activities/${activity.id}/products?status=pending`),
      200,
      'the colonel’s review list',
    );
    assert.deepEqual(
      review.items.map((i: { id: string; rateBp: number | null; requestedRateBp: number }) => [
        i.id,
        i.rateBp,
        i.requestedRateBp,
      ]),
      [[inActivity.id, null, 2200]],
      'the rate applied with shows while pending',
    );
    ok(
      await as('colonel')('POST', `/api/v1/colonel/activity-products/${inActivity.id}/decision`, {
        decision: 'approve',
      }),
      200,
      'colonel approves',
    );

    // The merchant's targeted plan.
    const plan = ok(
      await merchant('POST', `/api/v1/merchant/products/${p}/affiliate/plans`, {
        kind: 'targeted',
        rateBp: 3000,
        name: '头部达人定向',
      }),
      201,
      'targeted plan',
    );
    const shopPlans = ok(
      await merchant('GET', `/api/v1/merchant/shops/${shop.shopId}/affiliate/plans?productId=${p}`),
      200,
      'my shop’s plans',
    );
    assert.deepEqual(
      shopPlans.items.map((x: { id: string; kind: string; state: string; rateBp: number | null }) => [
        x.id,
        x.kind,
        x.state,
        x.rateBp,
      ]),
      [
        [plan.id, 'targeted', 'active', 3000],
        [inActivity.id, 'colonel', 'active', 2200],
      ],
    );
    const market = ok(await as('creator')('GET', '/api/v1/creator/marketplace?q=冰糖橙'), 200, 'marketplace');
    const item = market.items.find((i: { product: { id: string } }) => i.product.id === p);
    assert.deepEqual(item.plans.map((x: { kind: string; rateBp: number }) => [x.kind, x.rateBp]).sort(), [
      ['colonel', 2200],
      ['targeted', 3000],
    ]);
    const added = ok(
      await as('creator')('POST', '/api/v1/creator/showcase', { productId: p, activityId: activity.id }),
      201,
      'showcase through the activity',
    );
    assert.deepEqual([added.offer.kind, added.offer.creatorRateBp, added.offer.colonelFeeBp], ['colonel', 1700, 500]);
    assert.deepEqual(
      ok(await as('creator')('GET', '/api/v1/creator/showcase'), 200, 'my showcase').items.map(
        (i: { product: { id: string }; viaPlanId: string | null }) => [i.product.id, i.viaPlanId],
      ),
      [[p, inActivity.id]],
    );

    // The creator applies; the merchant approves.
    ok(
      await as('creator')('POST', `/api/v1/creator/affiliate/plans/${plan.id}/applications`, { note: '擅长水果带货' }),
      201,
      'apply',
    );
    const pending = ok(
      await merchant('GET', `/api/v1/merchant/shops/${shop.shopId}/affiliate/applications?status=pending`),
      200,
      'applications',
    );
    assert.deepEqual(
      pending.items.map((a: { creatorId: string }) => a.creatorId),
      [creator.userId],
    );
    ok(
      await merchant('POST', `/api/v1/merchant/affiliate/plans/${plan.id}/applications/${creator.userId}/decision`, {
        decision: 'approve',
      }),
      200,
      'approve',
    );

    // The creator's MCN.
    const contract = ok(
      await as('mcn')('POST', '/api/v1/mcn/contracts', {
        creatorId: creator.userId,
        shareBp: 2500,
        endsAt: s.core.clock.now() + 365 * DAY,
      }),
      201,
      'propose',
    );
    ok(await as('creator')('POST', `/api/v1/creator/mcn-contracts/${contract.id}/accept`), 200, 'accept');

    // A video, then the anchor.
    const upload = multipartBody(
      { name: 'clip.mp4', bytes: CLIP, contentType: 'video/mp4' },
      { title: '现摘冰糖橙', publish: 'true' },
    );
    const video = ok(
      await s.app.inject({
        method: 'POST',
        url: '/api/v1/videos',
        payload: upload.payload,
        headers: { ...upload.headers, authorization: `Bearer ${tokens.creator}` },
      }),
      201,
      'upload',
    );
    const anchored = ok(
      await as('creator')('POST', `/api/v1/creator/videos/${video.id}/anchors`, { productId: p }),
      200,
      'anchor',
    );
    assert.deepEqual(anchored.productIds, [p]);

    // A shopper buys from the video.
    const placed = ok(
      await as('buyer')('POST', '/api/v1/checkout', {
        items: [
          {
            skuId: shop.skuIds[1],
            quantity: 2,
            attribution: { source: 'video', contentId: video.id, creatorId: creator.userId },
          },
        ],
      }),
      201,
      'checkout',
    );
    const cashier = ok(
      await as('buyer')('GET', `/api/v1/payments/${placed.payment.id}/cashier?format=json`),
      200,
      'cashier',
    );
    await s.core.sandbox.complete(cashier.cashierUrl.split('/').pop(), 'paid');
    await s.deliverNotifications();
    const orderId = placed.orders[0].id;
    const shipped = ok(
      await merchant('POST', `/api/v1/merchant/orders/${orderId}/ship`, {
        parcels: [{ carrier: '顺丰速运', trackingNo: 'SF7000000001' }],
      }),
      200,
      'ship',
    );
    assert.equal(shipped.status, 'shipped');
    ok(await as('buyer')('POST', `/api/v1/orders/${orderId}/confirm-receipt`), 200, 'confirm');
    // Paid and received, not settled yet: each party's pending commission, with the date it settles.
    const due = async (party: 'creator' | 'mcn' | 'colonel') =>
      ok(await as(party)('GET', `/api/v1/affiliate/pending-commission?as=${party}`), 200, `${party} pending`);
    const creatorDue = await due('creator');
    assert.deepEqual(
      [
        creatorDue.party,
        creatorDue.totalFen,
        creatorDue.orders,
        creatorDue.items.map((i: { orderId: string }) => i.orderId),
      ],
      ['creator', 1871, 1, [orderId]],
    );
    assert.equal(typeof creatorDue.items[0].settleDueAt, 'number', 'receipt confirmed: the settlement date is known');
    assert.equal((await due('mcn')).totalFen, 624);
    assert.equal((await due('colonel')).totalFen, 499);
    s.core.clock.advance(8 * DAY);
    await s.core.tick();
    assert.deepEqual([(await due('creator')).totalFen, (await due('creator')).items], [0, []], 'settled: none pending');

    // 2 × ¥49.90 = ¥99.80: platform fee 2 %, targeted 30 % of which the colonel's 5 %, the MCN's 25 % of the creator's 25 %.
    const expected = splitLine(9980, { feeRateBp: 200, creatorRateBp: 2500, mcnShareBp: 2500, colonelFeeBp: 500 });
    assert.deepEqual(expected, { merchant: 6786, creator: 1871, mcn: 624, colonel: 499, fee: 200 });
    const balance = async (who: keyof typeof tokens, account: string) =>
      ok(await as(who)('GET', '/api/v1/money/balances'), 200, 'balances').items.find(
        (b: { accountId: string }) => b.accountId === account,
      )?.balanceFen;
    assert.equal(await balance('creator', `creator_available:${creator.userId}`), 1871);
    assert.equal(await balance('mcn', `mcn_available:${mcn.userId}`), 624);
    assert.equal(await balance('colonel', `colonel_available:${colonel.userId}`), 499);
    assert.equal(await balance('merchant', `merchant_available:${shop.shopId}`), 6786);

    const earned = ok(await as('creator')('GET', '/api/v1/creator/affiliate/earnings?groupBy=video'), 200, 'earnings');
    assert.deepEqual(
      earned.rows.map((r: { key: string; gmvFen: number; creatorFen: number; settledFen: number }) => [
        r.key,
        r.gmvFen,
        r.creatorFen,
        r.settledFen,
      ]),
      [[video.id, 9980, 1871, 1871]],
    );
    assert.equal(ok(await as('mcn')('GET', '/api/v1/mcn/performance'), 200, 'mcn').total.mcnFen, 624);
    assert.equal(ok(await as('colonel')('GET', '/api/v1/colonel/performance'), 200, 'colonel').total.colonelFen, 499);
    const perf = ok(
      await merchant('GET', `/api/v1/merchant/shops/${shop.shopId}/affiliate/performance`),
      200,
      'merchant performance',
    );
    assert.deepEqual(
      perf.rows.map((r: { key: string; orders: number; settledFen: number }) => [r.key, r.orders, r.settledFen]),
      [[creator.userId, 1, 1871 + 624 + 499]],
    );
    const order = ok(await as('buyer')('GET', `/api/v1/orders/${orderId}`), 200, 'order');
    assert.deepEqual(order.lines[0].attribution, { source: 'video', contentId: video.id, creatorId: creator.userId });

    // The merchant closes the targeted plan: it closes at 00:00, and its history says so.
    const closed = ok(await merchant('POST', `/api/v1/merchant/affiliate/plans/${plan.id}/close`), 200, 'close');
    assert.deepEqual(
      [closed.change, closed.plan.state, closed.plan.pending?.change, closed.plan.closesAt === closed.effectiveAt],
      ['close', 'closing', 'close', true],
    );
    const detail = ok(await merchant('GET', `/api/v1/merchant/affiliate/plans/${plan.id}`), 200, 'plan detail');
    assert.deepEqual(
      detail.history.map((h: { change: string }) => h.change),
      ['open', 'close'],
    );
    assert.deepEqual(
      detail.creators.map((c: { creatorId: string; status: string }) => [c.creatorId, c.status]),
      [[creator.userId, 'approved']],
    );
  } finally {
    await s.close();
  }
});

test('HTTP bad input: rates out of range, cuts that break the rules, anchoring a product not open, expired links, self-commission — 4xx with stable codes', async () => {
  const s = await startTestServer();
  try {
    const { shop, creator, tokens } = await people(s);
    const merchant = (method: 'GET' | 'POST', url: string, body?: unknown) =>
      s.call(method, url, { token: tokens.merchant, body });
    const creatorCall = (method: 'GET' | 'POST', url: string, body?: unknown) =>
      s.call(method, url, { token: tokens.creator, body });
    const p = shop.productId;
    refused(
      await merchant('POST', `/api/v1/merchant/products/${p}/affiliate/plans`, { kind: 'general', rateBp: 5001 }),
      400,
      'RATE_OUT_OF_RANGE',
      'general above 50 %',
    );
    refused(
      await merchant('POST', `/api/v1/merchant/products/${p}/affiliate/plans`, { kind: 'targeted', rateBp: 8001 }),
      400,
      'RATE_OUT_OF_RANGE',
      'targeted above 80 %',
    );
    refused(
      await s.call('POST', '/api/v1/colonel/activities', {
        token: await s.tokenFor((await makePerson(s.core, 'http-col2', ['colonel'], false)).userId),
        body: { name: '活动', commissionFloorBp: 5000, serviceFeeBp: 4001, endsAt: s.core.clock.now() + DAY },
      }),
      400,
      'SERVICE_FEE_OUT_OF_RANGE',
      'service fee above 40 %',
    );

    const exclusive = ok(
      await merchant('POST', `/api/v1/merchant/products/${p}/affiliate/plans`, {
        kind: 'exclusive',
        rateBp: 3000,
        creatorId: creator.userId,
      }),
      201,
      'exclusive',
    );
    refused(
      await merchant('POST', `/api/v1/merchant/affiliate/plans/${exclusive.id}/rate`, { rateBp: 2400 }),
      409,
      'CUT_TOO_DEEP',
      'a cut of 6 points',
    );
    assert.equal(
      ok(
        await merchant('POST', `/api/v1/merchant/affiliate/plans/${exclusive.id}/rate`, { rateBp: 2500 }),
        200,
        'a cut of 5 points',
      ).change,
      'cut',
    );
    s.core.clock.advance(2 * DAY);
    refused(
      await merchant('POST', `/api/v1/merchant/affiliate/plans/${exclusive.id}/rate`, { rateBp: 2400 }),
      409,
      'CUT_TOO_FREQUENT',
      'a second cut within 7 days',
    );

    const other = await makePerson(s.core, 'http-other', ['creator'], false);
    const otherToken = await s.tokenFor(other.userId);
    const upload = multipartBody(
      { name: 'clip.mp4', bytes: CLIP, contentType: 'video/mp4' },
      { title: '我的视频', publish: 'true' },
    );
    const video = ok(
      await s.app.inject({
        method: 'POST',
        url: '/api/v1/videos',
        payload: upload.payload,
        headers: { ...upload.headers, authorization: `Bearer ${otherToken}` },
      }),
      201,
      'upload',
    );
    refused(
      await s.call('POST', `/api/v1/creator/videos/${video.id}/anchors`, { token: otherToken, body: { productId: p } }),
      409,
      'PRODUCT_NOT_OPEN',
      'exclusive to another creator',
    );
    refused(
      await creatorCall('POST', `/api/v1/creator/videos/${video.id}/anchors`, { productId: p }),
      404,
      'NOT_FOUND',
      'someone else’s video',
    );

    const link = ok(await creatorCall('POST', '/api/v1/creator/links', { productId: p, validDays: 1 }), 201, 'link');
    const opened = ok(
      await s.call('GET', `/api/v1/links/${link.token}`, { token: tokens.buyer }),
      200,
      'open the link',
    );
    assert.deepEqual([opened.product.id, opened.attribution.source], [p, 'link']);
    s.core.clock.advance(DAY + 1000);
    refused(await s.call('GET', `/api/v1/links/${link.token}`), 410, 'LINK_EXPIRED', 'an expired link');
    refused(await s.call('GET', `/api/v1/links/${link.token.slice(0, -2)}AA`), 404, 'NOT_FOUND', 'a forged link');

    // Dual identity: the shop owner becomes a creator too.
    ok(
      await s.call('PUT', `/api/v1/admin/users/${shop.owner.userId}/roles/creator`, {
        token: await s.tokenFor((await makePerson(s.core, 'http-admin', ['admin'], false)).userId),
      }),
      200,
      'grant',
    );
    const targeted = ok(
      await merchant('POST', `/api/v1/merchant/products/${p}/affiliate/plans`, { kind: 'targeted', rateBp: 3000 }),
      201,
      'targeted',
    );
    refused(
      await merchant('POST', `/api/v1/merchant/affiliate/plans/${targeted.id}/creators`, {
        creatorIds: [shop.owner.userId],
      }),
      409,
      'SELF_COMMISSION',
      'naming oneself',
    );
    refused(
      await merchant('POST', `/api/v1/creator/affiliate/plans/${targeted.id}/applications`, {}),
      409,
      'SELF_COMMISSION',
      'applying to one’s own plan',
    );
  } finally {
    await s.close();
  }
});
