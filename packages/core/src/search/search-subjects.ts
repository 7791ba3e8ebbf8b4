/**
 * The search tabs beside products: videos (视频), people (用户/达人) and live rooms (直播), each
 * matched in `search_subjects` by every word of the query (Chinese, or its pinyin), the name
 * (title, display name) counting four times the rest (caption, author, host).
 *  - videos: published ones, by relevance, then likes, then newest;
 *  - people: by relevance, then followers, then newest;
 *  - live rooms: on air first, then scheduled (ended rooms are not shown), then by relevance.
 * Offset pages with the same opaque cursor as products.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Actor, CoreContext, Db } from '../context.js';
import type { Page } from '../catalog/index.js';
import { videoCardsByIds, type VideoCard } from '../content/index.js';
import { roomCardsByIds, type RoomCard } from '../live/index.js';
import { matchSql, matchText } from './search-dialect.js';
import { cutForSearch } from './segmenter.js';
import { queryGroups, weightedTerms, type TermGroup } from './terms.js';
import { checkLimit, checkQuery, decodeSearchCursor, nextSearchCursor } from './search-products.js';
import type { SubjectKind } from './subject-index.js';

export interface SubjectQuery {
  q: string;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export interface PersonCard {
  id: string;
  displayName: string;
  isCreator: boolean;
  followers: number;
  videos: number;
  /** Whether the viewer follows them (false when nobody is logged in). */
  followed: boolean;
}

/** Points per term: found in the name 4, elsewhere 1; times 2 for the word as typed. */
function relevance(match: ReturnType<typeof matchSql>, groups: TermGroup[]): RawBuilder<number> {
  const has = (field: string, term: string) =>
    sql`${match.contains(sql`(' ' || d.${sql.ref(field)} || ' ')`, ` ${term} `)} > 0`;
  const parts = weightedTerms(groups).map(
    ({ term, weight }) =>
      sql`(case when ${has('name_terms', term)} then ${sql.lit(4 * weight)} else 0 end) + (case when ${has('other_terms', term)} then ${sql.lit(weight)} else 0 end)`,
  );
  return sql<number>`(${sql.join(parts, sql` + `)})`;
}

/** The join, filter and tie-breaking order of each kind after the text relevance. */
function kindSql(kind: SubjectKind): {
  join: RawBuilder<unknown>;
  where: RawBuilder<unknown>;
  first: RawBuilder<unknown>;
  then: RawBuilder<unknown>;
} {
  switch (kind) {
    case 'video':
      return {
        join: sql`join videos s on s.id = d.subject_id`,
        where: sql`s.status = 'published'`,
        first: sql``,
        then: sql`s.likes desc,`,
      };
    case 'person':
      return {
        join: sql`join users s on s.id = d.subject_id`,
        where: sql`1 = 1`,
        first: sql``,
        then: sql`(select count(*) from follows f where f.followee_id = s.id) desc,`,
      };
    case 'live':
      return {
        join: sql`join live_rooms s on s.id = d.subject_id`,
        where: sql`s.status in ('live', 'scheduled')`,
        first: sql`(case when s.status = 'live' then 0 else 1 end) asc,`,
        then: sql``,
      };
  }
}

async function rankedSubjectIds(
  ctx: CoreContext,
  kind: SubjectKind,
  groups: TermGroup[],
  offset: number,
  limit: number,
): Promise<string[]> {
  const match = matchSql(ctx.dialect, matchText(ctx.dialect, groups), 'subjects');
  const k = kindSql(kind);
  const { rows } = await sql<{ id: string }>`
    select s.id from search_subjects d ${match.join}
    ${k.join}
    where ${match.where} and d.kind = ${kind} and ${k.where}
    order by ${k.first} ${relevance(match, groups)} desc, ${k.then} ${match.rank} desc, s.id desc
    limit ${limit} offset ${offset}`.execute(ctx.db);
  return rows.map((r) => r.id);
}

/** Checks the query and pages, then the ids of one page (one more than the limit, to know if another follows). */
async function pageOf(
  ctx: CoreContext,
  kind: SubjectKind,
  query: SubjectQuery,
): Promise<{ ids: string[]; limit: number; offset: number }> {
  const q = checkQuery(query.q);
  const limit = checkLimit(query.limit);
  const offset = query.cursor ? decodeSearchCursor(query.cursor) : 0;
  const groups = queryGroups(q, cutForSearch);
  if (groups.length === 0) return { ids: [], limit, offset };
  return { ids: await rankedSubjectIds(ctx, kind, groups, offset, limit + 1), limit, offset };
}

export async function searchVideos(
  ctx: CoreContext,
  query: SubjectQuery,
  viewer: Actor | null,
): Promise<Page<VideoCard>> {
  const { ids, limit, offset } = await pageOf(ctx, 'video', query);
  return {
    items: await videoCardsByIds(ctx.db, ids.slice(0, limit), viewer?.userId ?? null),
    nextCursor: nextSearchCursor(offset, limit, ids.length),
  };
}

export async function searchPeople(
  ctx: CoreContext,
  query: SubjectQuery,
  viewer: Actor | null,
): Promise<Page<PersonCard>> {
  const { ids, limit, offset } = await pageOf(ctx, 'person', query);
  return {
    items: await personCards(ctx.db, ids.slice(0, limit), viewer),
    nextCursor: nextSearchCursor(offset, limit, ids.length),
  };
}

export async function searchLiveRooms(ctx: CoreContext, query: SubjectQuery): Promise<Page<RoomCard>> {
  const { ids, limit, offset } = await pageOf(ctx, 'live', query);
  return {
    items: await roomCardsByIds(ctx, ids.slice(0, limit)),
    nextCursor: nextSearchCursor(offset, limit, ids.length),
  };
}

/** People as cards, in the given order: name, creator or not, followers, published videos, followed by the viewer. */
export async function personCards(db: Db, ids: readonly string[], viewer: Actor | null): Promise<PersonCard[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const [users, creators, followers, videos, followed] = await Promise.all([
    db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', list).execute(),
    db.selectFrom('user_roles').select('user_id').where('user_id', 'in', list).where('role', '=', 'creator').execute(),
    db
      .selectFrom('follows')
      .select((eb) => ['followee_id', eb.fn.countAll<number>().as('n')])
      .where('followee_id', 'in', list)
      .groupBy('followee_id')
      .execute(),
    db
      .selectFrom('videos')
      .select((eb) => ['owner_id', eb.fn.countAll<number>().as('n')])
      .where('owner_id', 'in', list)
      .where('status', '=', 'published')
      .groupBy('owner_id')
      .execute(),
    viewer
      ? db
          .selectFrom('follows')
          .select('followee_id')
          .where('follower_id', '=', viewer.userId)
          .where('followee_id', 'in', list)
          .execute()
      : Promise.resolve([]),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  const creatorIds = new Set(creators.map((r) => r.user_id));
  const followerCounts = new Map(followers.map((r) => [r.followee_id, Number(r.n)]));
  const videoCounts = new Map(videos.map((r) => [r.owner_id, Number(r.n)]));
  const followedIds = new Set(followed.map((r) => r.followee_id));
  return list.flatMap((id) => {
    const u = byId.get(id);
    if (!u) return [];
    return [
      {
        id,
        displayName: u.display_name,
        isCreator: creatorIds.has(id),
        followers: followerCounts.get(id) ?? 0,
        videos: videoCounts.get(id) ?? 0,
        followed: followedIds.has(id),
      },
    ];
  });
}
