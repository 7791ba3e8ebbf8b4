import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyStore } from '../test-support/index.js';

const DAY = 86_400_000;
const row = (day: number, dimId: string, person: string, kind = 'impression') => ({
  day,
  scope: 'shop',
  scope_id: 'shp_1',
  dim: 'product',
  dim_id: dimId,
  kind,
  person,
});

/** 0053 re-keys the day people rows by day before value: every row kept, the key still unique, and back again. */
test('migration 0053: the day people rows survive the new key, which still refuses a repeated person', async () => {
  const store = await emptyStore();
  try {
    const db = store.db;
    const migrator = store.upTo;
    assert.equal((await migrator('0047_ad_review_devices').migrateToLatest()).error, undefined);
    const rows = [
      row(0, 'p1', 'a'),
      row(0, 'p1', 'b'),
      row(DAY, 'p1', 'a'),
      row(DAY, 'p2', 'a', 'click'),
      row(2 * DAY, 'p3', 'c'),
    ];
    await db.insertInto('analytics_people_daily').values(rows).execute();
    const all = async () =>
      (await db.selectFrom('analytics_people_daily').selectAll().execute())
        .map((r) => ({ ...r, day: Number(r.day) }))
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    const before = await all();

    assert.equal((await migrator('0053_compass_people_by_day').migrateToLatest()).error, undefined);
    assert.deepEqual(await all(), before);
    await assert.rejects(
      db
        .insertInto('analytics_people_daily')
        .values(row(DAY, 'p1', 'a'))
        .execute(),
    );
    await db
      .insertInto('analytics_people_daily')
      .values(row(DAY, 'p1', 'b'))
      .onConflict((c) => c.doNothing())
      .execute();
    assert.equal((await all()).length, before.length + 1);

    assert.equal((await migrator('0053_compass_people_by_day').migrateTo('0047_ad_review_devices')).error, undefined);
    assert.equal((await all()).length, before.length + 1);
    await assert.rejects(
      db
        .insertInto('analytics_people_daily')
        .values(row(0, 'p1', 'a'))
        .execute(),
    );
  } finally {
    await store.dispose();
  }
});
