import type { Kysely } from 'kysely';

/**
 * Customer service (飞鸽): one conversation per buyer and shop with per-conversation sequence
 * numbers, its messages (idempotent by the sender's client id), ratings, chat images, the desk's
 * staff presence, per-shop settings, quick replies and keyword FAQ, and the admin access log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  await s
    .createTable('service_conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('buyer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('session_no', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('buyer_read_seq', 'integer', (c) => c.notNull())
    .addColumn('shop_read_seq', 'integer', (c) => c.notNull())
    .addColumn('buyer_unread', 'integer', (c) => c.notNull())
    .addColumn('shop_unread', 'integer', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('last_text', 'text', (c) => c.notNull())
    .addColumn('last_message_at', ms, (c) => c.notNull())
    .addColumn('queued_at', ms)
    .addColumn('buyer_blocked_at', ms)
    .addColumn('shop_blocked_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addUniqueConstraint('service_conversations_pair', ['buyer_id', 'shop_id'])
    .execute();
  await s
    .createIndex('service_conversations_shop')
    .on('service_conversations')
    .columns(['shop_id', 'status', 'last_message_at'])
    .execute();
  await s
    .createIndex('service_conversations_assignee')
    .on('service_conversations')
    .columns(['assignee_id', 'status'])
    .execute();
  await s
    .createIndex('service_conversations_buyer')
    .on('service_conversations')
    .columns(['buyer_id', 'last_message_at'])
    .execute();

  await s
    .createTable('service_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('service_conversations.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('sender_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('auto', 'integer', (c) => c.notNull())
    .addColumn('masked', 'integer', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('service_messages_seq', ['conversation_id', 'seq'])
    .addUniqueConstraint('service_messages_client', ['conversation_id', 'sender_id', 'client_id'])
    .execute();
  await s.createIndex('service_messages_shop_time').on('service_messages').columns(['shop_id', 'created_at']).execute();
  await s
    .createIndex('service_messages_sender_time')
    .on('service_messages')
    .columns(['sender_id', 'created_at'])
    .execute();

  await s
    .createTable('service_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('service_conversations.id'))
    .addColumn('session_no', 'integer', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text')
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('service_ratings_session', ['conversation_id', 'session_no'])
    .execute();
  await s.createIndex('service_ratings_shop_time').on('service_ratings').columns(['shop_id', 'created_at']).execute();

  await s
    .createTable('service_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uploader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await s
    .createTable('service_staff')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('online', 'integer', (c) => c.notNull())
    .addColumn('last_assigned_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('service_staff_pk', ['shop_id', 'user_id'])
    .execute();

  await s
    .createTable('service_settings')
    .addColumn('shop_id', 'text', (c) => c.primaryKey().references('shops.id'))
    .addColumn('max_open', 'integer', (c) => c.notNull())
    .addColumn('hours_from', 'integer', (c) => c.notNull())
    .addColumn('hours_to', 'integer', (c) => c.notNull())
    .addColumn('away_text', 'text', (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await s
    .createTable('service_snippets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('keyword', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('service_snippets_shop').on('service_snippets').columns(['shop_id', 'kind', 'id']).execute();

  await s
    .createTable('service_access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('service_conversations.id'))
    .addColumn('admin_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('at', ms, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'service_access_log',
    'service_snippets',
    'service_settings',
    'service_staff',
    'service_images',
    'service_ratings',
    'service_messages',
    'service_conversations',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
