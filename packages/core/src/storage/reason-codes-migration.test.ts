import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { reasonOf } from '../orders/index.js';
import { up } from './migrations/0021_reason_codes.js';

test('migration 0021 gives the known English reasons of existing transitions their codes and keeps other text', async () => {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  try {
    await db.schema
      .createTable('order_transitions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('reason', 'text', (c) => c.notNull())
      .execute();
    const legacy = [
      'order placed',
      'flash sale order placed',
      'payment captured',
      'shipped in 1 parcel(s)',
      'shipped in 3 parcel(s)',
      'all parcels delivered (carrier scan)',
      'receipt confirmed automatically',
      '不想要了',
    ];
    await db
      .insertInto('order_transitions')
      .values(legacy.map((reason, i) => ({ id: `t${i}`, reason })))
      .execute();
    await up(db);
    const rows = await db
      .selectFrom('order_transitions')
      .selectAll()
      .orderBy('id')
      .$castTo<{ id: string; reason: string; reason_code: string; reason_params: string }>() // the columns 0021 adds and fills
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.reason_code, JSON.parse(r.reason_params)]),
      [
        ['order_placed', {}],
        ['flash_sale_order_placed', {}],
        ['payment_captured', {}],
        ['shipped', { parcels: 1 }],
        ['shipped', { parcels: 3 }],
        ['carrier_scan_delivered', {}],
        ['receipt_confirmed_automatically', {}],
        ['', {}],
      ],
    );
    assert.deepEqual(
      reasonOf(rows[7]!),
      { code: 'legacy', params: { text: '不想要了' } },
      'text without a code reads as a legacy note',
    );
  } finally {
    await db.destroy();
  }
});
