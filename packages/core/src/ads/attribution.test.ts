import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, openTestCore } from '../test-support/index.js';
import { checkout } from '../checkout/index.js';
import { openCashier } from '../payments/index.js';
import { receiveNotification } from '../orders/index.js';
import { newId } from '../platform/index.js';
import { attributePayment } from './attribution.js';
import { runningCampaign } from './test-support/scene.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

test('attribution windows: an order counts for the campaign after a click within 7 days or a billed view within 1 day, a click beating a later view; older touches count nothing', async () => {
  const core = await openTestCore();
  try {
    const { shopId, campaignId, videoId, productId, skuId } = await runningCampaign(core);
    const now = core.clock.now();
    /** A billed serve of the campaign's ad to this buyer: seen `seenAgo` ago, clicked `clickedAgo` ago (or not). */
    const touch = async (buyerId: string, seenAgo: number, clickedAgo: number | null): Promise<string> => {
      const id = newId('adServe', now - seenAgo);
      await core.ctx.db
        .insertInto('ad_serves')
        .values({
          id,
          campaign_id: campaignId,
          owner_kind: 'shop',
          owner_id: shopId,
          viewer_key: buyerId,
          video_id: videoId,
          product_id: productId,
          ecpm_fen: 1000,
          price_mfen: 1000,
          status: 'billed',
          invalid_reason: null,
          billed_mfen: 1000,
          served_at: now - seenAgo - 1000,
          seen_at: now - seenAgo,
          clicked_at: clickedAgo === null ? null : now - clickedAgo,
          click_status: clickedAgo === null ? null : 'valid',
        })
        .execute();
      return id;
    };
    const buyers = {
      viewedRecently: await makePerson(core, 'attr-view-2h'),
      viewedYesterday: await makePerson(core, 'attr-view-25h'),
      clickedSixDaysAgo: await makePerson(core, 'attr-click-6d'),
      clickedEightDaysAgo: await makePerson(core, 'attr-click-8d'),
      clickThenView: await makePerson(core, 'attr-click-view'),
    };
    const view2h = await touch(buyers.viewedRecently.userId, 2 * HOUR, null);
    await touch(buyers.viewedYesterday.userId, 25 * HOUR, null);
    const click6d = await touch(buyers.clickedSixDaysAgo.userId, 6 * DAY, 6 * DAY - 60_000);
    await touch(buyers.clickedEightDaysAgo.userId, 8 * DAY, 8 * DAY - 60_000);
    const click3d = await touch(buyers.clickThenView.userId, 3 * DAY, 3 * DAY - 60_000);
    await touch(buyers.clickThenView.userId, HOUR, null);

    const orderOf = new Map<string, string>();
    for (const [name, buyer] of Object.entries(buyers)) {
      const placed = await checkout(core.ctx, buyer, {
        items: [{ skuId, quantity: 1, attribution: { source: 'video', contentId: videoId } }],
      });
      const { cashierUrl } = await openCashier(core.ctx, buyer, placed.body.payment.id);
      await core.sandbox.complete(cashierUrl.split('/').pop()!, 'paid');
      orderOf.set(placed.body.orders[0]!.id, name);
    }
    await core.sandbox.deliverDue(100, async (_url, body, headers) => {
      await receiveNotification(core.ctx, 'sandbox', headers, body);
      return 200;
    });
    await core.outbox.dispatchOnce();

    const rows = await core.ctx.db.selectFrom('ad_conversions').selectAll().execute();
    const got = Object.fromEntries(rows.map((r) => [orderOf.get(r.order_id), [r.touch, r.serve_id]]));
    assert.deepEqual(got, {
      viewedRecently: ['view', view2h],
      clickedSixDaysAgo: ['click', click6d],
      clickThenView: ['click', click3d],
    });
    const c = await core.ctx.db
      .selectFrom('ad_campaigns')
      .select(['conversions', 'gmv_fen'])
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(c.conversions), 3);
    assert.equal(
      Number(c.gmv_fen),
      rows.reduce((sum, r) => sum + Number(r.gmv_fen), 0),
    );
    // Delivered again, the payments count nothing more: an order counts once.
    const payments = await core.ctx.db.selectFrom('payments').select('id').execute();
    for (const p of payments) await attributePayment(core.ctx, p.id);
    assert.equal((await core.ctx.db.selectFrom('ad_conversions').selectAll().execute()).length, 3);
  } finally {
    await core.dispose();
  }
});
