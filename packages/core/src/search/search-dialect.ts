/**
 * Everything that differs between SQLite and PostgreSQL in search queries, in one place: the
 * full-text match and its text rank, over the structures migrations 0004 and 0019 create.
 *  - SQLite: an external-content FTS5 table `search_fts` over `search_documents` (rowid = the
 *    document's integer id), kept in step by triggers; ranked with bm25.
 *  - PostgreSQL: a generated `tsv` column (to_tsvector('simple', …), weights A/B/C for title,
 *    category, shop) with a GIN index; ranked with ts_rank.
 * The terms are already segmented and reduced to letters and digits, so neither tokenizer
 * splits them further and no query syntax can reach the engines unquoted.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../storage/index.js';
import type { TermGroup } from './terms.js';

const ftsTerm = (t: string, prefix: boolean): string => `"${t.replaceAll('"', '""')}"${prefix ? '*' : ''}`;
const tsTerm = (t: string, prefix: boolean): string =>
  `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'${prefix ? ':*' : ''}`;

/** The match expression's text in the engine's syntax: every group, each its term or one of its alternatives. */
export function matchText(dialect: Dialect, groups: TermGroup[], prefixLast = false): string {
  const [term, and, or] = dialect === 'sqlite' ? [ftsTerm, ' AND ', ' OR '] : [tsTerm, ' & ', ' | '];
  return groups
    .map((g, i) => {
      const options = [
        term(g.term, prefixLast && i === groups.length - 1),
        ...g.alternatives.map((alt) => `(${alt.map((t) => term(t, false)).join(and)})`),
      ];
      return `(${options.join(or)})`;
    })
    .join(and);
}

export interface MatchSql {
  /** Joined after `from search_documents d` to restrict to matching documents. */
  join: RawBuilder<unknown>;
  /** A WHERE condition for the match. */
  where: RawBuilder<unknown>;
  /** The engine's text rank, larger is better. */
  rank: RawBuilder<number>;
  /** `position of needle in haystack`, > 0 when found. */
  contains: (haystack: RawBuilder<unknown>, needle: string) => RawBuilder<number>;
}

/** The full-text table a match runs over: product documents, or videos, people and rooms. */
export type MatchTable = 'products' | 'subjects';

export function matchSql(dialect: Dialect, text: string, over: MatchTable = 'products'): MatchSql {
  if (dialect === 'postgres') {
    const query = sql`to_tsquery('simple', ${text})`;
    return {
      join: sql``,
      where: sql`d.tsv @@ ${query}`,
      rank: sql<number>`ts_rank(d.tsv, ${query})`,
      contains: (haystack, needle) => sql<number>`strpos(${haystack}, ${needle})`,
    };
  }
  const fts = sql.raw(over === 'products' ? 'search_fts' : 'search_subjects_fts');
  return {
    join: sql`join ${fts} on ${fts}.rowid = d.id`,
    where: sql`${fts} match ${text}`,
    // bm25 is "lower is better"; weights favour the title over the category over the shop (the name over the rest).
    rank:
      over === 'products'
        ? sql<number>`-bm25(search_fts, 10.0, 3.0, 1.0)`
        : sql<number>`-bm25(search_subjects_fts, 4.0, 1.0)`,
    contains: (haystack, needle) => sql<number>`instr(${haystack}, ${needle})`,
  };
}
