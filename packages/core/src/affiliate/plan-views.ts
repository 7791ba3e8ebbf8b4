/** Read models of plans for the merchant console: the shop's plans, one plan with its history and creators. */
import type { Actor, CoreContext } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import { notFound } from '../platform/index.js';
import type { Page } from '../catalog/index.js';
import { displayNames } from './access.js';
import { planChanges, summarize, type PlanSummary } from './plan-store.js';
import type { RateChange } from './rate-changes.js';

export interface ShopPlanQuery {
  productId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export async function listShopPlans(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  q: ShopPlanQuery,
): Promise<Page<PlanSummary & { productTitle: string }>> {
  requireShopMember(actor, shopId);
  let query = ctx.db
    .selectFrom('affiliate_plans')
    .innerJoin('products', 'products.id', 'affiliate_plans.product_id')
    .selectAll('affiliate_plans')
    .select('products.title as product_title')
    .where('affiliate_plans.shop_id', '=', shopId)
    .orderBy('affiliate_plans.id', 'desc')
    .limit(q.limit + 1);
  if (q.productId) query = query.where('affiliate_plans.product_id', '=', q.productId);
  if (q.cursor) query = query.where('affiliate_plans.id', '<', q.cursor);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const changes = await planChanges(
    ctx.db,
    page.map((r) => r.id),
  );
  const now = ctx.clock.now();
  return {
    items: page.map((r) => ({ ...summarize(r, changes.get(r.id) ?? [], now), productTitle: r.product_title })),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

export interface PlanDetail extends PlanSummary {
  productTitle: string;
  history: RateChange[];
  creators: Array<{
    creatorId: string;
    displayName: string;
    status: string;
    source: string;
    note: string;
    createdAt: number;
    decidedAt: number | null;
  }>;
}

export async function planDetail(ctx: CoreContext, actor: Actor, planId: string): Promise<PlanDetail> {
  const row = await ctx.db
    .selectFrom('affiliate_plans')
    .innerJoin('products', 'products.id', 'affiliate_plans.product_id')
    .selectAll('affiliate_plans')
    .select('products.title as product_title')
    .where('affiliate_plans.id', '=', planId)
    .executeTakeFirst();
  if (!row || !actor.shops.has(row.shop_id)) throw notFound('plan', planId);
  const history = (await planChanges(ctx.db, [planId])).get(planId) ?? [];
  const members = await ctx.db
    .selectFrom('affiliate_plan_members')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('created_at')
    .execute();
  const names = await displayNames(ctx.db, [
    ...members.map((m) => m.creator_id),
    ...(row.creator_id ? [row.creator_id] : []),
  ]);
  return {
    ...summarize(row, history, ctx.clock.now()),
    productTitle: row.product_title,
    history,
    creators: members.map((m) => ({
      creatorId: m.creator_id,
      displayName: names.get(m.creator_id) ?? '',
      status: m.status,
      source: m.source,
      note: m.note,
      createdAt: Number(m.created_at),
      decidedAt: m.decided_at === null ? null : Number(m.decided_at),
    })),
  };
}
