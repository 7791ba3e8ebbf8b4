/**
 * Precomputes the "people like my buyers" audience of each lookalike campaign, in the core's tick
 * (at most once per `refreshEveryMs` per campaign), never per feed request: the shop's recent
 * buyers are the seeds (a creator's: buyers of orders attributed to them), recently active signed-in people with personalisation on are the
 * candidates, their person vectors come from the interest engine (recommend's public API), and
 * the nearest ones (audience-rules.ts) are stored in `ad_audiences`. A person who turns
 * personalisation off is left out of the next computation, and the feed never serves a lookalike
 * campaign to them meanwhile (auction.ts).
 */
import type { CoreContext } from '../context.js';
import type { RecommendService } from '../recommend/index.js';
import { DEFAULT_PERSON_SETTINGS } from '../events/index.js';
import { AUDIENCE_RULES, nearestToCentroid, seedCentroid } from './audience-rules.js';
import { ownerOf } from './ad-account.js';
import type { AdOwner } from './ad-types.js';

const INSERT_CHUNK = 500;

export interface AudienceRefresh {
  campaigns: number;
  members: number;
}

/** Computes the audiences that are due; nothing while the engine is not running or warm. */
export async function refreshAdAudiences(
  ctx: CoreContext,
  engine: Pick<RecommendService, 'personVectors' | 'isWarm'> | null,
  opts: { force?: boolean } = {},
): Promise<AudienceRefresh> {
  const done: AudienceRefresh = { campaigns: 0, members: 0 };
  if (!engine?.isWarm) return done;
  const now = ctx.clock.now();
  let q = ctx.db
    .selectFrom('ad_campaigns')
    .select(['id', 'owner_kind', 'owner_id'])
    .where('status', '=', 'active')
    .where('target_lookalike', '=', 1);
  if (!opts.force)
    q = q.where((eb) =>
      eb.or([eb('audience_at', 'is', null), eb('audience_at', '<=', now - AUDIENCE_RULES.refreshEveryMs)]),
    );
  const due = await q.execute();
  if (due.length === 0) return done;
  const candidates = await activePeople(ctx, now);
  for (const c of due) {
    const members = await computeAudience(ctx, engine, ownerOf(c), candidates);
    await ctx.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('ad_audiences').where('campaign_id', '=', c.id).execute();
      for (let i = 0; i < members.length; i += INSERT_CHUNK) {
        await tx
          .insertInto('ad_audiences')
          .values(
            members
              .slice(i, i + INSERT_CHUNK)
              .map((m) => ({ campaign_id: c.id, actor_key: m.actor, similarity: m.similarity })),
          )
          .execute();
      }
      await tx
        .updateTable('ad_campaigns')
        .set({ audience_size: members.length, audience_at: now })
        .where('id', '=', c.id)
        .execute();
    });
    done.campaigns++;
    done.members += members.length;
  }
  return done;
}

/** Signed-in people active lately whose personalisation is on. */
async function activePeople(ctx: CoreContext, now: number): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('events')
    .select('user_id')
    .distinct()
    .where('user_id', 'is not', null)
    .where('received_at', '>=', now - AUDIENCE_RULES.activeWithinMs)
    .limit(AUDIENCE_RULES.maxCandidates)
    .execute();
  const ids = rows.map((r) => r.user_id!);
  const on = new Set<string>();
  const off = new Set<string>();
  for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
    const chunk = ids.slice(i, i + INSERT_CHUNK);
    const settings = await ctx.db
      .selectFrom('person_settings')
      .select(['user_id', 'personalized_recommendation'])
      .where('user_id', 'in', chunk)
      .execute();
    for (const s of settings) (Number(s.personalized_recommendation) === 1 ? on : off).add(s.user_id);
  }
  // No settings row: the defaults hold.
  return ids.filter((id) => on.has(id) || (!off.has(id) && DEFAULT_PERSON_SETTINGS.personalizedRecommendation));
}

/** The owner's recent buyers: a shop's, or those of orders attributed to the creator. */
async function recentBuyers(ctx: CoreContext, owner: AdOwner): Promise<Array<{ buyer_id: string }>> {
  const limit = AUDIENCE_RULES.maxSeeds * 4;
  if (owner.kind === 'shop')
    return ctx.db
      .selectFrom('orders')
      .select('buyer_id')
      .where('shop_id', '=', owner.id)
      .where('paid_at', 'is not', null)
      .orderBy('paid_at', 'desc')
      .limit(limit)
      .execute();
  return ctx.db
    .selectFrom('orders')
    .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
    .select('orders.buyer_id')
    .where('order_lines.attr_creator_id', '=', owner.id)
    .where('orders.paid_at', 'is not', null)
    .orderBy('orders.paid_at', 'desc')
    .limit(limit)
    .execute();
}

async function computeAudience(
  ctx: CoreContext,
  engine: Pick<RecommendService, 'personVectors'>,
  owner: AdOwner,
  candidates: readonly string[],
): Promise<Array<{ actor: string; similarity: number }>> {
  const buyers = await recentBuyers(ctx, owner);
  const seeds = [...new Set(buyers.map((b) => b.buyer_id))].slice(0, AUDIENCE_RULES.maxSeeds);
  if (seeds.length === 0) return [];
  const seedVectors = await engine.personVectors(seeds);
  if (!seedVectors) return [];
  const centroid = seedCentroid(seedVectors.dim, seedVectors.vectors, seedVectors.found);
  if (!centroid) return [];
  const isSeed = new Set(seeds);
  const people = candidates.filter((p) => !isSeed.has(p));
  if (people.length === 0) return [];
  const vectors = await engine.personVectors(people);
  if (!vectors) return [];
  return nearestToCentroid(centroid, vectors.vectors, vectors.found).map((n) => ({
    actor: people[n.index]!,
    similarity: n.similarity,
  }));
}
