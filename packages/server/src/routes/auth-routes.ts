import { Type } from 'typebox';
import {
  actorView,
  addAddress,
  listAddresses,
  logIn,
  logOut,
  mergeDeviceProfile,
  register,
  updateAddress,
  MAX_LOGIN,
  MAX_PASSWORD,
  MIN_LOGIN,
  MIN_PASSWORD,
} from '@zhongcao/core';
import { actorOf, setSessionCookie, SESSION_COOKIE } from '../http/auth.js';
import { answers, Id, noContent, Nullable, ok } from '../http/schemas.js';
import { AddressSchema, UserViewSchema } from './catalog-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const Credentials = Type.Object(
  {
    login: Type.String({
      minLength: MIN_LOGIN,
      maxLength: MAX_LOGIN,
      description: 'lower-case letters, digits, "_", "." or "-"',
    }),
    password: Type.String({ minLength: MIN_PASSWORD, maxLength: MAX_PASSWORD }),
    mode: Type.Optional(
      Type.Union([Type.Literal('cookie'), Type.Literal('token')], {
        description: 'cookie (browsers, default) or token (API clients: a bearer token)',
      }),
    ),
  },
  { additionalProperties: false },
);

const AddressBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    phone: Type.String({ pattern: '^1[0-9]{10}$' }),
    province: Type.String({ minLength: 1, maxLength: 120 }),
    city: Type.String({ minLength: 1, maxLength: 120 }),
    district: Type.String({ minLength: 1, maxLength: 120 }),
    detail: Type.String({ minLength: 1, maxLength: 120 }),
    isDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** A browser's sign-in (the session cookie is set, the CSRF token answered) or an API client's (a bearer token). */
const SignedIn = Type.Union([
  Type.Object({ user: UserViewSchema, csrfToken: Type.String() }),
  Type.Object({ user: UserViewSchema, token: Type.String(), expiresAt: Type.Integer() }),
]);

export function authRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['accounts'];

  r.post(
    '/api/v1/auth/register',
    {
      schema: {
        tags,
        summary: 'Register (becomes a shopper) and sign in',
        body: Type.Object(
          {
            login: Credentials.properties.login,
            password: Credentials.properties.password,
            displayName: Type.String({ minLength: 1, maxLength: 40 }),
            mode: Credentials.properties.mode,
          },
          { additionalProperties: false },
        ),
        response: answers(201, SignedIn, 400, 409),
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      await register(ctx, req.body);
      const session = await logIn(ctx, req.body, req.body.mode === 'token' ? 'bearer' : 'cookie');
      if (req.body.mode === 'token')
        return reply.status(201).send({ user: session.user, token: session.token, expiresAt: session.expiresAt });
      setSessionCookie(reply, session.token, session.expiresAt, deps.secureCookies);
      return reply.status(201).send({ user: session.user, csrfToken: session.csrfToken });
    },
  );

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: 'Log in: sets the session cookie, or returns a bearer token with mode=token',
        body: Credentials,
        response: ok(SignedIn, 400, 401, 429),
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const mode = req.body.mode === 'token' ? 'bearer' : 'cookie';
      const session = await logIn(ctx, req.body, mode);
      void mergeDeviceProfile(ctx, req.headers['x-viewer-id'], session.user.id).catch(() => false); // the device's feed profile joins the account
      if (mode === 'bearer') return { user: session.user, token: session.token, expiresAt: session.expiresAt };
      setSessionCookie(reply, session.token, session.expiresAt, deps.secureCookies);
      return { user: session.user, csrfToken: session.csrfToken };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: 'Log out (revokes this session)', response: noContent(401, 403) } },
    async (req, reply) => {
      actorOf(req);
      await logOut(ctx, req.sessionToken!);
      deps.sessions.forget(req.sessionToken!);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/me',
    {
      schema: {
        tags,
        summary: 'The signed-in person, roles and CSRF token',
        response: ok(
          Type.Object({
            user: UserViewSchema,
            csrfToken: Nullable(
              Type.String({ description: 'send it as x-csrf-token on mutating calls (null for a bearer token)' }),
            ),
          }),
          401,
        ),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return { user: actorView(actor), csrfToken: req.auth!.kind === 'cookie' ? req.auth!.csrfToken : null };
    },
  );

  r.get(
    '/api/v1/me/addresses',
    {
      schema: {
        tags,
        summary: 'My shipping addresses',
        response: ok(Type.Object({ items: Type.Array(AddressSchema) }), 401),
      },
    },
    async (req) => ({ items: await listAddresses(ctx.db, actorOf(req).userId) }),
  );

  const regionNote =
    'province, city and district must be a district of a city of a province of China (names as in the address picker); otherwise 400 ADDRESS_REGION_MISMATCH with details.field.';
  r.post(
    '/api/v1/me/addresses',
    {
      schema: {
        tags,
        summary: 'Add a shipping address',
        description: regionNote,
        body: AddressBody,
        response: answers(201, AddressSchema, 400, 401),
      },
    },
    async (req, reply) => {
      return reply.status(201).send(await addAddress(ctx, actorOf(req), req.body));
    },
  );

  r.put(
    '/api/v1/me/addresses/:addressId',
    {
      schema: {
        tags,
        summary: 'Change one of my shipping addresses (orders already placed keep theirs)',
        description: regionNote,
        params: Type.Object({ addressId: Id('address') }),
        body: AddressBody,
        response: ok(AddressSchema, 400, 401, 404),
      },
    },
    async (req) => updateAddress(ctx, actorOf(req), req.params.addressId, req.body),
  );
}
