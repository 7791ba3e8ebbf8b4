import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore } from '../test-support/index.js';
import { accountId, balanceOf } from '../ledger/index.js';
import { actOnCase, arbitrateCase, fileCase, postCaseMessage } from './cases.js';
import { caseView } from './case-views.js';
import { uploadEvidence } from './evidence.js';
import { delivered, HOUR, photo, rejectsWith, world } from './test-support/fixtures.js';
import { orderDetail } from '../orderviews/index.js';

test('a fresh-produce claim: photo, 30 % spoiled, counter-offer, escalation, arbitration refunds exactly the decided amount through the ledger', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'fc-flow');
    const b = await delivered(w);
    core.clock.advance(20 * HOUR);
    const before = await orderDetail(core.ctx.db, w.buyer, b.orderId, core.clock.now());
    assert.deepEqual(before.lines[0]!.afterSalesEligible, ['refund_only', 'return_refund', 'exchange', 'fresh_claim']);
    assert.equal(before.lines[0]!.afterSales, null);

    const pic = await photo(w);
    const caseId = await fileCase(core.ctx, w.buyer, b.orderId, {
      type: 'fresh_claim',
      orderLineId: b.lineId,
      reasonCode: 'spoiled',
      spoiledPercent: 30,
      note: '三个烂了',
      evidence: [pic],
    });
    let v = await caseView(core.ctx.db, w.buyer, caseId, core.clock.now());
    assert.equal(v.status, 'requested');
    assert.equal(v.requestedFen, 897); // 30 % of ¥29.90
    assert.equal(v.spoiledPercent, 30);
    assert.equal(v.viewerRole, 'buyer');
    assert.deepEqual(v.allowedActions, ['cancel']);
    assert.equal(v.deadline?.kind, 'aftersales_response');
    assert.equal(v.deadline?.dueAt, core.clock.now() + 48 * HOUR);
    assert.deepEqual(
      v.timeline.map((e) => [e.actor, e.kind, e.amountFen]),
      [['buyer', 'filed', 897]],
    );
    assert.deepEqual(
      v.timeline[0]!.evidence.map((e) => e.id),
      [pic],
    );
    assert.match(v.timeline[0]!.evidence[0]!.url, /^\/media\/afe_[0-9a-z]{26}\.png$/);
    const onOrder = await orderDetail(core.ctx.db, w.buyer, b.orderId, core.clock.now());
    assert.deepEqual(onOrder.lines[0]!.afterSales, { caseId, status: 'requested', type: 'fresh_claim' });
    assert.deepEqual(onOrder.lines[0]!.afterSalesEligible, []);

    const merchantView = await caseView(core.ctx.db, w.shop.owner, caseId, core.clock.now());
    assert.equal(merchantView.viewerRole, 'merchant');
    assert.deepEqual(merchantView.allowedActions, ['approve', 'reject', 'counter']);

    // A second claim on the line, counter-offers out of bounds, the wrong party, strangers.
    await rejectsWith(
      fileCase(core.ctx, w.buyer, b.orderId, {
        type: 'fresh_claim',
        orderLineId: b.lineId,
        reasonCode: 'spoiled',
        spoiledPercent: 10,
        evidence: [await photo(w)],
      }),
      'CASE_EXISTS',
      409,
    );
    await rejectsWith(
      fileCase(core.ctx, w.buyer, b.orderId, { type: 'refund_only', orderLineId: b.lineId, reasonCode: 'quality' }),
      'CASE_EXISTS',
      409,
    );
    await rejectsWith(
      actOnCase(core.ctx, w.shop.owner, caseId, { action: 'counter', amountFen: 897, note: '最多这么多' }),
      'COUNTER_EXCEEDS_PAID',
      409,
    );
    await rejectsWith(
      actOnCase(core.ctx, w.shop.owner, caseId, { action: 'counter', amountFen: 5000, note: '超出实付' }),
      'COUNTER_EXCEEDS_PAID',
      409,
    );
    await rejectsWith(
      actOnCase(core.ctx, w.shop.owner, caseId, { action: 'counter', amountFen: 500 }),
      'INVALID_INPUT',
      400,
    );
    await rejectsWith(actOnCase(core.ctx, w.buyer, caseId, { action: 'approve' }), 'WRONG_PARTY', 403);
    await rejectsWith(actOnCase(core.ctx, w.shop.owner, caseId, { action: 'escalate' }), 'WRONG_PARTY', 403);
    await rejectsWith(actOnCase(core.ctx, w.admin, caseId, { action: 'approve' }), 'WRONG_PARTY', 403);
    await rejectsWith(actOnCase(core.ctx, w.stranger, caseId, { action: 'cancel' }), 'NOT_FOUND', 404);
    await rejectsWith(caseView(core.ctx.db, w.stranger, caseId, core.clock.now()), 'NOT_FOUND', 404);
    await rejectsWith(postCaseMessage(core.ctx, w.stranger, caseId, { text: '路过' }), 'NOT_FOUND', 404);
    await rejectsWith(actOnCase(core.ctx, w.buyer, caseId, { action: 'escalate' }), 'ACTION_NOT_ALLOWED', 409);
    await rejectsWith(
      arbitrateCase(core.ctx, w.admin, caseId, { decision: 'refund', amountFen: 100, reason: '太早' }),
      'ACTION_NOT_ALLOWED',
      409,
    );

    core.clock.advance(HOUR);
    await actOnCase(core.ctx, w.shop.owner, caseId, { action: 'counter', amountFen: 500, note: '按两个坏果赔' });
    await rejectsWith(
      actOnCase(core.ctx, w.shop.owner, caseId, { action: 'counter', amountFen: 400, note: '再降一点' }),
      'COUNTER_ALREADY_MADE',
      409,
    );
    v = await caseView(core.ctx.db, w.buyer, caseId, core.clock.now());
    assert.equal(v.status, 'countered');
    assert.equal(v.counterFen, 500);
    assert.deepEqual(v.allowedActions, ['accept_counter', 'escalate', 'cancel']);
    assert.equal(v.deadline?.kind, 'aftersales_counter_reply');

    await postCaseMessage(core.ctx, w.buyer, caseId, { text: '明明是三个', evidence: [await photo(w)] });
    await actOnCase(core.ctx, w.buyer, caseId, { action: 'escalate', note: '请平台介入' });
    await rejectsWith(
      arbitrateCase(core.ctx, w.shop.owner, caseId, { decision: 'refund', amountFen: 700, reason: '我来' }),
      'FORBIDDEN',
      403,
    );
    await rejectsWith(
      arbitrateCase(core.ctx, w.admin, caseId, { decision: 'refund', amountFen: 2991, reason: '超出' }),
      'AMOUNT_EXCEEDS_REFUNDABLE',
      409,
    );
    const adminView = await caseView(core.ctx.db, w.admin, caseId, core.clock.now());
    assert.equal(adminView.viewerRole, 'admin');
    assert.deepEqual(adminView.allowedActions, ['arbitrate']);

    const payable = await balanceOf(core.ctx.db, accountId('refunds_payable'));
    const clearing = await balanceOf(core.ctx.db, accountId('clearing', w.shop.shopId));
    await arbitrateCase(core.ctx, w.admin, caseId, {
      decision: 'refund',
      amountFen: 700,
      reason: '照片显示约三成坏果，折中赔付',
    });
    v = await caseView(core.ctx.db, w.buyer, caseId, core.clock.now());
    assert.equal(v.status, 'refunded');
    assert.equal(v.refundFen, 700);
    assert.equal(v.refundableFen, 2990 - 700);
    assert.deepEqual(v.allowedActions, []);
    assert.deepEqual(
      v.timeline.map((e) => e.kind),
      ['filed', 'countered', 'message', 'escalated', 'arbitrated', 'refunded'],
    );
    assert.equal(v.timeline[2]!.evidence.length, 1);

    const refunds = await core.ctx.db.selectFrom('refunds').selectAll().where('order_id', '=', b.orderId).execute();
    assert.deepEqual(
      refunds.map((r) => [Number(r.amount_fen), r.request_key, r.status]),
      [[700, `aftersales:${caseId}`, 'pending']],
    );
    const journal = await core.ctx.db
      .selectFrom('ledger_journals')
      .select(['id', 'reason'])
      .where('ref_id', '=', refunds[0]!.id)
      .execute();
    assert.deepEqual(
      journal.map((j) => j.reason),
      ['refund_requested'],
    );
    assert.equal(await balanceOf(core.ctx.db, accountId('refunds_payable')), payable + 700);
    assert.equal(await balanceOf(core.ctx.db, accountId('clearing', w.shop.shopId)), clearing - 700);
    const line = await core.ctx.db
      .selectFrom('order_lines')
      .select('refunded_fen')
      .where('id', '=', b.lineId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(line.refunded_fen), 700);

    // One claim per line, even after the first one ended; other after-sales on the line remain possible.
    await rejectsWith(
      fileCase(core.ctx, w.buyer, b.orderId, {
        type: 'fresh_claim',
        orderLineId: b.lineId,
        reasonCode: 'spoiled',
        spoiledPercent: 10,
        evidence: [await photo(w)],
      }),
      'CASE_EXISTS',
      409,
    );
    const after = await orderDetail(core.ctx.db, w.buyer, b.orderId, core.clock.now());
    assert.deepEqual(after.lines[0]!.afterSales, { caseId, status: 'refunded', type: 'fresh_claim' });
    assert.deepEqual(after.lines[0]!.afterSalesEligible, ['refund_only', 'return_refund', 'exchange']);
  } finally {
    await core.dispose();
  }
});

test('fresh claims need a photo of the buyer’s own, a perishable line, and the claim window', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'fc-rules');
    const b = await delivered(w);
    const claim = (evidence: string[], extra: Record<string, unknown> = {}) =>
      fileCase(core.ctx, w.buyer, b.orderId, {
        type: 'fresh_claim',
        orderLineId: b.lineId,
        reasonCode: 'spoiled',
        spoiledPercent: 50,
        evidence,
        ...extra,
      });
    await rejectsWith(claim([]), 'EVIDENCE_REQUIRED', 400);
    await rejectsWith(claim([await photo(w, w.stranger)]), 'EVIDENCE_NOT_FOUND', 400);
    await rejectsWith(claim(['afe_00000000000000000000000000']), 'EVIDENCE_NOT_FOUND', 400);
    await rejectsWith(claim([await photo(w)], { spoiledPercent: undefined }), 'INVALID_INPUT', 400);
    await rejectsWith(
      uploadEvidence(core.ctx, w.buyer, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')),
      'UNSUPPORTED_FILE_TYPE',
      415,
    );
    await rejectsWith(
      uploadEvidence(core.ctx, w.buyer, Buffer.from('%PDF-1.7 not an image')),
      'UNSUPPORTED_FILE_TYPE',
      415,
    );
    await rejectsWith(uploadEvidence(core.ctx, w.buyer, Buffer.alloc(0)), 'UNSUPPORTED_FILE_TYPE', 415);
    await rejectsWith(
      fileCase(core.ctx, w.stranger, b.orderId, { type: 'refund_only', orderLineId: b.lineId, reasonCode: 'missing' }),
      'NOT_FOUND',
      404,
    );
    await rejectsWith(
      fileCase(core.ctx, w.shop.owner, b.orderId, {
        type: 'refund_only',
        orderLineId: b.lineId,
        reasonCode: 'missing',
      }),
      'WRONG_PARTY',
      403,
    );
    assert.equal(
      (await core.ctx.db.selectFrom('aftersales_cases').select('id').execute()).length,
      0,
      'nothing was filed',
    );

    const used = await photo(w);
    core.clock.advance(48 * HOUR + 1);
    await rejectsWith(claim([used]), 'CLAIM_WINDOW_CLOSED', 409);
    const d = await orderDetail(core.ctx.db, w.buyer, b.orderId, core.clock.now());
    assert.ok(!d.lines[0]!.afterSalesEligible.includes('fresh_claim'));
    const unused = await core.ctx.db
      .selectFrom('aftersales_evidence')
      .select('case_id')
      .where('id', '=', used)
      .executeTakeFirstOrThrow();
    assert.equal(unused.case_id, null, 'a refused claim attaches nothing');

    const kitchen = await world(core, 'fc-pan', { perishable: false });
    const pan = await delivered(kitchen);
    await rejectsWith(
      fileCase(core.ctx, kitchen.buyer, pan.orderId, {
        type: 'fresh_claim',
        orderLineId: pan.lineId,
        reasonCode: 'spoiled',
        spoiledPercent: 50,
        evidence: [await photo(kitchen)],
      }),
      'NOT_ELIGIBLE',
      409,
    );
    await rejectsWith(
      fileCase(core.ctx, w.buyer, b.orderId, { type: 'return_refund', orderLineId: b.lineId, reasonCode: 'no_reason' }),
      'NOT_ELIGIBLE',
      409,
    );
  } finally {
    await core.dispose();
  }
});

test('the merchant accepts a claim as asked, or the buyer accepts a counter-offer: refunded at that amount', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'fc-accept');
    const first = await delivered(w, 2); // two bags: ¥59.80
    const c1 = await fileCase(core.ctx, w.buyer, first.orderId, {
      type: 'fresh_claim',
      orderLineId: first.lineId,
      reasonCode: 'damaged',
      spoiledPercent: 50,
      evidence: [await photo(w)],
    });
    await actOnCase(core.ctx, w.shop.owner, c1, { action: 'accept' });
    const v1 = await caseView(core.ctx.db, w.shop.owner, c1, core.clock.now());
    assert.deepEqual([v1.status, v1.refundFen, v1.deadline], ['refunded', 2990, null]);

    const second = await delivered(w);
    const c2 = await fileCase(core.ctx, w.buyer, second.orderId, {
      type: 'fresh_claim',
      orderLineId: second.lineId,
      reasonCode: 'spoiled',
      spoiledPercent: 100,
      evidence: [await photo(w)],
    });
    await actOnCase(core.ctx, w.shop.owner, c2, { action: 'counter', amountFen: 1500, note: '一半' });
    await actOnCase(core.ctx, w.buyer, c2, { action: 'accept_counter' });
    await rejectsWith(actOnCase(core.ctx, w.buyer, c2, { action: 'accept_counter' }), 'ACTION_NOT_ALLOWED', 409);
    const v2 = await caseView(core.ctx.db, w.buyer, c2, core.clock.now());
    assert.deepEqual([v2.status, v2.requestedFen, v2.refundFen], ['refunded', 2990, 1500]);
    const refunds = await core.ctx.db
      .selectFrom('refunds')
      .select(['amount_fen', 'request_key'])
      .where('request_key', 'like', 'aftersales:%')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      refunds.map((r) => [Number(r.amount_fen), r.request_key]),
      [
        [2990, `aftersales:${c1}`],
        [1500, `aftersales:${c2}`],
      ],
    );
  } finally {
    await core.dispose();
  }
});
