/** Response schemas of openplatform routes. */
import { Type } from 'typebox';
import {
  APP_STATUSES,
  METHOD_GROUPS,
  type AppView,
  type AuthorizationView,
  type DeliveryView,
  type appForConsent,
  type authorizeSelfUse,
  type deliveryLog,
  type issueAuthCode,
  type registerApp,
  type replayDelivery,
  type rotateSecret,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

export const AppViewSchema = describe<AppView>()(
  Type.Object({
    id: Type.String(),
    appKey: Type.String(),
    name: Type.String(),
    kind: OneOf(['self', 'tool'] as const),
    ownerId: Type.String(),
    shopId: Nullable(Type.String()),
    status: OneOf(APP_STATUSES),
    groups: Type.Array(OneOf(METHOD_GROUPS)),
    callbackUrl: Type.String(),
    pushUrl: Type.String(),
    pushTags: Type.Array(
      OneOf([
        '100',
        '101',
        '103',
        '102',
        '104',
        '105',
        '106',
        '200',
        '201',
        '203',
        '202',
        '204',
        '205',
        '206',
        '207',
        '400',
      ] as const),
    ),
    ipAllow: Type.Array(Type.String()),
    reviewNote: Type.String(),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  }),
);

export const DeliveryViewSchema = describe<DeliveryView>()(
  Type.Object({
    id: Type.String(),
    msgIds: Type.Array(Type.String()),
    messageCount: Type.Integer(),
    outcome: OneOf(['failed', 'ok'] as const),
    httpStatus: Nullable(Type.Number()),
    error: Nullable(Type.String()),
    replay: Type.Boolean(),
    durationMs: Type.Integer(),
    createdAt: Type.Integer(),
  }),
);

export const AuthorizationViewSchema = describe<AuthorizationView>()(
  Type.Object({
    id: Type.String(),
    appId: Type.String(),
    appKey: Type.String(),
    appName: Type.String(),
    appKind: Type.String(),
    shopId: Type.String(),
    groups: Type.Array(OneOf(METHOD_GROUPS)),
    status: OneOf(['active', 'revoked'] as const),
    grantedBy: Type.String(),
    createdAt: Type.Integer(),
    revokedAt: Nullable(Type.Integer()),
  }),
);

export const RegisterAppResultSchema = describe<Awaited<ReturnType<typeof registerApp>>>()(
  Type.Object({ app: AppViewSchema, secret: Type.String() }),
);

export const RotateSecretResultSchema = describe<Awaited<ReturnType<typeof rotateSecret>>>()(
  Type.Object({ secret: Type.String() }),
);

export const AuthorizeSelfUseResultSchema = describe<Awaited<ReturnType<typeof authorizeSelfUse>>>()(
  Type.Object({ authorizationId: Type.String() }),
);

export const DeliveryLogResultSchema = describe<Awaited<ReturnType<typeof deliveryLog>>>()(
  Type.Object({
    items: Type.Array(DeliveryViewSchema),
    pending: Type.Number(),
    waiting: Type.Number(),
    failed: Type.Number(),
  }),
);

export const ReplayDeliveryResultSchema = describe<Awaited<ReturnType<typeof replayDelivery>>>()(
  Type.Object({ ok: Type.Boolean() }),
);

export const AppForConsentResultSchema = describe<Awaited<ReturnType<typeof appForConsent>>>()(
  Type.Object({
    status: OneOf(APP_STATUSES),
    kind: OneOf(['self', 'tool'] as const),
    appKey: Type.String(),
    name: Type.String(),
    groups: Type.Array(OneOf(METHOD_GROUPS)),
    callbackUrl: Type.String(),
  }),
);

export const IssueAuthCodeResultSchema = describe<Awaited<ReturnType<typeof issueAuthCode>>>()(
  Type.Object({ code: Type.String(), redirectUrl: Nullable(Type.String()), expiresAt: Type.Integer() }),
);
