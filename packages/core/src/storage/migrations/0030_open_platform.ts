import type { Kysely } from 'kysely';

/**
 * Open platform (开放平台): developers' apps, shops' authorisations, tokens (stored hashed),
 * authorisation codes, idempotent requests, the wire format's numeric ids, push messages and
 * the delivery log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const ms = 'bigint';

  // The shop's memo on an order (卖家备注) and its flag colour, which ERPs set with order.addOrderRemark.
  await s
    .alterTable('orders')
    .addColumn('seller_remark', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await s
    .alterTable('orders')
    .addColumn('seller_remark_star', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await s
    .createTable('open_apps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('shop_id', 'text', (c) => c.references('shops.id'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('groups', 'text', (c) => c.notNull())
    .addColumn('callback_url', 'text', (c) => c.notNull())
    .addColumn('push_url', 'text', (c) => c.notNull())
    .addColumn('push_tags', 'text', (c) => c.notNull())
    .addColumn('ip_allow', 'text', (c) => c.notNull())
    .addColumn('review_note', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('open_apps_owner').on('open_apps').columns(['owner_id', 'id']).execute();
  await s.createIndex('open_apps_status').on('open_apps').columns(['status', 'id']).execute();

  await s
    .createTable('open_auth_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().references('open_apps.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('granted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('used_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await s
    .createTable('open_authorizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().references('open_apps.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('granted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('groups', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addColumn('revoked_at', ms)
    .addUniqueConstraint('open_authorizations_once', ['app_id', 'shop_id'])
    .execute();
  await s.createIndex('open_authorizations_shop').on('open_authorizations').columns(['shop_id', 'id']).execute();

  await s
    .createTable('open_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('authorization_id', 'text', (c) => c.notNull().references('open_authorizations.id'))
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('access_hash', 'text', (c) => c.notNull().unique())
    .addColumn('refresh_hash', 'text', (c) => c.notNull().unique())
    .addColumn('access_expires_at', ms, (c) => c.notNull())
    .addColumn('refresh_expires_at', ms, (c) => c.notNull())
    .addColumn('usable_until', ms, (c) => c.notNull())
    .addColumn('refreshable', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('open_tokens_authorization').on('open_tokens').columns(['authorization_id', 'id']).execute();

  await s
    .createTable('open_requests')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('request_key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('open_requests_pk', ['app_id', 'shop_id', 'method', 'request_key'])
    .execute();

  await s
    .createTable('open_ids')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('internal_id', 'text', (c) => c.notNull())
    .addColumn('num_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('open_ids_pk', ['kind', 'internal_id'])
    .addUniqueConstraint('open_ids_num', ['kind', 'num_id'])
    .execute();

  await s
    .createTable('open_push_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().references('open_apps.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('msg_id', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('order_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('delivery_id', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('delivered_at', ms)
    .addUniqueConstraint('open_push_messages_once', ['app_id', 'msg_id'])
    .execute();
  await s.createIndex('open_push_messages_due').on('open_push_messages').columns(['status', 'app_id', 'id']).execute();

  await s
    .createTable('open_push_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull().references('open_apps.id'))
    .addColumn('msg_ids', 'text', (c) => c.notNull())
    .addColumn('message_count', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('error', 'text')
    .addColumn('replay', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await s.createIndex('open_push_deliveries_app').on('open_push_deliveries').columns(['app_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'open_push_deliveries',
    'open_push_messages',
    'open_ids',
    'open_requests',
    'open_tokens',
    'open_authorizations',
    'open_auth_codes',
    'open_apps',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('orders').dropColumn('seller_remark_star').execute();
  await db.schema.alterTable('orders').dropColumn('seller_remark').execute();
}
