/** Open platform (开放平台): developers' apps, the consent page, shops' authorisations, the admin's review, the push log. */
import { Type } from 'typebox';
import {
  adminApps,
  appForConsent,
  authorizeSelfUse,
  deliveryLog,
  issueAuthCode,
  METHOD_GROUPS,
  myApps,
  registerApp,
  replayDelivery,
  reviewApp,
  revokeAuthorization,
  rotateSecret,
  shopAuthorizations,
  updateApp,
  ALL_PUSH_TAGS,
  MIN_APP_NAME_CHARS,
  MAX_APP_NAME_CHARS,
  MAX_APP_URL_CHARS,
  MAX_IP_ALLOW,
  MAX_IP_CHARS,
  MAX_REVIEW_NOTE_CHARS,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { answers, Id, ok } from '../http/schemas.js';
import {
  AppForConsentResultSchema,
  AppViewSchema,
  AuthorizationViewSchema,
  AuthorizeSelfUseResultSchema,
  DeliveryLogResultSchema,
  IssueAuthCodeResultSchema,
  RegisterAppResultSchema,
  ReplayDeliveryResultSchema,
  RotateSecretResultSchema,
} from './openplatform-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const Group = Type.Union(METHOD_GROUPS.map((g) => Type.Literal(g)));
const Tag = Type.Union(ALL_PUSH_TAGS.map((t) => Type.Literal(t)));
const Url = Type.String({ maxLength: MAX_APP_URL_CHARS, description: 'http(s) URL, or empty' });
const Settings = {
  name: Type.String({ minLength: MIN_APP_NAME_CHARS, maxLength: MAX_APP_NAME_CHARS }),
  groups: Type.Array(Group, { minItems: 1, maxItems: METHOD_GROUPS.length }),
  callbackUrl: Type.Optional(Url),
  pushUrl: Type.Optional(Url),
  pushTags: Type.Optional(Type.Array(Tag, { maxItems: ALL_PUSH_TAGS.length })),
  ipAllow: Type.Optional(Type.Array(Type.String({ maxLength: MAX_IP_CHARS }), { maxItems: MAX_IP_ALLOW })),
};

export function openPlatformRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['open platform'];

  r.get(
    '/api/v1/open/apps',
    {
      schema: {
        tags,
        summary: 'My apps (开放平台 · 我的应用)',
        response: ok(Type.Object({ items: Type.Array(AppViewSchema) }), 401),
      },
    },
    async (req) => ({ items: await myApps(ctx.db, actorOf(req)) }),
  );

  r.post(
    '/api/v1/open/apps',
    {
      schema: {
        tags,
        summary: 'Register an app (pending the admin’s approval); the secret is answered once',
        body: Type.Object(
          {
            ...Settings,
            kind: Type.Union([Type.Literal('self'), Type.Literal('tool')]),
            shopId: Type.Optional(Id('shop')),
          },
          { additionalProperties: false },
        ),
        response: answers(201, RegisterAppResultSchema, 400, 401, 403, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await registerApp(ctx, actorOf(req), req.body)),
  );

  r.patch(
    '/api/v1/open/apps/:appId',
    {
      schema: {
        tags,
        summary: 'Change an app’s name, groups, callback and push URLs, tags or IP allow-list',
        params: Type.Object({ appId: Id('openApp') }),
        body: Type.Partial(Type.Object(Settings), { additionalProperties: false }),
        response: ok(AppViewSchema, 400, 401, 404),
      },
    },
    async (req) => updateApp(ctx, actorOf(req), req.params.appId, req.body),
  );

  r.post(
    '/api/v1/open/apps/:appId/secret',
    {
      schema: {
        tags,
        summary: 'Rotate the secret (the new one is answered once; the old stops at once)',
        params: Type.Object({ appId: Id('openApp') }),
        response: ok(RotateSecretResultSchema, 401, 404),
      },
    },
    async (req) => rotateSecret(ctx, actorOf(req), req.params.appId),
  );

  r.post(
    '/api/v1/open/apps/:appId/self-authorization',
    {
      schema: {
        tags,
        summary: 'The shop owner lets its own self-use app act for the shop (token.create with authorization_self)',
        params: Type.Object({ appId: Id('openApp') }),
        response: ok(AuthorizeSelfUseResultSchema, 401, 403, 404, 409),
      },
    },
    async (req) => authorizeSelfUse(ctx, actorOf(req), req.params.appId),
  );

  r.get(
    '/api/v1/open/apps/:appId/deliveries',
    {
      schema: {
        tags,
        summary: 'The push delivery log (newest first) and how many messages wait',
        params: Type.Object({ appId: Id('openApp') }),
        response: ok(DeliveryLogResultSchema, 401, 404),
      },
    },
    async (req) => deliveryLog(ctx.db, actorOf(req), req.params.appId),
  );

  r.post(
    '/api/v1/open/apps/:appId/deliveries/:deliveryId/replay',
    {
      schema: {
        tags,
        summary: 'Send a logged delivery again (same msg_id)',
        params: Type.Object({ appId: Id('openApp'), deliveryId: Id('pushDelivery') }),
        response: ok(ReplayDeliveryResultSchema, 401, 404),
      },
    },
    async (req) => replayDelivery(ctx, actorOf(req), req.params.appId, req.params.deliveryId),
  );

  r.get(
    '/api/v1/open/consent',
    {
      schema: {
        tags,
        summary: 'What the consent page shows about an app',
        querystring: Type.Object({ app_key: Type.String({ pattern: '^\\d{19}$' }) }, { additionalProperties: false }),
        response: ok(AppForConsentResultSchema, 400, 401, 404),
      },
    },
    async (req) => {
      actorOf(req);
      return appForConsent(ctx.db, req.query.app_key);
    },
  );

  r.post(
    '/api/v1/open/consent',
    {
      schema: {
        tags,
        summary:
          'The shop owner authorises a tool app: a one-time code (10 minutes) and the app’s callback URL with it',
        body: Type.Object(
          {
            appKey: Type.String({ pattern: '^\\d{19}$' }),
            shopId: Id('shop'),
            state: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: answers(201, IssueAuthCodeResultSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await issueAuthCode(ctx, actorOf(req), req.body.appKey, req.body.shopId, req.body.state ?? '')),
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/open-authorizations',
    {
      schema: {
        tags,
        summary: 'The apps this shop has authorised (授权管理)',
        params: Type.Object({ shopId: Id('shop') }),
        response: ok(Type.Object({ items: Type.Array(AuthorizationViewSchema) }), 401, 404),
      },
    },
    async (req) => ({ items: await shopAuthorizations(ctx.db, actorOf(req), req.params.shopId) }),
  );

  r.post(
    '/api/v1/open/authorizations/:authorizationId/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke an authorisation: its tokens stop at once',
        params: Type.Object({ authorizationId: Id('openAuthorization') }),
        response: ok(Type.Object({ ok: Type.Literal(true) }), 401, 403, 404, 409),
      },
    },
    async (req) => {
      await revokeAuthorization(ctx, actorOf(req), req.params.authorizationId);
      deps.forgetOpenCallers?.();
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/admin/open/apps',
    {
      schema: {
        tags,
        summary: 'Apps by status (平台管理 · 开放平台)',
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([
                Type.Literal('pending'),
                Type.Literal('approved'),
                Type.Literal('rejected'),
                Type.Literal('suspended'),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        response: ok(Type.Object({ items: Type.Array(AppViewSchema) }), 400, 401, 403),
      },
    },
    async (req) => ({ items: await adminApps(ctx.db, actorOf(req), req.query.status) }),
  );

  r.post(
    '/api/v1/admin/open/apps/:appId/review',
    {
      schema: {
        tags,
        summary: 'Approve, reject or suspend an app',
        params: Type.Object({ appId: Id('openApp') }),
        body: Type.Object(
          {
            decision: Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('suspend')]),
            note: Type.Optional(Type.String({ maxLength: MAX_REVIEW_NOTE_CHARS })),
          },
          { additionalProperties: false },
        ),
        response: ok(AppViewSchema, 400, 401, 403, 404),
      },
    },
    async (req) => reviewApp(ctx, actorOf(req), req.params.appId, req.body.decision, req.body.note ?? ''),
  );
}
