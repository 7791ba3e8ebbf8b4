/**
 * Distinct people over a range of days: the store answers from the gap rows for the totals and
 * channels (ranges of up to 90 days), from the day rows otherwise; either way the figure equals a
 * distinct count of the facts' people in the range. Batches arrive out of order (late events) and
 * a clear from a day with its days counted again (a rebuild from a date) leaves the first and last
 * days seen and the gap rows equal to the day rows'.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { openTestCore, type TestCore } from '../test-support/index.js';
import { aggregate, PEOPLE_KINDS, type Fact } from './aggregate.js';
import { SqlRollupStore } from './rollup-store.js';
import { DAY_MS, parseShanghaiDate } from './time-buckets.js';
import { GAP_DIMENSIONS, gapsOfDays } from './people-gaps.js';
import { migrations } from '../storage/index.js';
import type { Kysely } from 'kysely';

const peopleGaps = migrations['0043_compass_people_gaps']!;

const day0 = parseShanghaiDate('2026-10-01')!;
const DAYS = 8;

interface Seen {
  day: number;
  person: number;
  kind: 'buyer' | 'impression' | 'click';
  product: number;
}

const seenArb: fc.Arbitrary<Seen> = fc.record({
  day: fc.nat(DAYS - 1),
  person: fc.nat(5),
  kind: fc.constantFrom('buyer' as const, 'impression' as const, 'click' as const),
  product: fc.nat(1),
});

const factOf = (s: Seen, i: number): Fact => ({
  at: day0 + s.day * DAY_MS + ((i * 7_919_000) % DAY_MS),
  channel: s.product === 0 ? 'search' : 'short_video',
  creatorId: null,
  videoId: null,
  liveId: null,
  products: [{ productId: `prd_${s.product}`, shopId: 'shp_1', categoryId: 'cat_1' }],
  counters:
    s.kind === 'buyer' ? { gmv_fen: 100, items: 1 } : s.kind === 'impression' ? { impressions: 1 } : { clicks: 1 },
  ...(s.kind === 'buyer' ? { orderId: `ord_${i}` } : {}),
  person: { kind: s.kind, id: `usr_${s.person}` },
});

/** The first and last days kept, as the day rows say. */
async function seenTables(core: TestCore) {
  const norm = (rows: Array<Record<string, unknown>>) =>
    rows
      .map((r) => `${r.scope}|${r.scope_id}|${r.dim}|${r.dim_id}|${r.kind}|${r.person}|${Number(r.f)}|${Number(r.l)}`)
      .sort();
  const kept = await core.ctx.db
    .selectFrom('analytics_people_seen')
    .select(['scope', 'scope_id', 'dim', 'dim_id', 'kind', 'person', 'first_day as f', 'last_day as l'])
    .execute();
  const fromDays = await core.ctx.db
    .selectFrom('analytics_people_daily')
    .select((eb) => [
      'scope',
      'scope_id',
      'dim',
      'dim_id',
      'kind',
      'person',
      eb.fn.min('day').as('f'),
      eb.fn.max('day').as('l'),
    ])
    .where('dim', 'in', [...GAP_DIMENSIONS])
    .groupBy(['scope', 'scope_id', 'dim', 'dim_id', 'kind', 'person'])
    .execute();
  const gaps = await core.ctx.db.selectFrom('analytics_people_gaps').selectAll().where('n', '!=', 0).execute();
  const dayRows = await core.ctx.db.selectFrom('analytics_people_daily').selectAll().execute();
  return {
    kept: norm(kept),
    fromDays: norm(fromDays),
    gaps: gaps
      .map((g) => `${g.scope}|${g.scope_id}|${g.dim}|${g.dim_id}|${g.kind}|${Number(g.day)}|${g.gap}|${Number(g.n)}`)
      .sort(),
    gapsFromDays: [...gapsOfDays(dayRows)].map(([k, n]) => `${k}|${n}`).sort(),
  };
}

test('distinct people over any range of days equal a recount of the facts, through late batches and a clear from a day', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(seenArb, { minLength: 1, maxLength: 30 }),
      fc.array(fc.nat(4), { minLength: 1, maxLength: 4 }),
      fc.nat(DAYS),
      async (seen, cuts, clearDay) => {
        const core = await openTestCore();
        try {
          const store = new SqlRollupStore(core.ctx.db);
          const facts = seen.map(factOf);
          // Committed in batches in the order given (days out of order: late events).
          let at = 0;
          for (const c of [...cuts, facts.length]) {
            const batch = facts.slice(at, at + c + 1);
            at += batch.length;
            if (batch.length) await store.commit(aggregate(batch));
            if (at >= facts.length) break;
          }
          let tables = await seenTables(core);
          assert.deepEqual(tables.kept, tables.fromDays, 'first and last days seen are the day rows’');
          assert.deepEqual(tables.gaps, tables.gapsFromDays, 'gap rows are the day rows’');
          // A rebuild from a day: cleared from it, its facts counted again.
          const from = day0 + clearDay * DAY_MS;
          await store.clearFrom(from);
          tables = await seenTables(core);
          assert.deepEqual(tables.kept, tables.fromDays, 'after the clear');
          assert.deepEqual(tables.gaps, tables.gapsFromDays, 'gap rows: after the clear');
          await store.commit(aggregate(facts.filter((f) => f.at >= from)));
          tables = await seenTables(core);
          assert.deepEqual(tables.kept, tables.fromDays, 'after the recount');
          assert.deepEqual(tables.gaps, tables.gapsFromDays, 'gap rows: after the recount');

          for (let a = 0; a <= DAYS; a++)
            for (let b = a + 1; b <= DAYS + 1; b++) {
              const fromHour = day0 + a * DAY_MS;
              const toHour = b > DAYS ? Number.MAX_SAFE_INTEGER : day0 + b * DAY_MS;
              const inRange = seen.filter((s) => s.day >= a && s.day < b);
              for (const [dim, idOf] of [
                ['total', () => ''],
                ['channel', (s: Seen) => (s.product === 0 ? 'search' : 'short_video')],
                ['product', (s: Seen) => `prd_${s.product}`],
              ] as const) {
                const ids = ['', 'search', 'short_video', 'prd_0', 'prd_1'].filter((id) =>
                  dim === 'total' ? id === '' : dim === 'channel' ? !id.startsWith('prd') && id : id.startsWith('prd'),
                );
                const got = await store.peopleByValue({ scope: 'shop', scopeId: 'shp_1', dim, fromHour, toHour }, ids);
                for (const id of ids)
                  for (const kind of PEOPLE_KINDS.filter((k) => k !== 'new_buyer' && k !== 'cart')) {
                    const want = new Set(inRange.filter((s) => s.kind === kind && idOf(s) === id).map((s) => s.person))
                      .size;
                    assert.equal(got.get(id)?.[kind] ?? 0, want, `${dim} ${id} ${kind} days [${a}, ${b})`);
                  }
              }
            }
        } finally {
          await core.dispose();
        }
      },
    ),
    { numRuns: process.env.DATABASE_URL ? 4 : 15 },
  );
});

test('the migration fills the gap rows and keeps the first and last days seen of the totals and channels only', async () => {
  const core = await openTestCore();
  try {
    const store = new SqlRollupStore(core.ctx.db);
    await store.commit(
      aggregate(
        [
          { day: 0, person: 0, kind: 'buyer', product: 0 },
          { day: 3, person: 0, kind: 'buyer', product: 1 },
          { day: 2, person: 1, kind: 'click', product: 0 },
          { day: 5, person: 1, kind: 'click', product: 1 },
        ].map((s, i) => factOf(s as Seen, i)),
      ),
    );
    const before = await seenTables(core);
    assert.ok(before.kept.length > 0 && before.gaps.length > 0);
    assert.deepEqual(before.gaps, before.gapsFromDays);
    const db = core.ctx.db as unknown as Kysely<any>;
    assert.ok(peopleGaps.down, 'the migration can be undone');
    await peopleGaps.down(db);
    // Undone: every value's first and last days again (as migration 0041 left them).
    const all = await db.selectFrom('analytics_people_seen').select('dim').distinct().execute();
    assert.ok(all.some((r) => r.dim === 'product'));
    await peopleGaps.up(db);
    const after = await seenTables(core);
    assert.deepEqual(after.kept, before.kept);
    assert.deepEqual(after.kept, after.fromDays);
    assert.deepEqual(after.gaps, before.gaps);
    assert.ok(after.kept.some((r) => r.startsWith(`shop|shp_1|total||buyer|usr_0|${day0}|${day0 + 3 * DAY_MS}`)));
    assert.ok(after.gaps.includes(`shop|shp_1|total||click|${day0 + 5 * DAY_MS}|3|1`), 'seen again after three days');
  } finally {
    await core.dispose();
  }
});
