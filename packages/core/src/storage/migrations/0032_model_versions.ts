import type { Kysely } from 'kysely';

/**
 * The interest engine's model versions: one row per retraining, requested (on a schedule, by
 * an admin or from the command line), trained, scored offline and then serving or not, with why.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('model_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.references('users.id'))
    .addColumn('requested_at', ms, (c) => c.notNull())
    .addColumn('started_at', ms)
    .addColumn('finished_at', ms)
    .addColumn('epochs_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('epochs', 'integer', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('events', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('videos', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('figures', 'text')
    .addColumn('reason', 'text')
    .addColumn('swap_ms', 'integer')
    .execute();
  await db.schema
    .createIndex('model_versions_status')
    .on('model_versions')
    .columns(['status', 'requested_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('model_versions').execute();
}
