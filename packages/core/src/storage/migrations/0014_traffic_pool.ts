import type { Kysely } from 'kysely';

/**
 * The traffic pool's recorded steps (流量池): every entry, promotion and stop of a video, with
 * the rates and the thresholds they were compared with. One row per video, pool and decision,
 * so replaying the stream at start-up records nothing twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('video_pool_steps')
    .addColumn('video_id', 'text', (c) => c.notNull().references('videos.id'))
    .addColumn('pool', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('impressions', 'bigint', (c) => c.notNull())
    .addColumn('rates', 'text')
    .addColumn('thresholds', 'text')
    .addColumn('shortfalls', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('video_pool_steps_pk', ['video_id', 'pool', 'decision'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
