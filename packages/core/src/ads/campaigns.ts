/**
 * Campaigns (推广计划) of an advertiser (a shop or a creator): create, list, pause and resume. A
 * shop's creative is a published video of the shop (its own, a member's, or one carrying the
 * shop's product) or the shop's live room; a creator's is one of their own published videos (its
 * product, promoted through affiliate, keeps the creator's commission on the order) or their own
 * live room — never someone else's video nor a product directly. Creatives must pass the red
 * lines; a shop under the experience-score threshold, or a shop or creator with paid traffic
 * suspended, cannot run one (409).
 */
import type { Actor, CoreContext } from '../context.js';
import { DomainError, notFound, newId } from '../platform/index.js';
import { currentExperienceTotals, paidTrafficAllowed, PAID_TRAFFIC_MIN } from '../experience/index.js';
import { activePenalty, shopsUnderPenalty } from '../violations/index.js';
import { checkContent } from '../governance/index.js';
import { validateCampaign, type CampaignInput } from './ad-rules.js';
import { assertAdvertiser, mayView, ownerOf } from './ad-account.js';
import type { AdBidKind, AdCampaignStatus, AdGoal, AdOwner, AdPacing, AdPromote } from './ad-types.js';
import { dropHeldCandidates } from './candidate-cache.js';

export interface CampaignView {
  id: string;
  owner: AdOwner;
  name: string;
  promote: AdPromote;
  videoId: string | null;
  productId: string | null;
  liveRoomId: string | null;
  goal: AdGoal;
  bidKind: AdBidKind;
  costCapFen: number | null;
  roiTarget: number | null;
  dailyBudgetFen: number;
  schedule: string;
  pacing: AdPacing;
  targetCategories: string[];
  targetRegions: string[];
  /** "People like my buyers": served only to the campaign's precomputed audience (never with personalisation off). */
  targetLookalike: boolean;
  audienceSize: number;
  audienceAt: number | null;
  status: AdCampaignStatus;
  /** The platform's review when it took the creative down (status rejected), or the last one after a restore; null: never reviewed. */
  review: { reason: string; at: number } | null;
  impressions: number;
  clicks: number;
  conversions: number;
  gmvFen: number;
  spentFen: number;
  createdAt: number;
  creativeTitle: string | null;
}

/** Throws 409 AD_SCORE_TOO_LOW / AD_PAID_TRAFFIC_SUSPENDED when the advertiser may not run paid traffic (the score gate is a shop's; suspension for violation points applies to both). */
export async function assertMayAdvertise(ctx: CoreContext, owner: AdOwner): Promise<void> {
  const now = ctx.clock.now();
  if (owner.kind === 'creator') {
    if (await activePenalty(ctx.db, 'creator', owner.id, 'paid_traffic_suspension', now))
      throw new DomainError(
        'AD_PAID_TRAFFIC_SUSPENDED',
        'paid traffic of this creator is suspended for violation points',
        { creatorId: owner.id },
      );
    return;
  }
  const shopId = owner.id;
  const total = (await currentExperienceTotals(ctx.db, [shopId])).get(shopId) ?? null;
  if (!paidTrafficAllowed(total))
    throw new DomainError(
      'AD_SCORE_TOO_LOW',
      `paid traffic needs an experience score of at least ${PAID_TRAFFIC_MIN}`,
      { score: total, min: PAID_TRAFFIC_MIN },
    );
  if ((await shopsUnderPenalty(ctx.db, 'paid_traffic_suspension', now)).has(shopId))
    throw new DomainError('AD_PAID_TRAFFIC_SUSPENDED', 'paid traffic of this shop is suspended for violation points', {
      shopId,
    });
}

type Creative = {
  videoId: string | null;
  productId: string | null;
  liveRoomId: string | null;
  texts: Array<{ field: string; text: string }>;
};

/** A creator's creative: their own live room, or their own published video and the product it carries first (any shop's: the creator promotes it through affiliate). */
async function resolveCreatorCreative(ctx: CoreContext, userId: string, i: CampaignInput): Promise<Creative> {
  if (i.promote === 'product')
    throw new DomainError(
      'AD_CREATIVE_INVALID',
      'a creator promotes their own videos or live room, not a product directly',
    );
  if (i.promote === 'live_room') {
    const room = i.liveRoomId
      ? await ctx.db
          .selectFrom('live_rooms')
          .select(['id', 'title', 'host_kind', 'host_id'])
          .where('id', '=', i.liveRoomId)
          .executeTakeFirst()
      : undefined;
    if (room?.host_kind !== 'creator' || room.host_id !== userId)
      throw new DomainError('AD_CREATIVE_INVALID', 'choose a live room of your own');
    return {
      videoId: null,
      productId: null,
      liveRoomId: room.id,
      texts: [{ field: 'creative.title', text: room.title }],
    };
  }
  const v = i.videoId
    ? await ctx.db
        .selectFrom('videos')
        .select(['id', 'title', 'caption', 'status', 'shop_id', 'owner_id'])
        .where('id', '=', i.videoId)
        .executeTakeFirst()
    : undefined;
  if (v?.status !== 'published') throw new DomainError('AD_CREATIVE_INVALID', 'the creative must be a published video');
  if (v.owner_id !== userId || v.shop_id !== null)
    throw new DomainError('AD_CREATIVE_INVALID', 'a creator promotes only their own videos');
  const anchored = await ctx.db
    .selectFrom('video_anchors')
    .select('product_id')
    .where('video_id', '=', v.id)
    .orderBy('position')
    .executeTakeFirst();
  if (i.goal !== 'live_entries' && !anchored)
    throw new DomainError('AD_CREATIVE_INVALID', 'an orders or GMV campaign needs a video carrying a product');
  return {
    videoId: v.id,
    productId: anchored?.product_id ?? null,
    liveRoomId: null,
    texts: [
      { field: 'creative.title', text: v.title },
      { field: 'creative.caption', text: v.caption },
    ],
  };
}

/** The creative: a published video of the shop and the shop's product it carries (or the shop's live room). */
async function resolveCreative(ctx: CoreContext, owner: AdOwner, i: CampaignInput): Promise<Creative> {
  if (owner.kind === 'creator') return resolveCreatorCreative(ctx, owner.id, i);
  const shopId = owner.id;
  if (i.promote === 'live_room') {
    const room = i.liveRoomId
      ? await ctx.db
          .selectFrom('live_rooms')
          .select(['id', 'title', 'host_kind', 'host_id'])
          .where('id', '=', i.liveRoomId)
          .executeTakeFirst()
      : undefined;
    if (room?.host_kind !== 'shop' || room.host_id !== shopId)
      throw new DomainError('AD_CREATIVE_INVALID', 'choose a live room of this shop');
    return {
      videoId: null,
      productId: null,
      liveRoomId: room.id,
      texts: [{ field: 'creative.title', text: room.title }],
    };
  }
  const v = i.videoId
    ? await ctx.db
        .selectFrom('videos')
        .select(['id', 'title', 'caption', 'status', 'shop_id', 'owner_id'])
        .where('id', '=', i.videoId)
        .executeTakeFirst()
    : undefined;
  if (v?.status !== 'published') throw new DomainError('AD_CREATIVE_INVALID', 'the creative must be a published video');
  const anchored = await ctx.db
    .selectFrom('video_anchors')
    .innerJoin('products', 'products.id', 'video_anchors.product_id')
    .select('products.id')
    .where('video_anchors.video_id', '=', v.id)
    .where('products.shop_id', '=', shopId)
    .orderBy('video_anchors.position')
    .executeTakeFirst();
  const member = await ctx.db
    .selectFrom('shop_members')
    .select('user_id')
    .where('shop_id', '=', shopId)
    .where('user_id', '=', v.owner_id)
    .executeTakeFirst();
  if (v.shop_id !== shopId && !member && !anchored)
    throw new DomainError('AD_CREATIVE_INVALID', 'the video is not this shop’s and carries none of its products');
  if ((i.promote === 'product' || i.goal !== 'live_entries') && !anchored)
    throw new DomainError(
      'AD_CREATIVE_INVALID',
      'an orders or GMV campaign needs a video carrying one of the shop’s products',
    );
  return {
    videoId: v.id,
    productId: anchored?.id ?? null,
    liveRoomId: null,
    texts: [
      { field: 'creative.title', text: v.title },
      { field: 'creative.caption', text: v.caption },
    ],
  };
}

export async function createCampaign(
  ctx: CoreContext,
  actor: Actor,
  owner: AdOwner,
  input: CampaignInput,
): Promise<CampaignView> {
  assertAdvertiser(actor, owner);
  const norm = validateCampaign(input);
  await assertMayAdvertise(ctx, owner);
  const creative = await resolveCreative(ctx, owner, input);
  // Ads answer to the advertising law: anything the red lines would hold for review or reject stays out.
  const check = await checkContent(ctx, [{ field: 'name', text: input.name }, ...creative.texts]);
  if (check.verdict === 'reject' || check.verdict === 'review')
    throw new DomainError('AD_CREATIVE_REJECTED', 'the creative breaks the advertising red lines', {
      hits: check.hits,
    });
  const now = ctx.clock.now();
  const id = newId('adCampaign', now);
  await ctx.db
    .insertInto('ad_campaigns')
    .values({
      id,
      owner_kind: owner.kind,
      owner_id: owner.id,
      name: input.name.trim(),
      promote: input.promote,
      video_id: creative.videoId,
      product_id: creative.productId,
      live_room_id: creative.liveRoomId,
      goal: input.goal,
      bid_kind: input.bidKind,
      cost_cap_fen: norm.costCapFen,
      roi_target_centi: norm.roiTargetCenti,
      daily_budget_fen: input.dailyBudgetFen,
      schedule: norm.schedule,
      pacing: input.pacing,
      target_categories: JSON.stringify(norm.targetCategories),
      target_regions: JSON.stringify(norm.targetRegions),
      target_lookalike: input.targetLookalike ? 1 : 0,
      audience_size: 0,
      audience_at: null,
      status: 'active',
      impressions: 0,
      clicks: 0,
      conversions: 0,
      gmv_fen: 0,
      spent_mfen: 0,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  dropHeldCandidates(ctx.db);
  return campaignView(ctx, actor, id);
}

type Row = Awaited<ReturnType<typeof loadRows>>[number];
function loadRows(ctx: CoreContext) {
  return ctx.db
    .selectFrom('ad_campaigns')
    .leftJoin('videos', 'videos.id', 'ad_campaigns.video_id')
    .leftJoin('live_rooms', 'live_rooms.id', 'ad_campaigns.live_room_id')
    .selectAll('ad_campaigns')
    .select(['videos.title as creative_title', 'live_rooms.title as room_title'])
    .orderBy('ad_campaigns.id', 'desc')
    .execute();
}

function toView(r: Row): CampaignView {
  return {
    id: r.id,
    owner: ownerOf(r),
    name: r.name,
    promote: r.promote as AdPromote,
    videoId: r.video_id,
    productId: r.product_id,
    liveRoomId: r.live_room_id,
    goal: r.goal as AdGoal,
    bidKind: r.bid_kind as AdBidKind,
    costCapFen: r.cost_cap_fen === null ? null : Number(r.cost_cap_fen),
    roiTarget: r.roi_target_centi === null ? null : r.roi_target_centi / 100,
    dailyBudgetFen: Number(r.daily_budget_fen),
    schedule: r.schedule,
    pacing: r.pacing as AdPacing,
    targetCategories: JSON.parse(r.target_categories) as string[],
    targetRegions: JSON.parse(r.target_regions) as string[],
    targetLookalike: Number(r.target_lookalike) === 1,
    audienceSize: Number(r.audience_size),
    audienceAt: r.audience_at === null ? null : Number(r.audience_at),
    status: r.status as AdCampaignStatus,
    review:
      r.review_reason !== null && r.reviewed_at !== null
        ? { reason: r.review_reason, at: Number(r.reviewed_at) }
        : null,
    impressions: Number(r.impressions),
    clicks: Number(r.clicks),
    conversions: Number(r.conversions),
    gmvFen: Number(r.gmv_fen),
    spentFen: Math.floor(Number(r.spent_mfen) / 1000),
    createdAt: Number(r.created_at),
    creativeTitle: r.creative_title ?? r.room_title ?? null,
  };
}

export async function campaignView(ctx: CoreContext, actor: Actor, id: string): Promise<CampaignView> {
  const r = await ctx.db
    .selectFrom('ad_campaigns')
    .leftJoin('videos', 'videos.id', 'ad_campaigns.video_id')
    .leftJoin('live_rooms', 'live_rooms.id', 'ad_campaigns.live_room_id')
    .selectAll('ad_campaigns')
    .select(['videos.title as creative_title', 'live_rooms.title as room_title'])
    .where('ad_campaigns.id', '=', id)
    .executeTakeFirst();
  if (!r || !mayView(actor, ownerOf(r))) throw notFound('campaign', id);
  return toView(r);
}

export async function listCampaigns(ctx: CoreContext, actor: Actor, owner: AdOwner | null): Promise<CampaignView[]> {
  if (owner) assertAdvertiser(actor, owner);
  else if (!actor.roles.has('admin')) throw notFound('shop');
  let q = ctx.db
    .selectFrom('ad_campaigns')
    .leftJoin('videos', 'videos.id', 'ad_campaigns.video_id')
    .leftJoin('live_rooms', 'live_rooms.id', 'ad_campaigns.live_room_id')
    .selectAll('ad_campaigns')
    .select(['videos.title as creative_title', 'live_rooms.title as room_title'])
    .orderBy('ad_campaigns.id', 'desc')
    .limit(200);
  if (owner) q = q.where('ad_campaigns.owner_kind', '=', owner.kind).where('ad_campaigns.owner_id', '=', owner.id);
  return (await q.execute()).map(toView);
}

/** Pauses or resumes; resuming checks eligibility again. A campaign the platform took down stays down (409) until an admin restores it. */
export async function setCampaignStatus(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  status: 'active' | 'paused',
): Promise<CampaignView> {
  const c = await campaignView(ctx, actor, id);
  assertAdvertiser(actor, c.owner);
  if (c.status === 'rejected') throw rejectedError(c);
  if (status === 'active') await assertMayAdvertise(ctx, c.owner);
  // Conditional: a review that took the creative down meanwhile is not undone by this update.
  const r = await ctx.db
    .updateTable('ad_campaigns')
    .set({ status, updated_at: ctx.clock.now() })
    .where('id', '=', id)
    .where('status', '!=', 'rejected')
    .executeTakeFirst();
  dropHeldCandidates(ctx.db);
  if (Number(r.numUpdatedRows) !== 1) throw rejectedError(await campaignView(ctx, actor, id));
  return campaignView(ctx, actor, id);
}

function rejectedError(c: CampaignView): DomainError {
  return new DomainError('AD_CAMPAIGN_REJECTED', 'the platform took this campaign’s creative down in review', {
    reason: c.review?.reason ?? null,
  });
}

export interface AdCreative {
  videoId: string;
  title: string;
  productId: string;
  productTitle: string;
}

/** Videos a campaign may use: for a shop, published ones carrying one of its products (its own first); for a creator, their own published videos carrying a product. */
export async function adCreatives(ctx: CoreContext, actor: Actor, owner: AdOwner): Promise<AdCreative[]> {
  assertAdvertiser(actor, owner);
  if (owner.kind === 'creator') {
    const mine = await ctx.db
      .selectFrom('videos')
      .innerJoin('video_anchors', 'video_anchors.video_id', 'videos.id')
      .innerJoin('products', 'products.id', 'video_anchors.product_id')
      .select([
        'videos.id as video_id',
        'videos.title',
        'products.id as product_id',
        'products.title as product_title',
        'video_anchors.position',
      ])
      .where('videos.owner_id', '=', owner.id)
      .where('videos.shop_id', 'is', null)
      .where('videos.status', '=', 'published')
      .orderBy('videos.published_at', 'desc')
      .orderBy('video_anchors.position')
      .limit(300)
      .execute();
    // One entry per video: the product it carries first.
    const first = new Map<string, AdCreative>();
    for (const r of mine)
      if (!first.has(r.video_id))
        first.set(r.video_id, {
          videoId: r.video_id,
          title: r.title,
          productId: r.product_id,
          productTitle: r.product_title,
        });
    return [...first.values()];
  }
  const shopId = owner.id;
  const rows = await ctx.db
    .selectFrom('video_anchors')
    .innerJoin('products', 'products.id', 'video_anchors.product_id')
    .innerJoin('videos', 'videos.id', 'video_anchors.video_id')
    .select([
      'videos.id as video_id',
      'videos.title',
      'videos.shop_id',
      'products.id as product_id',
      'products.title as product_title',
      'video_anchors.position',
    ])
    .where('products.shop_id', '=', shopId)
    .where('videos.status', '=', 'published')
    .orderBy('videos.published_at', 'desc')
    .limit(300)
    .execute();
  const seen = new Set<string>();
  const out: Array<AdCreative & { own: boolean }> = [];
  for (const r of rows) {
    if (seen.has(r.video_id)) continue;
    seen.add(r.video_id);
    out.push({
      videoId: r.video_id,
      title: r.title,
      productId: r.product_id,
      productTitle: r.product_title,
      own: r.shop_id === shopId,
    });
  }
  return out.sort((a, b) => Number(b.own) - Number(a.own)).map(({ own: _own, ...c }) => c);
}
