/**
 * The gap rows' plan, pure: people's days over 200 days (past the 90-day cap) added in random
 * batches in any order, each batch planned from what a store would hold (first and last days, the
 * days probed); the gap counters then equal a recount, and every range of up to 90 days counts its
 * distinct people.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { daysToProbe, GAP_CAP_DAYS, gapsOfDays, planPerson, type SeenSpan } from './people-gaps.js';
import { DAY_MS } from './time-buckets.js';

const DAYS = 200;

test('gap rows planned batch by batch in any order equal a recount, and give every range’s distinct people', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ person: fc.nat(3), day: fc.nat(DAYS - 1) }), { minLength: 1, maxLength: 60 }),
      fc.array(fc.nat(5), { minLength: 1, maxLength: 10 }),
      (sights, cuts) => {
        const seen = new Map<number, Set<number>>();
        const spans = new Map<number, SeenSpan>();
        const counters = new Map<string, number>();
        let at = 0;
        for (const c of [...cuts, sights.length]) {
          const batch = sights.slice(at, at + c + 1);
          at += batch.length;
          const byPerson = new Map<number, number[]>();
          for (const s of batch) {
            const days = byPerson.get(s.person) ?? [];
            if (!days.includes(s.day * DAY_MS)) days.push(s.day * DAY_MS);
            byPerson.set(s.person, days);
          }
          for (const [person, days] of byPerson) {
            days.sort((a, b) => a - b);
            const span = spans.get(person);
            const have = seen.get(person) ?? new Set<number>();
            const probed = span ? daysToProbe(span, days).filter((d) => have.has(d)) : [];
            const plan = planPerson(span, probed, days);
            if (plan.span) spans.set(person, plan.span);
            for (const ch of plan.changes) {
              const k = `s||total|p${person}|impression|${ch.day}|${ch.gap}`;
              counters.set(k, (counters.get(k) ?? 0) + ch.n);
            }
            for (const d of days) have.add(d);
            seen.set(person, have);
          }
          if (at >= sights.length) break;
        }
        // One value per person here (the recount's key is the value, kind, day and gap).
        const want = gapsOfDays(
          [...seen].flatMap(([person, days]) =>
            [...days].map((day) => ({
              scope: 's',
              scope_id: '',
              dim: 'total',
              dim_id: `p${person}`,
              kind: 'impression',
              person: 'x',
              day,
            })),
          ),
        );
        assert.deepEqual([...counters].filter(([, n]) => n !== 0).sort(), [...want].sort());
        // Distinct people of every range of up to 90 days: each once, on their first day in it.
        for (let a = 0; a < DAYS; a += 7)
          for (const len of [1, 2, 30, 89, GAP_CAP_DAYS]) {
            const lo = a * DAY_MS;
            const hi = (a + len) * DAY_MS;
            let sum = 0;
            for (const [k, n] of counters) {
              const parts = k.split('|');
              const day = Number(parts[parts.length - 2]);
              const gap = Number(parts[parts.length - 1]);
              if (day >= lo && day < hi && gap > (day - lo) / DAY_MS) sum += n;
            }
            const distinct = [...seen.values()].filter((days) => [...days].some((d) => d >= lo && d < hi)).length;
            assert.equal(sum, distinct, `days [${a}, ${a + len})`);
          }
      },
    ),
    { numRuns: 300 },
  );
});
