/** Response schemas of the open platform's consoles (开放平台): apps, authorisations, consent and the push log. */
import { Type } from 'typebox';
import { APP_STATUSES, METHOD_GROUPS, PUSH_TAGS, type AppView, type AuthorizationView, type DeliveryView, type PushTag } from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

const Groups = Type.Array(OneOf(METHOD_GROUPS));
const AppKindSchema = OneOf(['self', 'tool'] as const);

export const AppSchema = describe<AppView>()(
  Type.Object({
    id: Type.String(),
    appKey: Type.String(),
    name: Type.String(),
    kind: AppKindSchema,
    ownerId: Type.String(),
    shopId: Nullable(Type.String()),
    status: OneOf(APP_STATUSES),
    groups: Groups,
    callbackUrl: Type.String(),
    pushUrl: Type.String(),
    pushTags: Type.Array(OneOf(Object.keys(PUSH_TAGS) as PushTag[])),
    ipAllow: Type.Array(Type.String()),
    reviewNote: Type.String(),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  }),
);

export const AuthorizationSchema = describe<AuthorizationView>()(
  Type.Object({
    id: Type.String(),
    appId: Type.String(),
    appKey: Type.String(),
    appName: Type.String(),
    appKind: Type.String(),
    shopId: Type.String(),
    groups: Groups,
    status: OneOf(['active', 'revoked'] as const),
    grantedBy: Type.String(),
    createdAt: Type.Integer(),
    revokedAt: Nullable(Type.Integer()),
  }),
);

export const DeliveryLogSchema = describe<{ items: DeliveryView[]; pending: number; waiting: number; failed: number }>()(
  Type.Object({
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        msgIds: Type.Array(Type.String()),
        messageCount: Type.Integer(),
        outcome: OneOf(['ok', 'failed'] as const),
        httpStatus: Nullable(Type.Integer()),
        error: Nullable(Type.String()),
        replay: Type.Boolean(),
        durationMs: Type.Integer(),
        createdAt: Type.Integer(),
      }),
    ),
    pending: Type.Integer(),
    waiting: Type.Integer(),
    failed: Type.Integer(),
  }),
);

export const ConsentAppSchema = describe<Pick<AppView, 'appKey' | 'name' | 'kind' | 'groups' | 'status' | 'callbackUrl'>>()(
  Type.Object({ appKey: Type.String(), name: Type.String(), kind: AppKindSchema, groups: Groups, status: OneOf(APP_STATUSES), callbackUrl: Type.String() }),
);
