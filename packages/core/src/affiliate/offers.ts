/**
 * What a product offers a creator now: the plan decision the checkout would take (same code),
 * used to refuse promoting products not open to the creator and to show rates in read models.
 */
import type { Db, Tx } from '../context.js';
import { DomainError } from '../platform/index.js';
import { DEFAULT_AFFILIATE_RULES } from './affiliate-rules.js';
import { loadAffiliateContext, standingOf, type AffiliateContext } from './affiliate-context.js';
import { choosePlan, type PlanChoice } from './plan-selection.js';

export interface OfferQuery {
  creatorId: string;
  products: ReadonlyArray<{ productId: string; shopId: string }>;
  now: number;
  /** Pretend the creator picked the product through this colonel plan (adding it through an activity). */
  viaPlanId?: string | null;
}

export async function offers(
  db: Db | Tx,
  q: OfferQuery,
): Promise<{ choices: Map<string, PlanChoice>; context: AffiliateContext }> {
  const window = DEFAULT_AFFILIATE_RULES.protectionWindowMs;
  const context = await loadAffiliateContext(db, {
    productIds: q.products.map((p) => p.productId),
    creatorIds: [q.creatorId],
    shopIds: q.products.map((p) => p.shopId),
    now: q.now,
    protectionWindowMs: window,
  });
  const choices = new Map<string, PlanChoice>();
  for (const p of q.products) {
    const standing = standingOf(context, q.creatorId, p.productId, p.shopId);
    if (q.viaPlanId) standing.viaPlanId = q.viaPlanId;
    choices.set(p.productId, choosePlan(context.plans.get(p.productId) ?? [], q.creatorId, standing, q.now, window));
  }
  return { choices, context };
}

/** Throws PRODUCT_NOT_OPEN unless some plan pays the creator (or it is their own shop's product: dual identity, no commission). */
export function requireOpen(choice: PlanChoice, productId: string): void {
  if (choice.reason === 'plan' || choice.reason === 'self_commission') return;
  throw new DomainError(
    'PRODUCT_NOT_OPEN',
    'no commission plan of this product is open to you: apply to its targeted plan, or pick it through a colonel activity',
    {
      productId,
      reason: choice.reason,
      plans: choice.candidates.map((c) => ({ planId: c.planId, kind: c.kind, why: c.why })),
    },
  );
}
