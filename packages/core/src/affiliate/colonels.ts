/**
 * Colonel activities (招商活动): a colonel opens an activity with a commission floor and a
 * service fee; merchants apply products into it at a rate at or above the floor (a colonel plan,
 * pending until the colonel approves); creators who pick a product through the activity pay the
 * service fee out of the commission (commission + fee ≤ 90 %, fee ≤ 40 %). Terms never change
 * after opening, so no order's promise is rewritten.
 */
import type { Actor, CoreContext } from '../context.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';
import { DAY_MS } from '../platform/index.js';
import { checkActivityTerms, checkPlanRate, type ActivityTerms } from './affiliate-rules.js';
import { ownProduct, requireColonel } from './access.js';
import { loadSummaries } from './plans.js';
import { planChanges, type PlanSummary } from './plan-store.js';

export interface ActivityInput extends ActivityTerms {
  name: string;
  startsAt?: number | undefined;
  endsAt: number;
}

export interface ActivityView extends ActivityTerms {
  id: string;
  colonelId: string;
  name: string;
  startsAt: number;
  endsAt: number;
  running: boolean;
  createdAt: number;
}

type ActivityRow = {
  id: string;
  colonel_id: string;
  name: string;
  commission_floor_bp: number;
  service_fee_bp: number;
  starts_at: number;
  ends_at: number;
  created_at: number;
};

const view = (a: ActivityRow, now: number): ActivityView => ({
  id: a.id,
  colonelId: a.colonel_id,
  name: a.name,
  commissionFloorBp: Number(a.commission_floor_bp),
  serviceFeeBp: Number(a.service_fee_bp),
  startsAt: Number(a.starts_at),
  endsAt: Number(a.ends_at),
  running: Number(a.starts_at) <= now && now < Number(a.ends_at),
  createdAt: Number(a.created_at),
});

/** A colonel activity's name, in characters (after trimming). */
export const ACTIVITY_NAME_MAX = 40;

export async function createActivity(ctx: CoreContext, actor: Actor, input: ActivityInput): Promise<ActivityView> {
  requireColonel(actor);
  const name = input.name.trim();
  if (name.length < 1 || name.length > ACTIVITY_NAME_MAX)
    throw invalid(`name must be 1–${ACTIVITY_NAME_MAX} characters`, { field: 'name' });
  checkActivityTerms(input);
  const now = ctx.clock.now();
  const startsAt = input.startsAt ?? now;
  if (
    !Number.isSafeInteger(startsAt) ||
    !Number.isSafeInteger(input.endsAt) ||
    input.endsAt <= startsAt ||
    input.endsAt <= now ||
    input.endsAt - startsAt > 366 * DAY_MS
  ) {
    throw new DomainError(
      'INVALID_PERIOD',
      'an activity ends after it starts, in the future, and lasts at most a year',
      { startsAt, endsAt: input.endsAt },
    );
  }
  const row: ActivityRow = {
    id: newId('colonelActivity', now),
    colonel_id: actor.userId,
    name,
    commission_floor_bp: input.commissionFloorBp,
    service_fee_bp: input.serviceFeeBp,
    starts_at: startsAt,
    ends_at: input.endsAt,
    created_at: now,
  };
  await ctx.db.insertInto('colonel_activities').values(row).execute();
  return view(row, now);
}

/** The colonel's own activities, newest first. */
export async function myActivities(ctx: CoreContext, actor: Actor): Promise<{ items: ActivityView[] }> {
  requireColonel(actor);
  const rows = await ctx.db
    .selectFrom('colonel_activities')
    .selectAll()
    .where('colonel_id', '=', actor.userId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return { items: rows.map((r) => view(r, ctx.clock.now())) };
}

/** Activities merchants may apply to and creators may pick from: not yet ended. */
export async function openActivities(ctx: CoreContext): Promise<{ items: ActivityView[] }> {
  const now = ctx.clock.now();
  const rows = await ctx.db
    .selectFrom('colonel_activities')
    .selectAll()
    .where('ends_at', '>', now)
    .orderBy('ends_at')
    .limit(200)
    .execute();
  return { items: rows.map((r) => view(r, now)) };
}

/** A merchant applies a product into an activity at a rate; pending until the colonel decides. */
export async function applyToActivity(
  ctx: CoreContext,
  actor: Actor,
  productId: string,
  input: { activityId: string; rateBp: number },
): Promise<PlanSummary> {
  const product = await ownProduct(ctx.db, actor, productId);
  const now = ctx.clock.now();
  const activity = await ctx.db
    .selectFrom('colonel_activities')
    .selectAll()
    .where('id', '=', input.activityId)
    .executeTakeFirst();
  if (!activity) throw notFound('activity', input.activityId);
  if (Number(activity.ends_at) <= now)
    throw new DomainError('ACTIVITY_ENDED', 'this activity has ended', { activityId: input.activityId });
  checkPlanRate('colonel', input.rateBp, {
    commissionFloorBp: Number(activity.commission_floor_bp),
    serviceFeeBp: Number(activity.service_fee_bp),
  });
  const id = newId('affiliatePlan', now);
  await ctx.db.transaction().execute(async (tx) => {
    const seen = await tx
      .selectFrom('affiliate_plans')
      .select('id')
      .where('product_id', '=', productId)
      .where('activity_id', '=', input.activityId)
      .where('status', 'in', ['pending', 'active'])
      .where('closes_at', 'is', null)
      .executeTakeFirst();
    if (seen)
      throw new DomainError('PLAN_EXISTS', 'this product is already in (or applying to) this activity', {
        planId: seen.id,
      });
    await tx
      .insertInto('affiliate_plans')
      .values({
        id,
        shop_id: product.shopId,
        product_id: productId,
        kind: 'colonel',
        name: activity.name.slice(0, 40),
        creator_id: null,
        activity_id: input.activityId,
        status: 'pending',
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
  });
  return (await loadSummaries(ctx, [id]))[0]!;
}

export interface ActivityApplication extends PlanSummary {
  productTitle: string;
  /** The rate the merchant applied with (shown while the application waits; `rateBp` is null until approved). */
  requestedRateBp: number | null;
}

/** Products applied into one of the colonel's activities. */
export async function activityApplications(
  ctx: CoreContext,
  actor: Actor,
  activityId: string,
  status?: string,
): Promise<{ items: ActivityApplication[] }> {
  requireColonel(actor);
  const activity = await ctx.db
    .selectFrom('colonel_activities')
    .select('colonel_id')
    .where('id', '=', activityId)
    .executeTakeFirst();
  if (!activity || activity.colonel_id !== actor.userId) throw notFound('activity', activityId);
  let q = ctx.db
    .selectFrom('affiliate_plans')
    .innerJoin('products', 'products.id', 'affiliate_plans.product_id')
    .select(['affiliate_plans.id', 'products.title'])
    .where('affiliate_plans.activity_id', '=', activityId)
    .orderBy('affiliate_plans.id', 'desc')
    .limit(500);
  if (status) q = q.where('affiliate_plans.status', '=', status);
  const rows = await q.execute();
  const titles = new Map(rows.map((r) => [r.id, r.title]));
  const summaries = await loadSummaries(
    ctx,
    rows.map((r) => r.id),
  );
  const changes = await planChanges(
    ctx.db,
    rows.map((r) => r.id),
  );
  const requested = (id: string): number | null =>
    (changes.get(id) ?? []).filter((c) => c.supersededAt === null).at(-1)?.rateBp ?? null;
  return {
    items: summaries.map((s) => ({ ...s, productTitle: titles.get(s.id) ?? '', requestedRateBp: requested(s.id) })),
  };
}

/** The colonel approves (the plan opens at once) or rejects a product application. */
export async function decideActivityProduct(
  ctx: CoreContext,
  actor: Actor,
  planId: string,
  decision: 'approve' | 'reject',
): Promise<PlanSummary> {
  requireColonel(actor);
  const now = ctx.clock.now();
  const plan = await ctx.db
    .selectFrom('affiliate_plans')
    .innerJoin('colonel_activities', 'colonel_activities.id', 'affiliate_plans.activity_id')
    .select(['affiliate_plans.status', 'colonel_activities.colonel_id', 'colonel_activities.ends_at'])
    .where('affiliate_plans.id', '=', planId)
    .executeTakeFirst();
  if (!plan || plan.colonel_id !== actor.userId) throw notFound('activity product', planId);
  if (decision === 'approve' && Number(plan.ends_at) <= now)
    throw new DomainError('ACTIVITY_ENDED', 'this activity has ended', { planId });
  const to = decision === 'approve' ? 'active' : 'rejected';
  await ctx.db.transaction().execute(async (tx) => {
    const done = await tx
      .updateTable('affiliate_plans')
      .set({ status: to, updated_at: now })
      .where('id', '=', planId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1)
      throw new DomainError('INVALID_TRANSITION', `the application is ${plan.status}, not pending`, {
        from: plan.status,
        to,
      });
    // The merchant's rate applies from the approval on.
    if (to === 'active')
      await tx
        .updateTable('affiliate_plan_rates')
        .set({ requested_at: now, effective_at: now })
        .where('plan_id', '=', planId)
        .where('change', '=', 'open')
        .execute();
  });
  return (await loadSummaries(ctx, [planId]))[0]!;
}
