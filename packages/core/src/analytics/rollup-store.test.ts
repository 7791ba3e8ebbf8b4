/** Which grain answers a query, and the day rows agreeing with the hour rows through the store's reads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore } from '../test-support/index.js';
import { aggregate, type Fact } from './aggregate.js';
import { grainFor, SqlRollupStore } from './rollup-store.js';
import { parseShanghaiDate } from './time-buckets.js';
import type { Kysely } from 'kysely';
import { makeWorld, buyVia } from '../affiliate/test-support/index.js';
import { migrations } from '../storage/index.js';
import { consumeRollups, COMMIT_GRACE_MS, COMPASS_CURSOR } from './consumer.js';

const compassDaily = migrations['0037_compass_daily']!;

const day = parseShanghaiDate('2026-11-24')!;
const HOUR = 3_600_000;

test('whole Shanghai days read the day rows, an hour chart or a range cut inside a day the hours; other dimensions always days', () => {
  const q = {
    scope: 'shop' as const,
    scopeId: 'shp_1',
    dim: 'total' as const,
    fromHour: day,
    toHour: day + 86_400_000,
  };
  assert.equal(grainFor(q), 'day');
  assert.equal(grainFor(q, 'hour'), 'hour');
  assert.equal(grainFor({ ...q, fromHour: day + HOUR }), 'hour');
  assert.equal(grainFor({ ...q, fromHour: Number.MIN_SAFE_INTEGER, toHour: Number.MAX_SAFE_INTEGER }), 'day');
  assert.equal(grainFor({ ...q, dim: 'product', fromHour: day + HOUR }, 'hour'), 'day');
});

test('a day’s sums and distinct people read from the day rows equal its hours’', async () => {
  const core = await openTestCore();
  try {
    const store = new SqlRollupStore(core.ctx.db);
    const fact = (hour: number, person: string, gmv: number, orderId: string): Fact => ({
      at: day + hour * HOUR + 60_000,
      channel: 'search',
      creatorId: null,
      videoId: null,
      liveId: null,
      orderId,
      products: [{ productId: 'prd_a', shopId: 'shp_1', categoryId: 'cat_1' }],
      counters: { gmv_fen: gmv, items: 1 },
      person: { kind: 'buyer', id: person },
    });
    // The same buyer in two hours (one person in the day, one in each hour); another buyer the next day.
    const facts = [
      fact(1, 'usr_a', 100, 'ord_1'),
      fact(5, 'usr_a', 250, 'ord_2'),
      fact(9, 'usr_b', 40, 'ord_3'),
      fact(30, 'usr_c', 7, 'ord_4'),
    ];
    await store.commit(aggregate(facts));
    const ref = { scope: 'shop' as const, scopeId: 'shp_1', dim: 'total' as const };
    const whole = { ...ref, fromHour: day, toHour: day + 86_400_000 };
    const cut = { ...ref, fromHour: day, toHour: day + 24 * HOUR - 1 }; // not a day's end: read from the hours
    for (const q of [whole, cut]) {
      const [s] = await store.sumsByValue(q, { orderBy: 'gmv_fen', limit: 1, dimIds: [''] });
      assert.deepEqual([s?.gmv_fen, s?.orders], [390, 3], `sums (${grainFor(q)})`);
      assert.equal((await store.peopleByValue(q, [''])).get('')?.buyer, 2, `buyers (${grainFor(q)})`);
    }
    const byHour = await store.series(whole, '', 'hour');
    assert.deepEqual(
      byHour.map((r) => [(r.bucket - day) / HOUR, r.gmv_fen, r.people.buyer]),
      [
        [1, 100, 1],
        [5, 250, 1],
        [9, 40, 1],
      ],
    );
    const byDay = await store.series({ ...whole, toHour: day + 2 * 86_400_000 }, '', 'day');
    assert.deepEqual(
      byDay.map((r) => [r.bucket, r.gmv_fen, r.people.buyer]),
      [
        [day, 390, 2],
        [day + 86_400_000, 7, 1],
      ],
    );
    const products = await store.sumsByValue({ ...whole, dim: 'product' }, { orderBy: 'gmv_fen', limit: 10 });
    assert.deepEqual(
      products.map((p) => [p.dimId, p.gmv_fen]),
      [['prd_a', 390]],
    );
    await assert.rejects(store.clearFrom(day + HOUR), /start of a Shanghai day/);
  } finally {
    await core.dispose();
  }
});

test('upgrading to the day tables drops the cursor and the old rows; the next consumer runs recount everything into both grains', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'up');
    await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'search' }, 2);
    core.clock.advance(COMMIT_GRACE_MS + 1);
    await consumeRollups(core.ctx);
    const before = await core.ctx.db
      .selectFrom('analytics_rollups_daily')
      .select(['scope', 'dim', 'dim_id', 'gmv_fen'])
      .orderBy('scope')
      .orderBy('dim')
      .orderBy('dim_id')
      .execute();
    assert.ok(before.some((r) => r.dim === 'channel' && r.dim_id === 'search'));
    // As an older store: the migration runs over rows of the old layout and a cursor.
    const db = core.ctx.db as unknown as Kysely<any>;
    assert.ok(compassDaily.down, 'migration 0037 can be undone');
    await compassDaily.down(db);
    await compassDaily.up(db);
    assert.equal(await new SqlRollupStore(core.ctx.db).cursor(COMPASS_CURSOR), null);
    assert.equal((await core.ctx.db.selectFrom('analytics_rollups').selectAll().execute()).length, 0);
    for (let i = 0; i < 3 && (await consumeRollups(core.ctx)).position < core.clock.now() - COMMIT_GRACE_MS; i++);
    const after = await core.ctx.db
      .selectFrom('analytics_rollups_daily')
      .select(['scope', 'dim', 'dim_id', 'gmv_fen'])
      .orderBy('scope')
      .orderBy('dim')
      .orderBy('dim_id')
      .execute();
    assert.deepEqual(
      after.map((r) => ({ ...r, gmv_fen: Number(r.gmv_fen) })),
      before.map((r) => ({ ...r, gmv_fen: Number(r.gmv_fen) })),
    );
    assert.ok(
      (await core.ctx.db.selectFrom('analytics_rollups').selectAll().execute()).length > 0,
      'the hour rows too',
    );
  } finally {
    await core.dispose();
  }
});
