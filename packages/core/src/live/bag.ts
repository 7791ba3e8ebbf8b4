/**
 * The shopping bag (小黄车) of a room and its pinned product (讲解). A shop's room sells the shop's
 * own listed products; a creator's room sells what is in the creator's showcase (橱窗) and the
 * products of shops the creator belongs to.
 */
import type { Actor, CoreContext } from '../context.js';
import { DomainError } from '../platform/index.js';
import { requireHost } from './rooms.js';
import { liveRuntime } from './runtime.js';

export const MAX_BAG = 100;

const roomEnded = (): DomainError => new DomainError('ROOM_ENDED', 'the room has ended');

export async function addToBag(ctx: CoreContext, actor: Actor, roomId: string, productId: string): Promise<void> {
  const room = await requireHost(ctx.db, actor, roomId);
  if (room.status === 'ended') throw roomEnded();
  const product = await ctx.db
    .selectFrom('products')
    .select(['id', 'shop_id', 'status'])
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!product) throw new DomainError('NOT_FOUND', 'product not found', { what: 'product', id: productId });
  if (product.status !== 'listed')
    throw new DomainError('PRODUCT_UNAVAILABLE', 'this product is not on sale', { productId });
  let source: 'shop' | 'showcase';
  if (room.host_kind === 'shop') {
    if (product.shop_id !== room.host_id)
      throw new DomainError('NOT_IN_HOST_RANGE', 'a shop’s room sells the shop’s own products', { productId });
    source = 'shop';
  } else {
    const member = await ctx.db
      .selectFrom('shop_members')
      .select('shop_id')
      .where('shop_id', '=', product.shop_id)
      .where('user_id', '=', room.host_id)
      .executeTakeFirst();
    const inShowcase = member
      ? undefined
      : await ctx.db
          .selectFrom('affiliate_showcase')
          .select('product_id')
          .where('creator_id', '=', room.host_id)
          .where('product_id', '=', productId)
          .where('removed_at', 'is', null)
          .executeTakeFirst();
    if (!member && !inShowcase)
      throw new DomainError(
        'NOT_IN_HOST_RANGE',
        'a creator’s room sells products from the creator’s showcase or own shop',
        { productId },
      );
    source = member ? 'shop' : 'showcase';
  }
  const count = await ctx.db
    .selectFrom('live_bag_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('room_id', '=', roomId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_BAG) throw new DomainError('BAG_FULL', `a bag holds at most ${MAX_BAG} products`);
  await ctx.db
    .insertInto('live_bag_items')
    .values({ room_id: roomId, product_id: productId, shop_id: product.shop_id, source, added_at: ctx.clock.now() })
    .onConflict((oc) => oc.columns(['room_id', 'product_id']).doNothing())
    .execute();
  liveRuntime(ctx).publish({ roomId, kind: 'changed' });
}

export async function removeFromBag(ctx: CoreContext, actor: Actor, roomId: string, productId: string): Promise<void> {
  await requireHost(ctx.db, actor, roomId);
  const res = await ctx.db
    .deleteFrom('live_bag_items')
    .where('room_id', '=', roomId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0)
    throw new DomainError('NOT_FOUND', 'product not in the bag', { what: 'bag item', id: productId });
  const unpinned = await ctx.db
    .updateTable('live_rooms')
    .set({ pinned_product_id: null, updated_at: ctx.clock.now() })
    .where('id', '=', roomId)
    .where('pinned_product_id', '=', productId)
    .executeTakeFirst();
  const runtime = liveRuntime(ctx);
  if (Number(unpinned.numUpdatedRows) > 0) runtime.publish({ roomId, kind: 'pin', productId: null });
  runtime.publish({ roomId, kind: 'changed' });
}

/** Pins a product of the bag for everyone in the room (null takes the pin down). */
export async function pinProduct(
  ctx: CoreContext,
  actor: Actor,
  roomId: string,
  productId: string | null,
): Promise<void> {
  const room = await requireHost(ctx.db, actor, roomId);
  if (room.status === 'ended') throw roomEnded();
  if (productId !== null) {
    const inBag = await ctx.db
      .selectFrom('live_bag_items')
      .select('product_id')
      .where('room_id', '=', roomId)
      .where('product_id', '=', productId)
      .executeTakeFirst();
    if (!inBag) throw new DomainError('NOT_IN_BAG', 'pin a product from the room’s bag', { productId });
  }
  await ctx.db
    .updateTable('live_rooms')
    .set({ pinned_product_id: productId, updated_at: ctx.clock.now() })
    .where('id', '=', roomId)
    .execute();
  liveRuntime(ctx).publish({ roomId, kind: 'pin', productId });
}
