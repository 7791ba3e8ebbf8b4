/**
 * Response schemas of affiliate (带货): plans, the marketplace and showcase, links, applications, samples, colonel
 * activities, MCN contracts, performance reports and pending commission, the public showcase.
 */
import { Type } from 'typebox';
import {
  PLAN_KINDS,
  SAMPLE_STATUSES,
  type ActivityApplication,
  type ActivityView,
  type ApplicationView,
  type ChoiceReason,
  type ContractView,
  type CreatorMatch,
  type LinkView,
  type MarketplaceItem,
  type OpenedLink,
  type Page,
  type PendingCommission,
  type PerformanceReport,
  type PlanDetail,
  type PlanKind,
  type PlanSummary,
  type RateChangeResult,
  type SampleRequestView,
  type SampleStatus,
  type ShowcaseItem,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';
import { ProductCardSchema } from './catalog-schemas.js';

export const LinkSchema = describe<LinkView>()(
  Type.Object({
    id: Type.String(),
    token: Type.String(),
    productId: Type.String(),
    createdAt: Type.Integer(),
    expiresAt: Type.Integer(),
    opens: Type.Integer({ description: 'how often it was opened' }),
  }),
);

export const OpenedLinkSchema = describe<OpenedLink>()(
  Type.Object({
    product: ProductCardSchema,
    creator: Type.Object({ id: Type.String(), displayName: Type.String() }),
    expiresAt: Type.Integer(),
    attribution: Type.Object(
      { source: Type.Literal('link'), contentId: Type.String(), creatorId: Type.String() },
      { description: 'what the shopper app sends with the line at checkout' },
    ),
  }),
);

export const CreatorMatchSchema = describe<CreatorMatch>()(
  Type.Object({ id: Type.String(), login: Type.String(), displayName: Type.String(), followers: Type.Integer() }),
);

export const ApplicationSchema = describe<ApplicationView>()(
  Type.Object({
    planId: Type.String(),
    creatorId: Type.String(),
    displayName: Type.String(),
    shopId: Type.String(),
    status: Type.String(),
    source: Type.String(),
    note: Type.String(),
    createdAt: Type.Integer(),
    decidedAt: Nullable(Type.Integer()),
  }),
);

export const SampleSchema = describe<SampleRequestView>()(
  Type.Object({
    id: Type.String(),
    creatorId: Type.String(),
    creatorName: Type.String(),
    shopId: Type.String(),
    productId: Type.String(),
    productTitle: Type.String(),
    skuId: Type.String(),
    specValues: Type.Array(Type.String()),
    note: Type.String(),
    status: OneOf(SAMPLE_STATUSES as readonly SampleStatus[]),
    reason: Nullable(Type.String()),
    orderId: Nullable(Type.String()),
    city: Type.String({ description: 'the shipping city only: the full address is on the order once approved' }),
    createdAt: Type.Integer(),
    decidedAt: Nullable(Type.Integer()),
  }),
);

export const SamplePageSchema = describe<{ items: SampleRequestView[]; nextCursor: string | null }>()(
  Type.Object({ items: Type.Array(SampleSchema), nextCursor: Nullable(Type.String()) }),
);

export const ContractSchema = describe<ContractView>()(
  Type.Object({
    id: Type.String(),
    mcnId: Type.String(),
    mcnName: Type.String(),
    creatorId: Type.String(),
    creatorName: Type.String(),
    shareBp: Type.Integer(),
    startsAt: Type.Integer(),
    endsAt: Type.Integer(),
    status: Type.String(),
    inForce: Type.Boolean({ description: 'in force now' }),
    acceptedAt: Nullable(Type.Integer()),
    effectiveAt: Nullable(Type.Integer()),
    endedAt: Nullable(Type.Integer()),
  }),
);

const PlanKindSchema = OneOf(PLAN_KINDS as readonly PlanKind[]);
const RATE_CHANGE_KINDS = ['open', 'raise', 'cut', 'close'] as const;
const PLAN_STATES = ['active', 'closing', 'closed', 'pending', 'rejected'] as const;
const CHOICE_REASONS = ['plan', 'self_commission', 'not_open', 'no_plan'] as const satisfies readonly ChoiceReason[];

const PlanSummaryProps = {
  id: Type.String(),
  kind: PlanKindSchema,
  name: Type.String(),
  shopId: Type.String(),
  productId: Type.String(),
  state: OneOf(PLAN_STATES),
  rateBp: Nullable(Type.Integer(), { description: 'the rate in force now (null: closed, or not yet approved)' }),
  pending: Nullable(
    Type.Object({
      change: OneOf(RATE_CHANGE_KINDS),
      rateBp: Nullable(Type.Integer()),
      effectiveAt: Type.Integer(),
    }),
    { description: 'a cut or close waiting for 00:00' },
  ),
  creatorId: Nullable(Type.String({ description: 'exclusive plans: the one creator' })),
  activityId: Nullable(Type.String({ description: 'colonel plans: the activity' })),
  closesAt: Nullable(Type.Integer()),
  createdAt: Type.Integer(),
};

export const PlanSummarySchema = describe<PlanSummary>()(Type.Object(PlanSummaryProps));

export const ShopPlanPageSchema = describe<Page<PlanSummary & { productTitle: string }>>()(
  Type.Object({
    items: Type.Array(Type.Object({ ...PlanSummaryProps, productTitle: Type.String() })),
    nextCursor: Nullable(Type.String()),
  }),
);

export const PlanDetailSchema = describe<PlanDetail>()(
  Type.Object({
    ...PlanSummaryProps,
    productTitle: Type.String(),
    history: Type.Array(
      Type.Object({
        id: Type.String(),
        change: OneOf(RATE_CHANGE_KINDS),
        rateBp: Nullable(Type.Integer(), { description: 'null: the plan closes' }),
        requestedAt: Type.Integer(),
        effectiveAt: Type.Integer(),
        supersededAt: Nullable(Type.Integer(), {
          description: 'set when a later change replaced this one before it took effect: it never applied',
        }),
      }),
    ),
    creators: Type.Array(
      Type.Object({
        creatorId: Type.String(),
        displayName: Type.String(),
        status: Type.String(),
        source: Type.String(),
        note: Type.String(),
        createdAt: Type.Integer(),
        decidedAt: Nullable(Type.Integer()),
      }),
    ),
  }),
);

export const RateChangeResultSchema = describe<RateChangeResult>()(
  Type.Object({
    plan: PlanSummarySchema,
    change: OneOf(['raise', 'cut', 'close'] as const),
    effectiveAt: Type.Integer(),
  }),
);

const OfferProps = {
  reason: OneOf(CHOICE_REASONS),
  rateBp: Type.Integer({ description: 'what the merchant pays: the plan’s rate' }),
  creatorRateBp: Type.Integer({ description: 'what the creator earns: the rate less any colonel fee' }),
  colonelFeeBp: Type.Integer(),
  protected: Type.Boolean({ description: 'an old rate kept after a cut' }),
  planId: Nullable(Type.String()),
};

export const MarketplacePageSchema = describe<Page<MarketplaceItem>>()(
  Type.Object({
    items: Type.Array(
      Type.Object({
        product: ProductCardSchema,
        offer: Type.Object(
          { ...OfferProps, kind: Nullable(PlanKindSchema) },
          {
            description:
              'what I earn now, and through which plan (not_open: only an application or activity would open it)',
          },
        ),
        plans: Type.Array(
          Type.Object({
            planId: Type.String(),
            kind: Type.String(),
            rateBp: Nullable(Type.Integer()),
            application: Nullable(Type.String({ description: 'my application’s status' })),
            activity: Nullable(
              Type.Object({ id: Type.String(), serviceFeeBp: Type.Integer(), endsAt: Type.Integer() }),
            ),
          }),
        ),
        inShowcase: Type.Boolean(),
        experienceScore: Nullable(Type.Number(), {
          description: '商家体验分 (0–100); null when the shop has too few orders for a score',
        }),
      }),
    ),
    nextCursor: Nullable(Type.String()),
  }),
);

export const ShowcaseItemSchema = describe<ShowcaseItem>()(
  Type.Object({
    product: ProductCardSchema,
    addedAt: Type.Integer(),
    viaPlanId: Nullable(Type.String({ description: 'the colonel plan it was picked through' })),
    offer: Type.Object({ ...OfferProps, kind: Nullable(Type.String()) }),
  }),
);

const ActivityProps = {
  id: Type.String(),
  colonelId: Type.String(),
  name: Type.String(),
  commissionFloorBp: Type.Integer(),
  serviceFeeBp: Type.Integer({ description: 'taken out of the commission' }),
  startsAt: Type.Integer(),
  endsAt: Type.Integer(),
  running: Type.Boolean(),
  createdAt: Type.Integer(),
};

export const ActivitySchema = describe<ActivityView>()(Type.Object(ActivityProps));

export const ActivityApplicationSchema = describe<ActivityApplication>()(
  Type.Object({
    ...PlanSummaryProps,
    productTitle: Type.String(),
    requestedRateBp: Nullable(Type.Integer(), {
      description: 'the rate the merchant applied with (`rateBp` is null until approved)',
    }),
  }),
);

const PerformanceMoney = {
  gmvFen: Type.Integer(),
  orders: Type.Integer(),
  refundsFen: Type.Integer(),
  creatorFen: Type.Integer(),
  mcnFen: Type.Integer(),
  colonelFen: Type.Integer(),
  settledFen: Type.Integer({ description: 'of the asker’s own part, what has settled' }),
};

export const PerformanceReportSchema = describe<PerformanceReport>()(
  Type.Object({
    from: Type.Integer(),
    to: Type.Integer(),
    groupBy: OneOf(['creator', 'product', 'video'] as const),
    rows: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), ...PerformanceMoney })),
    total: Type.Object(PerformanceMoney),
    truncated: Type.Boolean({ description: 'more lines than one report reads: narrow the period' }),
  }),
);

export const PendingCommissionSchema = describe<PendingCommission>()(
  Type.Object({
    party: OneOf(['creator', 'mcn', 'colonel'] as const),
    totalFen: Type.Integer(),
    orders: Type.Integer(),
    items: Type.Array(
      Type.Object({
        orderId: Type.String(),
        orderStatus: Type.String(),
        paidAt: Type.Integer(),
        products: Type.Array(Type.String(), { description: 'titles of the lines credited to me' }),
        expectedFen: Type.Integer(),
        settleDueAt: Nullable(Type.Integer(), { description: 'set once receipt is confirmed' }),
        settleWindowDays: Type.Integer({ description: 'days after receipt the order settles' }),
      }),
    ),
    truncated: Type.Boolean({ description: 'more orders than one answer lists (the totals still count them all)' }),
  }),
);
