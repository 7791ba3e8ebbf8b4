/**
 * FROZEN — do not edit. The search vocabulary and document shapes as migrations 0004 and 0019
 * wrote them, copied from the search module of that time (segmentation with jieba, index terms,
 * whole words, pinyin terms; the rules did not change between the two migrations, 0019 only added
 * the pinyin). A migration must do tomorrow what it did the day it shipped, so it never calls the
 * search module, whose rules may change: a later change to what a document holds ships a migration
 * of its own that rewrites the documents with its own copy of the rules (as 0019 did).
 * What no copy can freeze: jieba's dictionary and pinyin-pro's readings come from the package
 * versions the lockfile pins.
 */
import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import type { Jieba } from '@node-rs/jieba';

type Cut = (text: string) => string[];

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  // Loaded on the first row to index: a store migrated from empty has none.
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Buffer };
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}
const cutWords: Cut = (text) => segmenter().cut(text, true);
const cutForSearch: Cut = (text) => segmenter().cutForSearch(text, true);

const HAN = /\p{Script=Han}/u;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

const normaliseText = (text: string): string => text.normalize('NFKC').toLowerCase();
const cleanTokens = (tokens: string[]): string[] =>
  tokens.flatMap((t) => t.split(NOT_WORD)).filter((t) => t.length > 0);
const dedupe = (terms: string[]): string[] => [...new Set(terms)];

/** The search cut plus every Han character of longer words. */
function indexTerms(text: string): string[] {
  const words = cleanTokens(cutForSearch(normaliseText(text)));
  const chars = words.filter((w) => w.length > 1 && HAN.test(w)).flatMap((w) => [...w].filter((c) => HAN.test(c)));
  return dedupe([...words, ...chars]);
}

/** The precise cut's whole words. */
const wholeWords = (text: string): string[] => dedupe(cleanTokens(cutWords(normaliseText(text))));

type PinyinPro = typeof import('pinyin-pro');
let pinyinPro: PinyinPro | null = null;
function readings(text: string): string[] {
  pinyinPro ??= createRequire(import.meta.url)('pinyin-pro') as PinyinPro;
  return pinyinPro.pinyin(text, { toneType: 'none', type: 'array', v: true });
}

function syllables(word: string): string[] {
  const chars = [...word];
  const read = readings(word);
  if (read.length !== chars.length) return chars.filter((c) => HAN.test(c)).map((c) => readings(c)[0] ?? '');
  return read.filter((_, i) => HAN.test(chars[i]!));
}

/** Full pinyin run together and, from two syllables, the initials, of every term with Han characters. */
function pinyinTerms(terms: readonly string[]): string[] {
  const out = new Set<string>();
  for (const term of terms) {
    if (!HAN.test(term)) continue;
    const read = syllables(term)
      .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
      .filter((s) => s.length > 0);
    if (read.length === 0) continue;
    out.add(read.join(''));
    if (read.length > 1) out.add(read.map((s) => s[0]).join(''));
  }
  return [...out];
}

const withPinyin = (terms: readonly string[]): string[] => [...new Set([...terms, ...pinyinTerms(terms)])];

function wholeNamePinyin(name: string): string[] {
  const han = [...name].filter((c) => HAN.test(c)).join('');
  return han.length > 1 ? pinyinTerms([han]) : [];
}

export interface ProductSourceRow {
  id: string;
  title: string;
  shop_name: string;
  category_name: string;
  parent_name: string | null;
}

/** The products with what their documents hold: title, shop name, category and its parent's name. */
export function productSources(db: Kysely<any>) {
  return db
    .selectFrom('products')
    .innerJoin('shops', 'shops.id', 'products.shop_id')
    .innerJoin('categories', 'categories.id', 'products.category_id')
    .leftJoin('categories as parent', 'parent.id', 'categories.parent_id')
    .select([
      'products.id',
      'products.title',
      'shops.name as shop_name',
      'categories.name as category_name',
      'parent.name as parent_name',
    ]);
}

/** Writes (or rewrites) the products' documents: 0004 without pinyin, 0019 with. */
export async function writeProductDocuments(
  db: Kysely<any>,
  rows: ProductSourceRow[],
  now: number,
  pinyin: boolean,
): Promise<void> {
  const terms = (text: string) => (pinyin ? withPinyin(indexTerms(text)) : indexTerms(text));
  for (let i = 0; i < rows.length; i += 200) {
    const docs = rows.slice(i, i + 200).map((r) => ({
      product_id: r.id,
      title_terms: terms(r.title).join(' '),
      title_words: wholeWords(r.title).join(' '),
      category_terms: terms([r.parent_name ?? '', r.category_name].join(' ')).join(' '),
      shop_terms: terms(r.shop_name).join(' '),
      updated_at: now,
    }));
    await db
      .insertInto('search_documents')
      .values(docs)
      .onConflict((oc) =>
        oc.column('product_id').doUpdateSet((eb) => ({
          title_terms: eb.ref('excluded.title_terms'),
          title_words: eb.ref('excluded.title_words'),
          category_terms: eb.ref('excluded.category_terms'),
          shop_terms: eb.ref('excluded.shop_terms'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export interface SubjectSourceRow {
  kind: 'video' | 'person' | 'live';
  id: string;
  name: string;
  other: string;
}

/** Writes (or rewrites) the documents of videos, people and live rooms, as 0019 did. */
export async function writeSubjectDocuments(db: Kysely<any>, sources: SubjectSourceRow[], now: number): Promise<void> {
  const termsOf = (text: string) => withPinyin(indexTerms(text));
  for (let i = 0; i < sources.length; i += 200) {
    const docs = sources.slice(i, i + 200).map((s) => ({
      kind: s.kind,
      subject_id: s.id,
      name_terms: [...new Set([...termsOf(s.name), ...wholeNamePinyin(s.name)])].join(' '),
      other_terms: termsOf(s.other).join(' '),
      updated_at: now,
    }));
    await db
      .insertInto('search_subjects')
      .values(docs)
      .onConflict((oc) =>
        oc.column('subject_id').doUpdateSet((eb) => ({
          name_terms: eb.ref('excluded.name_terms'),
          other_terms: eb.ref('excluded.other_terms'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}
