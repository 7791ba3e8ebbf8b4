/**
 * One cart per person: SKUs with quantities, the attribution of the card that added them, and
 * whether each line is ticked for 结算. Checking out the cart buys the ticked lines that can be
 * bought (`isBuyable`); the others stay in the cart.
 */
import type { Actor, CoreContext, Db } from '../context.js';
import { publishSignals } from '../signals/index.js';
import { DomainError, invalid, notFound } from '../platform/index.js';
import type { Attribution } from '../affiliate/index.js';
import { checkAttribution, MAX_LINE_QUANTITY } from '../checkout/index.js';
import { firstImages, isBuyable } from '../catalog/index.js';
import { eventsOnOutbox, recordServerEvents } from '../events/index.js';

export const MAX_CART_ITEMS = 100;

export interface CartView {
  items: Array<{
    skuId: string;
    productId: string;
    imageUrl: string | null;
    shopId: string;
    shopName: string;
    title: string;
    specValues: string[];
    priceFen: number;
    quantity: number;
    stock: number;
    available: boolean;
    /** Ticked for 结算; a line that cannot be bought never counts as selected. */
    selected: boolean;
    attribution: Attribution;
  }>;
  /** Lines in the cart (the 购物车 tab's badge). */
  count: number;
  /** Units in the selected lines. */
  selectedQuantity: number;
  /** What the selected lines cost, before shipping and coupons. */
  totalFen: number;
}

export async function putCartItem(
  ctx: CoreContext,
  actor: Actor,
  input: { skuId: string; quantity: number; attribution?: Attribution },
): Promise<CartView> {
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_LINE_QUANTITY) {
    throw invalid(`quantity must be 1–${MAX_LINE_QUANTITY}`, { field: 'quantity' });
  }
  const attribution = input.attribution ?? { source: 'shelf' };
  checkAttribution(attribution);
  const sku = await ctx.db
    .selectFrom('skus')
    .innerJoin('products', 'products.id', 'skus.product_id')
    .select(['skus.id', 'skus.product_id', 'products.status'])
    .where('skus.id', '=', input.skuId)
    .executeTakeFirst();
  if (!sku) throw notFound('sku', input.skuId);
  if (sku.status !== 'listed')
    throw new DomainError('PRODUCT_UNAVAILABLE', 'this product is not on sale', { skuId: input.skuId });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const count = await tx
      .selectFrom('cart_items')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user_id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    const exists = await tx
      .selectFrom('cart_items')
      .select('sku_id')
      .where('user_id', '=', actor.userId)
      .where('sku_id', '=', input.skuId)
      .executeTakeFirst();
    if (!exists && Number(count.n) >= MAX_CART_ITEMS)
      throw new DomainError('CART_FULL', `a cart holds at most ${MAX_CART_ITEMS} items`);
    await tx
      .insertInto('cart_items')
      .values({
        user_id: actor.userId,
        sku_id: input.skuId,
        quantity: input.quantity,
        attribution: JSON.stringify(attribution),
        added_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'sku_id'])
          .doUpdateSet({ quantity: input.quantity, attribution: JSON.stringify(attribution), updated_at: now }),
      )
      .execute();
    // A new line is an add-to-cart (罗盘 counts it); changing a line's quantity is not.
    if (!exists)
      await recordServerEvents(
        tx,
        [
          {
            type: 'add_to_cart',
            userId: actor.userId,
            productId: sku.product_id,
            source: attribution.source,
            contentId: attribution.contentId ?? null,
            at: now,
          },
        ],
        { outbox: eventsOnOutbox(ctx.db) },
      );
  });
  publishSignals(ctx.db, [{ actor: actor.userId, kind: 'add_to_cart', productId: sku.product_id, at: now }]);
  return cartView(ctx.db, actor.userId);
}

export async function removeCartItem(ctx: CoreContext, actor: Actor, skuId: string): Promise<CartView> {
  const res = await ctx.db
    .deleteFrom('cart_items')
    .where('user_id', '=', actor.userId)
    .where('sku_id', '=', skuId)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('cart item', skuId);
  return cartView(ctx.db, actor.userId);
}

/** Ticks (or unticks) lines for 结算: the given SKUs (404 when one is not in the cart), or every line when skuIds is absent. */
export async function selectCartItems(
  ctx: CoreContext,
  actor: Actor,
  input: { skuIds?: string[] | undefined; selected: boolean },
): Promise<CartView> {
  if (input.skuIds !== undefined && (!Array.isArray(input.skuIds) || input.skuIds.length > MAX_CART_ITEMS))
    throw invalid(`at most ${MAX_CART_ITEMS} SKUs`, { field: 'skuIds' });
  if (input.skuIds === undefined || input.skuIds.length > 0) {
    const skuIds = input.skuIds;
    await ctx.db.transaction().execute(async (tx) => {
      let q = tx
        .updateTable('cart_items')
        .set({ selected: input.selected ? 1 : 0 })
        .where('user_id', '=', actor.userId);
      if (skuIds !== undefined) q = q.where('sku_id', 'in', skuIds);
      const res = await q.executeTakeFirst();
      // A SKU that is not in the cart is refused, and nothing is changed.
      if (skuIds !== undefined && Number(res.numUpdatedRows) !== new Set(skuIds).size) {
        const held = new Set(
          (
            await tx
              .selectFrom('cart_items')
              .select('sku_id')
              .where('user_id', '=', actor.userId)
              .where('sku_id', 'in', skuIds)
              .execute()
          ).map((r) => r.sku_id),
        );
        throw notFound(
          'cart item',
          skuIds.find((id) => !held.has(id)),
        );
      }
    });
  }
  return cartView(ctx.db, actor.userId);
}

/** How many lines the person's cart holds. */
export async function cartCount(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('cart_items')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function cartView(db: Db, userId: string): Promise<CartView> {
  const rows = await db
    .selectFrom('cart_items')
    .innerJoin('skus', 'skus.id', 'cart_items.sku_id')
    .innerJoin('products', 'products.id', 'skus.product_id')
    .innerJoin('shops', 'shops.id', 'skus.shop_id')
    .select([
      'cart_items.sku_id',
      'cart_items.quantity',
      'cart_items.attribution',
      'cart_items.selected',
      'skus.product_id',
      'skus.shop_id',
      'shops.name as shop_name',
      'products.title',
      'products.status',
      'skus.spec_values',
      'skus.price_fen',
      'skus.stock',
    ])
    .where('cart_items.user_id', '=', userId)
    .orderBy('cart_items.added_at')
    .execute();
  const images = await firstImages(
    db,
    rows.map((r) => r.product_id),
  );
  const items = rows.map((r) => ({
    skuId: r.sku_id,
    productId: r.product_id,
    imageUrl: images.get(r.product_id) ?? null,
    shopId: r.shop_id,
    shopName: r.shop_name,
    title: r.title,
    specValues: JSON.parse(r.spec_values) as string[],
    priceFen: r.price_fen,
    quantity: r.quantity,
    stock: r.stock,
    available: isBuyable(r),
    selected: Number(r.selected) === 1 && isBuyable(r),
    attribution: JSON.parse(r.attribution) as Attribution,
  }));
  const selected = items.filter((i) => i.selected);
  return {
    items,
    count: items.length,
    selectedQuantity: selected.reduce((s, i) => s + i.quantity, 0),
    totalFen: selected.reduce((s, i) => s + i.priceFen * i.quantity, 0),
  };
}
