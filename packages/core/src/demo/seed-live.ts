/**
 * The demo's live room: demo-creator is live with the showcase in the bag, a product pinned and a
 * flash sale on its first SKU (70 % of the price, 50 units, 2 per person, open for the next 24
 * hours), and live coupons of ¥5 off ¥39 to claim and spend at checkout. Without an ingest server
 * the room loops a video of its own goods: demo-creator's newest video that shows a product of the
 * bag, and that product is the one pinned (the first of the showcase when no video shows one).
 * Runs on the store's own clock (the room is live now), after the rest of the demo data.
 */
import type { Actor, CoreContext } from '../context.js';
import { addToBag, pinProduct } from '../live/bag.js';
import { createCoupon } from '../live/coupons.js';
import { createFlashSale } from '../live/flash-sales.js';
import { chooseFallbackVideo, createRoom, openRoom } from '../live/rooms.js';
import { MAX_SALE_WINDOW_MS } from '../live/live-rules.js';

export async function seedDemoLive(ctx: CoreContext, people: Map<string, Actor>): Promise<string | null> {
  const creator = people.get('demo-creator');
  if (!creator) return null;
  const showcase = await ctx.db.selectFrom('affiliate_showcase').innerJoin('products', 'products.id', 'affiliate_showcase.product_id').select('affiliate_showcase.product_id').where('affiliate_showcase.creator_id', '=', creator.userId).where('affiliate_showcase.removed_at', 'is', null).where('products.status', '=', 'listed').orderBy('affiliate_showcase.first_added_at').limit(6).execute();
  if (showcase.length === 0) return null;
  const { id: roomId } = await createRoom(ctx, creator, { title: '今晚好物直播 · 产地直发秒杀' });
  for (const s of showcase) await addToBag(ctx, creator, roomId, s.product_id);
  await openRoom(ctx, creator, roomId);
  const bag = showcase.map((s) => s.product_id);
  const shown = await ctx.db.selectFrom('videos').innerJoin('video_anchors', 'video_anchors.video_id', 'videos.id').select(['videos.id', 'video_anchors.product_id'])
    .where('videos.owner_id', '=', creator.userId).where('videos.host_kind', '=', 'creator').where('videos.status', '=', 'published').where('video_anchors.product_id', 'in', bag)
    .orderBy('videos.published_at', 'desc').orderBy('video_anchors.position').limit(1).executeTakeFirst();
  const first = shown?.product_id ?? bag[0]!;
  await pinProduct(ctx, creator, roomId, first);
  if (shown) await chooseFallbackVideo(ctx, creator, roomId, shown.id);
  const sku = await ctx.db.selectFrom('skus').select(['id', 'price_fen', 'stock']).where('product_id', '=', first).orderBy('id').executeTakeFirst();
  if (sku && Number(sku.stock) > 0 && Number(sku.price_fen) > 1) {
    const now = ctx.clock.now();
    await createFlashSale(ctx, creator, roomId, { skuId: sku.id, priceFen: Math.max(1, Math.floor(Number(sku.price_fen) * 0.7)), quantity: Math.min(50, Number(sku.stock)), perPersonLimit: 2, startsAt: now, endsAt: now + MAX_SALE_WINDOW_MS - 60_000 });
  }
  await createCoupon(ctx, creator, roomId, { amountFen: 500, minSpendFen: 3900, quantity: 500 });
  return roomId;
}
