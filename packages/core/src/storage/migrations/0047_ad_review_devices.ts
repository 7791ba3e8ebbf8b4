import type { Kysely } from 'kysely';

/**
 * Paid traffic, continued:
 *  - the platform's review of creatives (平台管理 · 广告): an admin may take a campaign's creative
 *    down (status `rejected`, with the reason, who and when); the advertiser cannot resume it
 *    until an admin restores it;
 *  - the device an impression was reported from (`device_key`, the app's viewer id, also for a
 *    signed-in person), so the invalid-traffic filter counts bursts per device as well as per
 *    viewer: several accounts on one device no longer each get their own ten a minute.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await s.alterTable('ad_campaigns').addColumn('review_reason', 'text').execute();
  await s.alterTable('ad_campaigns').addColumn('reviewed_by', 'text').execute();
  await s.alterTable('ad_campaigns').addColumn('reviewed_at', 'bigint').execute();
  await s.alterTable('ad_serves').addColumn('device_key', 'text').execute();
  await s.createIndex('ad_serves_device').on('ad_serves').columns(['device_key', 'seen_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await s.dropIndex('ad_serves_device').execute();
  await s.alterTable('ad_serves').dropColumn('device_key').execute();
  await s.alterTable('ad_campaigns').dropColumn('reviewed_at').execute();
  await s.alterTable('ad_campaigns').dropColumn('reviewed_by').execute();
  await s.alterTable('ad_campaigns').dropColumn('review_reason').execute();
}
