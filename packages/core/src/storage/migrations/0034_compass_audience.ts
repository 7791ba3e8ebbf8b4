import type { Kysely } from 'kysely';
import { newId } from '../../platform/index.js';

/**
 * Compass (罗盘), second part: add-to-cart and favourites become events of the events table
 * (written by the events module for the cart and favourites, with the card's channel), a `carts`
 * counter on the rollups, and the live rooms' minutes (viewers, entries, comments, orders, GMV per
 * room and minute). Favourites already kept become `favourite` events at the time they were added.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await s.alterTable('events').addColumn('source', 'text').execute();
  await s.alterTable('events').addColumn('content_id', 'text').execute();
  await s
    .alterTable('analytics_rollups')
    .addColumn('carts', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await s
    .createTable('analytics_live_minutes')
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('minute', 'bigint', (c) => c.notNull())
    .addColumn('viewers', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('entries', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('comments', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('orders', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('gmv_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('analytics_live_minutes_pk', ['room_id', 'minute'])
    .execute();

  // Favourites kept so far, as the events they would have been (the rollups read events only).
  const favs = await db.selectFrom('favourites').select(['user_id', 'product_id', 'created_at']).execute();
  for (let i = 0; i < favs.length; i += 500) {
    const part = favs.slice(i, i + 500);
    await db
      .insertInto('events')
      .values(
        part.map((f: { user_id: string; product_id: string; created_at: number }, k: number) => ({
          id: newId('event', Number(f.created_at)),
          actor_key: f.user_id,
          user_id: f.user_id,
          type: 'favourite',
          video_id: null,
          product_id: f.product_id,
          watch_ms: null,
          duration_ms: null,
          at: Number(f.created_at),
          client_event_id: `srv:fav:${i + k}`,
          received_at: Number(f.created_at),
          source: 'shelf',
          content_id: null,
        })),
      )
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('events').where('type', 'in', ['favourite', 'add_to_cart']).execute();
  await db.schema.dropTable('analytics_live_minutes').execute();
  await db.schema.alterTable('analytics_rollups').dropColumn('carts').execute();
  await db.schema.alterTable('events').dropColumn('content_id').execute();
  await db.schema.alterTable('events').dropColumn('source').execute();
}
