/**
 * Merchant commands on commission plans: open a general, targeted or exclusive plan on a
 * product, change its rate (rate-changes.ts decides when the change applies), close it, and
 * name creators of a targeted plan. One transaction each; a refused change writes nothing.
 */
import type { Actor, CoreContext, Tx } from '../context.js';
import { DomainError, invalid, newId } from '../platform/index.js';
import {
  checkPlanRate,
  DEFAULT_AFFILIATE_RULES,
  planRateRange,
  type AffiliateRules,
  type PlanKind,
} from './affiliate-rules.js';
import { ownProduct, refuseSelfCommission, requireCreators } from './access.js';
import { planRateChange, type PlannedChange } from './rate-changes.js';
import { activityTerms, lockOwnPlan, planChanges, requireLive, summarize, type PlanSummary } from './plan-store.js';

export const MAX_NAMED_CREATORS = 50;
/** A plan's name, in characters (after trimming). */
export const PLAN_NAME_MAX = 40;

export interface PlanInput {
  kind: Exclude<PlanKind, 'colonel'>;
  rateBp: number;
  name?: string | undefined;
  /** Targeted: the creators named at once (approved). */
  creatorIds?: string[] | undefined;
  /** Exclusive: the one creator. */
  creatorId?: string | undefined;
}

const DEFAULT_NAMES: Record<PlanKind, string> = {
  general: '普通计划',
  targeted: '定向计划',
  exclusive: '专属计划',
  colonel: '团长活动',
};

function checkName(name: string | undefined, kind: PlanKind): string {
  const n = (name ?? DEFAULT_NAMES[kind]).trim();
  if (n.length < 1 || n.length > PLAN_NAME_MAX)
    throw invalid(`name must be 1–${PLAN_NAME_MAX} characters`, { field: 'name' });
  return n;
}

const isUniqueViolation = (err: unknown): boolean =>
  /unique|duplicate key/i.test(String((err as Error)?.message ?? ''));

export async function createPlan(
  ctx: CoreContext,
  actor: Actor,
  productId: string,
  input: PlanInput,
): Promise<PlanSummary> {
  const kind = input.kind;
  if (!['general', 'targeted', 'exclusive'].includes(kind))
    throw invalid('kind must be general, targeted or exclusive', { field: 'kind' });
  const name = checkName(input.name, kind);
  const product = await ownProduct(ctx.db, actor, productId);
  checkPlanRate(kind, input.rateBp);
  const named = [...new Set(input.creatorIds ?? [])];
  if (kind !== 'targeted' && input.creatorIds !== undefined)
    throw invalid('creatorIds are for targeted plans', { field: 'creatorIds' });
  if (named.length > MAX_NAMED_CREATORS)
    throw invalid(`a targeted plan names at most ${MAX_NAMED_CREATORS} creators at once`, { field: 'creatorIds' });
  if (kind === 'exclusive' && !input.creatorId)
    throw invalid('an exclusive plan names its creator', { field: 'creatorId' });
  if (kind !== 'exclusive' && input.creatorId !== undefined)
    throw invalid('creatorId is for exclusive plans', { field: 'creatorId' });
  const creators = kind === 'exclusive' ? [input.creatorId!] : named;
  await requireCreators(ctx.db, creators);
  await refuseSelfCommission(ctx.db, product.shopId, creators);
  const now = ctx.clock.now();
  const id = newId('affiliatePlan', now);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      if (kind !== 'targeted') {
        const open = await tx
          .selectFrom('affiliate_plans')
          .select('id')
          .where('product_id', '=', productId)
          .where('kind', '=', kind)
          .where('status', '=', 'active')
          .where('closes_at', 'is', null)
          .executeTakeFirst();
        if (open) throw planExists(kind, open.id);
      }
      await tx
        .insertInto('affiliate_plans')
        .values({
          id,
          shop_id: product.shopId,
          product_id: productId,
          kind,
          name,
          creator_id: kind === 'exclusive' ? input.creatorId! : null,
          activity_id: null,
          status: 'active',
          close_requested_at: null,
          closes_at: null,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await tx
        .insertInto('affiliate_plan_rates')
        .values({
          id: newId('planRate', now),
          plan_id: id,
          change: 'open',
          rate_bp: input.rateBp,
          requested_at: now,
          effective_at: now,
          superseded_at: null,
          requested_by: actor.userId,
        })
        .execute();
      if (kind === 'targeted' && named.length) await addMembers(tx, id, product.shopId, named, actor.userId, now);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw planExists(kind, null);
    throw err;
  }
  return (await loadSummaries(ctx, [id]))[0]!;
}

const planExists = (kind: PlanKind, planId: string | null): DomainError =>
  new DomainError('PLAN_EXISTS', `this product already has an open ${kind} plan; change its rate, or close it first`, {
    kind,
    planId,
  });

async function addMembers(
  tx: Tx,
  planId: string,
  shopId: string,
  creatorIds: readonly string[],
  by: string,
  now: number,
): Promise<void> {
  for (const creatorId of creatorIds) {
    await tx
      .insertInto('affiliate_plan_members')
      .values({
        plan_id: planId,
        creator_id: creatorId,
        shop_id: shopId,
        status: 'approved',
        source: 'named',
        note: '',
        created_at: now,
        decided_at: now,
        decided_by: by,
      })
      .onConflict((oc) =>
        oc.columns(['plan_id', 'creator_id']).doUpdateSet({ status: 'approved', decided_at: now, decided_by: by }),
      )
      .execute();
  }
}

export interface RateChangeResult {
  plan: PlanSummary;
  change: PlannedChange['change'];
  effectiveAt: number;
}

/** Changes a plan's rate (or closes it with `rateBp: null`). */
export async function changePlanRate(
  ctx: CoreContext,
  actor: Actor,
  planId: string,
  rateBp: number | null,
  rules: AffiliateRules = DEFAULT_AFFILIATE_RULES,
): Promise<RateChangeResult> {
  const now = ctx.clock.now();
  const planned = await ctx.db.transaction().execute(async (tx) => {
    const plan = await lockOwnPlan(tx, actor, planId, now);
    requireLive(plan, now);
    const changes = (await planChanges(tx, [planId])).get(planId) ?? [];
    const range = planRateRange(plan.kind as PlanKind, await activityTerms(tx, plan.activity_id));
    const p = planRateChange(changes, { kind: plan.kind as PlanKind, rateBp, range, now, rules });
    if (p.supersedes.length)
      await tx
        .updateTable('affiliate_plan_rates')
        .set({ superseded_at: now })
        .where('id', 'in', p.supersedes)
        .execute();
    await tx
      .insertInto('affiliate_plan_rates')
      .values({
        id: newId('planRate', now),
        plan_id: planId,
        change: p.change,
        rate_bp: p.rateBp,
        requested_at: now,
        effective_at: p.effectiveAt,
        superseded_at: null,
        requested_by: actor.userId,
      })
      .execute();
    if (p.change === 'close')
      await tx
        .updateTable('affiliate_plans')
        .set({ close_requested_at: now, closes_at: p.effectiveAt })
        .where('id', '=', planId)
        .execute();
    return p;
  });
  return { plan: (await loadSummaries(ctx, [planId]))[0]!, change: planned.change, effectiveAt: planned.effectiveAt };
}

export const closePlan = (ctx: CoreContext, actor: Actor, planId: string): Promise<RateChangeResult> =>
  changePlanRate(ctx, actor, planId, null);

/** Names more creators of a targeted plan (approved at once). */
export async function addTargetedCreators(
  ctx: CoreContext,
  actor: Actor,
  planId: string,
  creatorIds: string[],
): Promise<PlanSummary> {
  const ids = [...new Set(creatorIds)];
  if (ids.length < 1 || ids.length > MAX_NAMED_CREATORS)
    throw invalid(`name 1–${MAX_NAMED_CREATORS} creators`, { field: 'creatorIds' });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const plan = await lockOwnPlan(tx, actor, planId, now);
    if (plan.kind !== 'targeted')
      throw new DomainError('NOT_TARGETED', 'only a targeted plan names creators', { planId, kind: plan.kind });
    requireLive(plan, now);
    await requireCreators(tx, ids);
    await refuseSelfCommission(tx, plan.shop_id, ids);
    await addMembers(tx, planId, plan.shop_id, ids, actor.userId, now);
  });
  return (await loadSummaries(ctx, [planId]))[0]!;
}

export async function loadSummaries(ctx: CoreContext, planIds: readonly string[]): Promise<PlanSummary[]> {
  if (planIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('affiliate_plans')
    .selectAll()
    .where('id', 'in', [...planIds])
    .execute();
  const changes = await planChanges(ctx.db, planIds);
  const now = ctx.clock.now();
  const byId = new Map(rows.map((r) => [r.id, summarize(r, changes.get(r.id) ?? [], now)]));
  return planIds.flatMap((id) => byId.get(id) ?? []);
}
