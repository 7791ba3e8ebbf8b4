import { hash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor, CoreContext, Db } from '../context.js';
import { conflict, DomainError, invalid, newId } from '../platform/index.js';
import { compiledOnce } from '../storage/index.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { GLOBAL_ROLES, type GlobalRole } from './roles.js';
import { indexPeople } from '../search/index.js';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** A login is MIN_LOGIN–MAX_LOGIN characters (lower-case letters, digits, "_", "." or "-"), a password MIN_PASSWORD–MAX_PASSWORD. */
export const MIN_LOGIN = 3;
export const MAX_LOGIN = 32;
export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 128;
const LOGIN_PATTERN = new RegExp(`^[a-z0-9][a-z0-9_.-]{${MIN_LOGIN - 1},${MAX_LOGIN - 1}}$`);

export interface UserView {
  id: string;
  login: string;
  displayName: string;
  roles: Array<{ role: string; shopId: string | null }>;
}

export interface RegisterInput {
  login: string;
  password: string;
  displayName: string;
  roles?: GlobalRole[];
}

function checkCredentialsShape(login: string, password: string): void {
  if (!LOGIN_PATTERN.test(login)) {
    throw invalid(`login must be ${MIN_LOGIN}–${MAX_LOGIN} characters: lower-case letters, digits, "_", "." or "-"`, {
      field: 'login',
    });
  }
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD)
    throw invalid(`password must be ${MIN_PASSWORD}–${MAX_PASSWORD} characters`, { field: 'password' });
}

/** Creates a person with the shopper role (plus any requested non-admin roles). */
export async function register(ctx: CoreContext, input: RegisterInput, passwordHash?: string): Promise<UserView> {
  const login = input.login.trim().toLowerCase();
  checkCredentialsShape(login, input.password);
  const displayName = input.displayName.trim();
  if (displayName.length < 1 || displayName.length > 40)
    throw invalid('displayName must be 1–40 characters', { field: 'displayName' });
  const roles = new Set<GlobalRole>(['shopper', ...(input.roles ?? [])]);
  for (const r of roles) if (!GLOBAL_ROLES.includes(r)) throw invalid(`unknown role ${r}`, { field: 'roles' });
  const hashed = passwordHash ?? (await hashPassword(input.password));
  const id = newId('user');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const taken = await tx.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst();
    if (taken) throw conflict('LOGIN_TAKEN', 'this login is already registered');
    await tx
      .insertInto('users')
      .values({ id, login, display_name: displayName, password_hash: hashed, created_at: now })
      .execute();
    await tx
      .insertInto('user_roles')
      .values([...roles].map((role) => ({ user_id: id, role, created_at: now })))
      .execute();
    await indexPeople(tx, [id], now); // findable by name (and its pinyin) in search
  });
  return loadUserView(ctx.db, id);
}

export async function grantRole(ctx: CoreContext, userId: string, role: GlobalRole): Promise<void> {
  await ctx.db
    .insertInto('user_roles')
    .values({ user_id: userId, role, created_at: ctx.clock.now() })
    .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
    .execute();
}

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: number;
  user: UserView;
}

/** Verifies the password and issues a session (a cookie session for browsers, a bearer token for API clients). */
export async function logIn(
  ctx: CoreContext,
  input: { login: string; password: string },
  kind: 'cookie' | 'bearer',
): Promise<IssuedSession> {
  const login = input.login.trim().toLowerCase();
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('login', '=', login)
    .executeTakeFirst();
  // Verify against a real hash even for unknown logins so timing does not reveal which logins exist.
  const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, input.password);
  if (!user || !ok) throw new DomainError('INVALID_CREDENTIALS', 'wrong login or password');
  return issueSession(ctx, user.id, kind);
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$iY8iJ6KUdmcF9iS++chLIw$dBFUd2tD+bLMQ82kH0mD0JznBY488SJA/cJOC79EAXI';

export async function issueSession(
  ctx: CoreContext,
  userId: string,
  kind: 'cookie' | 'bearer',
): Promise<IssuedSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = now + SESSION_TTL_MS;
  await ctx.db
    .insertInto('sessions')
    .values({
      id: newId('session'),
      token_hash: hashToken(token),
      user_id: userId,
      kind,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
  return { token, csrfToken, expiresAt, user: await loadUserView(ctx.db, userId) };
}

export async function logOut(ctx: CoreContext, token: string): Promise<void> {
  await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: ctx.clock.now() })
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .execute();
}

export interface AuthenticatedSession {
  actor: Actor;
  kind: 'cookie' | 'bearer';
  csrfToken: string;
}

/** Resolves a session token to the person behind it, or null when unknown, revoked or expired. */
export async function authenticate(ctx: CoreContext, token: string): Promise<AuthenticatedSession | null> {
  return sessionOf(await sessionWithRoles.all(ctx.db, { hash: hashToken(token) }), ctx.clock.now());
}

/** One token's rows of `sessionRows` as its session, or null when there is none, or it is revoked or expired. */
export function sessionOf(rows: readonly SessionRow[], now: number): AuthenticatedSession | null {
  const row = rows.find((r) => r.part === 0);
  if (!row || row.revoked_at !== null || Number(row.expires_at) <= now) return null;
  const { roles, shops } = rolesFrom(rows.filter((r) => r.part !== 0).map((r) => ({ role: r.a, shop_id: r.b })));
  return {
    actor: { userId: row.a, login: row.login!, displayName: row.display_name!, roles, shops },
    kind: row.b === 'bearer' ? 'bearer' : 'cookie',
    csrfToken: row.csrf_token!,
  };
}

/**
 * Every signed-in request resolves its session: the most frequent statement of all. One
 * statement reads the session with its person (part 0: a = user id, b = kind) and that
 * person's global roles (part 1: a = role) and shop memberships (part 2: a = role, b = shop),
 * each row with its token's hash (h). `hashes` is one hash (or a compiled stand-in for one) or a
 * list of them (session-lookup.ts resolves many tokens at once).
 */
export function sessionRows(db: Db, hashes: string | readonly string[]) {
  const op = typeof hashes === 'string' ? '=' : 'in';
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.token_hash as h',
      sql<number>`0`.as('part'),
      'sessions.user_id as a',
      sql<string | null>`${sql.ref('sessions.kind')}`.as('b'),
      sql<string | null>`${sql.ref('sessions.csrf_token')}`.as('csrf_token'),
      sql<number | null>`${sql.ref('sessions.expires_at')}`.as('expires_at'),
      'sessions.revoked_at',
      sql<string | null>`${sql.ref('users.login')}`.as('login'),
      sql<string | null>`${sql.ref('users.display_name')}`.as('display_name'),
    ])
    .where('sessions.token_hash', op, hashes)
    .unionAll(
      db
        .selectFrom('user_roles')
        .innerJoin('sessions', 'sessions.user_id', 'user_roles.user_id')
        .select([
          'sessions.token_hash as h',
          sql<number>`1`.as('part'),
          'user_roles.role as a',
          sql<string | null>`null`.as('b'),
          sql<string | null>`null`.as('csrf_token'),
          sql<number | null>`null`.as('expires_at'),
          sql<number | null>`null`.as('revoked_at'),
          sql<string | null>`null`.as('login'),
          sql<string | null>`null`.as('display_name'),
        ])
        .where('sessions.token_hash', op, hashes),
    )
    .unionAll(
      db
        .selectFrom('shop_members')
        .innerJoin('sessions', 'sessions.user_id', 'shop_members.user_id')
        .select([
          'sessions.token_hash as h',
          sql<number>`2`.as('part'),
          'shop_members.role as a',
          sql<string | null>`${sql.ref('shop_members.shop_id')}`.as('b'),
          sql<string | null>`null`.as('csrf_token'),
          sql<number | null>`null`.as('expires_at'),
          sql<number | null>`null`.as('revoked_at'),
          sql<string | null>`null`.as('login'),
          sql<string | null>`null`.as('display_name'),
        ])
        .where('sessions.token_hash', op, hashes),
    );
}

export type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionRows>['execute']>>[number];

const sessionWithRoles = compiledOnce((db, v) => sessionRows(db, v('hash')));

// One statement: global roles and shop memberships together.
const rolesOfUser = compiledOnce((db, v) =>
  db
    .selectFrom('user_roles')
    .select(['role', sql<string | null>`null`.as('shop_id')])
    .where('user_id', '=', v('userId'))
    .unionAll(db.selectFrom('shop_members').select(['role', 'shop_id']).where('user_id', '=', v('userId'))),
);

async function loadRoles(
  db: Db,
  userId: string,
): Promise<{ roles: Set<string>; shops: Map<string, 'owner' | 'staff'> }> {
  return rolesFrom(await rolesOfUser.all(db, { userId }));
}

/** Roles from rows of global roles (no shop) and shop memberships. */
export function rolesFrom(rows: ReadonlyArray<{ role: string; shop_id: string | null }>): {
  roles: Set<string>;
  shops: Map<string, 'owner' | 'staff'>;
} {
  const roles = new Set<string>();
  const shops = new Map<string, 'owner' | 'staff'>();
  for (const r of rows) {
    if (r.shop_id === null) roles.add(r.role);
    else shops.set(r.shop_id, r.role === 'owner' ? 'owner' : 'staff');
  }
  if (shops.size > 0) roles.add('merchant');
  return { roles, shops };
}

export async function loadActor(db: Db, userId: string): Promise<Actor> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'login', 'display_name'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const { roles, shops } = await loadRoles(db, userId);
  return { userId: user.id, login: user.login, displayName: user.display_name, roles, shops };
}

export async function loadUserView(db: Db, userId: string): Promise<UserView> {
  return actorView(await loadActor(db, userId));
}

export function actorView(actor: Actor): UserView {
  return {
    id: actor.userId,
    login: actor.login,
    displayName: actor.displayName,
    roles: [
      ...[...actor.roles]
        .filter((r) => r !== 'merchant')
        .sort()
        .map((role) => ({ role, shopId: null })),
      ...[...actor.shops.keys()].sort().map((shopId) => ({ role: 'merchant', shopId })),
    ],
  };
}

/** Every signed-in request hashes its token: the one-shot hash, without a Hash object. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'base64url');
}

/** Admin: find people by login prefix, newest first. */
export async function findUsers(
  db: Db,
  query: { login?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: UserView[]; nextCursor: string | null }> {
  let q = db
    .selectFrom('users')
    .select('id')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.login) q = q.where('login', 'like', `${query.login.replace(/[%_\\]/g, '')}%`);
  if (query.cursor) q = q.where('id', '<', query.cursor);
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const items = await Promise.all(page.map((r) => loadUserView(db, r.id)));
  return { items, nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
}

/** Admin: grant or revoke a global role. An admin cannot revoke their own admin role. */
export async function setRole(
  ctx: CoreContext,
  admin: Actor,
  userId: string,
  role: GlobalRole,
  granted: boolean,
): Promise<UserView> {
  if (!admin.roles.has('admin')) throw new DomainError('FORBIDDEN', 'this needs the admin role');
  const user = await ctx.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw new DomainError('NOT_FOUND', 'user not found', { what: 'user', id: userId });
  if (granted) await grantRole(ctx, userId, role);
  else {
    if (role === 'admin' && userId === admin.userId)
      throw conflict('CANNOT_REVOKE_OWN_ADMIN', 'an admin cannot revoke their own admin role');
    await ctx.db.deleteFrom('user_roles').where('user_id', '=', userId).where('role', '=', role).execute();
  }
  return loadUserView(ctx.db, userId);
}
