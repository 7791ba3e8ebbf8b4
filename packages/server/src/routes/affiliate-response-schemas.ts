/** Response schemas of affiliate (带货): links, applications, samples, MCN contracts, the public showcase. */
import { Type } from 'typebox';
import {
  SAMPLE_STATUSES,
  type ApplicationView,
  type ContractView,
  type CreatorMatch,
  type LinkView,
  type OpenedLink,
  type SampleRequestView,
  type SampleStatus,
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
