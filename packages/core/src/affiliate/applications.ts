/**
 * Applications to targeted plans: a creator applies (pending), the merchant approves or rejects.
 * Approval takes effect at once; the creator earns the plan's rate on orders placed after it.
 */
import { assertShopNotPenalised } from '../violations/index.js';
import type { Actor, CoreContext } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import { DomainError, invalid, notFound } from '../platform/index.js';
import { displayNames, refuseSelfCommission, requireCreator } from './access.js';
import { loadPlan, requireLive } from './plan-store.js';

export interface ApplicationView {
  planId: string;
  creatorId: string;
  displayName: string;
  shopId: string;
  status: string;
  source: string;
  note: string;
  createdAt: number;
  decidedAt: number | null;
}

/** A creator's note with an application, in characters (after trimming). */
export const APPLICATION_NOTE_MAX = 200;

export async function applyToPlan(ctx: CoreContext, actor: Actor, planId: string, note = ''): Promise<ApplicationView> {
  requireCreator(actor);
  const text = note.trim();
  if (text.length > APPLICATION_NOTE_MAX)
    throw invalid(`note is at most ${APPLICATION_NOTE_MAX} characters`, { field: 'note' });
  const now = ctx.clock.now();
  const plan = await loadPlan(ctx.db, planId);
  if (plan.kind !== 'targeted')
    throw new DomainError('NOT_TARGETED', 'creators apply to targeted plans only', { planId, kind: plan.kind });
  requireLive(plan, now);
  await refuseSelfCommission(ctx.db, plan.shop_id, [actor.userId]);
  await assertShopNotPenalised(ctx.db, plan.shop_id, 'AFFILIATE_SUSPENDED', now); // a penalty of violation points
  await ctx.db.transaction().execute(async (tx) => {
    const seen = await tx
      .selectFrom('affiliate_plan_members')
      .select('status')
      .where('plan_id', '=', planId)
      .where('creator_id', '=', actor.userId)
      .executeTakeFirst();
    if (seen?.status === 'approved')
      throw new DomainError('ALREADY_APPROVED', 'you are already a creator of this plan', { planId });
    if (seen?.status === 'pending') return;
    await tx
      .insertInto('affiliate_plan_members')
      .values({
        plan_id: planId,
        creator_id: actor.userId,
        shop_id: plan.shop_id,
        status: 'pending',
        source: 'applied',
        note: text,
        created_at: now,
        decided_at: null,
        decided_by: null,
      })
      .onConflict((oc) =>
        oc.columns(['plan_id', 'creator_id']).doUpdateSet({
          status: 'pending',
          source: 'applied',
          note: text,
          created_at: now,
          decided_at: null,
          decided_by: null,
        }),
      )
      .execute();
  });
  return (await applications(ctx, { planId, creatorId: actor.userId }))[0]!;
}

/** The merchant decides a pending application. */
export async function decideApplication(
  ctx: CoreContext,
  actor: Actor,
  planId: string,
  creatorId: string,
  decision: 'approve' | 'reject',
): Promise<ApplicationView> {
  const now = ctx.clock.now();
  const plan = await loadPlan(ctx.db, planId);
  if (!actor.shops.has(plan.shop_id)) throw notFound('plan', planId);
  if (decision === 'approve') requireLive(plan, now);
  const done = await ctx.db
    .updateTable('affiliate_plan_members')
    .set({ status: decision === 'approve' ? 'approved' : 'rejected', decided_at: now, decided_by: actor.userId })
    .where('plan_id', '=', planId)
    .where('creator_id', '=', creatorId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) {
    const row = await ctx.db
      .selectFrom('affiliate_plan_members')
      .select('status')
      .where('plan_id', '=', planId)
      .where('creator_id', '=', creatorId)
      .executeTakeFirst();
    if (!row) throw notFound('application', creatorId);
    throw new DomainError('INVALID_TRANSITION', `the application is ${row.status}, not pending`, {
      from: row.status,
      to: decision === 'approve' ? 'approved' : 'rejected',
    });
  }
  return (await applications(ctx, { planId, creatorId }))[0]!;
}

export async function listShopApplications(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  status?: string,
): Promise<ApplicationView[]> {
  requireShopMember(actor, shopId);
  return applications(ctx, { shopId, status });
}

export async function myApplications(ctx: CoreContext, actor: Actor): Promise<ApplicationView[]> {
  requireCreator(actor);
  return applications(ctx, { creatorId: actor.userId });
}

async function applications(
  ctx: CoreContext,
  f: { planId?: string; creatorId?: string; shopId?: string; status?: string | undefined },
): Promise<ApplicationView[]> {
  let q = ctx.db.selectFrom('affiliate_plan_members').selectAll().orderBy('created_at', 'desc').limit(500);
  if (f.planId) q = q.where('plan_id', '=', f.planId);
  if (f.creatorId) q = q.where('creator_id', '=', f.creatorId);
  if (f.shopId) q = q.where('shop_id', '=', f.shopId).where('source', '=', 'applied');
  if (f.status) q = q.where('status', '=', f.status);
  const rows = await q.execute();
  const names = await displayNames(
    ctx.db,
    rows.map((r) => r.creator_id),
  );
  return rows.map((r) => ({
    planId: r.plan_id,
    creatorId: r.creator_id,
    displayName: names.get(r.creator_id) ?? '',
    shopId: r.shop_id,
    status: r.status,
    source: r.source,
    note: r.note,
    createdAt: Number(r.created_at),
    decidedAt: r.decided_at === null ? null : Number(r.decided_at),
  }));
}
