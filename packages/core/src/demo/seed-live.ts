/**
 * The demo's live room: demo-creator is live with the showcase in the bag, a product pinned and a
 * flash sale on its first SKU (70 % of the price, 50 units, 2 per person, open for the next 24
 * hours), and live coupons of ¥5 off ¥39 to claim and spend at checkout. Without an ingest server
 * the room loops a video of its own goods: demo-creator's newest video about the category of a
 * product in the bag, with that product anchored on it (挂车) and pinned (the first of the
 * showcase, and the newest video, when no video is about any of the bag's categories).
 * Runs on the store's own clock (the room is live now), after the rest of the demo data.
 */
import type { Actor, CoreContext } from '../context.js';
import {
  addToBag,
  pinProduct,
  createCoupon,
  createFlashSale,
  chooseFallbackVideo,
  createRoom,
  openRoom,
  MAX_SALE_WINDOW_MS,
} from '../live/index.js';
import { anchorProduct } from '../affiliate/index.js';
import { MAX_ANCHORS } from '../content/index.js';

export async function seedDemoLive(ctx: CoreContext, people: Map<string, Actor>): Promise<string | null> {
  const creator = people.get('demo-creator');
  if (!creator) return null;
  const showcase = await ctx.db
    .selectFrom('affiliate_showcase')
    .innerJoin('products', 'products.id', 'affiliate_showcase.product_id')
    .select('affiliate_showcase.product_id')
    .where('affiliate_showcase.creator_id', '=', creator.userId)
    .where('affiliate_showcase.removed_at', 'is', null)
    .where('products.status', '=', 'listed')
    .orderBy('affiliate_showcase.first_added_at')
    .limit(6)
    .execute();
  if (showcase.length === 0) return null;
  const { id: roomId } = await createRoom(ctx, creator, { title: '今晚好物直播 · 产地直发秒杀' });
  for (const s of showcase) await addToBag(ctx, creator, roomId, s.product_id);
  await openRoom(ctx, creator, roomId);
  const shown = await videoOfTheBag(
    ctx,
    creator,
    showcase.map((s) => s.product_id),
  );
  const first = shown?.productId ?? showcase[0]!.product_id;
  await pinProduct(ctx, creator, roomId, first);
  if (shown) await chooseFallbackVideo(ctx, creator, roomId, shown.videoId);
  const sku = await ctx.db
    .selectFrom('skus')
    .select(['id', 'price_fen', 'stock'])
    .where('product_id', '=', first)
    .orderBy('id')
    .executeTakeFirst();
  if (sku && Number(sku.stock) > 0 && Number(sku.price_fen) > 1) {
    const now = ctx.clock.now();
    await createFlashSale(ctx, creator, roomId, {
      skuId: sku.id,
      priceFen: Math.max(1, Math.floor(Number(sku.price_fen) * 0.7)),
      quantity: Math.min(50, Number(sku.stock)),
      perPersonLimit: 2,
      startsAt: now,
      endsAt: now + MAX_SALE_WINDOW_MS - 60_000,
    });
  }
  await createCoupon(ctx, creator, roomId, { amountFen: 500, minSpendFen: 3900, quantity: 500 });
  return roomId;
}

/**
 * demo-creator's newest published video whose (first) product is of the same category as a bag
 * product, with that bag product anchored on it: the video shows the room's goods.
 */
async function videoOfTheBag(
  ctx: CoreContext,
  creator: Actor,
  bag: readonly string[],
): Promise<{ videoId: string; productId: string } | null> {
  const categories = await ctx.db
    .selectFrom('products')
    .select(['id', 'category_id'])
    .where('id', 'in', [...bag])
    .execute();
  const videos = await ctx.db
    .selectFrom('videos')
    .innerJoin('video_anchors', 'video_anchors.video_id', 'videos.id')
    .innerJoin('products', 'products.id', 'video_anchors.product_id')
    .select(['videos.id', 'products.category_id'])
    .where('videos.owner_id', '=', creator.userId)
    .where('videos.host_kind', '=', 'creator')
    .where('videos.status', '=', 'published')
    .where('video_anchors.position', '=', 0)
    .orderBy('videos.published_at', 'desc')
    .execute();
  for (const v of videos) {
    const product = bag.find((id) => categories.some((c) => c.id === id && c.category_id === v.category_id));
    if (!product) continue;
    const anchors = await ctx.db
      .selectFrom('video_anchors')
      .select('product_id')
      .where('video_id', '=', v.id)
      .execute();
    if (anchors.some((a) => a.product_id === product)) return { videoId: v.id, productId: product };
    if (anchors.length >= MAX_ANCHORS) continue;
    await anchorProduct(ctx, creator, v.id, product);
    return { videoId: v.id, productId: product };
  }
  return null;
}
