import type { Kysely } from 'kysely';

/**
 * Paid traffic, continued: a served ad may be a live room (its id on the serve; `video_id` is ''
 * then) and converts when the viewer enters the room from it; campaigns may target "people like
 * my buyers", an audience precomputed per campaign from the engine's person vectors.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await s.alterTable('ad_serves').addColumn('live_room_id', 'text').execute();
  await s.alterTable('ad_serves').addColumn('entered_at', 'bigint').execute();
  await s
    .alterTable('ad_campaigns')
    .addColumn('target_lookalike', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await s
    .alterTable('ad_campaigns')
    .addColumn('audience_size', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await s.alterTable('ad_campaigns').addColumn('audience_at', 'bigint').execute();

  await s
    .createTable('ad_audiences')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('ad_campaigns.id'))
    .addColumn('actor_key', 'text', (c) => c.notNull())
    .addColumn('similarity', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('ad_audiences_pk', ['campaign_id', 'actor_key'])
    .execute();
}
