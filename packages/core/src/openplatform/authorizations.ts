/**
 * Shops' authorisations of apps and their tokens: the authorisation code (consent page), the
 * self-use grant, token.create and token.refresh, resolving an access token, revoking. Tokens are
 * derived from their row id with the installation's secret and stored only as hashes, so the same
 * tokens can be answered again (refresh more than an hour before expiry) without keeping them.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { DomainError, notFound, newId, cachedInstallationSecret } from '../platform/index.js';
import { requireShopOwner } from '../accounts/index.js';
import { requireApproved } from './apps.js';
import { internalIdOf, openIdOf } from './open-ids.js';
import { tokenFailed, noPermission, missingBusinessParam, badPlatformParam } from './envelope.js';
import {
  ACCESS_TOKEN_TTL_MS,
  AUTH_CODE_TTL_MS,
  decideRefresh,
  REFRESH_TOKEN_TTL_MS,
  REFRESH_WINDOW_MS,
  type AuthorizationStatus,
  type MethodGroup,
} from './rules.js';
import type { OpenAppsTable, OpenTokensTable } from '../storage/index.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const tokenSecret = (db: Db): Promise<string> => cachedInstallationSecret(db, 'open_token_secret');

function uuidShape(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

async function tokensOf(db: Db, tokenId: string): Promise<{ access: string; refresh: string }> {
  const secret = await tokenSecret(db);
  const mac = (what: string) => uuidShape(createHmac('sha256', secret).update(`${tokenId}:${what}`).digest('hex'));
  return { access: mac('access'), refresh: mac('refresh') };
}

export interface TokenData {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  scope: string;
  shop_id: number;
  shop_name: string;
  authority_id: string;
  auth_subject_type: string;
}

async function issueToken(
  ctx: CoreContext,
  tx: Tx | Db,
  auth: { id: string; app_id: string; shop_id: string },
  now: number,
): Promise<string> {
  const id = newId('openToken', now);
  const t = await tokensOf(ctx.db, id);
  await tx
    .insertInto('open_tokens')
    .values({
      id,
      authorization_id: auth.id,
      app_id: auth.app_id,
      shop_id: auth.shop_id,
      access_hash: sha256(t.access),
      refresh_hash: sha256(t.refresh),
      access_expires_at: now + ACCESS_TOKEN_TTL_MS,
      refresh_expires_at: now + REFRESH_TOKEN_TTL_MS,
      usable_until: now + ACCESS_TOKEN_TTL_MS,
      refreshable: 1,
      created_at: now,
    })
    .execute();
  return id;
}

async function tokenData(ctx: CoreContext, tokenId: string): Promise<TokenData> {
  const r = await ctx.db
    .selectFrom('open_tokens')
    .innerJoin('shops', 'shops.id', 'open_tokens.shop_id')
    .innerJoin('open_authorizations as a', 'a.id', 'open_tokens.authorization_id')
    .select(['open_tokens.shop_id', 'open_tokens.access_expires_at', 'shops.name', 'a.groups', 'a.id as auth_id'])
    .where('open_tokens.id', '=', tokenId)
    .executeTakeFirstOrThrow();
  const t = await tokensOf(ctx.db, tokenId);
  return {
    access_token: t.access,
    refresh_token: t.refresh,
    expires_in: Math.max(0, Math.floor((Number(r.access_expires_at) - ctx.clock.now()) / 1000)),
    scope: (JSON.parse(r.groups) as string[]).join(','),
    shop_id: Number(await openIdOf(ctx.db, 'shop', r.shop_id)),
    shop_name: r.name,
    authority_id: r.auth_id,
    auth_subject_type: '',
  };
}

/** Creates or re-activates the authorisation of an app by a shop, with the app's groups. */
async function grant(
  tx: Tx,
  app: OpenAppsTable,
  shopId: string,
  userId: string,
  now: number,
): Promise<{ id: string; app_id: string; shop_id: string }> {
  await tx
    .insertInto('open_authorizations')
    .values({
      id: newId('openAuthorization', now),
      app_id: app.id,
      shop_id: shopId,
      granted_by: userId,
      groups: app.groups,
      status: 'active',
      created_at: now,
      updated_at: now,
      revoked_at: null,
    })
    .onConflict((oc) =>
      oc
        .columns(['app_id', 'shop_id'])
        .doUpdateSet({ status: 'active', groups: app.groups, granted_by: userId, updated_at: now, revoked_at: null }),
    )
    .execute();
  return tx
    .selectFrom('open_authorizations')
    .select(['id', 'app_id', 'shop_id'])
    .where('app_id', '=', app.id)
    .where('shop_id', '=', shopId)
    .executeTakeFirstOrThrow();
}

async function approvedApp(db: Db, appId: string): Promise<OpenAppsTable> {
  const app = await db.selectFrom('open_apps').selectAll().where('id', '=', appId).executeTakeFirst();
  if (!app) throw notFound('app', appId);
  requireApproved(app.status);
  return app;
}

/** The shop owner lets its own self-use app act for the shop (token.create with authorization_self then works). */
export async function authorizeSelfUse(
  ctx: CoreContext,
  actor: Actor,
  appId: string,
): Promise<{ authorizationId: string }> {
  const app = await approvedApp(ctx.db, appId);
  if (app.kind !== 'self' || !app.shop_id || app.owner_id !== actor.userId) throw notFound('app', appId);
  requireShopOwner(actor, app.shop_id);
  const auth = await ctx.db.transaction().execute((tx) => grant(tx, app, app.shop_id!, actor.userId, ctx.clock.now()));
  return { authorizationId: auth.id };
}

/** The consent page's "授权": a one-time code for the app, valid 10 minutes, and where to send the owner with it. */
export async function issueAuthCode(
  ctx: CoreContext,
  actor: Actor,
  appKey: string,
  shopId: string,
  state = '',
): Promise<{ code: string; redirectUrl: string | null; expiresAt: number }> {
  requireShopOwner(actor, shopId);
  const app = await ctx.db.selectFrom('open_apps').selectAll().where('app_key', '=', appKey).executeTakeFirst();
  if (!app) throw notFound('app', appKey);
  requireApproved(app.status);
  const now = ctx.clock.now();
  const code = randomBytes(18).toString('hex');
  await ctx.db
    .insertInto('open_auth_codes')
    .values({
      code_hash: sha256(code),
      app_id: app.id,
      shop_id: shopId,
      granted_by: actor.userId,
      expires_at: now + AUTH_CODE_TTL_MS,
      used_at: null,
      created_at: now,
    })
    .execute();
  let redirectUrl: string | null = null;
  if (app.callback_url) {
    const u = new URL(app.callback_url);
    u.searchParams.set('code', code);
    if (state) u.searchParams.set('state', state.slice(0, 200));
    redirectUrl = u.toString();
  }
  return { code, redirectUrl, expiresAt: now + AUTH_CODE_TTL_MS };
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

/** token.create: `authorization_self` (a self-use app for its shop) or `authorization_code` (a tool app with the consent page's code). */
export async function createToken(
  ctx: CoreContext,
  app: OpenAppsTable,
  params: Record<string, unknown>,
): Promise<TokenData> {
  const grantType = str(params.grant_type);
  if (!grantType) throw missingBusinessParam('grant_type');
  await tokenSecret(ctx.db); // read before any transaction (SQLite has one connection)
  const now = ctx.clock.now();
  if (grantType === 'authorization_self') {
    if (app.kind !== 'self' || !app.shop_id)
      throw tokenFailed('grant-type-invalid', '工具型应用请使用authorization_code');
    const shopParam = str(params.shop_id);
    if (shopParam) {
      const shopId = await internalIdOf(ctx.db, 'shop', shopParam);
      if (shopId !== app.shop_id) throw tokenFailed('no-authorization', '店铺未授权该应用');
    }
    const auth = await ctx.db
      .selectFrom('open_authorizations')
      .select(['id', 'app_id', 'shop_id', 'status'])
      .where('app_id', '=', app.id)
      .where('shop_id', '=', app.shop_id)
      .executeTakeFirst();
    if (auth?.status !== 'active') throw tokenFailed('no-authorization', '店铺未授权该应用');
    return tokenData(ctx, await issueToken(ctx, ctx.db, auth, now));
  }
  if (grantType === 'authorization_code') {
    const code = str(params.code);
    if (!code) throw missingBusinessParam('code');
    const tokenId = await ctx.db.transaction().execute(async (tx) => {
      const c = await tx
        .selectFrom('open_auth_codes')
        .selectAll()
        .where('code_hash', '=', sha256(code))
        .executeTakeFirst();
      if (!c || c.app_id !== app.id || c.used_at !== null) throw tokenFailed('code-invalid', 'code无效');
      if (now > Number(c.expires_at)) throw tokenFailed('code-expired', 'code已过期（有效期10分钟）');
      const used = await tx
        .updateTable('open_auth_codes')
        .set({ used_at: now })
        .where('code_hash', '=', c.code_hash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw tokenFailed('code-invalid', 'code无效');
      const auth = await grant(tx, app, c.shop_id, c.granted_by, now);
      return issueToken(ctx, tx, auth, now);
    });
    return tokenData(ctx, tokenId);
  }
  throw tokenFailed('grant-type-invalid', 'grant_type不合法');
}

/** token.refresh: the same tokens more than an hour before expiry; new ones after (see decideRefresh). */
export async function refreshToken(
  ctx: CoreContext,
  app: OpenAppsTable,
  params: Record<string, unknown>,
): Promise<TokenData> {
  const refresh = str(params.refresh_token);
  if (!refresh) throw missingBusinessParam('refresh_token');
  if (str(params.grant_type) !== 'refresh_token')
    throw tokenFailed('grant-type-invalid', 'grant_type应为refresh_token');
  await tokenSecret(ctx.db); // read before any transaction (SQLite has one connection)
  const now = ctx.clock.now();
  const tokenId = await ctx.db.transaction().execute(async (tx) => {
    const t = await tx
      .selectFrom('open_tokens')
      .innerJoin('open_authorizations as a', 'a.id', 'open_tokens.authorization_id')
      .select([
        'open_tokens.id',
        'open_tokens.app_id',
        'open_tokens.shop_id',
        'open_tokens.authorization_id',
        'open_tokens.access_expires_at',
        'open_tokens.refresh_expires_at',
        'open_tokens.refreshable',
        'a.status',
      ])
      .where('refresh_hash', '=', sha256(refresh))
      .executeTakeFirst();
    if (!t || t.app_id !== app.id) throw tokenFailed('token-invalid', 'refresh_token无效');
    if (t.status !== 'active') throw noPermission('dop.authorization-closed', '店铺已取消授权');
    if (Number(t.refreshable) !== 1) throw tokenFailed('token-invalid', 'refresh_token已使用');
    const decision = decideRefresh(now, Number(t.access_expires_at), Number(t.refresh_expires_at));
    if (decision === 'refresh_expired') throw tokenFailed('token-expired', 'refresh_token已过期');
    if (decision === 'same') return t.id;
    const keepUntil =
      decision === 'renew_keep_old'
        ? Math.min(now + REFRESH_WINDOW_MS, Number(t.access_expires_at) + REFRESH_WINDOW_MS)
        : 0;
    const res = await tx
      .updateTable('open_tokens')
      .set({ refreshable: 0, usable_until: keepUntil })
      .where('id', '=', t.id)
      .where('refreshable', '=', 1)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw tokenFailed('token-invalid', 'refresh_token无效');
    return issueToken(ctx, tx, { id: t.authorization_id, app_id: t.app_id, shop_id: t.shop_id }, now);
  });
  return tokenData(ctx, tokenId);
}

export interface ResolvedToken {
  tokenId: string;
  shopId: string;
  authorizationId: string;
  grantedBy: string;
  groups: MethodGroup[];
  /** The token stops working then (the gateway may cache the answer until it). */
  usableUntil: number;
}

/** The shop an access token acts for; wire errors for unknown, foreign, expired or revoked tokens. */
export async function resolveAccessToken(
  ctx: CoreContext,
  app: OpenAppsTable,
  accessToken: string,
): Promise<ResolvedToken> {
  const t:
    | (Pick<
        OpenTokensTable,
        'id' | 'app_id' | 'shop_id' | 'authorization_id' | 'usable_until' | 'access_expires_at'
      > & { status: string; granted_by: string; groups: string })
    | undefined = await ctx.db
    .selectFrom('open_tokens')
    .innerJoin('open_authorizations as a', 'a.id', 'open_tokens.authorization_id')
    .select([
      'open_tokens.id',
      'open_tokens.app_id',
      'open_tokens.shop_id',
      'open_tokens.authorization_id',
      'open_tokens.usable_until',
      'open_tokens.access_expires_at',
      'a.status',
      'a.granted_by',
      'a.groups',
    ])
    .where('access_hash', '=', sha256(accessToken))
    .executeTakeFirst();
  if (!t) throw badPlatformParam('isv.access-token-no-existed', 'access_token不存在');
  if (t.app_id !== app.id) throw badPlatformParam('isv.access-token-invalid', 'access_token与app_key不匹配');
  if (t.status !== 'active') throw noPermission('dop.authorization-closed', '店铺已取消授权');
  if (ctx.clock.now() >= Number(t.usable_until))
    throw badPlatformParam('isv.access-token-expired', 'access_token已过期');
  return {
    tokenId: t.id,
    shopId: t.shop_id,
    authorizationId: t.authorization_id,
    grantedBy: t.granted_by,
    groups: JSON.parse(t.groups) as MethodGroup[],
    usableUntil: Number(t.usable_until),
  };
}

export interface AuthorizationView {
  id: string;
  appId: string;
  appKey: string;
  appName: string;
  appKind: string;
  shopId: string;
  groups: MethodGroup[];
  status: AuthorizationStatus;
  grantedBy: string;
  createdAt: number;
  revokedAt: number | null;
}

/** A shop's authorisations (its owner and staff see them). */
export async function shopAuthorizations(db: Db, actor: Actor, shopId: string): Promise<AuthorizationView[]> {
  if (!actor.shops.has(shopId)) throw notFound('shop', shopId);
  const rows = await db
    .selectFrom('open_authorizations as a')
    .innerJoin('open_apps as p', 'p.id', 'a.app_id')
    .select([
      'a.id',
      'a.app_id',
      'p.app_key',
      'p.name',
      'p.kind',
      'a.shop_id',
      'a.groups',
      'a.status',
      'a.granted_by',
      'a.created_at',
      'a.revoked_at',
    ])
    .where('a.shop_id', '=', shopId)
    .orderBy('a.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    appId: r.app_id,
    appKey: r.app_key,
    appName: r.name,
    appKind: r.kind,
    shopId: r.shop_id,
    groups: JSON.parse(r.groups) as MethodGroup[],
    status: r.status as AuthorizationStatus,
    grantedBy: r.granted_by,
    createdAt: Number(r.created_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
  }));
}

/** The shop owner revokes an authorisation: every token of it stops at once. */
export async function revokeAuthorization(ctx: CoreContext, actor: Actor, authorizationId: string): Promise<void> {
  const a = await ctx.db
    .selectFrom('open_authorizations')
    .select(['id', 'shop_id', 'status'])
    .where('id', '=', authorizationId)
    .executeTakeFirst();
  if (!a || !actor.shops.has(a.shop_id)) throw notFound('authorization', authorizationId);
  requireShopOwner(actor, a.shop_id);
  if (a.status === 'revoked') throw new DomainError('AUTHORIZATION_REVOKED', 'this authorisation is already revoked');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('open_authorizations')
      .set({ status: 'revoked', revoked_at: now, updated_at: now })
      .where('id', '=', authorizationId)
      .execute();
    await tx
      .updateTable('open_tokens')
      .set({ usable_until: 0, refreshable: 0 })
      .where('authorization_id', '=', authorizationId)
      .execute();
  });
}
