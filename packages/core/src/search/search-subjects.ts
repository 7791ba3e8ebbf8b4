/**
 * The search tabs beside products: videos (视频), people (用户/达人) and live rooms (直播), each
 * matched in `search_subjects` by every word of the query (Chinese, or its pinyin), the name
 * (title, display name) counting four times the rest (caption, author, host).
 *  - videos: published ones, by relevance, then likes, then newest;
 *  - people: by relevance, then followers, then newest;
 *  - live rooms: on air first, then scheduled (ended rooms are not shown), then by relevance.
 * Offset pages with the same opaque cursor as products. The ids only: the cards are assembled
 * above (discovery), since search sits below content and live, which index into it.
 */
import { sql, type RawBuilder } from 'kysely';
import type { CoreContext } from '../context.js';
import { matchSql, matchText } from './search-dialect.js';
import { cutForSearch } from './segmenter.js';
import { queryGroups, weightedTerms, type TermGroup } from './terms.js';
import { checkLimit, checkQuery, decodeSearchCursor, nextSearchCursor, type IdPage } from './search-products.js';
import type { SubjectKind } from './subject-index.js';

export interface SubjectQuery {
  q: string;
  cursor?: string | undefined;
  limit?: number | undefined;
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

/** Checks the query (400 INVALID_INPUT on a bad q, cursor or limit), then the ids of one page of the kind, in rank order. */
export async function searchSubjectIds(ctx: CoreContext, kind: SubjectKind, query: SubjectQuery): Promise<IdPage> {
  const q = checkQuery(query.q);
  const limit = checkLimit(query.limit);
  const offset = query.cursor ? decodeSearchCursor(query.cursor) : 0;
  const groups = queryGroups(q, cutForSearch);
  if (groups.length === 0) return { ids: [], nextCursor: null };
  // One more than the page, to know if another follows.
  const ids = await rankedSubjectIds(ctx, kind, groups, offset, limit + 1);
  return { ids: ids.slice(0, limit), nextCursor: nextSearchCursor(offset, limit, ids.length) };
}
