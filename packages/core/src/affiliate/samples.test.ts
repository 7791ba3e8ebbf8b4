import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addAddress } from '../accounts/index.js';
import { makePerson, openTestCore } from '../test-support/index.js';
import { findTimer } from '../timers/index.js';
import { DEADLINE } from '../rules/index.js';
import { createPlan } from './plans.js';
import { cancelSample, decideSample, mySamples, requestSample, shopSamples, SAMPLE_COOLDOWN_MS } from './samples.js';
import { makeWorld } from './test-support/affiliate-fixtures.js';
import { shipOrder } from '../logistics/index.js';
import { orderDetail } from '../orderviews/index.js';

const ADDRESS = {
  name: '李达人',
  phone: '13900002222',
  province: '广东省',
  city: '广州市',
  district: '天河区',
  detail: '体育西路 1 号',
};

test('a sample request approved by the merchant becomes a zero-price paid order that reserves stock, runs the ship-by clock and ships', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'smp');
    const { ctx } = core;
    await addAddress(ctx, w.creator, ADDRESS);
    const skuId = w.shop.skuIds[0]!;
    await assert.rejects(
      requestSample(ctx, w.creator, { productId: w.shop.productId, skuId }),
      { code: 'PRODUCT_NOT_OPEN' },
      'no plan is open yet',
    );
    await createPlan(ctx, w.shop.owner, w.shop.productId, { kind: 'general', rateBp: 2000 });
    await assert.rejects(
      requestSample(ctx, w.buyer, { productId: w.shop.productId, skuId }),
      { code: 'FORBIDDEN' },
      'only creators',
    );
    await assert.rejects(
      requestSample(ctx, w.creator, { productId: w.shop.productId, skuId: w.shop.skuIds[1]! + 'x' }),
      { code: 'NOT_FOUND' },
    );
    await assert.rejects(requestSample(ctx, w.other, { productId: w.shop.productId, skuId }), {
      code: 'ADDRESS_REQUIRED',
    });
    await assert.rejects(
      requestSample(ctx, w.creator, { productId: w.shop.productId, skuId, note: '字'.repeat(201) }),
      { code: 'INVALID_INPUT' },
    );

    const req = await requestSample(ctx, w.creator, { productId: w.shop.productId, skuId, note: '想试吃后做测评' });
    assert.deepEqual([req.status, req.city, req.orderId], ['requested', '广州市', null]);
    await assert.rejects(requestSample(ctx, w.creator, { productId: w.shop.productId, skuId }), {
      code: 'SAMPLE_ALREADY_REQUESTED',
    });
    assert.deepEqual(
      (await shopSamples(ctx, w.shop.owner, w.shop.shopId, { status: 'requested' })).items.map((r) => r.id),
      [req.id],
    );
    await assert.rejects(shopSamples(ctx, w.shop.owner, w.shop.shopId, { status: 'lost' }), { code: 'INVALID_INPUT' });
    await assert.rejects(
      decideSample(ctx, w.creator, req.id, { decision: 'approve' }),
      { code: 'NOT_FOUND' },
      'the creator cannot approve',
    );
    await assert.rejects(
      decideSample(ctx, w.shop.owner, req.id, { decision: 'reject' }),
      { code: 'INVALID_INPUT' },
      'a rejection needs a reason',
    );

    const stockBefore = Number(
      (await ctx.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow()).stock,
    );
    const approved = await decideSample(ctx, w.shop.owner, req.id, { decision: 'approve' });
    assert.equal(approved.status, 'approved');
    await assert.rejects(decideSample(ctx, w.shop.owner, req.id, { decision: 'reject', reason: '改主意' }), {
      code: 'SAMPLE_NOT_WAITING',
    });
    const order = await orderDetail(ctx.db, w.creator, approved.orderId!);
    assert.deepEqual([order.status, order.totalFen], ['paid', 0]);
    assert.equal(
      Number((await ctx.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow()).stock),
      stockBefore - 1,
    );
    assert.equal((await findTimer(ctx.db, DEADLINE.shipBy, approved.orderId!))?.status, 'pending');
    const line = await ctx.db
      .selectFrom('order_lines')
      .select(['unit_price_fen', 'creator_rate_bp', 'attr_source'])
      .where('order_id', '=', approved.orderId!)
      .executeTakeFirstOrThrow();
    assert.deepEqual([Number(line.unit_price_fen), Number(line.creator_rate_bp), line.attr_source], [0, 0, 'sample']);
    assert.equal(
      (await ctx.db.selectFrom('ledger_journals').select('id').where('ref_id', '=', approved.orderId!).execute())
        .length,
      0,
      'no money moves',
    );
    const shipped = await shipOrder(ctx, w.shop.owner, approved.orderId!, [
      { carrier: '顺丰速运', trackingNo: 'SFSAMPLE0001' },
    ]);
    assert.equal(shipped.status, 'shipped');

    await assert.rejects(
      requestSample(ctx, w.creator, { productId: w.shop.productId, skuId }),
      { code: 'SAMPLE_ALREADY_REQUESTED' },
      'one sample per 30 days',
    );
    core.clock.advance(SAMPLE_COOLDOWN_MS + 1);
    const again = await requestSample(ctx, w.creator, { productId: w.shop.productId, skuId });
    await assert.rejects(cancelSample(ctx, w.other, again.id), { code: 'NOT_FOUND' });
    assert.equal((await cancelSample(ctx, w.creator, again.id)).status, 'cancelled');
    const third = await requestSample(ctx, w.creator, { productId: w.shop.productId, skuId });
    const rejected = await decideSample(ctx, w.shop.owner, third.id, { decision: 'reject', reason: '样品已发完' });
    assert.deepEqual([rejected.status, rejected.reason, rejected.orderId], ['rejected', '样品已发完', null]);
    assert.deepEqual(
      (await mySamples(ctx, w.creator)).items.map((r) => r.status),
      ['rejected', 'cancelled', 'approved'],
    );
  } finally {
    await core.dispose();
  }
});

test('a creator who is a member of the shop does not request samples of its products', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'smp-self');
    await createPlan(core.ctx, w.shop.owner, w.shop.productId, { kind: 'general', rateBp: 2000 });
    const ownerAsCreator = await makePerson(core, 'smp-self-dual', ['creator']);
    await core.ctx.db
      .insertInto('shop_members')
      .values({
        shop_id: w.shop.shopId,
        user_id: ownerAsCreator.userId,
        role: 'staff',
        created_at: core.ctx.clock.now(),
      })
      .execute();
    await assert.rejects(
      requestSample(core.ctx, ownerAsCreator, { productId: w.shop.productId, skuId: w.shop.skuIds[0]! }),
      { code: 'SELF_COMMISSION' },
    );
  } finally {
    await core.dispose();
  }
});
