/**
 * The commission snapshot of one order line (pure): the winning touch's creator, the plan that
 * pays them and its rate, the colonel's fee out of that rate, the MCN's share of what is left,
 * and the decision as JSON so anyone can see later why the line pays what it pays. Money
 * (ledger/settlement.ts) settles from these columns only.
 */
import type { AffiliateContext } from './affiliate-context.js';
import { standingOf } from './affiliate-context.js';
import type { Attribution, Touch } from './attribution-rules.js';
import { choosePlan } from './plan-selection.js';

export interface LineSnapshot {
  attr_source: string;
  attr_content_id: string | null;
  attr_creator_id: string | null;
  creator_rate_bp: number;
  mcn_id: string | null;
  mcn_share_bp: number;
  colonel_id: string | null;
  colonel_fee_bp: number;
  plan_id: string | null;
  plan_kind: string | null;
  rate_decision: string | null;
}

/** No verified creator: the card the buyer reported is kept for analytics; nobody earns a commission. */
export function unattributed(claim: Attribution): LineSnapshot {
  return {
    attr_source: claim.source,
    attr_content_id: claim.contentId ?? null,
    attr_creator_id: claim.creatorId ?? null,
    creator_rate_bp: 0,
    mcn_id: null,
    mcn_share_bp: 0,
    colonel_id: null,
    colonel_fee_bp: 0,
    plan_id: null,
    plan_kind: null,
    rate_decision: null,
  };
}

export interface DecisionInput {
  touch: Touch;
  productId: string;
  shopId: string;
  at: number;
  /** The line's platform fee: commission and service fee never take more than what is left. */
  feeRateBp: number;
  protectionWindowMs: number;
}

export function decideLine(c: AffiliateContext, input: DecisionInput): LineSnapshot {
  const { touch } = input;
  const choice = choosePlan(
    c.plans.get(input.productId) ?? [],
    touch.creatorId,
    standingOf(c, touch.creatorId, input.productId, input.shopId),
    input.at,
    input.protectionWindowMs,
  );
  const room = Math.max(0, 10_000 - input.feeRateBp);
  const colonelFeeBp = Math.min(choice.colonelFeeBp, room);
  const creatorRateBp = Math.min(choice.creatorRateBp, room - colonelFeeBp);
  const capped = colonelFeeBp !== choice.colonelFeeBp || creatorRateBp !== choice.creatorRateBp;
  const contract = creatorRateBp > 0 ? (c.contracts.get(touch.creatorId) ?? null) : null;
  const decision = {
    touch,
    reason: choice.reason,
    planId: choice.planId,
    kind: choice.kind,
    rateBp: choice.rateBp,
    creatorRateBp,
    protected: choice.protected,
    ...(capped ? { cappedBy: { feeRateBp: input.feeRateBp } } : {}),
    colonel: choice.colonelId
      ? { colonelId: choice.colonelId, activityId: choice.activityId, serviceFeeBp: colonelFeeBp }
      : null,
    mcn: contract ? { mcnId: contract.mcnId, contractId: contract.contractId, shareBp: contract.shareBp } : null,
    candidates: choice.candidates,
  };
  return {
    attr_source: touch.source,
    attr_content_id: touch.contentId,
    attr_creator_id: touch.creatorId,
    creator_rate_bp: creatorRateBp,
    mcn_id: contract?.mcnId ?? null,
    mcn_share_bp: contract?.shareBp ?? 0,
    colonel_id: choice.colonelId,
    colonel_fee_bp: colonelFeeBp,
    plan_id: choice.planId,
    plan_kind: choice.kind ?? 'none',
    rate_decision: JSON.stringify(decision),
  };
}
