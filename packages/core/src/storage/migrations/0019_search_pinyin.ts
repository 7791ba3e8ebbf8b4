import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect-of.js';
import {
  productSources,
  writeProductDocuments,
  writeSubjectDocuments,
  type SubjectSourceRow,
} from './frozen-search-terms.js';

/**
 * Search by pinyin and beyond products: every product document is rewritten with the pinyin
 * terms of its title, category and shop (茶 → cha, 普洱 → puer and pe), and the index of videos,
 * people and live rooms (`search_subjects`, FTS5 on SQLite, a tsvector + GIN on PostgreSQL) is
 * created and filled from the rows that already exist. Self-contained (the structures and the
 * documents as they were then, see frozen-search-terms.ts): it calls no module code that may change later.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createSearchSubjects(db);
  // Migrations run outside any request, so there is no injected clock: the time only records when a document was written.
  const now = Date.now();
  await reindexProducts(db, now);
  await indexSubjects(db, now);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}

/**
 * `search_subjects` (videos, people, live rooms) and its full-text structures: FTS5
 * `search_subjects_fts` with triggers on SQLite, a generated `tsv` (name A, other B) with a GIN
 * index on PostgreSQL.
 */
async function createSearchSubjects(db: Kysely<any>): Promise<void> {
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

/** Rewrites every product's document, now with pinyin. */
async function reindexProducts(db: Kysely<any>, now: number): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await productSources(db).where('products.id', '>', after).orderBy('products.id').limit(1000).execute();
    if (rows.length === 0) return;
    await writeProductDocuments(db, rows, now, true);
    after = rows[rows.length - 1]!.id;
  }
}

/** A video's text is its title, caption and author (the shop for a shop's own video). */
async function videoSources(db: Kysely<any>, after: string): Promise<SubjectSourceRow[]> {
  const rows = await db
    .selectFrom('videos')
    .innerJoin('users', 'users.id', 'videos.owner_id')
    .leftJoin('shops', 'shops.id', 'videos.shop_id')
    .select([
      'videos.id',
      'videos.title',
      'videos.caption',
      'videos.host_kind',
      'users.display_name',
      'shops.name as shop_name',
    ])
    .where('videos.id', '>', after)
    .orderBy('videos.id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    kind: 'video',
    id: r.id,
    name: r.title,
    other: `${r.caption} ${r.host_kind === 'shop' && r.shop_name ? r.shop_name : r.display_name}`,
  }));
}

/** A person's text is their display name. */
async function personSources(db: Kysely<any>, after: string): Promise<SubjectSourceRow[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ kind: 'person', id: r.id, name: r.display_name, other: '' }));
}

/** A live room's text is its title and its host (a creator's display name or a shop's name). */
async function roomSources(db: Kysely<any>, after: string): Promise<SubjectSourceRow[]> {
  const rows = await db
    .selectFrom('live_rooms')
    .leftJoin('users', (j) => j.onRef('users.id', '=', 'live_rooms.host_id').on('live_rooms.host_kind', '=', 'creator'))
    .leftJoin('shops', (j) => j.onRef('shops.id', '=', 'live_rooms.host_id').on('live_rooms.host_kind', '=', 'shop'))
    .select(['live_rooms.id', 'live_rooms.title', 'users.display_name', 'shops.name as shop_name'])
    .where('live_rooms.id', '>', after)
    .orderBy('live_rooms.id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ kind: 'live', id: r.id, name: r.title, other: r.shop_name ?? r.display_name ?? '' }));
}

/** Indexes every video, person and live room that exists. */
async function indexSubjects(db: Kysely<any>, now: number): Promise<void> {
  for (const read of [videoSources, personSources, roomSources]) {
    let after = '';
    for (;;) {
      const batch = await read(db, after);
      if (batch.length === 0) break;
      await writeSubjectDocuments(db, batch, now);
      after = batch[batch.length - 1]!.id;
    }
  }
}
