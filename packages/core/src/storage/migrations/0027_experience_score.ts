import type { Kysely } from 'kysely';

/**
 * The experience score (商家体验分): one row per shop and day (Asia/Shanghai) with the three
 * dimensions, the total and each indicator with its value and benchmark; the weights an admin
 * edits per top-level category; and the ledger's settlement terms per shop (the score's
 * settlement window, written by the experience module through the ledger's API).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('experience_scores')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('computed_at', ms, (c) => c.notNull())
    .addColumn('window_from', ms, (c) => c.notNull())
    .addColumn('window_to', ms, (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('category_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer')
    .addColumn('product', 'integer')
    .addColumn('logistics', 'integer')
    .addColumn('service', 'integer')
    .addColumn('peers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('experience_scores_pk', ['shop_id', 'day'])
    .execute();
  await s.createIndex('experience_scores_day').on('experience_scores').column('day').execute();

  await s
    .createTable('experience_weights')
    .addColumn('category_id', 'text', (c) => c.primaryKey().references('categories.id'))
    .addColumn('weights', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await s
    .createTable('ledger_shop_terms')
    .addColumn('shop_id', 'text', (c) => c.primaryKey().references('shops.id'))
    .addColumn('settle_cap_days', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_shop_terms').execute();
  await db.schema.dropTable('experience_weights').execute();
  await db.schema.dropTable('experience_scores').execute();
}
