/** Plans as stored: loading (and locking) one, its rate history, and the summary read model. */
import type { Actor, Db, Tx } from '../context.js';
import { DomainError, notFound } from '../platform/index.js';
import type { ActivityTerms, PlanKind } from './affiliate-rules.js';
import { rateInForce, type RateChange, type RateChangeKind } from './rate-changes.js';
import type { AffiliatePlansTable } from '../storage/index.js';

export type PlanRow = AffiliatePlansTable;

export type PlanState = 'active' | 'closing' | 'closed' | 'pending' | 'rejected';

export interface PlanSummary {
  id: string;
  kind: PlanKind;
  name: string;
  shopId: string;
  productId: string;
  state: PlanState;
  /** The rate in force now (null: closed, or not yet approved). */
  rateBp: number | null;
  /** A cut or close waiting for 00:00. */
  pending: { change: RateChangeKind; rateBp: number | null; effectiveAt: number } | null;
  creatorId: string | null;
  activityId: string | null;
  closesAt: number | null;
  createdAt: number;
}

export function planState(p: Pick<PlanRow, 'status' | 'closes_at'>, now: number): PlanState {
  if (p.status === 'pending' || p.status === 'rejected') return p.status;
  if (p.closes_at === null) return 'active';
  return Number(p.closes_at) <= now ? 'closed' : 'closing';
}

export function toChange(r: {
  id: string;
  change: string;
  rate_bp: number | null;
  requested_at: number;
  effective_at: number;
  superseded_at: number | null;
}): RateChange {
  return {
    id: r.id,
    change: r.change as RateChangeKind,
    rateBp: r.rate_bp === null ? null : Number(r.rate_bp),
    requestedAt: Number(r.requested_at),
    effectiveAt: Number(r.effective_at),
    supersededAt: r.superseded_at === null ? null : Number(r.superseded_at),
  };
}

export async function planChanges(db: Db | Tx, planIds: readonly string[]): Promise<Map<string, RateChange[]>> {
  const out = new Map<string, RateChange[]>();
  if (planIds.length === 0) return out;
  const rows = await db
    .selectFrom('affiliate_plan_rates')
    .selectAll()
    .where('plan_id', 'in', [...planIds])
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.plan_id) ?? [];
    list.push(toChange(r));
    out.set(r.plan_id, list);
  }
  return out;
}

export function summarize(p: PlanRow, changes: readonly RateChange[], now: number): PlanSummary {
  const state = planState(p, now);
  const pendingChange = changes.find((c) => c.supersededAt === null && c.effectiveAt > now) ?? null;
  return {
    id: p.id,
    kind: p.kind as PlanKind,
    name: p.name,
    shopId: p.shop_id,
    productId: p.product_id,
    state,
    rateBp: state === 'pending' || state === 'rejected' ? null : rateInForce(changes, now),
    pending:
      pendingChange && state !== 'pending'
        ? { change: pendingChange.change, rateBp: pendingChange.rateBp, effectiveAt: pendingChange.effectiveAt }
        : null,
    creatorId: p.creator_id,
    activityId: p.activity_id,
    closesAt: p.closes_at === null ? null : Number(p.closes_at),
    createdAt: Number(p.created_at),
  };
}

/** The activity terms of a colonel plan (null for other kinds). */
export async function activityTerms(
  db: Db | Tx,
  activityId: string | null,
): Promise<(ActivityTerms & { colonelId: string; startsAt: number; endsAt: number }) | null> {
  if (!activityId) return null;
  const a = await db.selectFrom('colonel_activities').selectAll().where('id', '=', activityId).executeTakeFirst();
  if (!a) return null;
  return {
    commissionFloorBp: Number(a.commission_floor_bp),
    serviceFeeBp: Number(a.service_fee_bp),
    colonelId: a.colonel_id,
    startsAt: Number(a.starts_at),
    endsAt: Number(a.ends_at),
  };
}

/**
 * A plan of one of the caller's shops, locked for a change: the conditional touch of its row
 * makes concurrent changes of one plan take turns on PostgreSQL (SQLite has one writer anyway).
 */
export async function lockOwnPlan(tx: Tx, actor: Actor, planId: string, now: number): Promise<PlanRow> {
  const touched = await tx
    .updateTable('affiliate_plans')
    .set({ updated_at: now })
    .where('id', '=', planId)
    .where('shop_id', 'in', [...actor.shops.keys(), ''])
    .executeTakeFirst();
  if (Number(touched.numUpdatedRows) !== 1) throw notFound('plan', planId);
  return tx.selectFrom('affiliate_plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
}

export async function loadPlan(db: Db | Tx, planId: string): Promise<PlanRow> {
  const row = await db.selectFrom('affiliate_plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!row) throw notFound('plan', planId);
  return row;
}

export function requireLive(p: PlanRow, now: number): void {
  const state = planState(p, now);
  if (state === 'closed' || state === 'closing')
    throw new DomainError('PLAN_CLOSED', 'this plan is closed or closing', { planId: p.id, closesAt: p.closes_at });
  if (state !== 'active') throw new DomainError('PLAN_NOT_ACTIVE', `this plan is ${state}`, { planId: p.id, state });
}
