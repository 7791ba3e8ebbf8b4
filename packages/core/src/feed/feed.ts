/**
 * GET /api/v1/feed: the recommend tab — the interest engine's personalised page when the
 * viewer has personalisation on (or is an anonymous device with a viewer id), else the
 * non-personalised feed, which reads nothing personal but the followed creators — and the
 * following tab. Every recommend item carries its reason ("why this").
 */
import type { Reason } from '@zhongcao/recsys';
import type { CoreContext } from '../context.js';
import { DEFAULT_PERSON_SETTINGS } from '../events/index.js';
import { ShownFilter, type HeadPair } from '../recommend/index.js';
import { personalFeedPage, type PersonalPage } from './personal-feed.js';
import { DomainError, newId } from '../platform/index.js';
import { compiledOnce } from '../storage/index.js';
import { feedSnapshot, followedCandidates } from './candidates.js';
import { cursorKey, decodeCursor, encodeCursor } from './feed-cursor.js';
import { interleave, type FeedSource } from './interleave.js';
import { cardToJson, loadFeedCards, markForViewer, type FeedVideoCard } from './video-cards.js';

export type FeedTab = 'recommend' | 'following';
export const FEED_DEFAULT_LIMIT = 8;
export const FEED_MAX_LIMIT = 20;

export interface FeedQuery {
  tab?: FeedTab | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
  /** The anonymous device's id (x-viewer-id): its device profile personalises the page. */
  viewerId?: string | null | undefined;
}

export interface FeedPage {
  items: FeedVideoCard[];
  nextCursor: string | null;
  /** Why each item is there (same order as items); serialised as each item's `reason`. */
  reasons?: Reason[];
  /**
   * Paid traffic's candidate creatives' heads for this person (`FeedOptions.creatives`), by video
   * id: only when the person has personalisation on and the engine served the page. Not serialised.
   */
  creativeHeads?: ReadonlyMap<string, HeadPair> | null;
}

export interface FeedOptions {
  /**
   * Paid traffic's candidate creatives (video ids) whose heads for the signed-in viewer the
   * engine answers with the page — used only when the viewer's personalisation is on (nothing
   * about anyone else is sent).
   */
  creatives?: readonly string[];
}

export const VIEWER_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * The page as JSON text, the same as JSON.stringify(page): cached cards are serialised once for
 * every session that shows them, which is most of a page's cost otherwise.
 */
export function feedPageToJson(page: FeedPage): string {
  const { reasons } = page;
  const items = page.items.map((card, i) => {
    const json = cardToJson(card);
    const reason = reasons?.[i];
    return reason ? `${json.slice(0, -1)},"reason":${JSON.stringify(reason)}}` : json;
  });
  return `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
}

/** The reason of a non-personalised pick: the source it came from. */
export function sourceReason(source: FeedSource, card: FeedVideoCard): Reason {
  if (source === 'followed') return { code: 'followed_creator', params: { creator: card.creator.displayName } };
  return { code: source, params: {} };
}

/** The person's personalisation switch, read on every page (a change takes effect on the next one); compiled once, as it is on every page. */
const personalisationSwitch = compiledOnce((db, v) =>
  db.selectFrom('person_settings').select('personalized_recommendation').where('user_id', '=', v('userId')),
);

async function personalisationOn(ctx: CoreContext, userId: string): Promise<boolean> {
  const row = await personalisationSwitch.takeFirst(ctx.db, { userId });
  return row ? Number(row.personalized_recommendation) === 1 : DEFAULT_PERSON_SETTINGS.personalizedRecommendation;
}

/** Whose profile personalises the page: the person when their switch is on, the anonymous device, or nobody. */
async function personalActor(
  ctx: CoreContext,
  userId: string | null,
  viewerId: string | null | undefined,
): Promise<string | null> {
  if (userId) return (await personalisationOn(ctx, userId)) ? userId : null;
  if (viewerId == null) return null;
  if (!VIEWER_ID_PATTERN.test(viewerId))
    throw new DomainError('VALIDATION_FAILED', 'x-viewer-id must be 8–64 letters, digits, _ or -');
  return `anon:${viewerId}`;
}

/** `userId` null for an anonymous viewer (recommend only). */
export async function getFeed(
  ctx: CoreContext,
  userId: string | null,
  q: FeedQuery,
  opts: FeedOptions = {},
): Promise<FeedPage> {
  const limit = q.limit ?? FEED_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > FEED_MAX_LIMIT)
    throw new DomainError('VALIDATION_FAILED', `limit must be 1–${FEED_MAX_LIMIT}`);
  const tab = q.tab ?? 'recommend';
  if (tab === 'following') {
    if (!userId) throw new DomainError('UNAUTHENTICATED', 'log in to see the creators you follow');
    return followingFeed(ctx, userId, q.cursor, limit);
  }
  return recommendFeed(ctx, userId, q.viewerId, q.cursor, limit, opts.creatives);
}

async function recommendFeed(
  ctx: CoreContext,
  userId: string | null,
  viewerId: string | null | undefined,
  cursorText: string | undefined,
  limit: number,
  creatives: readonly string[] | undefined,
): Promise<FeedPage> {
  const key = await cursorKey(ctx.db);
  const cursor = cursorText ? decodeCursor(key, cursorText) : null;
  if (cursor && cursor.kind !== 'recommend')
    throw new DomainError('INVALID_CURSOR', 'this cursor belongs to another tab; start again without a cursor');
  const sessionId = cursor?.sessionId ?? newId('feedSession', ctx.clock.now());
  const shown = cursor?.shown ?? ShownFilter.empty();
  const page = (cursor?.page ?? 0) + 1;

  const snapshot = await feedSnapshot(ctx);
  const actorKey = await personalActor(ctx, userId, viewerId);
  /** The non-personalised picks (today's interleave of new, popular, followed, older). */
  const interleaved = async (
    n: number,
    isTaken: (id: string) => boolean,
  ): Promise<Array<{ card: FeedVideoCard; reason: Reason }>> => {
    const followed = userId
      ? await followedCandidates(ctx, userId, snapshot)
      : { ids: [], cards: new Map<string, FeedVideoCard>() };
    const sources: Record<FeedSource, readonly string[]> = {
      new: snapshot.newIds,
      popular: snapshot.popularIds,
      followed: followed.ids,
      more: snapshot.moreIds,
    };
    return interleave(sources, (id) => shown.has(id) || isTaken(id), n).flatMap(({ id, source }) => {
      const card = snapshot.cards.get(id) ?? followed.cards.get(id);
      return card ? [{ card, reason: sourceReason(source, card) }] : [];
    });
  };
  // The creatives' heads are asked only for a signed-in person whose switch is on (the actor is then the person).
  const asked = userId !== null && actorKey === userId && creatives?.length ? creatives : undefined;
  const picked: PersonalPage = actorKey
    ? await personalFeedPage(ctx, actorKey, shown, limit, snapshot, interleaved, asked)
    : toPage(await interleaved(limit, () => false));
  for (const card of picked.cards) shown.add(card.id);
  const nextCursor =
    picked.cards.length < limit ? null : encodeCursor(key, { kind: 'recommend', page, sessionId, shown });
  return {
    items: await markForViewer(ctx.db, userId, picked.cards),
    nextCursor,
    reasons: picked.reasons,
    ...(asked ? { creativeHeads: picked.creativeHeads ?? null } : {}),
  };
}

const toPage = (
  picks: Array<{ card: FeedVideoCard; reason: Reason }>,
): { cards: FeedVideoCard[]; reasons: Reason[] } => ({
  cards: picks.map((p) => p.card),
  reasons: picks.map((p) => p.reason),
});

async function followingFeed(
  ctx: CoreContext,
  userId: string,
  cursorText: string | undefined,
  limit: number,
): Promise<FeedPage> {
  const key = await cursorKey(ctx.db);
  const cursor = cursorText ? decodeCursor(key, cursorText) : null;
  if (cursor && cursor.kind !== 'following')
    throw new DomainError('INVALID_CURSOR', 'this cursor belongs to another tab; start again without a cursor');
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
    query = query.where((eb) =>
      eb.or([
        eb('videos.published_at', '<', publishedAt),
        eb.and([eb('videos.published_at', '=', publishedAt), eb('videos.id', '<', lastId)]),
      ]),
    );
  }
  const rows = await query.execute();
  const pageRows = rows.slice(0, limit);
  const cards = await loadFeedCards(
    ctx.db,
    pageRows.map((r) => r.id),
  );
  const items = pageRows.flatMap((r) => cards.get(r.id) ?? []);
  const last = pageRows[pageRows.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor(key, { kind: 'following', publishedAt: Number(last.published_at), lastId: last.id })
      : null;
  return { items: await markForViewer(ctx.db, userId, items), nextCursor };
}
