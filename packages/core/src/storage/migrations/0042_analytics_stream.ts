import type { Kysely } from 'kysely';

/**
 * Scaled mode's Compass (罗盘) rollups read the stream: the ids of the stream's messages whose
 * facts the rollups already hold, written in the transaction that adds their deltas, so a message
 * delivered again (a lost acknowledgement, a consumer restarted) adds nothing. Pruned past the
 * stream's retention, by the time each was handled.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analytics_stream_handled')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('handled_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('analytics_stream_handled_at')
    .on('analytics_stream_handled')
    .column('handled_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analytics_stream_handled').execute();
}
