import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { up } from './migrations/0026_violations.js';

test('migration 0026 carries the late-shipment points over as general-ledger violations with a timeline, and drops shop_violations', async () => {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  try {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .execute();
    await db.schema
      .createTable('shop_violations')
      .addColumn('shop_id', 'text')
      .addColumn('rule', 'text')
      .addColumn('subject_id', 'text')
      .addColumn('milli_points', 'integer')
      .addColumn('detail', 'text')
      .addColumn('created_at', 'bigint')
      .execute();
    const at = 1_780_000_000_000;
    await db
      .insertInto('shop_violations')
      .values([
        {
          shop_id: 'shp_a',
          rule: 'late_shipment',
          subject_id: 'ord_1',
          milli_points: 100,
          detail: '{"compensationFen":300}',
          created_at: at,
        },
        {
          shop_id: 'shp_a',
          rule: 'late_shipment',
          subject_id: 'ord_2',
          milli_points: 100,
          detail: '{}',
          created_at: at + 1,
        },
        {
          shop_id: 'shp_b',
          rule: 'late_shipment',
          subject_id: 'ord_3',
          milli_points: 0,
          detail: '{}',
          created_at: at + 2,
        },
      ])
      .execute();
    await up(db);
    const rows = await db.selectFrom('violations').selectAll().orderBy('ref_id').execute();
    assert.deepEqual(
      rows.map((r) => [
        r.subject_kind,
        r.subject_id,
        r.rule,
        r.ledger,
        r.ref_id,
        Number(r.milli_points),
        r.status,
        Number(r.expires_at) - Number(r.created_at),
        JSON.parse(r.detail),
      ]),
      [
        [
          'shop',
          'shp_a',
          'late_shipment',
          'general',
          'ord_1',
          100,
          'in_force',
          90 * 86_400_000,
          { compensationFen: 300 },
        ],
        ['shop', 'shp_a', 'late_shipment', 'general', 'ord_2', 100, 'in_force', 90 * 86_400_000, {}],
        ['shop', 'shp_b', 'late_shipment', 'general', 'ord_3', 0, 'in_force', 90 * 86_400_000, {}],
      ],
    );
    const events = await db.selectFrom('violation_events').selectAll().execute();
    assert.deepEqual(
      events.map((e) => e.kind),
      ['recorded', 'recorded', 'recorded'],
    );
    assert.ok(rows.every((r) => events.some((e) => e.violation_id === r.id)));
    await assert.rejects(db.selectFrom('shop_violations').selectAll().execute(), /no such table/);
  } finally {
    await db.destroy();
  }
});
