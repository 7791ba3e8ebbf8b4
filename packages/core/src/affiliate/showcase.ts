/**
 * A creator's showcase (橱窗) and product anchors (挂车). A creator adds products open to them
 * (or of their own shop: sold without commission), optionally through a colonel activity; the
 * first add is when they began promoting (the protection window after a cut counts from it).
 * Anchoring puts a product on one of the creator's videos; it must be open to the creator.
 */
import type { Actor, CoreContext, Tx } from '../context.js';
import { DomainError, notFound } from '../platform/index.js';
import { productCardsByIds, type ProductCard } from '../catalog/index.js';
import { MAX_ANCHORS } from '../content/index.js';
import { requireCreator, requireCreators, saleableProduct } from './access.js';
import { offers, requireOpen } from './offers.js';
import type { PlanChoice } from './plan-selection.js';

export const MAX_SHOWCASE = 500;

export interface ShowcaseInput {
  productId: string;
  /** Pick the product through this colonel activity (its service fee comes out of the commission). */
  activityId?: string | undefined;
}

export interface ShowcaseItem {
  product: ProductCard;
  addedAt: number;
  viaPlanId: string | null;
  offer: {
    reason: PlanChoice['reason'];
    planId: string | null;
    kind: string | null;
    rateBp: number;
    creatorRateBp: number;
    colonelFeeBp: number;
    protected: boolean;
  };
}

async function activityPlan(tx: Tx, productId: string, activityId: string, now: number): Promise<string> {
  const row = await tx
    .selectFrom('affiliate_plans')
    .innerJoin('colonel_activities', 'colonel_activities.id', 'affiliate_plans.activity_id')
    .select(['affiliate_plans.id', 'colonel_activities.starts_at', 'colonel_activities.ends_at'])
    .where('affiliate_plans.product_id', '=', productId)
    .where('affiliate_plans.activity_id', '=', activityId)
    .where('affiliate_plans.status', '=', 'active')
    .executeTakeFirst();
  if (!row) throw notFound('activity product', activityId);
  if (!(Number(row.starts_at) <= now && now < Number(row.ends_at)))
    throw new DomainError('ACTIVITY_NOT_RUNNING', 'this colonel activity is not running', { activityId });
  return row.id;
}

/** Adds (or re-adds) a product to the caller's showcase; refused with PRODUCT_NOT_OPEN when no plan is open to them. */
export async function addToShowcase(ctx: CoreContext, actor: Actor, input: ShowcaseInput): Promise<ShowcaseItem> {
  requireCreator(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute((tx) => ensureInShowcase(tx, actor.userId, input, now));
  return (await showcaseItems(ctx, actor.userId, [input.productId]))[0]!;
}

/** In the caller's transaction: checks the product is open to the creator and puts it in the showcase. */
export async function ensureInShowcase(tx: Tx, creatorId: string, input: ShowcaseInput, now: number): Promise<void> {
  const product = await saleableProduct(tx, input.productId);
  const viaPlanId = input.activityId ? await activityPlan(tx, input.productId, input.activityId, now) : null;
  const { choices } = await offers(tx, {
    creatorId,
    products: [{ productId: product.id, shopId: product.shopId }],
    now,
    viaPlanId,
  });
  requireOpen(choices.get(product.id)!, product.id);
  const seen = await tx
    .selectFrom('affiliate_showcase')
    .select(['removed_at', 'via_plan_id'])
    .where('creator_id', '=', creatorId)
    .where('product_id', '=', product.id)
    .executeTakeFirst();
  if (seen) {
    if (seen.removed_at === null && (!viaPlanId || seen.via_plan_id === viaPlanId)) return;
    await tx
      .updateTable('affiliate_showcase')
      .set({ removed_at: null, added_at: now, ...(viaPlanId ? { via_plan_id: viaPlanId } : {}) })
      .where('creator_id', '=', creatorId)
      .where('product_id', '=', product.id)
      .execute();
    return;
  }
  const count = await tx
    .selectFrom('affiliate_showcase')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('creator_id', '=', creatorId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_SHOWCASE)
    throw new DomainError('SHOWCASE_FULL', `a showcase holds at most ${MAX_SHOWCASE} products`);
  await tx
    .insertInto('affiliate_showcase')
    .values({
      creator_id: creatorId,
      product_id: product.id,
      shop_id: product.shopId,
      via_plan_id: viaPlanId,
      first_added_at: now,
      added_at: now,
      removed_at: null,
    })
    .onConflict((oc) => oc.columns(['creator_id', 'product_id']).doNothing()) // a concurrent add of the same product
    .execute();
}

export async function removeFromShowcase(
  ctx: CoreContext,
  actor: Actor,
  productId: string,
): Promise<{ productId: string; removed: true }> {
  requireCreator(actor);
  const done = await ctx.db
    .updateTable('affiliate_showcase')
    .set({ removed_at: ctx.clock.now() })
    .where('creator_id', '=', actor.userId)
    .where('product_id', '=', productId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw notFound('showcase product', productId);
  return { productId, removed: true };
}

export async function myShowcase(ctx: CoreContext, actor: Actor): Promise<{ items: ShowcaseItem[] }> {
  requireCreator(actor);
  const rows = await ctx.db
    .selectFrom('affiliate_showcase')
    .select('product_id')
    .where('creator_id', '=', actor.userId)
    .where('removed_at', 'is', null)
    .orderBy('added_at', 'desc')
    .limit(MAX_SHOWCASE)
    .execute();
  return {
    items: await showcaseItems(
      ctx,
      actor.userId,
      rows.map((r) => r.product_id),
    ),
  };
}

/** A creator's public showcase (what shoppers see on the creator's page): listed products only, no rates. */
export async function publicShowcase(ctx: CoreContext, creatorId: string): Promise<{ items: ProductCard[] }> {
  await requireCreators(ctx.db, [creatorId]);
  const rows = await ctx.db
    .selectFrom('affiliate_showcase')
    .select('product_id')
    .where('creator_id', '=', creatorId)
    .where('removed_at', 'is', null)
    .orderBy('added_at', 'desc')
    .limit(MAX_SHOWCASE)
    .execute();
  return {
    items: await productCardsByIds(
      ctx.db,
      rows.map((r) => r.product_id),
      true,
    ),
  };
}

async function showcaseItems(ctx: CoreContext, creatorId: string, productIds: string[]): Promise<ShowcaseItem[]> {
  if (productIds.length === 0) return [];
  const cards = await productCardsByIds(ctx.db, productIds, false);
  const rows = await ctx.db
    .selectFrom('affiliate_showcase')
    .select(['product_id', 'added_at', 'via_plan_id'])
    .where('creator_id', '=', creatorId)
    .where('product_id', 'in', productIds)
    .execute();
  const byProduct = new Map(rows.map((r) => [r.product_id, r]));
  const { choices } = await offers(ctx.db, {
    creatorId,
    products: cards.map((c) => ({ productId: c.id, shopId: c.shopId })),
    now: ctx.clock.now(),
  });
  return cards.map((product) => {
    const c = choices.get(product.id)!;
    const row = byProduct.get(product.id);
    return {
      product,
      addedAt: Number(row?.added_at ?? 0),
      viaPlanId: row?.via_plan_id ?? null,
      offer: {
        reason: c.reason,
        planId: c.planId,
        kind: c.kind,
        rateBp: c.rateBp,
        creatorRateBp: c.creatorRateBp,
        colonelFeeBp: c.colonelFeeBp,
        protected: c.protected,
      },
    };
  });
}

/** Anchors a product on one of the caller's videos (挂车); the product must be open to them. */
export async function anchorProduct(
  ctx: CoreContext,
  actor: Actor,
  videoId: string,
  productId: string,
): Promise<{ videoId: string; productIds: string[] }> {
  requireCreator(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const video = await tx
      .selectFrom('videos')
      .select(['id', 'owner_id', 'host_kind', 'status'])
      .where('id', '=', videoId)
      .executeTakeFirst();
    if (!video || video.owner_id !== actor.userId || video.host_kind !== 'creator' || video.status === 'removed')
      throw notFound('video', videoId);
    await ensureInShowcase(tx, actor.userId, { productId }, now);
    const anchors = await tx
      .selectFrom('video_anchors')
      .select(['product_id', 'position'])
      .where('video_id', '=', videoId)
      .execute();
    if (anchors.some((a) => a.product_id === productId)) return;
    if (anchors.length >= MAX_ANCHORS)
      throw new DomainError('ANCHORS_FULL', `a video carries at most ${MAX_ANCHORS} products`, { videoId });
    await tx
      .insertInto('video_anchors')
      .values({
        video_id: videoId,
        product_id: productId,
        position: Math.max(-1, ...anchors.map((a) => a.position)) + 1,
      })
      .execute();
  });
  const rows = await ctx.db
    .selectFrom('video_anchors')
    .select('product_id')
    .where('video_id', '=', videoId)
    .orderBy('position')
    .execute();
  return { videoId, productIds: rows.map((r) => r.product_id) };
}
