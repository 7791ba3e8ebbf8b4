/** 罗盘 (Compass): the metric catalogue, overview with trend and the previous period, breakdowns by dimension (JSON or CSV). */
import { Type } from 'typebox';
import {
  breakdownCsv,
  compassAds,
  compassBreakdown,
  compassLiveRoom,
  compassLiveRooms,
  compassOverview,
  METRICS,
  BREAKDOWN_LIMIT,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { errors, Id, ok } from '../http/schemas.js';
import {
  BreakdownSchema,
  jsonOrFiles,
  LiveRoomReportSchema,
  LiveRoomsSchema,
  MetricCatalogueSchema,
  OverviewSchema,
  XLSX_TYPE,
} from './analytics-response-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';
import { breakdownXlsx } from './analytics-xlsx.js';
import { CompassAdsSchema } from './ads-response-schemas.js';

const Scope = Type.Union([Type.Literal('platform'), Type.Literal('shop'), Type.Literal('creator')], {
  description: '平台 / 店铺 / 达人: whose figures (a shop’s members, the creator themself, admins)',
});
const Day = (description: string) => Type.String({ minLength: 1, maxLength: 10, description });
const ScopeQuery = {
  scope: Type.Optional(Scope),
  shopId: Type.Optional(Id('shop')),
  from: Day('first day, YYYY-MM-DD in Asia/Shanghai'),
  to: Day('last day (inclusive), at most 90 days after from'),
};

export function analyticsRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['analytics'];

  r.get(
    '/api/v1/analytics/metrics',
    {
      schema: {
        tags,
        summary: 'The metric catalogue: key, unit, the i18n keys of the name and formula, the formula',
        response: ok(MetricCatalogueSchema, 401),
      },
    },
    async (req) => {
      actorOf(req);
      return {
        items: METRICS.map((m) => ({
          key: m.key,
          unit: m.unit,
          nameKey: m.nameKey,
          formulaKey: m.formulaKey,
          formula: m.formula,
        })),
      };
    },
  );

  r.get(
    '/api/v1/analytics/overview',
    {
      schema: {
        tags,
        summary:
          'Every metric over a date range and the same number of days before, with the trend per day (or per hour for one day); dim + id narrow it to one product, video, channel …',
        querystring: Type.Object(
          {
            ...ScopeQuery,
            granularity: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('hour')])),
            dim: Type.Optional(Type.String({ maxLength: 20 })),
            id: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: ok(OverviewSchema, 400, 401, 403, 404),
      },
    },
    async (req) => compassOverview(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/v1/analytics/breakdown/:dim',
    {
      schema: {
        tags,
        summary:
          'Every metric per value of one dimension (channel, product, video, live, creator, shop, category, region, price_band), the largest first; ?format=csv or ?format=xlsx downloads it',
        params: Type.Object({ dim: Type.String({ maxLength: 20 }) }),
        querystring: Type.Object(
          {
            ...ScopeQuery,
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: BREAKDOWN_LIMIT })),
            sort: Type.Optional(
              Type.Union([
                Type.Literal('gmv_fen'),
                Type.Literal('impressions'),
                Type.Literal('clicks'),
                Type.Literal('commission_fen'),
                Type.Literal('carts'),
                Type.Literal('favourites'),
              ]),
            ),
            format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
            lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
        response: { ...errors(400, 401, 403, 404), ...jsonOrFiles(BreakdownSchema) },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const b = await compassBreakdown(ctx, actorOf(req), req.params.dim, q);
      if (q.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="compass-${b.dim}-${b.range.from}-${b.range.to}.csv"`)
          .send(breakdownCsv(b, q.lang));
      }
      if (q.format === 'xlsx') {
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="compass-${b.dim}-${b.range.from}-${b.range.to}.xlsx"`)
          .send(await breakdownXlsx(b, q.lang ?? 'zh-CN'));
      }
      return b;
    },
  );

  r.get(
    '/api/v1/analytics/live',
    {
      schema: {
        tags,
        summary:
          '直播分析: the live rooms of the scope opened in the range (a shop: hosted by it or that sold its goods), with peak viewers, comments, orders and GMV',
        querystring: Type.Object(ScopeQuery, { additionalProperties: false }),
        response: ok(LiveRoomsSchema, 400, 401, 403, 404),
      },
    },
    async (req) => compassLiveRooms(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/v1/analytics/live/:roomId',
    {
      schema: {
        tags,
        summary:
          'One live room minute by minute (viewers online, entries, comments, orders, GMV) and its best moments (top minutes by GMV, viewer peaks)',
        params: Type.Object({ roomId: Id('liveRoom') }),
        querystring: Type.Object(
          { scope: Type.Optional(Scope), shopId: Type.Optional(Id('shop')) },
          { additionalProperties: false },
        ),
        response: ok(LiveRoomReportSchema, 400, 401, 403, 404),
      },
    },
    async (req) => compassLiveRoom(ctx, actorOf(req), req.params.roomId, req.query),
  );
  r.get(
    '/api/v1/analytics/ads',
    {
      schema: {
        tags,
        summary:
          '推广: the paid traffic of the scope (a shop’s campaigns, the creator’s own, every campaign for admins) — spend, impressions, clicks, CTR, CPM, conversions, cost per conversion, GMV, ROI — in total, by hour and by campaign',
        querystring: Type.Object(ScopeQuery, { additionalProperties: false }),
        response: ok(CompassAdsSchema, 400, 401, 403, 404),
      },
    },
    async (req) => compassAds(ctx, actorOf(req), req.query),
  );
}
