/**
 * Everything that differs between SQLite and PostgreSQL in search, in one place: the structures
 * the migration creates, the full-text match and its text rank.
 *  - SQLite: an external-content FTS5 table `search_fts` over `search_documents` (rowid = the
 *    document's integer id), kept in step by triggers; ranked with bm25.
 *  - PostgreSQL: a generated `tsv` column (to_tsvector('simple', …), weights A/B/C for title,
 *    category, shop) with a GIN index; ranked with ts_rank.
 * The terms are already segmented and reduced to letters and digits, so neither tokenizer
 * splits them further and no query syntax can reach the engines unquoted.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf, type Dialect } from '../storage/index.js';
import type { TermGroup } from './terms.js';

export { dialectOf };

/** Creates `search_documents` and the dialect's full-text structures over it. */
export async function createSearchStructures(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  let table = db.schema.createTable('search_documents');
  // SQLite: an INTEGER PRIMARY KEY is the rowid, stable across VACUUM, which FTS5 content needs.
  if (dialect === 'sqlite') table = table.addColumn('id', 'integer', (c) => c.primaryKey());
  await table
    .addColumn('product_id', 'text', (c) => c.notNull().unique().references('products.id'))
    .addColumn('title_terms', 'text', (c) => c.notNull())
    .addColumn('title_words', 'text', (c) => c.notNull())
    .addColumn('category_terms', 'text', (c) => c.notNull())
    .addColumn('shop_terms', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  if (dialect === 'postgres') {
    await sql`alter table search_documents add column tsv tsvector generated always as (
      setweight(to_tsvector('simple', title_terms), 'A') ||
      setweight(to_tsvector('simple', category_terms), 'B') ||
      setweight(to_tsvector('simple', shop_terms), 'C')) stored`.execute(db);
    await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
    return;
  }
  await sql`create virtual table search_fts using fts5(title_terms, category_terms, shop_terms,
    content='search_documents', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`.execute(db);
  const cols = sql`title_terms, category_terms, shop_terms`;
  const add = (r: 'new' | 'old') =>
    sql`insert into search_fts(rowid, title_terms, category_terms, shop_terms) values (${sql.raw(r)}.id, ${sql.raw(r)}.title_terms, ${sql.raw(r)}.category_terms, ${sql.raw(r)}.shop_terms);`;
  const del = sql`insert into search_fts(search_fts, rowid, ${cols}) values ('delete', old.id, old.title_terms, old.category_terms, old.shop_terms);`;
  await sql`create trigger search_documents_ai after insert on search_documents begin ${add('new')} end`.execute(db);
  await sql`create trigger search_documents_ad after delete on search_documents begin ${del} end`.execute(db);
  await sql`create trigger search_documents_au after update on search_documents begin ${del} ${add('new')} end`.execute(
    db,
  );
}

/**
 * Creates `search_subjects` (videos, people, live rooms) and its full-text structures: FTS5
 * `search_subjects_fts` with triggers on SQLite, a generated `tsv` (name A, other B) with a GIN
 * index on PostgreSQL.
 */
export async function createSubjectStructures(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  let table = db.schema.createTable('search_subjects');
  if (dialect === 'sqlite') table = table.addColumn('id', 'integer', (c) => c.primaryKey());
  await table
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull().unique())
    .addColumn('name_terms', 'text', (c) => c.notNull())
    .addColumn('other_terms', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  if (dialect === 'postgres') {
    await sql`alter table search_subjects add column tsv tsvector generated always as (
      setweight(to_tsvector('simple', name_terms), 'A') || setweight(to_tsvector('simple', other_terms), 'B')) stored`.execute(
      db,
    );
    await sql`create index search_subjects_tsv on search_subjects using gin (tsv)`.execute(db);
    return;
  }
  await sql`create virtual table search_subjects_fts using fts5(name_terms, other_terms,
    content='search_subjects', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`.execute(db);
  const add = (r: 'new' | 'old') =>
    sql`insert into search_subjects_fts(rowid, name_terms, other_terms) values (${sql.raw(r)}.id, ${sql.raw(r)}.name_terms, ${sql.raw(r)}.other_terms);`;
  const del = sql`insert into search_subjects_fts(search_subjects_fts, rowid, name_terms, other_terms) values ('delete', old.id, old.name_terms, old.other_terms);`;
  await sql`create trigger search_subjects_ai after insert on search_subjects begin ${add('new')} end`.execute(db);
  await sql`create trigger search_subjects_ad after delete on search_subjects begin ${del} end`.execute(db);
  await sql`create trigger search_subjects_au after update on search_subjects begin ${del} ${add('new')} end`.execute(
    db,
  );
}

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
