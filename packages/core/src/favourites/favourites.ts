/**
 * Favourites (收藏): a person keeps products to come back to. Adding and removing are idempotent
 * (adding twice keeps one row, removing what is not there changes nothing), and the product's
 * count moves in the same transaction as the row, only when a row was really added or removed.
 */
import type { Actor, CoreContext, Db } from '../context.js';
import { DomainError, invalid, notFound } from '../platform/index.js';
import { productCardsByIds, type ProductCard } from '../catalog/index.js';
import { insertRows } from '../storage/index.js';
import { eventsOnOutbox, recordServerEvents } from '../events/index.js';
import { decodeFavouriteCursor, encodeFavouriteCursor } from './cursor.js';

export const FAVOURITES_PAGE_MAX = 50;

export interface FavouriteState {
  productId: string;
  favourited: boolean;
  /** How many people have the product in their favourites. */
  favourites: number;
}

export interface FavouriteItem {
  product: ProductCard;
  favouritedAt: number;
}

/**
 * The product's favourite count and whether the person keeps it. A product the person cannot see
 * (not listed, not of their shop, not already among their favourites) answers like an unknown id.
 */
async function visibleProduct(
  db: Db,
  actor: Actor | null,
  productId: string,
): Promise<{ favourited: boolean; favourites: number; status: string }> {
  // One statement, so the count and the person's row come from one snapshot (read as two, another
  // client's add between them could show "favourited, 0 people").
  const row = await db
    .selectFrom('products as p')
    .leftJoin('favourites as f', (join) =>
      join.onRef('f.product_id', '=', 'p.id').on('f.user_id', '=', actor?.userId ?? ''),
    )
    .select(['p.status', 'p.shop_id', 'p.favourites', 'f.product_id as kept'])
    .where('p.id', '=', productId)
    .executeTakeFirst();
  const kept = actor ? (row?.kept ?? null) !== null : false;
  if (!row || (row.status !== 'listed' && !kept && !actor?.shops.has(row.shop_id)))
    throw notFound('product', productId);
  return { favourited: kept, favourites: Number(row.favourites), status: row.status };
}

/** Adds a product to the person's favourites; adding it again changes nothing. Only a listed product can be newly added. */
export async function addFavourite(ctx: CoreContext, actor: Actor, productId: string): Promise<FavouriteState> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const seen = await visibleProduct(tx, actor, productId);
    if (!seen.favourited) {
      if (seen.status !== 'listed')
        throw new DomainError('PRODUCT_UNAVAILABLE', 'this product is not on sale', { productId });
      const inserted = await insertRows(
        tx,
        'favourites',
        [{ user_id: actor.userId, product_id: productId, created_at: now }],
        { onConflictDoNothing: ['user_id', 'product_id'] },
      );
      if (inserted === 1) {
        await tx
          .updateTable('products')
          .set((eb) => ({ favourites: eb('favourites', '+', 1) }))
          .where('id', '=', productId)
          .execute();
        await recordServerEvents(
          tx,
          [{ type: 'favourite', userId: actor.userId, productId, source: 'shelf', at: now }],
          { outbox: eventsOnOutbox(ctx.db) },
        );
      }
    }
    const { favourited, favourites } = await visibleProduct(tx, actor, productId);
    return { productId, favourited, favourites };
  });
}

/** Takes a product out of the person's favourites; removing one that is not there changes nothing. */
export async function removeFavourite(ctx: CoreContext, actor: Actor, productId: string): Promise<FavouriteState> {
  return ctx.db.transaction().execute(async (tx) => {
    await visibleProduct(tx, actor, productId);
    const res = await tx
      .deleteFrom('favourites')
      .where('user_id', '=', actor.userId)
      .where('product_id', '=', productId)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 1)
      await tx
        .updateTable('products')
        .set((eb) => ({ favourites: eb('favourites', '-', 1) }))
        .where('id', '=', productId)
        .where('favourites', '>', 0)
        .execute();
    const row = await tx
      .selectFrom('products')
      .select('favourites')
      .where('id', '=', productId)
      .executeTakeFirstOrThrow();
    return { productId, favourited: false, favourites: Number(row.favourites) };
  });
}

/** Whether the person has the product in their favourites, with the product's count (anonymous: never). */
export async function favouriteState(db: Db, actor: Actor | null, productId: string): Promise<FavouriteState> {
  const { favourited, favourites } = await visibleProduct(db, actor, productId);
  return { productId, favourited, favourites };
}

/** The person's favourites, the latest added first, keyset-paginated. Products taken off sale stay listed with their status. */
export async function myFavourites(
  db: Db,
  actor: Actor,
  q: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: FavouriteItem[]; nextCursor: string | null }> {
  const limit = q.limit ?? 20;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > FAVOURITES_PAGE_MAX)
    throw invalid(`limit must be 1–${FAVOURITES_PAGE_MAX}`, { field: 'limit' });
  let query = db.selectFrom('favourites').select(['product_id', 'created_at']).where('user_id', '=', actor.userId);
  if (q.cursor) {
    const c = decodeFavouriteCursor(q.cursor);
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', c.at), eb.and([eb('created_at', '=', c.at), eb('product_id', '<', c.productId)])]),
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('product_id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const cards = new Map(
    (
      await productCardsByIds(
        db,
        page.map((r) => r.product_id),
        false,
      )
    ).map((c) => [c.id, c]),
  );
  const last = page[page.length - 1];
  return {
    items: page.flatMap((r) => {
      const product = cards.get(r.product_id);
      return product ? [{ product, favouritedAt: Number(r.created_at) }] : [];
    }),
    nextCursor:
      rows.length > limit && last
        ? encodeFavouriteCursor({ at: Number(last.created_at), productId: last.product_id })
        : null,
  };
}
