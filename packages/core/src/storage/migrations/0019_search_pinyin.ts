import type { Kysely } from 'kysely';
import { createSubjectStructures, reindexAllProducts, reindexAllSubjects } from '../../search/index.js';

/**
 * Search by pinyin and beyond products: every product document is rewritten with the pinyin
 * terms of its title, category and shop (茶 → cha, 普洱 → puer and pe), and the index of videos,
 * people and live rooms (`search_subjects`, FTS5 on SQLite, a tsvector + GIN on PostgreSQL) is
 * created and filled from the rows that already exist.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createSubjectStructures(db);
  // Migrations run outside any request, so there is no injected clock: the time only records when a document was written.
  const now = Date.now();
  await reindexAllProducts(db, now);
  await reindexAllSubjects(db, now);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
