/**
 * Product search for shoppers: the ids of the listed products matching every word of the query
 * (or one of its alternatives, or its pinyin: cha, puer, pe), ranked by relevance — which fields
 * hold which words: the title counts most, then the category, then the shop; the word as typed
 * counts more than a stem or synonym — then by sales, then by the engine's text rank (bm25 /
 * ts_rank), then newest first. Or sorted by sales (综合 → 销量) or by price either way (价格 ↑ / ↓).
 * The cards of a page are assembled above (discovery's searchProducts): search sits below the
 * modules that index into it and reads none of them.
 */
import { sql, type RawBuilder } from 'kysely';
import type { CoreContext } from '../context.js';
import { invalid } from '../platform/index.js';
import { matchSql, matchText } from './search-dialect.js';
import { cutForSearch } from './segmenter.js';
import { queryGroups, weightedTerms, type TermGroup } from './terms.js';

export const QUERY_MAX_CHARS = 50;
export const SEARCH_MAX_LIMIT = 50;
const MAX_OFFSET = 5_000;

/** The cursor is opaque to clients: the offset into the ranked results. */
export function encodeSearchCursor(offset: number): string {
  return Buffer.from(`o${offset}`).toString('base64url');
}

export function decodeSearchCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^o(\d{1,6})$/.exec(text);
  const offset = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 1 || offset > MAX_OFFSET)
    throw invalid('cursor is not valid', { field: 'cursor' });
  return offset;
}

/** Checks the length and returns the query with control characters (NUL included) turned into spaces. */
export function checkQuery(q: string): string {
  if (q.length < 1 || q.length > QUERY_MAX_CHARS)
    throw invalid(`q must be 1–${QUERY_MAX_CHARS} characters`, { field: 'q' });
  return q.replace(/[\p{Cc}\p{Cs}]/gu, ' ');
}

/**
 * Points per term, by where it is found: a whole word of the title 8, a sub-word or character of
 * the title 3, the category 4, the shop 2; times 2 for the word as typed, 1 for an alternative.
 * So 水果 ranks fruit (category 水果) above a 水果刀 (sub-word of the title).
 */
function relevance(match: ReturnType<typeof matchSql>, groups: TermGroup[]): RawBuilder<number> {
  const has = (field: string, term: string) =>
    sql`${match.contains(sql`(' ' || d.${sql.ref(field)} || ' ')`, ` ${term} `)} > 0`;
  const parts = weightedTerms(groups).map(({ term, weight }) => {
    const title = sql`(case when ${has('title_words', term)} then ${sql.lit(8 * weight)} when ${has('title_terms', term)} then ${sql.lit(3 * weight)} else 0 end)`;
    const others = sql`(case when ${has('category_terms', term)} then ${sql.lit(4 * weight)} else 0 end) + (case when ${has('shop_terms', term)} then ${sql.lit(2 * weight)} else 0 end)`;
    return sql`${title} + ${others}`;
  });
  return sql<number>`(${sql.join(parts, sql` + `)})`;
}

export const SEARCH_SORTS = ['relevance', 'sales', 'price_asc', 'price_desc'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The ORDER BY of a sort; every one ends on the id, so offset pages never repeat or skip a product. */
function orderOf(sort: SearchSort, match: ReturnType<typeof matchSql>, groups: TermGroup[]): RawBuilder<unknown> {
  switch (sort) {
    case 'relevance':
      return sql`${relevance(match, groups)} desc, p.sales desc, ${match.rank} desc, p.id desc`;
    case 'sales':
      return sql`p.sales desc, ${relevance(match, groups)} desc, p.id desc`;
    case 'price_asc':
      return sql`p.min_price_fen asc, p.id desc`;
    case 'price_desc':
      return sql`p.min_price_fen desc, p.id desc`;
  }
}

/** The listed products matching the groups (id and title), in the sort's order (best first by default). */
async function ranked(
  ctx: CoreContext,
  groups: TermGroup[],
  offset: number,
  limit: number,
  options: { prefixLast?: boolean; shopId?: string | undefined; sort?: SearchSort } = {},
): Promise<Array<{ id: string; title: string }>> {
  const match = matchSql(ctx.dialect, matchText(ctx.dialect, groups, options.prefixLast));
  const inShop = options.shopId ? sql`and p.shop_id = ${options.shopId}` : sql``;
  const { rows } = await sql<{ id: string; title: string }>`
    select p.id, p.title from search_documents d ${match.join}
    join products p on p.id = d.product_id
    where ${match.where} and p.status = 'listed' ${inShop}
    order by ${orderOf(options.sort ?? 'relevance', match, groups)}
    limit ${limit} offset ${offset}`.execute(ctx.db);
  return rows;
}

export interface SearchQuery {
  q: string;
  /** Search within one shop (the shop page's search box). */
  shopId?: string | undefined;
  /** relevance (综合, the default), sales (销量), price_asc / price_desc (价格). */
  sort?: SearchSort | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** One page of results: the ids in rank order and the cursor of the next page. */
export interface IdPage {
  ids: string[];
  nextCursor: string | null;
}

/** Checks the query (400 INVALID_INPUT on a bad q, sort, cursor or limit), then the ids of one page of listed products. */
export async function searchProductIds(ctx: CoreContext, query: SearchQuery): Promise<IdPage> {
  const q = checkQuery(query.q);
  const limit = checkLimit(query.limit);
  const sort = query.sort ?? 'relevance';
  if (!SEARCH_SORTS.includes(sort)) throw invalid(`sort must be one of ${SEARCH_SORTS.join(', ')}`, { field: 'sort' });
  const offset = query.cursor ? decodeSearchCursor(query.cursor) : 0;
  const groups = queryGroups(q, cutForSearch);
  if (groups.length === 0) return { ids: [], nextCursor: null };
  const rows = await ranked(ctx, groups, offset, limit + 1, { shopId: query.shopId, sort });
  return { ids: rows.slice(0, limit).map((r) => r.id), nextCursor: nextSearchCursor(offset, limit, rows.length) };
}

/** The page size, 1–50 (20 when absent). */
export function checkLimit(limit: number | undefined): number {
  const n = limit ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > SEARCH_MAX_LIMIT)
    throw invalid(`limit must be 1–${SEARCH_MAX_LIMIT}`, { field: 'limit' });
  return n;
}

/** The cursor of the next page when one more row than the page was found (offsets stop at 5,000). */
export function nextSearchCursor(offset: number, limit: number, found: number): string | null {
  const next = offset + limit;
  return found > limit && next <= MAX_OFFSET ? encodeSearchCursor(next) : null;
}

export const SUGGEST_MAX = 8;

/**
 * Up to eight suggestions while typing: titles of listed products that start with the text
 * (best sellers first), then titles of the best matches for it, the last word matched as a prefix.
 */
export async function suggest(ctx: CoreContext, q: string): Promise<{ items: string[] }> {
  const text = checkQuery(q).trim();
  if (text.length === 0) return { items: [] };
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const prefixed = await ctx.db
    .selectFrom('products')
    .select('title')
    .where('status', '=', 'listed')
    .where(sql<boolean>`title like ${`${escaped}%`} escape '\\'`)
    .orderBy('sales', 'desc')
    .orderBy('id', 'desc')
    .limit(SUGGEST_MAX)
    .execute();
  const items = new Set(prefixed.map((r) => r.title));
  const groups = queryGroups(text, cutForSearch);
  if (items.size < SUGGEST_MAX && groups.length > 0) {
    for (const row of await ranked(ctx, groups, 0, SUGGEST_MAX, { prefixLast: true })) items.add(row.title);
  }
  return { items: [...items].slice(0, SUGGEST_MAX) };
}
