/**
 * Cards for the feed, built with the content module's VideoCard read model: viewer-neutral cards
 * in bulk for the cached snapshot (a fixed handful of batched queries per chunk of ids, never
 * one per video), then the viewer's likes and follows per page with `markForViewer` (from memory).
 */
import type { Db } from '../context.js';
import { videoCardsByIds, type VideoCard } from '../content/index.js';
import { viewerMarks } from './viewer-marks.js';

export type FeedVideoCard = VideoCard;

const CHUNK = 500;

/** Viewer-neutral cards by id, for the ids that exist (any status: callers filter). */
export async function loadFeedCards(db: Db, ids: readonly string[]): Promise<Map<string, FeedVideoCard>> {
  const unique = [...new Set(ids)];
  const cards = new Map<string, FeedVideoCard>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    for (const card of await videoCardsByIds(db, unique.slice(i, i + CHUNK), null)) cards.set(card.id, card);
  }
  return cards;
}

/** Copies of the cards with the viewer's own likes and follows: from memory (viewer-marks.ts); none when anonymous. */
export async function markForViewer(
  db: Db,
  userId: string | null,
  cards: readonly FeedVideoCard[],
): Promise<FeedVideoCard[]> {
  if (!userId || cards.length === 0) return cards.slice();
  const { liked, followed } = (await viewerMarks(db, userId)) ?? (await queriedMarks(db, userId, cards));
  // Cards the viewer neither liked nor follows stay the shared objects (and keep their cached JSON).
  return cards.map((c) =>
    liked.has(c.id) || followed.has(c.creator.id)
      ? { ...c, liked: liked.has(c.id), creator: { ...c.creator, followed: followed.has(c.creator.id) } }
      : c,
  );
}

/** The marks of these cards only, read from the store: two batched queries. */
async function queriedMarks(
  db: Db,
  userId: string,
  cards: readonly FeedVideoCard[],
): Promise<{ liked: Set<string>; followed: Set<string> }> {
  const videoIds = cards.map((c) => c.id);
  const creatorIds = [...new Set(cards.map((c) => c.creator.id))];
  const [likes, follows] = await Promise.all([
    db
      .selectFrom('video_likes')
      .select('video_id')
      .where('user_id', '=', userId)
      .where('video_id', 'in', videoIds)
      .execute(),
    db
      .selectFrom('follows')
      .select('followee_id')
      .where('follower_id', '=', userId)
      .where('followee_id', 'in', creatorIds)
      .execute(),
  ]);
  return { liked: new Set(likes.map((l) => l.video_id)), followed: new Set(follows.map((f) => f.followee_id)) };
}

const cardJson = new WeakMap<FeedVideoCard, string>();

/** JSON text of a card, computed once per card object (cards are never mutated once built). */
export function cardToJson(card: FeedVideoCard): string {
  let text = cardJson.get(card);
  if (text === undefined) {
    text = JSON.stringify(card);
    cardJson.set(card, text);
  }
  return text;
}
