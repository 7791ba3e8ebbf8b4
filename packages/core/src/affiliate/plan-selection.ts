/**
 * Which plan pays a creator for a product at a time (pure). PRODUCT.md gives each kind its range
 * but no precedence, so ours is the most specific promise first:
 *
 *   exclusive (named for this creator) > targeted (creator approved) > colonel (the creator
 *   picked the product through that activity, while it runs) > general (every creator).
 *
 * Within a kind the higher rate for the creator wins, then the older plan. A merchant's targeted
 * plan below its general rate therefore really applies to the creators who joined it.
 * A creator who picked the product through a colonel's running activity pays that colonel's
 * service fee out of the commission of whichever plan wins (a targeted rate the merchant granted
 * later included), never more than the commission. A plan
 * counts only while it has a rate for the creator at that time (see rate-changes.ts: T+1 cuts
 * and the protection window). A creator selling a product of a shop they belong to earns no
 * commission (dual identity): the decision says `self_commission` and every rate is zero.
 */
import type { PlanKind } from './affiliate-rules.js';
import { rateFor, type RateChange } from './rate-changes.js';

export interface PlanView {
  id: string;
  kind: PlanKind;
  productId: string;
  /** Exclusive plans: the one creator. */
  creatorId: string | null;
  createdAt: number;
  changes: RateChange[];
  /** Targeted plans: the approved creators. */
  members: ReadonlySet<string>;
  /** Colonel plans: the activity's colonel, fee and period. */
  activity: { id: string; colonelId: string; serviceFeeBp: number; startsAt: number; endsAt: number } | null;
}

/** What the platform knows about a creator and one product. */
export interface CreatorStanding {
  /** When the creator first added the product to the showcase (null: never). */
  promotedAt: number | null;
  /** The colonel plan the creator picked the product through, if any. */
  viaPlanId: string | null;
  /** The creator is a member of the product's shop. */
  ownsShop: boolean;
}

export interface Candidate {
  planId: string;
  kind: PlanKind;
  rateBp: number | null;
  eligible: boolean;
  why: string;
}

export type ChoiceReason = 'plan' | 'self_commission' | 'not_open' | 'no_plan';

export interface PlanChoice {
  reason: ChoiceReason;
  planId: string | null;
  kind: PlanKind | null;
  /** What the merchant pays: the plan's rate. */
  rateBp: number;
  /** What the creator earns (of which an MCN may take its share): the rate less any colonel fee. */
  creatorRateBp: number;
  colonelId: string | null;
  colonelFeeBp: number;
  activityId: string | null;
  /** An old rate kept after a cut. */
  protected: boolean;
  candidates: Candidate[];
}

export const KIND_PRIORITY: Record<PlanKind, number> = { exclusive: 4, targeted: 3, colonel: 2, general: 1 };

function eligibility(p: PlanView, creatorId: string, standing: CreatorStanding, at: number): string {
  switch (p.kind) {
    case 'general':
      return 'open to every creator';
    case 'targeted':
      return p.members.has(creatorId) ? 'approved creator' : '!not a creator of this targeted plan';
    case 'exclusive':
      return p.creatorId === creatorId ? 'the exclusive creator' : '!exclusive to another creator';
    case 'colonel':
      if (standing.viaPlanId !== p.id) return '!not picked through this activity';
      return p.activity && p.activity.startsAt <= at && at < p.activity.endsAt
        ? 'picked through the activity'
        : '!the activity is not running';
  }
}

const netRate = (p: PlanView, rate: number): number => Math.max(0, rate - (p.activity?.serviceFeeBp ?? 0));

export function choosePlan(
  plans: readonly PlanView[],
  creatorId: string,
  standing: CreatorStanding,
  at: number,
  protectionWindowMs: number,
): PlanChoice {
  const candidates: Candidate[] = [];
  let best: { p: PlanView; rate: number; kept: boolean } | null = null;
  for (const p of plans) {
    let why = eligibility(p, creatorId, standing, at);
    const rate = rateFor(p.changes, at, standing.promotedAt, protectionWindowMs);
    if (!why.startsWith('!') && rate === null) why = '!no rate in force';
    const eligible = !why.startsWith('!');
    candidates.push({
      planId: p.id,
      kind: p.kind,
      rateBp: rate?.rateBp ?? null,
      eligible,
      why: eligible ? why : why.slice(1),
    });
    if (!eligible || !rate) continue;
    if (!best || better(p, rate.rateBp, best.p, best.rate)) best = { p, rate: rate.rateBp, kept: rate.protected };
  }
  // The colonel who brought the creator to this product: the colonel plan the creator picked it through, while it applies.
  const brought =
    plans.find(
      (p) =>
        p.kind === 'colonel' && p.id === standing.viaPlanId && candidates.some((c) => c.planId === p.id && c.eligible),
    )?.activity ?? null;
  const none = {
    planId: null,
    kind: null,
    rateBp: 0,
    creatorRateBp: 0,
    colonelId: null,
    colonelFeeBp: 0,
    activityId: null,
    protected: false,
    candidates,
  };
  if (!best) return { ...none, reason: plans.length === 0 ? 'no_plan' : 'not_open' };
  if (standing.ownsShop) return { ...none, reason: 'self_commission' };
  const fee = brought ? Math.min(brought.serviceFeeBp, best.rate) : 0;
  return {
    reason: 'plan',
    planId: best.p.id,
    kind: best.p.kind,
    rateBp: best.rate,
    creatorRateBp: best.rate - fee,
    colonelId: brought?.colonelId ?? null,
    colonelFeeBp: fee,
    activityId: brought?.id ?? null,
    protected: best.kept,
    candidates,
  };
}

function better(a: PlanView, rateA: number, b: PlanView, rateB: number): boolean {
  if (KIND_PRIORITY[a.kind] !== KIND_PRIORITY[b.kind]) return KIND_PRIORITY[a.kind] > KIND_PRIORITY[b.kind];
  const na = netRate(a, rateA);
  const nb = netRate(b, rateB);
  if (na !== nb) return na > nb;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt;
  return a.id < b.id;
}
