import type { Kysely } from 'kysely';

/** Short videos with product anchors, follows, likes, comments, shares and counted views. */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('videos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('host_kind', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.references('shops.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull())
    .addColumn('hashtags', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'bigint')
    .addColumn('poster_file', 'text')
    .addColumn('views', 'bigint', (c) => c.notNull())
    .addColumn('likes', 'bigint', (c) => c.notNull())
    .addColumn('comments', 'bigint', (c) => c.notNull())
    .addColumn('shares', 'bigint', (c) => c.notNull())
    .addColumn('completions', 'bigint', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('published_at', ms)
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('videos_published').on('videos').columns(['status', 'published_at']).execute();
  await s.createIndex('videos_owner').on('videos').columns(['owner_id', 'id']).execute();
  await s.createIndex('videos_shop').on('videos').columns(['shop_id', 'id']).execute();

  await s
    .createTable('video_anchors')
    .addColumn('video_id', 'text', (c) => c.notNull().references('videos.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('video_anchors_pk', ['video_id', 'product_id'])
    .execute();
  await s.createIndex('video_anchors_product').on('video_anchors').column('product_id').execute();

  await s
    .createTable('follows')
    .addColumn('follower_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('followee_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('follows_pk', ['follower_id', 'followee_id'])
    .execute();
  await s.createIndex('follows_followee').on('follows').column('followee_id').execute();

  await s
    .createTable('video_likes')
    .addColumn('video_id', 'text', (c) => c.notNull().references('videos.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('video_likes_pk', ['video_id', 'user_id'])
    .execute();
  await s.createIndex('video_likes_user').on('video_likes').columns(['user_id', 'created_at']).execute();

  await s
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('video_id', 'text', (c) => c.notNull().references('videos.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('parent_id', 'text', (c) => c.references('comments.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reply_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('comments_video').on('comments').columns(['video_id', 'parent_id', 'id']).execute();

  await s
    .createTable('video_shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('video_id', 'text', (c) => c.notNull().references('videos.id'))
    .addColumn('user_id', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('video_shares_video').on('video_shares').column('video_id').execute();

  await s
    .createTable('video_views')
    .addColumn('video_id', 'text', (c) => c.notNull().references('videos.id'))
    .addColumn('viewer_key', 'text', (c) => c.notNull())
    .addColumn('last_counted_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('video_views_pk', ['video_id', 'viewer_key'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
