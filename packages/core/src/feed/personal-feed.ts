/**
 * The recommend tab's personalised page: the engine's ranked videos (each with its reason),
 * as cards from the feed snapshot or the card cache (card-cache.ts), topped up from the non-personalised
 * sources when the engine has too few, so a session never ends early.
 */
import type { Reason, Recommended } from '@zhongcao/recsys';
import type { CoreContext } from '../context.js';
import { EngineStopped, recommendService, remoteEngine, type HeadPair, type ShownFilter } from '../recommend/index.js';
import type { FeedSnapshot } from './candidates.js';
import type { FeedVideoCard } from './video-cards.js';
import { cardsFor } from './card-cache.js';

const SPARE = 4;

const syncedSnapshots = new WeakMap<FeedSnapshot, Promise<void>>();

export interface PersonalPage {
  cards: FeedVideoCard[];
  reasons: Reason[];
  /** Paid traffic's candidate creatives' heads for this person, when asked and the engine answered. */
  creativeHeads?: Map<string, HeadPair> | null;
}

/**
 * Up to `limit` cards for the actor; `topUp` supplies non-personalised picks when the engine runs
 * short. `creatives` (only for a person with personalisation on): paid traffic's candidate
 * creatives, whose heads for the actor come back with the engine's page.
 */
export async function personalFeedPage(
  ctx: CoreContext,
  actorKey: string,
  shown: ShownFilter,
  limit: number,
  snapshot: FeedSnapshot,
  topUp: (n: number, isTaken: (id: string) => boolean) => Promise<Array<{ card: FeedVideoCard; reason: Reason }>>,
  creatives?: readonly string[],
): Promise<PersonalPage> {
  const remote = remoteEngine(ctx);
  // While the engine warms up (seconds after a start), or if its thread failed, pages are the non-personalised ones.
  const unpersonalised = async (): Promise<PersonalPage> => {
    const picks = await topUp(limit, () => false);
    return { cards: picks.map((p) => p.card), reasons: picks.map((p) => p.reason) };
  };
  let recs: Recommended[];
  let creativeHeads: Map<string, HeadPair> | null = null;
  const service = remote ? null : recommendService(ctx);
  if (remote) {
    // Scaled mode: an engine-role replica answers within its deadline, or the page is the non-personalised one.
    const answer = await remote.recommend(actorKey, limit + SPARE, shown, creatives);
    if (!answer) return unpersonalised();
    recs = answer.recs;
    creativeHeads = answer.heads;
  } else {
    if (!service!.isWarm) return unpersonalised();
    let sync = syncedSnapshots.get(snapshot);
    if (!sync) {
      sync = service!.learnVideos([...snapshot.newIds, ...snapshot.popularIds, ...snapshot.moreIds]);
      syncedSnapshots.set(snapshot, sync);
    }
    await sync;
    try {
      ({ recs, heads: creativeHeads } = await service!.page(actorKey, limit + SPARE, shown, creatives));
    } catch (err) {
      if (err instanceof EngineStopped) return unpersonalised();
      throw err;
    }
  }
  const cards = await cardsFor(
    ctx,
    recs.map((r) => r.videoId),
    snapshot,
  );
  const page: PersonalPage = { cards: [], reasons: [], ...(creatives?.length ? { creativeHeads } : {}) };
  for (const r of recs) {
    if (page.cards.length >= limit) break;
    const card = cards.get(r.videoId);
    if (card?.status !== 'published') {
      service?.removeVideo(r.videoId);
      continue;
    }
    page.cards.push(card);
    page.reasons.push(r.reason);
  }
  if (page.cards.length < limit) {
    const taken = new Set(page.cards.map((c) => c.id));
    for (const { card, reason } of await topUp(limit - page.cards.length, (id) => taken.has(id))) {
      page.cards.push(card);
      page.reasons.push(reason);
    }
  }
  return page;
}
