/**
 * The ranking model's features of one (person, video) pair, as hashed (field, value) slots:
 * the video itself, its creator, category and price band, the candidate source, the person's
 * decayed affinity to that creator / category / tags / price band (bucketed), the embedding and
 * retrieval scores, trending and age buckets. Pure.
 */
import { featureHash } from './hashed-ranker.js';
import type { ItemCatalog } from './item-catalog.js';
import type { Profile } from './profile.js';
import { SOURCES, type SourceName } from './sources.js';

export const FIELD = {
  bias: 0,
  item: 1,
  creator: 2,
  category: 3,
  band: 4,
  source: 5,
  creatorAffinity: 6,
  categoryAffinity: 7,
  tagAffinity: 8,
  bandAffinity: 9,
  embedding: 10,
  retrieval: 11,
  trending: 12,
  ageHours: 13,
  followed: 14,
  categoryAffinityByBand: 15,
} as const;
export const FEATURE_COUNT = 16;
/** The fields that carry the person (their value is the same for everyone item-level); each is its index in pairFeatures' output. */
export const PERSON_FIELDS = [
  FIELD.creatorAffinity,
  FIELD.categoryAffinity,
  FIELD.tagAffinity,
  FIELD.bandAffinity,
  FIELD.embedding,
  FIELD.followed,
  FIELD.categoryAffinityByBand,
] as const;

/** A log-scale bucket: negative → -1, 0 → 0, then 1..7. */
export function bucket(x: number): number {
  if (x < 0) return -1;
  if (x === 0) return 0;
  return Math.min(7, 1 + Math.max(0, Math.floor(Math.log2(1 + x * 4))));
}

/** A person's affinities, read once per request into a map (the profile keeps a small list). */
export type Affinities = ReadonlyMap<string, number>;

export function affinities(p: Profile | undefined, now: number): Affinities {
  return new Map(p ? p.interests.entries(now) : []);
}

export interface PairContext {
  source: SourceName | null;
  retrieval: number;
  embedding: number;
  trending: number;
  followed: boolean;
  now: number;
}

/** Writes the feature hashes of (person, item) into out (FEATURE_COUNT numbers). */
export function pairFeatures(
  catalog: ItemCatalog,
  item: number,
  aff: Affinities,
  c: PairContext,
  out: Uint32Array | number[],
): void {
  const meta = catalog.meta(item);
  const keys = catalog.keys(item);
  const band = catalog.band(item);
  const catAff = keys.category ? (aff.get(keys.category) ?? 0) : 0;
  let tagAff = 0;
  for (const t of keys.tags) tagAff = Math.max(tagAff, aff.get(t) ?? 0);
  const source = c.source ? SOURCES.indexOf(c.source) : -1;
  out[0] = featureHash(FIELD.bias, 0);
  out[1] = featureHash(FIELD.item, item);
  out[2] = featureHash(FIELD.creator, keys.creatorHash);
  out[3] = featureHash(FIELD.category, keys.categoryHash);
  out[4] = featureHash(FIELD.band, band);
  out[5] = featureHash(FIELD.source, source);
  out[6] = featureHash(FIELD.creatorAffinity, bucket(aff.get(keys.creator) ?? 0));
  out[7] = featureHash(FIELD.categoryAffinity, bucket(catAff));
  out[8] = featureHash(FIELD.tagAffinity, bucket(tagAff));
  out[9] = featureHash(FIELD.bandAffinity, keys.band === null ? -2 : bucket(aff.get(keys.band) ?? 0));
  out[10] = featureHash(FIELD.embedding, Math.max(-8, Math.min(8, Math.round(c.embedding * 2))));
  out[11] = featureHash(FIELD.retrieval, source * 16 + bucket(c.retrieval));
  out[12] = featureHash(FIELD.trending, bucket(c.trending));
  out[13] = featureHash(FIELD.ageHours, bucket(Math.max(0, c.now - meta.publishedAt) / 3_600_000));
  out[14] = featureHash(FIELD.followed, c.followed ? 1 : 0);
  out[15] = featureHash(FIELD.categoryAffinityByBand, bucket(catAff) * 8 + band);
}

/**
 * Only the person's fields of `pairFeatures` (PERSON_FIELDS, at their indices in `out`; the
 * others are left as they are): the same hashes, for a viewer's heads on videos whose
 * item-level part is kept (viewer-heads.ts).
 */
export function personFeatures(
  catalog: ItemCatalog,
  item: number,
  aff: Affinities,
  embedding: number,
  followed: boolean,
  out: Uint32Array | number[],
): void {
  const keys = catalog.keys(item);
  const band = catalog.band(item);
  const catAff = keys.category ? (aff.get(keys.category) ?? 0) : 0;
  let tagAff = 0;
  for (const t of keys.tags) tagAff = Math.max(tagAff, aff.get(t) ?? 0);
  out[6] = featureHash(FIELD.creatorAffinity, bucket(aff.get(keys.creator) ?? 0));
  out[7] = featureHash(FIELD.categoryAffinity, bucket(catAff));
  out[8] = featureHash(FIELD.tagAffinity, bucket(tagAff));
  out[9] = featureHash(FIELD.bandAffinity, keys.band === null ? -2 : bucket(aff.get(keys.band) ?? 0));
  out[10] = featureHash(FIELD.embedding, Math.max(-8, Math.min(8, Math.round(embedding * 2))));
  out[14] = featureHash(FIELD.followed, followed ? 1 : 0);
  out[15] = featureHash(FIELD.categoryAffinityByBand, bucket(catAff) * 8 + band);
}
