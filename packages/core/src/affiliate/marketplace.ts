/**
 * The affiliate marketplace (选品广场): listed products with a plan a creator can use or apply to
 * — general and colonel plans, targeted plans (open to apply), the creator's exclusive plans —
 * newest first, searchable by title keyword and category, with price, sales, the rate the creator
 * would earn now (the checkout's own decision), every plan, and the creator's applications.
 */
import { shopsUnderPenalty } from '../violations/index.js';
import { sql } from 'kysely';
import type { Actor, CoreContext } from '../context.js';
import { productCardsByIds, type Page, type ProductCard } from '../catalog/index.js';
import { invalid } from '../platform/index.js';
import { requireCreator } from './access.js';
import { offers } from './offers.js';
import { rateInForce } from './rate-changes.js';
import { currentExperienceTotals, marketplaceAllowed } from '../experience/index.js';
import type { PlanChoice, PlanView } from './plan-selection.js';

export interface MarketplaceQuery {
  q?: string | undefined;
  categoryId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface MarketplaceItem {
  product: ProductCard;
  /** What the creator earns now, and through which plan (reason `not_open` when only an application or an activity would open it). */
  offer: Pick<PlanChoice, 'reason' | 'planId' | 'kind' | 'rateBp' | 'creatorRateBp' | 'colonelFeeBp' | 'protected'>;
  plans: Array<{
    planId: string;
    kind: string;
    rateBp: number | null;
    application: string | null;
    activity: { id: string; serviceFeeBp: number; endsAt: number } | null;
  }>;
  inShowcase: boolean;
  /** 商家体验分 (0–100, the experience module); null when the shop has too few orders for a score. */
  experienceScore: number | null;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The title words searched for, in characters (after trimming). */
export const MARKETPLACE_QUERY_MAX = 40;

export async function marketplace(ctx: CoreContext, actor: Actor, q: MarketplaceQuery): Promise<Page<MarketplaceItem>> {
  requireCreator(actor);
  const keyword = q.q?.trim();
  if (keyword && keyword.length > MARKETPLACE_QUERY_MAX)
    throw invalid(`q must be at most ${MARKETPLACE_QUERY_MAX} characters`, { field: 'q' });
  const now = ctx.clock.now();
  const suspended = await shopsUnderPenalty(ctx.db, 'affiliate_suspension', now);
  // Shops whose experience score is below the marketplace's bar are not listed either.
  for (const [shopId, total] of await currentExperienceTotals(ctx.db))
    if (!marketplaceAllowed(total)) suspended.add(shopId);
  let query = ctx.db
    .selectFrom('products')
    .innerJoin('shops', 'shops.id', 'products.shop_id')
    .select(['products.id', 'products.shop_id'])
    .where('products.status', '=', 'listed')
    .where('shops.status', '=', 'open')
    // Shops whose affiliate promotion is suspended for violation points (or whose score is too low) are not listed.
    .$if(suspended.size > 0, (qb) => qb.where('products.shop_id', 'not in', [...suspended]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('affiliate_plans as ap')
          .select('ap.id')
          .whereRef('ap.product_id', '=', 'products.id')
          .where('ap.status', '=', 'active')
          .where((w) => w.or([w('ap.closes_at', 'is', null), w('ap.closes_at', '>', now)]))
          .where((w) =>
            w.or([
              w('ap.kind', 'in', ['general', 'targeted', 'colonel']),
              w.and([w('ap.kind', '=', 'exclusive'), w('ap.creator_id', '=', actor.userId)]),
            ]),
          ),
      ),
    )
    .orderBy('products.id', 'desc')
    .limit(q.limit + 1);
  if (keyword) query = query.where(sql<boolean>`products.title like ${`%${escapeLike(keyword)}%`} escape '\\'`);
  if (q.categoryId) {
    const cat = q.categoryId;
    query = query.where((eb) =>
      eb.or([
        eb('products.category_id', '=', cat),
        eb('products.category_id', 'in', eb.selectFrom('categories').select('id').where('parent_id', '=', cat)),
      ]),
    );
  }
  if (q.cursor) query = query.where('products.id', '<', q.cursor);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.id);
  if (ids.length === 0) return { items: [], nextCursor: null };

  const cards = await productCardsByIds(ctx.db, ids, true);
  const { choices, context } = await offers(ctx.db, {
    creatorId: actor.userId,
    products: page.map((r) => ({ productId: r.id, shopId: r.shop_id })),
    now,
  });
  const planRows = await ctx.db
    .selectFrom('affiliate_plans')
    .select(['id', 'product_id', 'kind', 'creator_id', 'activity_id'])
    .where('product_id', 'in', ids)
    .where('status', '=', 'active')
    .where((w) => w.or([w('closes_at', 'is', null), w('closes_at', '>', now)]))
    .orderBy('id')
    .execute();
  const apps = await ctx.db
    .selectFrom('affiliate_plan_members')
    .select(['plan_id', 'status'])
    .where('creator_id', '=', actor.userId)
    .where('plan_id', 'in', [...planRows.map((p) => p.id), ''])
    .execute();
  const appOf = new Map(apps.map((a) => [a.plan_id, a.status]));
  const shown = await ctx.db
    .selectFrom('affiliate_showcase')
    .select('product_id')
    .where('creator_id', '=', actor.userId)
    .where('product_id', 'in', ids)
    .where('removed_at', 'is', null)
    .execute();
  const inShowcase = new Set(shown.map((s) => s.product_id));
  const scores = await currentExperienceTotals(
    ctx.db,
    page.map((r) => r.shop_id),
  );
  const views = new Map<string, PlanView>();
  for (const list of context.plans.values()) for (const p of list) views.set(p.id, p);

  const items = cards.map((product): MarketplaceItem => {
    const c = choices.get(product.id)!;
    const plans = planRows
      .filter((p) => p.product_id === product.id && (p.kind !== 'exclusive' || p.creator_id === actor.userId))
      .map((p) => {
        const v = views.get(p.id);
        return {
          planId: p.id,
          kind: p.kind,
          rateBp: v ? rateInForce(v.changes, now) : null,
          application: appOf.get(p.id) ?? null,
          activity: v?.activity
            ? { id: v.activity.id, serviceFeeBp: v.activity.serviceFeeBp, endsAt: v.activity.endsAt }
            : null,
        };
      });
    return {
      product,
      offer: {
        reason: c.reason,
        planId: c.planId,
        kind: c.kind,
        rateBp: c.rateBp,
        creatorRateBp: c.creatorRateBp,
        colonelFeeBp: c.colonelFeeBp,
        protected: c.protected,
      },
      plans,
      inShowcase: inShowcase.has(product.id),
      experienceScore: scores.get(product.shopId) ?? null,
    };
  });
  return { items, nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
}
