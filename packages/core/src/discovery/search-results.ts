/**
 * The search page's tabs as cards: products (商品), videos (视频), people (用户/达人) and live rooms
 * (直播). The search module checks the query and ranks (the ids of one page and the next cursor);
 * the cards come from the modules that own them — catalog, content, live — which all index into
 * search, so the assembly lives here, above them, and search reads none of them.
 */
import type { Actor, CoreContext } from '../context.js';
import { productCardsByIds, type Page, type ProductCard } from '../catalog/index.js';
import { videoCardsByIds, type VideoCard } from '../content/index.js';
import { roomCardsByIds, type RoomCard } from '../live/index.js';
import { searchProductIds, searchSubjectIds, type SearchQuery, type SubjectQuery } from '../search/index.js';
import { personCards, type PersonCard } from './person-cards.js';

/** Listed products for the query, ranked (or sorted) by search, as product cards. */
export async function searchProducts(ctx: CoreContext, query: SearchQuery): Promise<Page<ProductCard>> {
  const { ids, nextCursor } = await searchProductIds(ctx, query);
  return { items: await productCardsByIds(ctx.db, ids, true), nextCursor };
}

/** Published videos for the query, as video cards (liked by the viewer or not). */
export async function searchVideos(
  ctx: CoreContext,
  query: SubjectQuery,
  viewer: Actor | null,
): Promise<Page<VideoCard>> {
  const { ids, nextCursor } = await searchSubjectIds(ctx, 'video', query);
  return { items: await videoCardsByIds(ctx.db, ids, viewer?.userId ?? null), nextCursor };
}

/** People for the query, as person cards (followed by the viewer or not). */
export async function searchPeople(
  ctx: CoreContext,
  query: SubjectQuery,
  viewer: Actor | null,
): Promise<Page<PersonCard>> {
  const { ids, nextCursor } = await searchSubjectIds(ctx, 'person', query);
  return { items: await personCards(ctx.db, ids, viewer), nextCursor };
}

/** Live rooms on air or scheduled for the query, as room cards. */
export async function searchLiveRooms(ctx: CoreContext, query: SubjectQuery): Promise<Page<RoomCard>> {
  const { ids, nextCursor } = await searchSubjectIds(ctx, 'live', query);
  return { items: await roomCardsByIds(ctx, ids), nextCursor };
}
