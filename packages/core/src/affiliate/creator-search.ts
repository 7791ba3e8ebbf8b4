/**
 * Finding a creator by name or handle, for the pickers that name creators (a targeted or exclusive
 * plan, an MCN contract): people holding the creator role whose handle starts with the words or
 * whose display name contains them, or whose id is exactly them. For the parties that name
 * creators (shop members, MCNs, colonels, admins); it shows nothing but public profile fields.
 */
import { sql } from 'kysely';
import type { Actor, Db } from '../context.js';
import { hasRole } from '../accounts/index.js';
import { forbidden, invalid } from '../platform/index.js';

export interface CreatorMatch {
  id: string;
  login: string;
  displayName: string;
  followers: number;
}

export const CREATOR_SEARCH_MAX = 20;
/** The search words, in characters (after trimming). */
export const CREATOR_SEARCH_QUERY_MAX = 40;

/** `%`, `_` and the escape character itself are literal in the search words. */
const likeEscaped = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchCreators(
  db: Db,
  actor: Actor,
  query: string,
  limit = 10,
): Promise<{ items: CreatorMatch[] }> {
  if (actor.shops.size === 0 && !hasRole(actor, 'mcn') && !hasRole(actor, 'colonel') && !hasRole(actor, 'admin')) {
    throw forbidden('finding creators needs a shop, or the MCN, colonel or admin role');
  }
  const q = query.trim().toLowerCase();
  if (q.length < 1 || q.length > CREATOR_SEARCH_QUERY_MAX)
    throw invalid(`q must be 1–${CREATOR_SEARCH_QUERY_MAX} characters`, { field: 'q' });
  const n = Math.min(Math.max(1, Math.floor(limit)), CREATOR_SEARCH_MAX);
  const words = likeEscaped(q);
  const rows = await db
    .selectFrom('users')
    .innerJoin('user_roles', (j) =>
      j.onRef('user_roles.user_id', '=', 'users.id').on('user_roles.role', '=', 'creator'),
    )
    .select([
      'users.id',
      'users.login',
      'users.display_name',
      (eb) =>
        eb
          .selectFrom('follows')
          .select((f) => f.fn.countAll<number | string>().as('n'))
          .whereRef('follows.followee_id', '=', 'users.id')
          .as('followers'),
    ])
    .where((eb) =>
      eb.or([
        eb('users.id', '=', query.trim()),
        sql<boolean>`lower(users.login) like ${`${words}%`} escape '\\'`,
        sql<boolean>`lower(users.display_name) like ${`%${words}%`} escape '\\'`,
      ]),
    )
    // The handle typed in full first, then the best-followed.
    .orderBy(sql`case when lower(users.login) = ${q} then 0 else 1 end`)
    .orderBy('followers', 'desc')
    .orderBy('users.id')
    .limit(n)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      login: r.login,
      displayName: r.display_name,
      followers: Number(r.followers ?? 0),
    })),
  };
}
