/**
 * Stock per SKU. Stock changes only through conditional updates
 * (`set stock = stock - q where stock >= q`), never read-modify-write, so it can never go
 * negative or be oversold, whatever the concurrency, on SQLite and on PostgreSQL.
 */
import type { Actor, CoreContext, Tx } from '../context.js';
import { DomainError, invalid, newId, notFound } from '../platform/index.js';
import { MAX_STOCK, requireOwnSku } from '../catalog/index.js';
import { insertRows, compiledOnce } from '../storage/index.js';

export interface ReservationLine {
  skuId: string;
  shopId: string;
  quantity: number;
}

/**
 * Reserves stock for an order's lines inside the caller's transaction. SKUs are taken in id order
 * so concurrent checkouts lock rows in the same order (no deadlocks on PostgreSQL). Throws
 * OUT_OF_STOCK (and the transaction rolls back) when any line cannot be covered.
 */
export async function reserveStock(tx: Tx, orderId: string, lines: ReservationLine[], now: number): Promise<void> {
  await reserveStockLines(
    tx,
    lines.map((l) => ({ ...l, orderId })),
    now,
  );
}

/** A line of a batch of orders to reserve stock for; `committed` when the order is placed paid (a sample). */
export interface OrderReservationLine extends ReservationLine {
  orderId: string;
  committed?: boolean | undefined;
}

/**
 * Reserves the stock of a batch of orders' lines (order placement, orders/placement.ts): one
 * conditional update per distinct SKU for the batch's total, SKUs in id order (the lock order of
 * reserveStock), then one insert of every reservation. Throws OUT_OF_STOCK when a SKU cannot cover
 * the batch's total, naming it; the caller's transaction then rolls back.
 */
export async function reserveStockLines(tx: Tx, lines: readonly OrderReservationLine[], now: number): Promise<void> {
  if (lines.length === 0) return;
  const perSku = new Map<string, number>();
  for (const l of lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1)
      throw invalid('quantity must be a positive integer', { field: 'quantity', skuId: l.skuId });
    perSku.set(l.skuId, (perSku.get(l.skuId) ?? 0) + l.quantity);
  }
  for (const skuId of [...perSku.keys()].sort()) {
    const quantity = perSku.get(skuId)!;
    const res = await takeStock.run(tx, { quantity, now, skuId });
    if (Number(res.numAffectedRows ?? 0n) !== 1)
      throw new DomainError('OUT_OF_STOCK', 'not enough stock for this item', { skuId, requested: quantity });
  }
  await insertRows(
    tx,
    'stock_reservations',
    lines.map((l) => ({
      id: newId('reservation', now),
      order_id: l.orderId,
      sku_id: l.skuId,
      shop_id: l.shopId,
      quantity: l.quantity,
      status: l.committed ? 'committed' : 'reserved',
      created_at: now,
      updated_at: now,
    })),
  );
}

/** The conditional take of stock, compiled once (the hot statement of every order). */
const takeStock = compiledOnce((db, v) =>
  db
    .updateTable('skus')
    .set((eb) => ({
      stock: eb('stock', '-', v('quantity') as unknown as number),
      updated_at: v('now') as unknown as number,
    }))
    .where('id', '=', v('skuId'))
    .where('stock', '>=', v('quantity') as unknown as number),
);

const commitReserved = compiledOnce((db, v) =>
  db
    .updateTable('stock_reservations')
    .set({ status: 'committed', updated_at: v('now') as unknown as number })
    .where('order_id', '=', v('orderId'))
    .where('status', '=', 'reserved'),
);

/** Payment captured: the reservation becomes a sale. */
export async function commitReservations(tx: Tx, orderId: string, now: number): Promise<void> {
  await commitReserved.run(tx, { now, orderId });
}

/**
 * Returns an order's unshipped stock to the pool. Each reservation flips to `released` by a
 * conditional update first, so a release that runs twice returns the stock once.
 */
export async function releaseReservations(tx: Tx, orderId: string, now: number): Promise<number> {
  const rows = await tx
    .selectFrom('stock_reservations')
    .select(['id', 'sku_id', 'quantity'])
    .where('order_id', '=', orderId)
    .where('status', 'in', ['reserved', 'committed'])
    .orderBy('sku_id')
    .execute();
  let released = 0;
  for (const r of rows) {
    const flip = await tx
      .updateTable('stock_reservations')
      .set({ status: 'released', updated_at: now })
      .where('id', '=', r.id)
      .where('status', 'in', ['reserved', 'committed'])
      .executeTakeFirst();
    if (Number(flip.numUpdatedRows) !== 1) continue;
    await tx
      .updateTable('skus')
      .set((eb) => ({ stock: eb('stock', '+', r.quantity), updated_at: now }))
      .where('id', '=', r.sku_id)
      .execute();
    released += r.quantity;
  }
  return released;
}

/** The correction's conditional update, compiled once: it answers the new stock (RETURNING), or no row when it would leave the bounds. */
const adjustBy = compiledOnce((db, v) =>
  db
    .updateTable('skus')
    .set((eb) => ({
      stock: eb('stock', '+', v('delta') as unknown as number),
      updated_at: v('now') as unknown as number,
    }))
    .where('id', '=', v('skuId'))
    .where('stock', '>=', v('min') as unknown as number)
    .where('stock', '<=', v('max') as unknown as number)
    .returning('stock'),
);

/** The same update held to one shop's SKU: the owner check of a caller that read the SKU's shop already. */
const adjustShopSkuBy = compiledOnce((db, v) =>
  db
    .updateTable('skus')
    .set((eb) => ({
      stock: eb('stock', '+', v('delta') as unknown as number),
      updated_at: v('now') as unknown as number,
    }))
    .where('id', '=', v('skuId'))
    .where('shop_id', '=', v('shopId'))
    .where('stock', '>=', v('min') as unknown as number)
    .where('stock', '<=', v('max') as unknown as number)
    .returning('stock'),
);

const skuShop = compiledOnce((db, v) => db.selectFrom('skus').select('shop_id').where('id', '=', v('skuId')));

/**
 * A merchant's stock correction by a signed delta (receiving goods, write-offs); never below zero
 * (and never above MAX_STOCK), by a conditional update that answers the new stock.
 *
 * The actor must hold the SKU's shop. A caller that has read the SKU's shop already (the open
 * platform's stock sync reads the SKU for its count) passes it as `known.shopId`: the actor must
 * hold that shop, and the update itself is held to that shop's SKU (`where shop_id = …`), so the
 * owner read is skipped without trusting the caller. Without it, the SKU's owner is read first.
 * Either way, no row updated means STOCK_WOULD_GO_NEGATIVE (the caller may read again and retry
 * when an order moved the stock meanwhile), or NOT_FOUND for another shop's SKU.
 */
export async function adjustStock(
  ctx: CoreContext,
  actor: Actor,
  skuId: string,
  delta: number,
  known: { shopId?: string } = {},
): Promise<number> {
  const shopId = known.shopId;
  if (shopId === undefined) await requireOwnSku(ctx, actor, skuId);
  else if (!actor.shops.has(shopId)) throw notFound('sku', skuId);
  if (!Number.isSafeInteger(delta) || delta === 0 || Math.abs(delta) > MAX_STOCK)
    throw invalid('delta must be a non-zero integer', { field: 'delta' });
  const values = {
    delta,
    now: ctx.clock.now(),
    skuId,
    min: Math.max(0, -delta),
    max: MAX_STOCK - Math.max(0, delta),
  };
  const row =
    shopId === undefined
      ? await adjustBy.takeFirst(ctx.db, values)
      : await adjustShopSkuBy.takeFirst(ctx.db, { ...values, shopId });
  if (row) return Number(row.stock);
  // Nothing updated: out of bounds, or (held to a shop) not that shop's SKU, which answers like an unknown one.
  if (shopId !== undefined && (await skuShop.takeFirst(ctx.db, { skuId }))?.shop_id !== shopId)
    throw notFound('sku', skuId);
  throw new DomainError('STOCK_WOULD_GO_NEGATIVE', 'stock cannot go below zero', { skuId, delta });
}

/**
 * Goods received into stock inside the caller's transaction (e.g. a supply batch): adds
 * `quantity` by a conditional update that keeps the stock within MAX_STOCK. False when it would not.
 */
export async function receiveIntoStock(tx: Tx, skuId: string, quantity: number, now: number): Promise<boolean> {
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_STOCK)
    throw invalid(`quantity must be an integer between 1 and ${MAX_STOCK}`, { field: 'quantity' });
  const res = await tx
    .updateTable('skus')
    .set((eb) => ({ stock: eb('stock', '+', quantity), updated_at: now }))
    .where('id', '=', skuId)
    .where('stock', '<=', MAX_STOCK - quantity)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Goods taken out of stock inside the caller's transaction outside an order (e.g. the
 * replacement parcel of an exchange): subtracts `quantity` by a conditional update, never below
 * zero. False when there is not enough stock.
 */
export async function takeFromStock(tx: Tx, skuId: string, quantity: number, now: number): Promise<boolean> {
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_STOCK)
    throw invalid(`quantity must be an integer between 1 and ${MAX_STOCK}`, { field: 'quantity' });
  const res = await tx
    .updateTable('skus')
    .set((eb) => ({ stock: eb('stock', '-', quantity), updated_at: now }))
    .where('id', '=', skuId)
    .where('stock', '>=', quantity)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
