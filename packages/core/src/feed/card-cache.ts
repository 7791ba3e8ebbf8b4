/**
 * Cards of the videos the engine recommends, which come from the whole catalogue (the feed's
 * snapshot holds only its own few thousand): cached for CARD_TTL_MS, and the misses of the pages
 * being served at the same moment loaded together, one batch of queries per tick rather than
 * one per page (on SQLite each batch blocks the event loop, so fewer and larger is cheaper).
 */
import type { CoreContext } from '../context.js';
import { runtimePart, runtimeOf } from '../platform/index.js';
import type { FeedSnapshot } from './candidates.js';
import { loadFeedCards, type FeedVideoCard } from './video-cards.js';

const CARD_TTL_MS = 30_000;
/** Room for the cards of a TTL's worth of pages. */
const CARD_CACHE_MAX = 50_000;

/** Distinct shared parts remembered before starting afresh (cards keep the copies they have). */
const MAX_PARTS = 20_000;

/**
 * One copy of what many cached cards hold alike: a creator's or shop's object, an anchor list, a
 * hashtag list and short strings (status, URLs). Cards come fresh from the store, each with its
 * own copies; the cache holds tens of thousands of them and most share a few hundred creators
 * and products. The shared parts are equal in value (so each card's JSON is unchanged) and cards
 * are never mutated once cached.
 */
class CardParts {
  private readonly parts = new Map<string, unknown>();
  private readonly strings = new Map<string, string>();

  private part<T>(value: T): T {
    const key = JSON.stringify(value);
    const hit = this.parts.get(key);
    if (hit !== undefined) return hit as T;
    if (this.parts.size >= MAX_PARTS) this.parts.clear();
    this.parts.set(key, value);
    return value;
  }

  private string(value: string): string {
    const hit = this.strings.get(value);
    if (hit !== undefined) return hit;
    if (this.strings.size >= MAX_PARTS) this.strings.clear();
    this.strings.set(value, value);
    return value;
  }

  /** The card with its shared parts replaced by the one copy (in place: the card is not shared yet). */
  share(card: FeedVideoCard): void {
    card.creator = this.part(card.creator);
    if (card.shop) card.shop = this.part(card.shop);
    if (card.anchors.length) card.anchors = this.part(card.anchors);
    if (card.hashtags.length) card.hashtags = this.part(card.hashtags);
    card.status = this.string(card.status);
    card.videoUrl = this.string(card.videoUrl);
    if (card.posterUrl !== null) card.posterUrl = this.string(card.posterUrl);
  }
}

interface CachedCard {
  card: FeedVideoCard;
  at: number;
}

interface Batch {
  ids: Set<string>;
  loaded: Promise<Map<string, FeedVideoCard>>;
}

class CardCache {
  private readonly cards = new Map<string, CachedCard>();
  private next: Batch | null = null;
  private readonly parts = new CardParts();

  constructor(private readonly db: CoreContext['db']) {}

  get(id: string, now: number): FeedVideoCard | undefined {
    const hit = this.cards.get(id);
    return hit && now - hit.at < CARD_TTL_MS ? hit.card : undefined;
  }

  /** Loads the cards in the next batch (started on the next tick), and caches them. */
  load(ids: readonly string[]): Promise<Map<string, FeedVideoCard>> {
    if (!this.next) {
      const batch: Batch = { ids: new Set(), loaded: Promise.resolve(new Map()) };
      batch.loaded = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        if (this.next === batch) this.next = null;
        return this.store(loadFeedCards(this.db, [...batch.ids]));
      });
      this.next = batch;
    }
    for (const id of ids) this.next.ids.add(id);
    return this.next.loaded;
  }

  private async store(loading: Promise<Map<string, FeedVideoCard>>): Promise<Map<string, FeedVideoCard>> {
    const loaded = await loading;
    const now = performance.now();
    for (const [id, card] of loaded) {
      this.parts.share(card);
      // Re-inserted at the end, so the map stays in load order and the oldest go first when full.
      this.cards.delete(id);
      this.cards.set(id, { card, at: now });
    }
    for (const id of this.cards.keys()) {
      if (this.cards.size <= CARD_CACHE_MAX) break;
      this.cards.delete(id);
    }
    return loaded;
  }
}

const cardCachePart = runtimePart<CardCache, CoreContext['db']>('recommend.card-cache', (db) => new CardCache(db));

/** Cards by id from the snapshot, the cache, or the store (ids that do not exist are left out). */
export async function cardsFor(
  ctx: CoreContext,
  ids: readonly string[],
  snapshot: FeedSnapshot,
): Promise<Map<string, FeedVideoCard>> {
  const cache = runtimeOf(ctx.db).use(cardCachePart);
  const now = performance.now();
  const out = new Map<string, FeedVideoCard>();
  const missing: string[] = [];
  for (const id of ids) {
    const card = snapshot.cards.get(id) ?? cache.get(id, now);
    if (card) out.set(id, card);
    else missing.push(id);
  }
  if (missing.length) {
    const loaded = await cache.load(missing);
    for (const id of missing) {
      const card = loaded.get(id);
      if (card) out.set(id, card);
    }
  }
  return out;
}
