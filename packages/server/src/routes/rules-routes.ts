/** Platform rules: category rule profiles (admins), running deadlines and violation points (merchants), timer health (admins). */
import { Type } from 'typebox';
import {
  categoryRules,
  DEFAULT_RULES,
  listCategoryRules,
  MERCHANT_DEADLINES,
  ORDER_DEADLINES,
  requireRole,
  RULE_BOUNDS,
  shopDeadlines,
  shopViolations,
  timerCounts,
  troubledTimers,
  updateCategoryRuleProfile,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { Id, ok } from '../http/schemas.js';
import {
  CategoryRulesBookSchema,
  CategoryRulesViewSchema,
  ShopDeadlinesResultSchema,
  ShopViolationsViewSchema,
  TimerViewSchema,
} from './rules-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const Int = (minimum: number, maximum: number, description: string) =>
  Type.Optional(Type.Integer({ minimum, maximum, description }));

/** A partial rule profile: only the rules to change. */
const RulesPatch = Type.Object(
  {
    unpaidCancelMinutes: Int(1, 1440, '未付款自动取消（分钟）/ unpaid order cancelled after (minutes)'),
    flashSaleUnpaidCancelMinutes: Int(1, 1440, '直播秒杀未付款取消（分钟）/ the same for a live flash sale'),
    shipByHours: Int(1, 2160, '付款后发货时限（小时）/ ship within (hours after payment)'),
    lateShipment: Type.Optional(
      Type.Object(
        {
          compensationBp: Int(0, 10_000, '延迟发货赔付比例（基点）/ compensation, basis points of the paid amount'),
          minFen: Int(0, 100_000_000, '最低赔付（分）/ at least (fen)'),
          maxFen: Int(0, 100_000_000, '最高赔付（分）/ at most (fen)'),
          violationMilliPoints: Int(0, 12_000, '违规积分（千分之一分）/ violation points in thousandths'),
        },
        { additionalProperties: false },
      ),
    ),
    refundResponseHours: Int(
      1,
      720,
      '未发货退款商家处理时限（小时）/ merchant answers a refund request within (hours)',
    ),
    fastRefundMaxFen: Int(0, 100_000_000, '极速退款金额上限（分）/ fast refund below (fen)'),
    fastRefundWithinHours: Int(0, 720, '极速退款：付款后（小时）/ fast refund within (hours of payment)'),
    afterSalesResponseHours: Int(
      1,
      720,
      '售后商家处理时限（小时）/ merchant answers an after-sales request within (hours)',
    ),
    returnShipDays: Int(1, 60, '买家退货寄回时限（天）/ buyer ships a return within (days)'),
    returnConfirmHours: Int(
      1,
      720,
      '商家确认收到退货时限（小时）/ merchant confirms the returned parcel within (hours)',
    ),
    freshClaimHours: Int(1, 720, '坏了包赔申请时限（小时）/ fresh-produce claim within (hours of delivery)'),
    autoConfirmDays: Int(1, 60, '自动确认收货（天）/ receipt confirmed automatically after (days)'),
    settleWindowDays: Int(0, 90, '结算等待（天）/ settlement after (days)'),
    sevenDayNoReason: Type.Optional(Type.Boolean({ description: '7天无理由退货 / 7-day no-reason return' })),
    perishable: Type.Optional(Type.Boolean({ description: '生鲜易腐 / perishable' })),
    feeRateBp: Int(0, 10_000, '平台费率（基点）/ platform fee rate (basis points)'),
  },
  { additionalProperties: false },
);

const DeadlineKind = Type.Union([...new Set([...ORDER_DEADLINES, ...MERCHANT_DEADLINES])].map((k) => Type.Literal(k)));

export function rulesRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  // Tagged 'rules' (not 'admin'): their 403 for non-admins is tested in rules-routes.test.ts.
  const admin = ['admin'];
  const merchant = ['rules'];

  r.get(
    '/api/v1/admin/rules/categories',
    {
      schema: {
        tags: admin,
        summary: 'Rule profiles of every category, with the platform defaults they inherit and the bounds of each rule',
        response: ok(CategoryRulesBookSchema, 401, 403),
      },
    },
    async (req) => {
      requireRole(actorOf(req), 'admin');
      return {
        items: await listCategoryRules(ctx.db),
        book: {
          defaults: DEFAULT_RULES,
          bounds: Object.fromEntries(Object.entries(RULE_BOUNDS).map(([k, b]) => [k, [b[0], b[1]]])) as Record<
            string,
            [number, number]
          >,
        },
      };
    },
  );

  r.get(
    '/api/v1/admin/categories/:categoryId/rules',
    {
      schema: {
        tags: admin,
        summary: 'A category’s rule profile',
        params: Type.Object({ categoryId: Id('category') }),
        response: ok(CategoryRulesViewSchema, 401, 403, 404),
      },
    },
    async (req) => {
      requireRole(actorOf(req), 'admin');
      return categoryRules(ctx.db, req.params.categoryId);
    },
  );

  r.patch(
    '/api/v1/admin/categories/:categoryId/rules',
    {
      schema: {
        tags: admin,
        summary: 'Change some rules of a category (orders already placed keep theirs)',
        params: Type.Object({ categoryId: Id('category') }),
        body: RulesPatch,
        response: ok(CategoryRulesViewSchema, 400, 401, 403, 404),
      },
    },
    async (req) => updateCategoryRuleProfile(ctx, actorOf(req), req.params.categoryId, req.body),
  );

  r.get(
    '/api/v1/admin/timers',
    {
      schema: {
        tags: admin,
        summary: 'Durable timers: counts by status and the ones failing or retrying',
        response: ok(
          Type.Object({ counts: Type.Record(Type.String(), Type.Number()), troubled: Type.Array(TimerViewSchema) }),
          401,
          403,
        ),
      },
    },
    async (req) => {
      requireRole(actorOf(req), 'admin');
      const [counts, troubled] = await Promise.all([timerCounts(ctx.db), troubledTimers(ctx.db)]);
      return { counts, troubled };
    },
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/deadlines',
    {
      schema: {
        tags: merchant,
        summary: 'Every running deadline of my shop, most urgent first',
        params: Type.Object({ shopId: Id('shop') }),
        querystring: Type.Object(
          {
            kind: Type.Optional(DeadlineKind),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          },
          { additionalProperties: false },
        ),
        response: ok(ShopDeadlinesResultSchema, 400, 401, 404),
      },
    },
    async (req) => shopDeadlines(ctx.db, actorOf(req), req.params.shopId, ctx.clock.now(), req.query),
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/violations',
    {
      schema: {
        tags: merchant,
        summary: 'My shop’s violation points (违规积分), newest first',
        params: Type.Object({ shopId: Id('shop') }),
        response: ok(ShopViolationsViewSchema, 401, 404),
      },
    },
    async (req) => shopViolations(ctx.db, actorOf(req), req.params.shopId, 100, ctx.clock.now()),
  );
}
