import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyStore } from '../test-support/index.js';

/** 0036 turns every ad account, top-up, campaign and served ad into a shop's without losing a row, and lets creators' rows in. */
test("migration 0036: existing shop ad rows keep their data as owner_kind shop; a creator's account can be added after", async () => {
  const store = await emptyStore();
  try {
    const db = store.db;
    const upTo = store.upTo;
    const before = await upTo('0035_ads_live_audiences').migrateToLatest();
    assert.equal(before.error, undefined);
    const now = Date.now();
    const user = { id: 'usr_01migration000000000000000' };
    const shopId = 'shp_01migration000000000000000';
    await db
      .insertInto('users')
      .values({ id: user.id, login: 'mig-owner', display_name: 'mig', password_hash: 'x', created_at: now })
      .execute();
    await db
      .insertInto('shops')
      .values({
        id: shopId,
        name: '迁移测试店',
        description: '',
        origin: '',
        owner_id: user.id,
        shipping_fee_fen: 0,
        free_shipping_over_fen: null,
        status: 'open',
        created_at: now,
      })
      .execute();
    await db
      .insertInto('ad_accounts')
      .values({
        shop_id: shopId,
        balance_mfen: 12_345,
        spent_mfen: 655,
        posted_spend_fen: 0,
        topped_up_fen: 13,
        withdrawn_fen: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('ad_topups')
      .values({
        id: 'adt_01migration000000000000000',
        shop_id: shopId,
        amount_fen: 13,
        provider: 'sandbox',
        provider_txn_id: null,
        cashier_url: null,
        status: 'succeeded',
        created_by: user.id,
        created_at: now,
        paid_at: now,
      })
      .execute();
    await db
      .insertInto('ad_campaigns')
      .values({
        id: 'adc_01migration000000000000000',
        shop_id: shopId,
        name: '老计划',
        promote: 'video',
        video_id: null,
        product_id: null,
        live_room_id: null,
        goal: 'orders',
        bid_kind: 'cost_cap',
        cost_cap_fen: 3000,
        roi_target_centi: null,
        daily_budget_fen: 300_00,
        schedule: 'f'.repeat(84),
        pacing: 'even',
        target_categories: '[]',
        target_regions: '[]',
        target_lookalike: 0,
        audience_size: 0,
        audience_at: null,
        status: 'active',
        impressions: 1,
        clicks: 0,
        conversions: 0,
        gmv_fen: 0,
        spent_mfen: 655,
        created_by: user.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('ad_campaign_days')
      .values({ campaign_id: 'adc_01migration000000000000000', day: '2026-01-01', spent_mfen: 655, impressions: 1 })
      .execute();
    await db
      .insertInto('ad_serves')
      .values({
        id: 'adi_01migration000000000000000',
        campaign_id: 'adc_01migration000000000000000',
        shop_id: shopId,
        viewer_key: 'anon:x',
        video_id: '',
        product_id: null,
        live_room_id: null,
        entered_at: null,
        ecpm_fen: 655,
        price_mfen: 655,
        status: 'billed',
        invalid_reason: null,
        billed_mfen: 655,
        served_at: now,
        seen_at: now,
        clicked_at: null,
        click_status: null,
      })
      .execute();

    const after = await upTo().migrateToLatest();
    assert.equal(after.error, undefined, String(after.error));
    assert.ok(after.results?.some((r) => r.migrationName === '0036_ad_owners' && r.status === 'Success'));
    const account = await db.selectFrom('ad_accounts').selectAll().execute();
    assert.deepEqual(
      account.map((a) => [
        a.owner_kind,
        a.owner_id,
        Number(a.balance_mfen),
        Number(a.spent_mfen),
        Number(a.topped_up_fen),
      ]),
      [['shop', shopId, 12_345, 655, 13]],
    );
    assert.deepEqual(await db.selectFrom('ad_topups').select(['id', 'owner_kind', 'owner_id']).execute(), [
      { id: 'adt_01migration000000000000000', owner_kind: 'shop', owner_id: shopId },
    ]);
    const campaign = await db.selectFrom('ad_campaigns').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(
      [campaign.owner_kind, campaign.owner_id, campaign.name, Number(campaign.spent_mfen), campaign.schedule.length],
      ['shop', shopId, '老计划', 655, 84],
    );
    assert.deepEqual(await db.selectFrom('ad_serves').select(['owner_kind', 'owner_id', 'campaign_id']).execute(), [
      { owner_kind: 'shop', owner_id: shopId, campaign_id: 'adc_01migration000000000000000' },
    ]);
    assert.equal(
      (await db.selectFrom('ad_campaign_days').selectAll().execute()).length,
      1,
      'the day rows still point at their campaign',
    );
    // A creator's account (a user id, not a shop) is now accepted beside the shop's, and one owner has one account.
    await db
      .insertInto('ad_accounts')
      .values({
        owner_kind: 'creator',
        owner_id: user.id,
        balance_mfen: 0,
        spent_mfen: 0,
        posted_spend_fen: 0,
        topped_up_fen: 0,
        withdrawn_fen: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await assert.rejects(
      db
        .insertInto('ad_accounts')
        .values({
          owner_kind: 'creator',
          owner_id: user.id,
          balance_mfen: 0,
          spent_mfen: 0,
          posted_spend_fen: 0,
          topped_up_fen: 0,
          withdrawn_fen: 0,
          created_at: now,
          updated_at: now,
        })
        .execute(),
    );
    await assert.rejects(
      db.updateTable('ad_accounts').set({ balance_mfen: -1 }).where('owner_kind', '=', 'creator').execute(),
      'the balance still never goes below zero',
    );
  } finally {
    await store.dispose();
  }
});
