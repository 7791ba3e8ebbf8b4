/** GET /api/v1/feed: the non-personalised feed (recommend) and the following tab. */
import type { CoreContext } from '../context.js';
import { DomainError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { feedSnapshot, followedCandidates } from './candidates.js';
import { cursorKey, decodeCursor, encodeCursor } from './feed-cursor.js';
import { interleave, type FeedSource } from './interleave.js';
import { ShownFilter } from './shown-filter.js';
import { cardToJson, loadFeedCards, markForViewer, type FeedVideoCard } from './video-cards.js';

export type FeedTab = 'recommend' | 'following';
export const FEED_DEFAULT_LIMIT = 8;
export const FEED_MAX_LIMIT = 20;

export interface FeedQuery {
  tab?: FeedTab | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export interface FeedPage {
  items: FeedVideoCard[];
  nextCursor: string | null;
}

/**
 * The page as JSON text, the same as JSON.stringify(page): cached cards are serialised once for
 * every session that shows them, which is most of a page's cost otherwise.
 */
export function feedPageToJson(page: FeedPage): string {
  return `{"items":[${page.items.map(cardToJson).join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
}

/** `userId` null for an anonymous viewer (recommend only). */
export async function getFeed(ctx: CoreContext, userId: string | null, q: FeedQuery): Promise<FeedPage> {
  const limit = q.limit ?? FEED_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > FEED_MAX_LIMIT) throw new DomainError('VALIDATION_FAILED', `limit must be 1–${FEED_MAX_LIMIT}`, 400);
  const tab = q.tab ?? 'recommend';
  if (tab === 'following') {
    if (!userId) throw new DomainError('UNAUTHENTICATED', 'log in to see the creators you follow', 401);
    return followingFeed(ctx, userId, q.cursor, limit);
  }
  return recommendFeed(ctx, userId, q.cursor, limit);
}

async function recommendFeed(ctx: CoreContext, userId: string | null, cursorText: string | undefined, limit: number): Promise<FeedPage> {
  const key = await cursorKey(ctx.db);
  const cursor = cursorText ? decodeCursor(key, cursorText) : null;
  if (cursor && cursor.kind !== 'recommend') throw new DomainError('INVALID_CURSOR', 'this cursor belongs to another tab; start again without a cursor', 400);
  const sessionId = cursor?.sessionId ?? newId('feedSession', ctx.clock.now());
  const shown = cursor?.shown ?? ShownFilter.empty();
  const page = (cursor?.page ?? 0) + 1;

  const snapshot = await feedSnapshot(ctx);
  const followed = userId ? await followedCandidates(ctx, userId, snapshot) : { ids: [], cards: new Map<string, FeedVideoCard>() };
  const sources: Record<FeedSource, readonly string[]> = { new: snapshot.newIds, popular: snapshot.popularIds, followed: followed.ids, more: snapshot.moreIds };
  const picked = interleave(sources, (id) => shown.has(id), limit);
  const cards: FeedVideoCard[] = [];
  for (const { id } of picked) {
    shown.add(id);
    const card = snapshot.cards.get(id) ?? followed.cards.get(id);
    if (card) cards.push(card);
  }
  const nextCursor = picked.length < limit ? null : encodeCursor(key, { kind: 'recommend', page, sessionId, shown });
  return { items: await markForViewer(ctx.db, userId, cards), nextCursor };
}

async function followingFeed(ctx: CoreContext, userId: string, cursorText: string | undefined, limit: number): Promise<FeedPage> {
  const key = await cursorKey(ctx.db);
  const cursor = cursorText ? decodeCursor(key, cursorText) : null;
  if (cursor && cursor.kind !== 'following') throw new DomainError('INVALID_CURSOR', 'this cursor belongs to another tab; start again without a cursor', 400);
  let query = ctx.db
    .selectFrom('videos')
    .innerJoin('follows', 'follows.followee_id', 'videos.owner_id')
    .select(['videos.id', 'videos.published_at'])
    .where('follows.follower_id', '=', userId)
    .where('videos.status', '=', 'published')
    .orderBy('videos.published_at', 'desc')
    .orderBy('videos.id', 'desc')
    .limit(limit + 1);
  if (cursor) {
    const { publishedAt, lastId } = cursor;
    query = query.where((eb) => eb.or([eb('videos.published_at', '<', publishedAt), eb.and([eb('videos.published_at', '=', publishedAt), eb('videos.id', '<', lastId)])]));
  }
  const rows = await query.execute();
  const pageRows = rows.slice(0, limit);
  const cards = await loadFeedCards(ctx.db, pageRows.map((r) => r.id));
  const items = pageRows.flatMap((r) => cards.get(r.id) ?? []);
  const last = pageRows[pageRows.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(key, { kind: 'following', publishedAt: Number(last.published_at), lastId: last.id }) : null;
  return { items: await markForViewer(ctx.db, userId, items), nextCursor };
}
