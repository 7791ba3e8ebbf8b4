/** Paid traffic (投流): the merchant's and the creator's ad accounts and campaigns, ad impressions and clicks from the app, the provider's top-up notifications, the admins' overview. */
import { Type } from 'typebox';
import {
  AD_BID_KINDS,
  AD_GOALS,
  AD_PACINGS,
  AD_PROMOTES,
  AD_REVIEW_DECISIONS,
  DomainError,
  MAX_REVIEW_REASON,
  MAX_CAMPAIGN_NAME,
  MAX_IMPRESSION_BATCH,
  MAX_TARGET_CHARS,
  MAX_TARGETS,
  adAccount,
  isErrorCode,
  campaignView,
  notFound,
  adCreatives,
  adsOverview,
  campaignReport,
  createCampaign,
  listCampaigns,
  receiveTopupNotification,
  reviewCampaign,
  reportClick,
  reportImpressions,
  reportRoomEntry,
  setCampaignStatus,
  shopOwner,
  creatorOwner,
  startTopup,
  withdrawAdBalance,
  type AdOwner,
  type CampaignInput,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { sendError } from '../http/errors.js';
import { answers, Id, ok } from '../http/schemas.js';
import {
  AdAccountSchema,
  AdsOverviewSchema,
  CampaignListSchema,
  CampaignReportSchema,
  CampaignSchema,
  ClickCountedSchema,
  CreativeListSchema,
  ImpressionOutcomesSchema,
  RoomEntrySchema,
  TopupNotifiedSchema,
  TopupStartedSchema,
} from './ads-response-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const literals = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Fen = Type.Integer({ minimum: 0, maximum: 2 ** 50, description: 'fen' });

const Campaign = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: MAX_CAMPAIGN_NAME }),
    promote: literals(AD_PROMOTES),
    videoId: Type.Optional(Id('video')),
    liveRoomId: Type.Optional(Id('liveRoom')),
    goal: literals(AD_GOALS),
    bidKind: literals(AD_BID_KINDS),
    costCapFen: Type.Optional(Type.Union([Fen, Type.Null()])),
    roiTarget: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1000 }), Type.Null()])),
    dailyBudgetFen: Fen,
    schedule: Type.Optional(
      Type.String({
        maxLength: 100,
        description: '336 half-hours of the week from Monday 00:00 (Asia/Shanghai) as 84 hex digits; default: always',
      }),
    ),
    pacing: literals(AD_PACINGS),
    targetCategories: Type.Optional(
      Type.Array(Type.String({ maxLength: MAX_TARGET_CHARS }), { maxItems: MAX_TARGETS }),
    ),
    targetRegions: Type.Optional(Type.Array(Type.String({ maxLength: MAX_TARGET_CHARS }), { maxItems: MAX_TARGETS })),
    targetLookalike: Type.Optional(
      Type.Boolean({
        description:
          '"People like my buyers": the engine\'s embedding neighbours of the shop\'s past buyers (never served with personalisation off)',
      }),
    ),
  },
  { additionalProperties: false },
);

const TopupInput = Type.Object(
  { amountFen: Fen, returnUrl: Type.Optional(Type.String({ pattern: '^/[A-Za-z0-9/_?=&.-]*$', maxLength: 200 })) },
  { additionalProperties: false },
);
const StatusInput = Type.Object(
  { status: Type.Union([Type.Literal('active'), Type.Literal('paused')]) },
  { additionalProperties: false },
);
const Ms = Type.Integer({ minimum: 0, maximum: 9_999_999_999_999, description: 'epoch ms' });
const ReportQuery = Type.Object({ from: Type.Optional(Ms), to: Type.Optional(Ms) }, { additionalProperties: false });

const ViewerHeader = Type.Object({
  'x-viewer-id': Type.Optional(Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
});

export function adsRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['ads'];
  const shopParams = Type.Object({ shopId: Id('shop') });

  r.get(
    '/api/v1/merchant/shops/:shopId/ads/account',
    {
      schema: {
        tags,
        summary: "The shop's ad account (推广账户): balance, spend, recent top-ups",
        params: shopParams,
        response: ok(AdAccountSchema, 401, 404),
      },
    },
    async (req) => adAccount(ctx, actorOf(req), shopOwner(req.params.shopId)),
  );

  r.post(
    '/api/v1/merchant/shops/:shopId/ads/topups',
    {
      schema: {
        tags,
        summary:
          "Top up the ad account: returns the payment provider's cashier; the balance grows when the provider's signed notification arrives",
        params: shopParams,
        body: Type.Object(
          {
            amountFen: Fen,
            returnUrl: Type.Optional(Type.String({ pattern: '^/[A-Za-z0-9/_?=&.-]*$', maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: ok(TopupStartedSchema, 400, 401, 404),
      },
    },
    async (req) => startTopup(ctx, actorOf(req), shopOwner(req.params.shopId), req.body.amountFen, req.body.returnUrl),
  );

  r.post(
    '/api/v1/merchant/shops/:shopId/ads/withdraw',
    {
      schema: {
        tags,
        summary: "Move unspent ad balance back to the shop's available funds",
        params: shopParams,
        body: Type.Object({ amountFen: Fen }, { additionalProperties: false }),
        response: ok(AdAccountSchema, 400, 401, 404, 409),
      },
    },
    async (req) => withdrawAdBalance(ctx, actorOf(req), shopOwner(req.params.shopId), req.body.amountFen),
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/ads/creatives',
    {
      schema: {
        tags,
        summary: "Videos a campaign may use: published, carrying one of the shop's products",
        params: shopParams,
        response: ok(CreativeListSchema, 401, 404),
      },
    },
    async (req) => ({ items: await adCreatives(ctx, actorOf(req), shopOwner(req.params.shopId)) }),
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/ads/campaigns',
    {
      schema: {
        tags,
        summary: "The shop's campaigns (推广计划)",
        params: shopParams,
        response: ok(CampaignListSchema, 401, 404),
      },
    },
    async (req) => ({ items: await listCampaigns(ctx, actorOf(req), shopOwner(req.params.shopId)) }),
  );

  r.post(
    '/api/v1/merchant/shops/:shopId/ads/campaigns',
    {
      schema: {
        tags,
        summary:
          'Create a campaign: a video (or live room) of the shop, goal, bid, daily budget, schedule, pacing and targeting',
        params: shopParams,
        body: Campaign,
        response: answers(201, CampaignSchema, 400, 401, 404, 409, 422),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createCampaign(ctx, actorOf(req), shopOwner(req.params.shopId), req.body as CampaignInput)),
  );

  // 达人中心 · 推广: the creator's own account and campaigns (the owner is the signed-in creator).
  const me = (req: Parameters<typeof actorOf>[0]): { actor: ReturnType<typeof actorOf>; owner: AdOwner } => {
    const actor = actorOf(req);
    return { actor, owner: creatorOwner(actor.userId) };
  };
  const campaignParams = Type.Object({ campaignId: Id('adCampaign') });
  /** The creator's routes reach only the creator's own campaigns (not a shop's they work for): anything else is 404. */
  const ownCampaign = async (id: string, actor: ReturnType<typeof actorOf>, owner: AdOwner): Promise<void> => {
    const c = await campaignView(ctx, actor, id);
    if (c.owner.kind !== owner.kind || c.owner.id !== owner.id) throw notFound('campaign', id);
  };

  r.get(
    '/api/v1/creator/ads/account',
    {
      schema: {
        tags,
        summary: "The creator's ad account (达人推广账户): balance, spend, recent top-ups",
        response: ok(AdAccountSchema, 401, 403),
      },
    },
    async (req) => {
      const { actor, owner } = me(req);
      return adAccount(ctx, actor, owner);
    },
  );

  r.post(
    '/api/v1/creator/ads/topups',
    {
      schema: {
        tags,
        summary: "Top up the creator's ad account through the payment provider's cashier",
        body: TopupInput,
        response: ok(TopupStartedSchema, 400, 401, 403),
      },
    },
    async (req) => {
      const { actor, owner } = me(req);
      return startTopup(ctx, actor, owner, req.body.amountFen, req.body.returnUrl);
    },
  );

  r.post(
    '/api/v1/creator/ads/withdraw',
    {
      schema: {
        tags,
        summary: "Move unspent ad balance back to the creator's commission balance (达人可提现)",
        body: Type.Object({ amountFen: Fen }, { additionalProperties: false }),
        response: ok(AdAccountSchema, 400, 401, 403, 409),
      },
    },
    async (req) => {
      const { actor, owner } = me(req);
      return withdrawAdBalance(ctx, actor, owner, req.body.amountFen);
    },
  );

  r.get(
    '/api/v1/creator/ads/creatives',
    {
      schema: {
        tags,
        summary: "The creator's own published videos carrying a product, which a campaign may promote",
        response: ok(CreativeListSchema, 401, 403),
      },
    },
    async (req) => {
      const { actor, owner } = me(req);
      return { items: await adCreatives(ctx, actor, owner) };
    },
  );

  r.get(
    '/api/v1/creator/ads/campaigns',
    {
      schema: {
        tags,
        summary: "The creator's campaigns",
        response: ok(CampaignListSchema, 401, 403),
      },
    },
    async (req) => {
      const { actor, owner } = me(req);
      return { items: await listCampaigns(ctx, actor, owner) };
    },
  );

  r.post(
    '/api/v1/creator/ads/campaigns',
    {
      schema: {
        tags,
        summary: "Create a campaign for one of the creator's own published videos or their own live room",
        body: Campaign,
        response: answers(201, CampaignSchema, 400, 401, 403, 409, 422),
      },
    },
    async (req, reply) => {
      const { actor, owner } = me(req);
      return reply.status(201).send(await createCampaign(ctx, actor, owner, req.body as CampaignInput));
    },
  );

  r.post(
    '/api/v1/creator/ads/campaigns/:campaignId/status',
    {
      schema: {
        tags,
        summary: "Pause or resume one of the creator's campaigns",
        params: campaignParams,
        body: StatusInput,
        response: ok(CampaignSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => {
      const { actor, owner } = me(req);
      await ownCampaign(req.params.campaignId, actor, owner);
      return setCampaignStatus(ctx, actor, req.params.campaignId, req.body.status);
    },
  );

  r.get(
    '/api/v1/creator/ads/campaigns/:campaignId/report',
    {
      schema: {
        tags,
        summary:
          "One of the creator's campaigns by hour: spend, impressions, clicks, CTR, CPM, conversions, cost per conversion, GMV, ROI, invalid traffic",
        params: campaignParams,
        querystring: ReportQuery,
        response: ok(CampaignReportSchema, 400, 401, 403, 404),
      },
    },
    async (req) => {
      const { actor, owner } = me(req);
      await ownCampaign(req.params.campaignId, actor, owner);
      return campaignReport(ctx, actor, req.params.campaignId, req.query);
    },
  );

  r.post(
    '/api/v1/merchant/ads/campaigns/:campaignId/status',
    {
      schema: {
        tags,
        summary: 'Pause or resume a campaign',
        params: Type.Object({ campaignId: Id('adCampaign') }),
        body: Type.Object(
          { status: Type.Union([Type.Literal('active'), Type.Literal('paused')]) },
          { additionalProperties: false },
        ),
        response: ok(CampaignSchema, 400, 401, 404, 409),
      },
    },
    async (req) => setCampaignStatus(ctx, actorOf(req), req.params.campaignId, req.body.status),
  );

  r.get(
    '/api/v1/merchant/ads/campaigns/:campaignId/report',
    {
      schema: {
        tags,
        summary:
          'A campaign by hour: spend, impressions, clicks, CTR, CPM, conversions, cost per conversion, GMV, ROI, invalid traffic',
        params: Type.Object({ campaignId: Id('adCampaign') }),
        querystring: ReportQuery,
        response: ok(CampaignReportSchema, 400, 401, 404),
      },
    },
    async (req) => campaignReport(ctx, actorOf(req), req.params.campaignId, req.query),
  );

  r.post(
    '/api/v1/ads/impressions',
    {
      schema: {
        tags,
        summary:
          'The app saw these ads (their impression ids from the feed): each is billed once, invalid traffic filtered first',
        headers: ViewerHeader,
        body: Type.Object(
          { impressionIds: Type.Array(Id('adServe'), { minItems: 1, maxItems: MAX_IMPRESSION_BATCH }) },
          { additionalProperties: false },
        ),
        response: ok(ImpressionOutcomesSchema, 400, 401, 404),
      },
    },
    async (req) => {
      const viewerId = req.headers['x-viewer-id'];
      return {
        outcomes: await reportImpressions(
          ctx,
          { userId: req.auth?.actor.userId ?? null, viewerId: typeof viewerId === 'string' ? viewerId : null },
          req.body.impressionIds,
        ),
      };
    },
  );

  r.post(
    '/api/v1/ads/clicks',
    {
      schema: {
        tags,
        summary: 'The viewer tapped an ad (its product card): counted once per impression',
        headers: ViewerHeader,
        body: Type.Object({ impressionId: Id('adServe') }, { additionalProperties: false }),
        response: ok(ClickCountedSchema, 400, 401, 404),
      },
    },
    async (req) => {
      const viewerId = req.headers['x-viewer-id'];
      return reportClick(
        ctx,
        { userId: req.auth?.actor.userId ?? null, viewerId: typeof viewerId === 'string' ? viewerId : null },
        req.body.impressionId,
      );
    },
  );

  r.post(
    '/api/v1/ads/entries',
    {
      schema: {
        tags,
        summary:
          "The viewer entered the live room from a live-room ad: the campaign's conversion, counted once per billed impression while the room is live",
        headers: ViewerHeader,
        body: Type.Object({ impressionId: Id('adServe') }, { additionalProperties: false }),
        response: ok(RoomEntrySchema, 400, 401, 404),
      },
    },
    async (req) => {
      const viewerId = req.headers['x-viewer-id'];
      return reportRoomEntry(
        ctx,
        { userId: req.auth?.actor.userId ?? null, viewerId: typeof viewerId === 'string' ? viewerId : null },
        req.body.impressionId,
      );
    },
  );

  r.get(
    '/api/v1/admin/ads',
    {
      schema: {
        tags,
        summary: '平台管理 · 广告: ad revenue, ad load over the last day, the creatives',
        response: ok(AdsOverviewSchema, 401, 403),
      },
    },
    async (req) => adsOverview(ctx, actorOf(req)),
  );

  r.post(
    '/api/v1/admin/ads/campaigns/:campaignId/review',
    {
      schema: {
        tags,
        summary:
          "平台管理 · 广告: take a campaign's creative down (reject, with a reason: it leaves the feed at once and its advertiser cannot resume it) or restore it (paused, for the advertiser to resume)",
        params: Type.Object({ campaignId: Id('adCampaign') }),
        body: Type.Object(
          {
            decision: literals(AD_REVIEW_DECISIONS),
            reason: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_REVIEW_REASON })),
          },
          { additionalProperties: false },
        ),
        response: ok(CampaignSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => reviewCampaign(ctx, actorOf(req), req.params.campaignId, req.body.decision, req.body.reason),
  );

  // Providers sign the exact bytes they send, so this route reads the raw body.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    typed(scope).post(
      '/api/v1/ads/topups/notify/:provider',
      {
        schema: {
          tags,
          summary: 'Asynchronous, HMAC-signed notification from the payment provider about an ad top-up',
          params: Type.Object({ provider: Type.String({ pattern: '^[a-z0-9-]{2,32}$' }) }),
          response: ok(TopupNotifiedSchema, 400, 401, 404),
        },
      },
      async (req, reply) => {
        const raw = typeof req.body === 'string' ? req.body : '';
        if (!raw) throw new DomainError('INVALID_NOTIFICATION', 'empty notification');
        const result = await receiveTopupNotification(ctx, req.params.provider, req.headers, raw);
        if (result.outcome === 'rejected')
          return sendError(
            reply,
            isErrorCode(result.reason) ? result.reason : 'NOTIFICATION_REJECTED',
            'the notification does not match our records',
            { outcome: result.outcome },
          );
        return { received: true as const, outcome: result.outcome };
      },
    );
  });
}
