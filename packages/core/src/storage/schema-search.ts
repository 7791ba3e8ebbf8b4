/** Row types of the search module's tables (merged into `Database` in schema.ts). */

/**
 * One row per product: the segmented, space-separated index terms of its title, its category
 * (with the parent's name) and its shop. SQLite keeps an FTS5 table (`search_fts`) in step with
 * triggers; PostgreSQL has a generated `tsv` column with a GIN index (not typed here: only the
 * dialect file of the search module reads either).
 */
export interface SearchDocumentsTable {
  product_id: string;
  /** Every index term of the title: words, their sub-words and Han characters (searched). */
  title_terms: string;
  /** The title's whole words only (not searched; a match here ranks above a sub-word match). */
  title_words: string;
  category_terms: string;
  shop_terms: string;
  updated_at: number;
}

/**
 * One row per video, person or live room: the segmented terms (with their pinyin terms) of its
 * name — a video's or room's title, a person's display name — and of its other text — a video's
 * caption and author, a room's host. SQLite keeps `search_subjects_fts` in step with triggers;
 * PostgreSQL has a generated `tsv` column with a GIN index (untyped here, like the products').
 */
export interface SearchSubjectsTable {
  kind: string; // video | person | live
  subject_id: string;
  name_terms: string;
  other_terms: string;
  updated_at: number;
}

export interface SearchTables {
  search_documents: SearchDocumentsTable;
  search_subjects: SearchSubjectsTable;
}
