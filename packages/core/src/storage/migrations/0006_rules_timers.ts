import type { Kysely } from 'kysely';

/**
 * Platform rules on durable timers: the timers table (one row per deadline, keyed by kind and
 * subject), shop violation points, the rule profile of each category (JSON of the rules that
 * have no column of their own) and the rule snapshot taken onto each order and line at checkout.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('timers')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text') // the shop that sees this deadline (null: nobody's)
    .addColumn('due_at', ms, (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | done | cancelled | failed
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addColumn('fired_at', ms)
    .addPrimaryKeyConstraint('timers_pk', ['kind', 'subject_id'])
    .execute();
  await s.createIndex('timers_due').on('timers').columns(['status', 'due_at']).execute();
  await s.createIndex('timers_scope').on('timers').columns(['scope_id', 'status', 'due_at']).execute();

  await s
    .createTable('shop_violations')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('rule', 'text', (c) => c.notNull()) // late_shipment | …
    .addColumn('subject_id', 'text', (c) => c.notNull()) // the order (or case) it is about
    .addColumn('milli_points', 'integer', (c) => c.notNull()) // 100 = 0.1 point
    .addColumn('detail', 'text', (c) => c.notNull()) // JSON
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('shop_violations_pk', ['shop_id', 'rule', 'subject_id'])
    .execute();
  await s.createIndex('shop_violations_shop_time').on('shop_violations').columns(['shop_id', 'created_at']).execute();

  // Rules of a category without a column of their own (JSON; missing keys take the defaults).
  await s
    .alterTable('categories')
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  // The rules in force when the order was placed: never rewritten by a later rule change.
  await s
    .alterTable('orders')
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await s
    .alterTable('order_lines')
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  // The ship-by promise (set at payment) and when the order was found late.
  await s.alterTable('orders').addColumn('ship_by_at', ms).execute();
  await s.alterTable('orders').addColumn('late_at', ms).execute();
}

export async function down(): Promise<void> {
  throw new Error('0006_rules_timers cannot be reverted');
}
