import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DomainError } from '../platform/index.js';
import { DEFAULT_AFFILIATE_RULES, PLAN_RATE_RANGE } from './affiliate-rules.js';
import { nextShanghaiMidnight, planRateChange, rateFor, rateInForce, type RateChange } from './rate-changes.js';
import { RateModel as Model } from './test-support/rate-model.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const rules = DEFAULT_AFFILIATE_RULES;
// 2026-03-01 10:00 Asia/Shanghai
const T0 = Date.UTC(2026, 2, 1, 2, 0, 0);

test('Shanghai midnight: a cut requested at 23:59 takes effect one minute later; at 00:00 a whole day later', () => {
  assert.equal(nextShanghaiMidnight(Date.UTC(2026, 2, 1, 15, 59)), Date.UTC(2026, 2, 1, 16, 0));
  assert.equal(nextShanghaiMidnight(Date.UTC(2026, 2, 1, 16, 0)), Date.UTC(2026, 2, 2, 16, 0));
});

type Step = { advanceMin: number } & ({ op: 'change'; rate: number } | { op: 'order'; promotedStep: number | null });

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('change' as const),
    advanceMin: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    rate: fc.integer({ min: 0, max: 8500 }),
  }),
  fc.record({
    op: fc.constant('order' as const),
    advanceMin: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    promotedStep: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  }),
);

test('random timelines of rate changes and orders: every change is refused or applied as the rules say, and every order gets the rule’s rate', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('general', 'targeted', 'exclusive' as const),
      fc.integer({ min: 500, max: 5000 }),
      fc.array(stepArb, { minLength: 1, maxLength: 40 }),
      (kind, opening, steps) => {
        const model = new Model(kind, opening);
        const history: RateChange[] = [
          { id: 'c000', change: 'open', rateBp: opening, requestedAt: T0, effectiveAt: T0, supersededAt: null },
        ];
        const times: number[] = [];
        let t = T0;
        for (const [i, s] of steps.entries()) {
          t += s.advanceMin * 60_000;
          times.push(t);
          if (s.op === 'change') {
            const expected = model.request(t, s.rate);
            let got: string;
            try {
              const p = planRateChange(history, { kind, rateBp: s.rate, range: PLAN_RATE_RANGE[kind], now: t, rules });
              for (const c of history) if (p.supersedes.includes(c.id)) c.supersededAt = t;
              history.push({
                id: `c${String(i + 1).padStart(3, '0')}`,
                change: p.change,
                rateBp: p.rateBp,
                requestedAt: t,
                effectiveAt: p.effectiveAt,
                supersededAt: null,
              });
              got = p.change;
            } catch (err) {
              assert.ok(err instanceof DomainError && err.status >= 400 && err.status < 500, String(err));
              got = err.code;
            }
            assert.equal(got, expected, `step ${i}: change to ${s.rate}`);
          } else {
            // The creator began promoting at an earlier step's time (or before the plan opened), or never.
            const promotedAt =
              s.promotedStep === null ? null : s.promotedStep >= times.length ? T0 - 1 : times[s.promotedStep]!;
            const got = rateFor(history, t, promotedAt, rules.protectionWindowMs);
            assert.equal(
              got?.rateBp,
              model.rateAt(t, promotedAt),
              `step ${i}: the rate at ${new Date(t).toISOString()}`,
            );
            assert.equal(rateInForce(history, t), model.inForce);
          }
        }
      },
    ),
    { numRuns: 400 },
  );
});

test('closing: takes effect at 00:00 next day, a creator who promoted before keeps the last rate for the window, nothing changes a closing plan', () => {
  const history: RateChange[] = [
    { id: 'a', change: 'open', rateBp: 2000, requestedAt: T0, effectiveAt: T0, supersededAt: null },
  ];
  const close = planRateChange(history, {
    kind: 'general',
    rateBp: null,
    range: PLAN_RATE_RANGE.general,
    now: T0 + HOUR,
    rules,
  });
  assert.equal(close.change, 'close');
  assert.equal(close.effectiveAt, nextShanghaiMidnight(T0));
  history.push({
    id: 'b',
    change: 'close',
    rateBp: null,
    requestedAt: T0 + HOUR,
    effectiveAt: close.effectiveAt,
    supersededAt: null,
  });
  assert.equal(rateInForce(history, close.effectiveAt - 1), 2000);
  assert.equal(rateInForce(history, close.effectiveAt), null);
  assert.deepEqual(rateFor(history, close.effectiveAt + DAY, T0, rules.protectionWindowMs), {
    rateBp: 2000,
    protected: true,
  });
  assert.equal(
    rateFor(history, close.effectiveAt + DAY, T0 + 2 * HOUR, rules.protectionWindowMs),
    null,
    'promoted after the close was announced',
  );
  assert.equal(
    rateFor(history, close.effectiveAt + rules.protectionWindowMs, T0, rules.protectionWindowMs),
    null,
    'the window is over',
  );
  assert.throws(
    () =>
      planRateChange(history, {
        kind: 'general',
        rateBp: 3000,
        range: PLAN_RATE_RANGE.general,
        now: T0 + 2 * HOUR,
        rules,
      }),
    { code: 'PLAN_CLOSED' },
  );
});

test('exclusive plans: a cut of more than 5 points, or a second cut within 7 days, is refused; a pending cut can be revised', () => {
  const h: RateChange[] = [
    { id: 'a', change: 'open', rateBp: 3000, requestedAt: T0, effectiveAt: T0, supersededAt: null },
  ];
  const req = (rateBp: number, now: number) =>
    planRateChange(h, { kind: 'exclusive', rateBp, range: PLAN_RATE_RANGE.exclusive, now, rules });
  assert.throws(() => req(2499, T0), { code: 'CUT_TOO_DEEP' });
  const cut = req(2500, T0);
  h.push({ id: 'b', change: 'cut', rateBp: 2500, requestedAt: T0, effectiveAt: cut.effectiveAt, supersededAt: null });
  const revised = req(2600, T0 + HOUR);
  assert.deepEqual(revised.supersedes, ['b'], 'the pending cut is replaced, not counted');
  h[1]!.supersededAt = T0 + HOUR;
  h.push({
    id: 'c',
    change: 'cut',
    rateBp: 2600,
    requestedAt: T0 + HOUR,
    effectiveAt: revised.effectiveAt,
    supersededAt: null,
  });
  // Requested before 00:00 of day 6 it would take effect 6 days after the last cut; from then on, 7 days after.
  assert.throws(() => req(2550, revised.effectiveAt + 6 * DAY - 1), { code: 'CUT_TOO_FREQUENT' });
  assert.equal(req(2550, revised.effectiveAt + 6 * DAY).effectiveAt, revised.effectiveAt + 7 * DAY);
  assert.equal(req(5000, T0 + 2 * DAY).change, 'raise', 'raises are never limited');
  assert.throws(() => req(5001, T0 + 2 * DAY), { code: 'RATE_OUT_OF_RANGE' });
});
