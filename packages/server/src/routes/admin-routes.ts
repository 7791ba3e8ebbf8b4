import { Type } from 'typebox';
import {
  adminModelVersions,
  adminRequestRetrain,
  BP,
  createCategory,
  findUsers,
  GLOBAL_ROLES,
  MAX_CATEGORY_NAME,
  MAX_LOGIN,
  MAX_SHIP_BY_HOURS,
  requireRole,
  setRole,
  updateCategoryRules,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { answers, Id, noContent, ok, PageQuery } from '../http/schemas.js';
import {
  CategoryViewSchema,
  FindUsersResultSchema,
  ModelVersionSchema,
  ModelVersionsViewSchema,
  UserViewSchema,
} from './admin-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const Rules = {
  shipByHours: Type.Integer({ minimum: 1, maximum: MAX_SHIP_BY_HOURS, description: 'hours after payment to ship' }),
  perishable: Type.Boolean(),
  feeRateBp: Type.Integer({ minimum: 0, maximum: BP, description: 'platform fee rate in basis points' }),
};

export function adminRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['admin'];

  r.post(
    '/api/v1/admin/categories',
    {
      schema: {
        tags,
        summary: 'Create a category with its rule profile',
        body: Type.Object(
          {
            parentId: Type.Optional(Type.Union([Id('category'), Type.Null()])),
            name: Type.String({ minLength: 1, maxLength: MAX_CATEGORY_NAME }),
            sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
            ...Rules,
          },
          { additionalProperties: false },
        ),
        response: answers(201, CategoryViewSchema, 400, 401, 403, 404),
      },
    },
    async (req, reply) => reply.status(201).send(await createCategory(ctx, actorOf(req), req.body)),
  );

  r.put(
    '/api/v1/admin/categories/:categoryId',
    {
      schema: {
        tags,
        summary: 'Edit a category’s name and rule profile',
        params: Type.Object({ categoryId: Id('category') }),
        body: Type.Object(
          { name: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_CATEGORY_NAME })), ...Rules },
          { additionalProperties: false },
        ),
        response: noContent(400, 401, 403, 404),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requireRole(actor, 'admin');
      await updateCategoryRules(ctx, actor, req.params.categoryId, req.body);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/admin/users',
    {
      schema: {
        tags,
        summary: 'Find people by login prefix',
        querystring: Type.Object(
          {
            ...PageQuery,
            login: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_LOGIN })),
          },
          { additionalProperties: false },
        ),
        response: ok(FindUsersResultSchema, 400, 401, 403),
      },
    },
    async (req) => {
      requireRole(actorOf(req), 'admin');
      return findUsers(ctx.db, { ...req.query, limit: req.query.limit ?? 20 });
    },
  );

  r.put(
    '/api/v1/admin/users/:userId/roles/:role',
    {
      schema: {
        tags,
        summary: 'Grant a global role (creator, mcn, colonel, admin, shopper)',
        params: Type.Object({ userId: Id('user'), role: Type.Union(GLOBAL_ROLES.map((x) => Type.Literal(x))) }),
        response: ok(UserViewSchema, 400, 401, 403, 404),
      },
    },
    async (req) => {
      const user = await setRole(ctx, actorOf(req), req.params.userId, req.params.role, true);
      deps.sessions.clear();
      return user;
    },
  );

  r.delete(
    '/api/v1/admin/users/:userId/roles/:role',
    {
      schema: {
        tags,
        summary: 'Revoke a global role',
        params: Type.Object({ userId: Id('user'), role: Type.Union(GLOBAL_ROLES.map((x) => Type.Literal(x))) }),
        response: ok(UserViewSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => {
      const user = await setRole(ctx, actorOf(req), req.params.userId, req.params.role, false);
      deps.sessions.clear();
      return user;
    },
  );

  r.get(
    '/api/v1/admin/recsys/models',
    {
      schema: {
        tags,
        summary: 'The interest engine’s model versions: when trained, offline figures, serving or not, and why',
        response: ok(ModelVersionsViewSchema, 401, 403),
      },
    },
    async (req) => adminModelVersions(ctx, actorOf(req)),
  );

  r.post(
    '/api/v1/admin/recsys/retrain',
    {
      schema: {
        tags,
        summary: 'Retrain the interest engine’s model now (one already requested or running is returned instead)',
        response: answers(202, ModelVersionSchema, 401, 403),
      },
    },
    async (req, reply) => reply.status(202).send(await adminRequestRetrain(ctx, actorOf(req))),
  );
}
