import type { Kysely } from 'kysely';

/**
 * Client events (append-only), per-person settings, and the time indexes the feed's
 * "popular in the last day" source reads (likes, comments and shares of the content module are
 * counted by their creation time; completions come from the events).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actor_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('video_id', 'text')
    .addColumn('product_id', 'text')
    .addColumn('watch_ms', 'bigint')
    .addColumn('duration_ms', 'bigint')
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('client_event_id', 'text', (c) => c.notNull())
    .addColumn('received_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('events_client_id').on('events').columns(['actor_key', 'client_event_id']).unique().execute();
  await s.createIndex('events_type_at').on('events').columns(['type', 'at']).execute();

  await s
    .createTable('person_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('personalized_recommendation', 'integer', (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  // The content module's tables, by time (named feed_… so they never clash with its own indexes).
  await s.createIndex('feed_video_likes_created').on('video_likes').columns(['created_at']).execute();
  await s.createIndex('feed_comments_created').on('comments').columns(['created_at']).execute();
  await s.createIndex('feed_video_shares_created').on('video_shares').columns(['created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
