/** A scene for the ads module's tests: a topped-up shop running a campaign in a feed of organic videos. */
import { makePerson, makeShop, type TestCore } from '../../test-support/index.js';
import { insertTestVideos } from '../../feed/index.js';
import { receiveNotification } from '../../orders/index.js';
import type { Actor } from '../../context.js';
import { shopOwner, type AdOwner } from '../ad-types.js';
import { receiveTopupNotification, startTopup } from '../ad-account.js';
import { createCampaign } from '../campaigns.js';

const HOUR = 3_600_000;

/** A topped-up shop running a fast campaign for a video carrying its product, beside 20 organic videos. */
export async function runningCampaign(core: TestCore): Promise<{
  owner: Actor;
  shopId: string;
  campaignId: string;
  videoId: string;
  productId: string;
  skuId: string;
}> {
  const shop = await makeShop(core, `ads-shop-${Math.random().toString(36).slice(2, 7)}`);
  const creator = await makePerson(core, `ads-creator-${Math.random().toString(36).slice(2, 7)}`, ['creator'], false);
  const now = core.clock.now();
  await insertTestVideos(
    core.ctx.db,
    Array.from({ length: 20 }, (_, i) => ({ ownerId: creator.userId, publishedAt: now - (i + 2) * HOUR })),
    now,
  );
  const [video] = await insertTestVideos(
    core.ctx.db,
    [{ ownerId: shop.owner.userId, publishedAt: now - 30 * 24 * HOUR, title: '冰糖橙现摘' }],
    now,
  );
  await core.ctx.db
    .insertInto('video_anchors')
    .values({ video_id: video!, product_id: shop.productId, position: 0 })
    .execute();
  const owner: AdOwner = shopOwner(shop.shopId);
  const { cashierUrl } = await startTopup(core.ctx, shop.owner, owner, 100_00);
  await core.sandbox.complete(cashierUrl.split('/').pop()!, 'paid');
  await core.sandbox.deliverDue(100, async (url, body, headers) => {
    if (url.includes('/ads/topups/notify/')) await receiveTopupNotification(core.ctx, 'sandbox', headers, body);
    else await receiveNotification(core.ctx, 'sandbox', headers, body);
    return 200;
  });
  const c = await createCampaign(core.ctx, shop.owner, owner, {
    name: '橙子推广',
    promote: 'video',
    videoId: video!,
    goal: 'orders',
    bidKind: 'cost_cap',
    costCapFen: 5000,
    dailyBudgetFen: 100_00,
    pacing: 'fast',
  });
  return {
    owner: shop.owner,
    shopId: shop.shopId,
    campaignId: c.id,
    videoId: video!,
    productId: shop.productId,
    skuId: shop.skuIds[0]!,
  };
}
