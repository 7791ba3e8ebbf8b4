import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_AFFILIATE_RULES, PLAN_KINDS, type PlanKind } from './affiliate-rules.js';
import { choosePlan, KIND_PRIORITY, type PlanView } from './plan-selection.js';

const NOW = Date.UTC(2026, 5, 1, 4);
const W = DEFAULT_AFFILIATE_RULES.protectionWindowMs;
const plan = (id: string, kind: PlanKind, rateBp: number, extra: Partial<PlanView> = {}): PlanView => ({
  id,
  kind,
  productId: 'prd',
  creatorId: null,
  createdAt: NOW - 1000,
  changes: [
    { id: `${id}-r`, change: 'open', rateBp, requestedAt: NOW - 1000, effectiveAt: NOW - 1000, supersededAt: null },
  ],
  members: new Set(),
  activity: null,
  ...extra,
});
const standing = { promotedAt: null, viaPlanId: null, ownsShop: false };

test('the most specific plan the creator holds wins, even at a lower rate; the decision lists every candidate and why', () => {
  const plans = [
    plan('g', 'general', 3000),
    plan('t', 'targeted', 1500, { members: new Set(['me']) }),
    plan('t2', 'targeted', 4000),
    plan('e', 'exclusive', 2000, { creatorId: 'someone-else' }),
  ];
  const c = choosePlan(plans, 'me', standing, NOW, W);
  assert.equal(c.reason, 'plan');
  assert.equal(c.planId, 't');
  assert.equal(c.creatorRateBp, 1500);
  assert.deepEqual(
    c.candidates.map((x) => [x.planId, x.eligible, x.why]),
    [
      ['g', true, 'open to every creator'],
      ['t', true, 'approved creator'],
      ['t2', false, 'not a creator of this targeted plan'],
      ['e', false, 'exclusive to another creator'],
    ],
  );
  assert.equal(choosePlan(plans, 'stranger', standing, NOW, W).planId, 'g');
});

test('colonel plans: only when picked through the running activity; the fee comes out of the commission', () => {
  const activity = { id: 'act', colonelId: 'col', serviceFeeBp: 500, startsAt: NOW - 1, endsAt: NOW + 1 };
  const plans = [plan('g', 'general', 1000), plan('c', 'colonel', 2500, { activity })];
  assert.equal(choosePlan(plans, 'me', standing, NOW, W).planId, 'g');
  const via = choosePlan(plans, 'me', { ...standing, viaPlanId: 'c' }, NOW, W);
  assert.deepEqual(
    [via.planId, via.rateBp, via.creatorRateBp, via.colonelId, via.colonelFeeBp],
    ['c', 2500, 2000, 'col', 500],
  );
  assert.equal(
    choosePlan(plans, 'me', { ...standing, viaPlanId: 'c' }, NOW + 1, W).planId,
    'g',
    'after the activity ends',
  );
  // A targeted plan granted to a creator the colonel brought: the targeted rate, less the colonel's fee.
  const withTargeted = [...plans, plan('t', 'targeted', 3000, { members: new Set(['me']) })];
  const t = choosePlan(withTargeted, 'me', { ...standing, viaPlanId: 'c' }, NOW, W);
  assert.deepEqual(
    [t.planId, t.rateBp, t.creatorRateBp, t.colonelId, t.colonelFeeBp, t.activityId],
    ['t', 3000, 2500, 'col', 500, 'act'],
  );
  const low = choosePlan(
    [plan('c', 'colonel', 2500, { activity }), plan('t', 'targeted', 300, { members: new Set(['me']) })],
    'me',
    { ...standing, viaPlanId: 'c' },
    NOW,
    W,
  );
  assert.deepEqual([low.creatorRateBp, low.colonelFeeBp], [0, 300], 'the fee never exceeds the commission');
  assert.equal(choosePlan(withTargeted, 'me', standing, NOW, W).colonelId, null, 'not brought by the colonel: no fee');
});

test('dual identity: a creator of the shop earns nothing, with the reason recorded; no plans / none open', () => {
  const self = choosePlan([plan('g', 'general', 3000)], 'me', { ...standing, ownsShop: true }, NOW, W);
  assert.deepEqual([self.reason, self.planId, self.rateBp, self.creatorRateBp], ['self_commission', null, 0, 0]);
  assert.equal(choosePlan([], 'me', standing, NOW, W).reason, 'no_plan');
  assert.equal(choosePlan([plan('t', 'targeted', 3000)], 'me', standing, NOW, W).reason, 'not_open');
});

const planArb = fc.record({
  kind: fc.constantFrom(...PLAN_KINDS),
  rate: fc.integer({ min: 0, max: 8000 }),
  mine: fc.boolean(),
  createdAt: fc.integer({ min: NOW - 10_000, max: NOW }),
  closed: fc.boolean(),
});

test('property: the winner is eligible, no eligible plan is of a more specific kind or pays the creator more within its kind', () => {
  fc.assert(
    fc.property(fc.array(planArb, { maxLength: 8 }), fc.boolean(), (specs, ownsShop) => {
      const activity = { id: 'act', colonelId: 'col', serviceFeeBp: 300, startsAt: NOW - 1, endsAt: NOW + 1 };
      const plans = specs.map((s, i) => {
        const p = plan(`p${i}`, s.kind, s.kind === 'colonel' ? Math.max(300, s.rate) : s.rate, {
          createdAt: s.createdAt,
          creatorId: s.kind === 'exclusive' ? (s.mine ? 'me' : 'other') : null,
          members: s.kind === 'targeted' && s.mine ? new Set(['me']) : new Set(),
          activity: s.kind === 'colonel' ? activity : null,
        });
        if (s.closed)
          p.changes.push({
            id: `p${i}-c`,
            change: 'close',
            rateBp: null,
            requestedAt: NOW - 500,
            effectiveAt: NOW - 100,
            supersededAt: null,
          });
        return p;
      });
      const via = plans.find((p) => p.kind === 'colonel' && specs[plans.indexOf(p)]!.mine)?.id ?? null;
      const c = choosePlan(plans, 'me', { promotedAt: null, viaPlanId: via, ownsShop }, NOW, W);
      const eligible = c.candidates.filter((x) => x.eligible);
      assert.equal(
        eligible.every((x) => x.rateBp !== null),
        true,
      );
      if (eligible.length === 0) return assert.equal(c.reason, plans.length ? 'not_open' : 'no_plan');
      if (ownsShop) return assert.deepEqual([c.reason, c.creatorRateBp, c.colonelFeeBp], ['self_commission', 0, 0]);
      const winner = eligible.find((x) => x.planId === c.planId)!;
      assert.ok(winner);
      const net = (x: { kind: PlanKind; rateBp: number | null }) =>
        Math.max(0, x.rateBp! - (x.kind === 'colonel' ? 300 : 0));
      for (const x of eligible) {
        assert.ok(KIND_PRIORITY[x.kind] <= KIND_PRIORITY[winner.kind]);
        if (x.kind === winner.kind) assert.ok(net(x) <= net(winner));
      }
      assert.equal(c.creatorRateBp + c.colonelFeeBp, c.rateBp, 'the fee comes out of the commission');
    }),
    { numRuns: 500 },
  );
});
