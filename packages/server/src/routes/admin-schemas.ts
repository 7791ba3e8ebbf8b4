/** Response schemas of admin routes. */
import { Type } from 'typebox';
import type { CategoryView, ModelFigures, ModelVersion, ModelVersionsView, UserView, findUsers } from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

export const CategoryViewSchema = describe<CategoryView>()(
  Type.Object({
    id: Type.String(),
    parentId: Nullable(Type.String()),
    name: Type.String(),
    children: Type.Array(Type.Unsafe<CategoryView>(Type.Object({}, { additionalProperties: true })), {
      description: 'subcategories, the same shape (empty for a new category)',
    }),
    shipByHours: Type.Number(),
    perishable: Type.Boolean(),
    feeRateBp: Type.Number(),
  }),
);

export const UserViewSchema = describe<UserView>()(
  Type.Object({
    id: Type.String(),
    login: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(Type.Object({ role: Type.String(), shopId: Nullable(Type.String()) })),
  }),
);

export const ModelFiguresSchema = describe<ModelFigures>()(
  Type.Object({
    model: Type.Object({ hr10: Type.Number(), ndcg10: Type.Number(), people: Type.Number() }),
    baseline: Type.Object({ hr10: Type.Number(), ndcg10: Type.Number(), people: Type.Number() }),
    baselineVersion: Nullable(Type.String()),
  }),
);

export const ModelVersionSchema = describe<ModelVersion>()(
  Type.Object({
    id: Type.String(),
    status: OneOf(['requested', 'training', 'serving', 'retired', 'rejected', 'failed'] as const),
    trigger: OneOf(['schedule', 'manual'] as const),
    requestedBy: Nullable(Type.String()),
    requestedAt: Type.Integer(),
    startedAt: Nullable(Type.Integer()),
    finishedAt: Nullable(Type.Integer()),
    epochsDone: Type.Number(),
    epochs: Type.Number(),
    people: Type.Number(),
    events: Type.Number(),
    videos: Type.Number(),
    figures: Nullable(ModelFiguresSchema),
    reason: Nullable(
      OneOf([
        'better_than_serving',
        'better_than_online',
        'worse_than_serving',
        'worse_than_online',
        'not_enough_history',
        'superseded',
        'process_restarted',
        'engine_unavailable',
        'training_failed',
      ] as const),
    ),
    error: Nullable(Type.String()),
    swapMs: Nullable(Type.Integer()),
  }),
);

export const ModelVersionsViewSchema = describe<ModelVersionsView>()(
  Type.Object({
    versions: Type.Array(ModelVersionSchema),
    retraining: Type.Boolean(),
    everyMs: Nullable(Type.Integer()),
    engines: Type.Array(
      Type.Object({ replica: Nullable(Type.Integer()), version: Nullable(Type.String()), reachable: Type.Boolean() }),
    ),
  }),
);

export const FindUsersResultSchema = describe<Awaited<ReturnType<typeof findUsers>>>()(
  Type.Object({ items: Type.Array(UserViewSchema), nextCursor: Nullable(Type.String()) }),
);
