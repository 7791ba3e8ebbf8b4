/**
 * Many sessions resolved with one statement: when thousands of signed-in requests arrive at once
 * (a flash sale opening), a statement per request would queue each one behind the others for a
 * database connection; the server gathers the tokens that arrive together and asks once.
 */
import { sql } from 'kysely';
import type { CoreContext } from '../context.js';
import { hashToken, rolesFrom, type AuthenticatedSession } from './accounts.js';

/** Each token's session, or null when unknown, revoked or expired (the same answer as authenticate). */
export async function authenticateMany(
  ctx: CoreContext,
  tokens: readonly string[],
): Promise<Map<string, AuthenticatedSession | null>> {
  const out = new Map<string, AuthenticatedSession | null>();
  if (tokens.length === 0) return out;
  const byHash = new Map<string, string>();
  for (const t of tokens) byHash.set(hashToken(t), t);
  const hashes = [...byHash.keys()];
  const db = ctx.db;
  const rows = await db
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
    .where('sessions.token_hash', 'in', hashes)
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
        .where('sessions.token_hash', 'in', hashes),
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
        .where('sessions.token_hash', 'in', hashes),
    )
    .execute();
  const rowsOf = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = rowsOf.get(r.h);
    if (list) list.push(r);
    else rowsOf.set(r.h, [r]);
  }
  const now = ctx.clock.now();
  for (const [h, token] of byHash) {
    const mine = rowsOf.get(h) ?? [];
    const row = mine.find((r) => r.part === 0);
    if (!row || row.revoked_at !== null || Number(row.expires_at) <= now) {
      out.set(token, null);
      continue;
    }
    const { roles, shops } = rolesFrom(mine.filter((r) => r.part !== 0).map((r) => ({ role: r.a, shop_id: r.b })));
    out.set(token, {
      actor: { userId: row.a, login: row.login!, displayName: row.display_name!, roles, shops },
      kind: row.b === 'bearer' ? 'bearer' : 'cookie',
      csrfToken: row.csrf_token!,
    });
  }
  return out;
}
