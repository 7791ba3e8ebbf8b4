/**
 * Flash sales (秒杀): a host offers a SKU of the room's bag at a lower price, a quantity, a
 * per-person limit and a time window. Orders go through the sale's desk (gate + group commit,
 * sale-desk.ts); each reserves its units at creation and has the category's flash-sale payment
 * window (5 minutes by default), after which an unpaid order is cancelled and its units return
 * to the sale (sale-deadlines.ts).
 */
import { assertShopNotPenalised } from '../violations/index.js';
import type { Actor, CoreContext, Db } from '../context.js';
import { DomainError, invalid, newId } from '../platform/index.js';
import { checkKey, requestHash } from '../checkout/index.js';
import { checkFlashSale, roomNotLive, type FlashSaleInput } from './live-rules.js';
import { requireHost } from './rooms.js';
import { liveRuntime } from './runtime.js';
import { saleView, type FlashSaleView } from './sale-info.js';
import type { SaleOrderResult } from './sale-writer.js';

export async function createFlashSale(
  ctx: CoreContext,
  actor: Actor,
  roomId: string,
  input: FlashSaleInput,
): Promise<FlashSaleView> {
  const room = await requireHost(ctx.db, actor, roomId);
  if (room.status === 'ended') throw roomNotLive(room.status);
  const sku = await ctx.db
    .selectFrom('skus')
    .innerJoin('products', 'products.id', 'skus.product_id')
    .select([
      'skus.id',
      'skus.product_id',
      'skus.shop_id',
      'skus.price_fen',
      'skus.original_price_fen',
      'skus.stock',
      'skus.spec_values',
      'products.title',
      'products.status',
    ])
    .where('skus.id', '=', input.skuId)
    .executeTakeFirst();
  if (!sku) throw new DomainError('NOT_FOUND', 'sku not found', { what: 'sku', id: input.skuId });
  const inBag = await ctx.db
    .selectFrom('live_bag_items')
    .select('product_id')
    .where('room_id', '=', roomId)
    .where('product_id', '=', sku.product_id)
    .executeTakeFirst();
  if (!inBag)
    throw new DomainError('NOT_IN_BAG', 'put the product in the room’s bag first', { productId: sku.product_id });
  if (sku.status !== 'listed')
    throw new DomainError('PRODUCT_UNAVAILABLE', 'this product is not on sale', { productId: sku.product_id });
  const now = ctx.clock.now();
  await assertShopNotPenalised(ctx.db, sku.shop_id, 'SHOP_CLEARED_OUT', now); // cleared out: no new sales
  checkFlashSale(input, Number(sku.price_fen), now);
  if (input.quantity > Number(sku.stock))
    throw invalid('the sale offers more units than the SKU has in stock', {
      field: 'quantity',
      stock: Number(sku.stock),
    });
  const id = newId('flashSale', now);
  const originalPriceFen = Number(sku.original_price_fen ?? sku.price_fen);
  await ctx.db
    .insertInto('live_flash_sales')
    .values({
      id,
      room_id: roomId,
      shop_id: sku.shop_id,
      product_id: sku.product_id,
      sku_id: sku.id,
      price_fen: input.priceFen,
      original_price_fen: originalPriceFen,
      quantity: input.quantity,
      remaining: input.quantity,
      per_person_limit: input.perPersonLimit,
      starts_at: Math.max(input.startsAt, now),
      ends_at: input.endsAt,
      closed_at: null,
      created_at: now,
    })
    .execute();
  const view = saleView(
    {
      id,
      roomId,
      productId: sku.product_id,
      skuId: sku.id,
      title: sku.title,
      specValues: JSON.parse(sku.spec_values) as string[],
      priceFen: input.priceFen,
      originalPriceFen,
      quantity: input.quantity,
      remaining: input.quantity,
      perPersonLimit: input.perPersonLimit,
      startsAt: Math.max(input.startsAt, now),
      endsAt: input.endsAt,
      closedAt: null,
    },
    now,
  );
  liveRuntime(ctx).publish({ roomId, kind: 'sale', sale: view });
  return view;
}

/** The room's sales, newest first; the remaining units come from this process's desk when it has one (fresher than the last commit). */
export async function roomSales(ctx: CoreContext, db: Db, roomId: string): Promise<FlashSaleView[]> {
  const rows = await db
    .selectFrom('live_flash_sales as s')
    .innerJoin('products', 'products.id', 's.product_id')
    .innerJoin('skus', 'skus.id', 's.sku_id')
    .select([
      's.id',
      's.product_id',
      's.sku_id',
      's.price_fen',
      's.original_price_fen',
      's.quantity',
      's.remaining',
      's.per_person_limit',
      's.starts_at',
      's.ends_at',
      's.closed_at',
      'products.title',
      'skus.spec_values',
    ])
    .where('s.room_id', '=', roomId)
    .orderBy('s.id', 'desc')
    .execute();
  const now = ctx.clock.now();
  const runtime = liveRuntime(ctx);
  const out: FlashSaleView[] = [];
  for (const r of rows) {
    const desk = await runtime.openDesk(r.id);
    out.push(
      saleView(
        {
          id: r.id,
          roomId,
          productId: r.product_id,
          skuId: r.sku_id,
          title: r.title,
          specValues: JSON.parse(r.spec_values) as string[],
          priceFen: Number(r.price_fen),
          originalPriceFen: Number(r.original_price_fen),
          quantity: Number(r.quantity),
          remaining: desk ? desk.remaining : Number(r.remaining),
          perPersonLimit: Number(r.per_person_limit),
          startsAt: Number(r.starts_at),
          endsAt: Number(r.ends_at),
          closedAt: r.closed_at === null ? null : Number(r.closed_at),
        },
        now,
      ),
    );
  }
  return out;
}

export interface SaleOrderInput {
  quantity: number;
  addressId?: string | undefined;
}

/** Places a flash-sale order: reserved at once, to be paid through the usual payment endpoints before `payBefore`. */
export async function placeSaleOrder(
  ctx: CoreContext,
  actor: Actor,
  saleId: string,
  input: SaleOrderInput,
  idempotencyKey?: string,
): Promise<{ statusCode: number; body: SaleOrderResult & { cashierUrl: string } }> {
  if (idempotencyKey !== undefined) checkKey(idempotencyKey);
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1)
    throw invalid('quantity must be a positive integer', { field: 'quantity' });
  const desk = await liveRuntime(ctx).desk(saleId);
  if (!desk) throw new DomainError('SALE_NOT_FOUND', 'flash sale not found', { saleId });
  const result = await desk.place({
    buyerId: actor.userId,
    quantity: input.quantity,
    addressId: input.addressId,
    idemKey: idempotencyKey,
    requestHash: requestHash({ saleId, quantity: input.quantity, addressId: input.addressId ?? null }),
  });
  const { replayed, ...body } = result;
  return {
    statusCode: replayed ? 200 : 201,
    body: { ...body, cashierUrl: `/api/v1/payments/${body.paymentId}/cashier` },
  };
}
