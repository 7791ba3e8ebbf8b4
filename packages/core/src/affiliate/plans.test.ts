import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addStaff } from '../catalog/index.js';
import { loadActor } from '../accounts/index.js';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { nextShanghaiMidnight } from './rate-changes.js';
import { addTargetedCreators, changePlanRate, closePlan, createPlan } from './plans.js';
import { listShopPlans, planDetail } from './plan-views.js';
import { applyToPlan, decideApplication, listShopApplications } from './applications.js';
import { createLink } from './links.js';
import { anchorProduct } from './showcase.js';
import { buyVia, lineOf, makeWorld, videoOf } from './test-support/affiliate-fixtures.js';

const HOUR = 3_600_000;

test('plans: rate ranges per kind, one open general and exclusive plan per product, cuts at 00:00 next day, raises at once, closing', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'pl');
    const owner = w.shop.owner;
    const p = w.shop.productId;
    for (const [kind, rateBp] of [
      ['general', 99],
      ['general', 5001],
      ['targeted', 8001],
      ['exclusive', 5001],
      ['general', -1],
      ['general', 12.5],
    ] as const) {
      await assert.rejects(
        createPlan(core.ctx, owner, p, {
          kind,
          rateBp,
          ...(kind === 'exclusive' ? { creatorId: w.creator.userId } : {}),
        }),
        { code: 'RATE_OUT_OF_RANGE' },
        `${kind} ${rateBp}`,
      );
    }
    const general = await createPlan(core.ctx, owner, p, { kind: 'general', rateBp: 2000 });
    assert.deepEqual([general.state, general.rateBp, general.pending], ['active', 2000, null]);
    await assert.rejects(createPlan(core.ctx, owner, p, { kind: 'general', rateBp: 3000 }), { code: 'PLAN_EXISTS' });
    await assert.rejects(createPlan(core.ctx, owner, p, { kind: 'exclusive', rateBp: 3000 }), {
      code: 'INVALID_INPUT',
    });
    await assert.rejects(
      createPlan(core.ctx, owner, p, { kind: 'exclusive', rateBp: 3000, creatorId: w.buyer.userId }),
      { code: 'NOT_FOUND' },
      'not a creator',
    );
    await createPlan(core.ctx, owner, p, { kind: 'exclusive', rateBp: 3000, creatorId: w.creator.userId });
    await assert.rejects(
      createPlan(core.ctx, owner, p, { kind: 'exclusive', rateBp: 3000, creatorId: w.other.userId }),
      { code: 'PLAN_EXISTS' },
    );
    const targeted = await createPlan(core.ctx, owner, p, {
      kind: 'targeted',
      rateBp: 8000,
      creatorIds: [w.creator.userId],
    });
    const stranger = await makeShop(core, 'pl-stranger');
    await assert.rejects(
      createPlan(core.ctx, stranger.owner, p, { kind: 'general', rateBp: 2000 }),
      { code: 'NOT_FOUND' },
      'another shop’s product is unknown',
    );
    await assert.rejects(changePlanRate(core.ctx, stranger.owner, general.id, 2500), { code: 'NOT_FOUND' });

    const now = core.clock.now();
    const cut = await changePlanRate(core.ctx, owner, general.id, 1500);
    assert.deepEqual(
      [cut.change, cut.effectiveAt, cut.plan.rateBp, cut.plan.pending?.rateBp],
      ['cut', nextShanghaiMidnight(now), 2000, 1500],
    );
    const raise = await changePlanRate(core.ctx, owner, general.id, 2500);
    assert.deepEqual(
      [raise.change, raise.effectiveAt, raise.plan.rateBp, raise.plan.pending],
      ['raise', now, 2500, null],
      'a raise applies at once and replaces the pending cut',
    );
    await changePlanRate(core.ctx, owner, general.id, 1000);
    core.clock.set(nextShanghaiMidnight(now));
    const detail = await planDetail(core.ctx, owner, general.id);
    assert.equal(detail.rateBp, 1000);
    assert.deepEqual(
      detail.history.map((h) => [h.change, h.rateBp, h.supersededAt !== null]),
      [
        ['open', 2000, false],
        ['cut', 1500, true],
        ['raise', 2500, false],
        ['cut', 1000, false],
      ],
    );
    await assert.rejects(changePlanRate(core.ctx, owner, general.id, 5001), { code: 'RATE_OUT_OF_RANGE' });

    const closing = await closePlan(core.ctx, owner, general.id);
    assert.deepEqual([closing.plan.state, closing.plan.closesAt], ['closing', nextShanghaiMidnight(core.clock.now())]);
    await assert.rejects(changePlanRate(core.ctx, owner, general.id, 3000), { code: 'PLAN_CLOSED' });
    await createPlan(core.ctx, owner, p, { kind: 'general', rateBp: 1200, name: '新普通计划' });
    core.clock.advance(24 * HOUR);
    const listed = await listShopPlans(core.ctx, owner, w.shop.shopId, { limit: 10 });
    assert.deepEqual(listed.items.map((i) => [i.kind, i.state]).sort(), [
      ['exclusive', 'active'],
      ['general', 'active'],
      ['general', 'closed'],
      ['targeted', 'active'],
    ]);
    assert.equal((await planDetail(core.ctx, owner, targeted.id)).creators[0]!.source, 'named');
  } finally {
    await core.dispose();
  }
});

test('targeted plans: creators apply and are approved or rejected; the approval applies to later orders; dual identity is refused or zeroed', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'ap');
    const owner = w.shop.owner;
    const p = w.shop.productId;
    await createPlan(core.ctx, owner, p, { kind: 'general', rateBp: 1000 });
    const targeted = await createPlan(core.ctx, owner, p, { kind: 'targeted', rateBp: 3000 });
    const link = await createLink(core.ctx, w.other, { productId: p });
    const before = await lineOf(
      core,
      await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'link', contentId: link.token }),
    );
    assert.deepEqual(
      [before.plan_kind, before.creator_rate_bp, before.attr_creator_id, before.attr_content_id],
      ['general', 1000, w.other.userId, link.id],
    );

    const applied = await applyToPlan(core.ctx, w.other, targeted.id, '粉丝 20 万，擅长水果');
    assert.equal(applied.status, 'pending');
    assert.equal(
      (await applyToPlan(core.ctx, w.other, targeted.id)).status,
      'pending',
      'applying again changes nothing',
    );
    assert.deepEqual(
      (await listShopApplications(core.ctx, owner, w.shop.shopId, 'pending')).map((a) => a.creatorId),
      [w.other.userId],
    );
    assert.equal((await decideApplication(core.ctx, owner, targeted.id, w.other.userId, 'approve')).status, 'approved');
    await assert.rejects(decideApplication(core.ctx, owner, targeted.id, w.other.userId, 'reject'), {
      code: 'INVALID_TRANSITION',
    });
    await assert.rejects(applyToPlan(core.ctx, w.other, targeted.id), { code: 'ALREADY_APPROVED' });
    await assert.rejects(decideApplication(core.ctx, owner, targeted.id, w.creator.userId, 'approve'), {
      code: 'NOT_FOUND',
    });
    await assert.rejects(applyToPlan(core.ctx, w.buyer, targeted.id), { code: 'FORBIDDEN' }, 'creators only');

    const after = await lineOf(
      core,
      await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'link', contentId: link.token }),
    );
    assert.deepEqual([after.plan_kind, after.plan_id, after.creator_rate_bp], ['targeted', targeted.id, 3000]);
    const decision = JSON.parse(after.rate_decision!);
    assert.equal(decision.reason, 'plan');
    assert.deepEqual(
      decision.candidates.map((c: { kind: string; eligible: boolean }) => [c.kind, c.eligible]),
      [
        ['general', true],
        ['targeted', true],
      ],
    );

    await applyToPlan(core.ctx, w.creator, targeted.id);
    await decideApplication(core.ctx, owner, targeted.id, w.creator.userId, 'reject');
    assert.equal(
      (await applyToPlan(core.ctx, w.creator, targeted.id)).status,
      'pending',
      'a rejected creator may apply again',
    );

    // Dual identity: a creator who works at the shop.
    const insider = await makePerson(core, 'ap-insider', ['creator'], false);
    await addStaff(core.ctx, owner, w.shop.shopId, 'ap-insider');
    const staffCreator = await loadActor(core.ctx.db, insider.userId);
    await assert.rejects(applyToPlan(core.ctx, staffCreator, targeted.id), { code: 'SELF_COMMISSION' });
    await assert.rejects(addTargetedCreators(core.ctx, owner, targeted.id, [insider.userId]), {
      code: 'SELF_COMMISSION',
    });
    await assert.rejects(
      createPlan(core.ctx, owner, p, { kind: 'exclusive', rateBp: 3000, creatorId: insider.userId }),
      { code: 'SELF_COMMISSION' },
    );
    const video = await videoOf(core, staffCreator, []);
    await anchorProduct(core.ctx, staffCreator, video, p); // allowed: they sell their own product, without commission
    const own = await lineOf(
      core,
      await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'video', contentId: video, creatorId: insider.userId }),
    );
    assert.deepEqual(
      [own.attr_creator_id, own.creator_rate_bp, own.plan_kind, own.plan_id, own.mcn_id, own.colonel_id],
      [insider.userId, 0, 'none', null, null, null],
    );
    assert.equal(JSON.parse(own.rate_decision!).reason, 'self_commission');
  } finally {
    await core.dispose();
  }
});
