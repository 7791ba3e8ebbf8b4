/** Response schemas of rules routes. */
import { Type } from 'typebox';
import type {
  CategoryRulesView,
  DeadlineItem,
  LateShipmentRule,
  RuleProfile,
  ShopViolationsView,
  TimerView,
  shopDeadlines,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

export const LateShipmentRuleSchema = describe<LateShipmentRule>()(
  Type.Object({
    compensationBp: Type.Number(),
    minFen: Type.Integer(),
    maxFen: Type.Integer(),
    violationMilliPoints: Type.Number(),
  }),
);

export const RuleProfileSchema = describe<RuleProfile>()(
  Type.Object({
    unpaidCancelMinutes: Type.Number(),
    flashSaleUnpaidCancelMinutes: Type.Number(),
    shipByHours: Type.Number(),
    lateShipment: LateShipmentRuleSchema,
    refundResponseHours: Type.Number(),
    fastRefundMaxFen: Type.Integer(),
    fastRefundWithinHours: Type.Number(),
    afterSalesResponseHours: Type.Number(),
    returnShipDays: Type.Number(),
    returnConfirmHours: Type.Number(),
    freshClaimHours: Type.Number(),
    autoConfirmDays: Type.Number(),
    settleWindowDays: Type.Number(),
    sevenDayNoReason: Type.Boolean(),
    perishable: Type.Boolean(),
    feeRateBp: Type.Number(),
  }),
);

export const CategoryRulesViewSchema = describe<CategoryRulesView>()(
  Type.Object({ categoryId: Type.String(), name: Type.String(), rules: RuleProfileSchema }),
);

export const TimerViewSchema = describe<TimerView>()(
  Type.Object({
    kind: Type.String(),
    subjectId: Type.String(),
    scopeId: Nullable(Type.String()),
    dueAt: Type.Integer(),
    payload: Type.Record(Type.String(), Type.Unknown()),
    status: OneOf(['failed', 'cancelled', 'pending', 'done'] as const),
    attempts: Type.Number(),
    lastError: Nullable(Type.String()),
    firedAt: Nullable(Type.Integer()),
  }),
);

export const DeadlineItemSchema = describe<DeadlineItem>()(
  Type.Object({
    orderId: Type.String(),
    kind: Type.String(),
    dueAt: Type.Integer(),
    remainingMs: Type.Integer(),
    caseId: Type.Optional(Type.String()),
  }),
);

export const ShopViolationsViewSchema = describe<ShopViolationsView>()(
  Type.Object({
    points: Type.Number(),
    milliPoints: Type.Number(),
    items: Type.Array(
      Type.Object({
        rule: Type.String(),
        subjectId: Type.String(),
        points: Type.Number(),
        detail: Type.Record(Type.String(), Type.Unknown()),
        at: Type.Number(),
      }),
    ),
  }),
);

export const ShopDeadlinesResultSchema = describe<Awaited<ReturnType<typeof shopDeadlines>>>()(
  Type.Object({ items: Type.Array(DeadlineItemSchema) }),
);

/** Every category's rule profile, with the platform defaults they inherit and each rule's [min, max]. */
export const CategoryRulesBookSchema = describe<{
  items: CategoryRulesView[];
  book: { defaults: RuleProfile; bounds: Record<string, [number, number]> };
}>()(
  Type.Object({
    items: Type.Array(CategoryRulesViewSchema),
    book: Type.Object({
      defaults: RuleProfileSchema,
      bounds: Type.Record(Type.String(), Type.Tuple([Type.Number(), Type.Number()])),
    }),
  }),
);
