/**
 * A synthetic retrained model of `videos` videos (vectors, biases, a full co-occurrence table and
 * choice weights) and the catalogue metas that go with it: what a hot swap at full size takes,
 * for tests and the swap's timing script (swap-timing.ts). Deterministic.
 */
import { Rng } from '../random.js';
import type { ItemMeta } from '../online/item-catalog.js';
import type { ModelSnapshot } from '../online/retrain.js';
import { SEQUENCE_EMBEDDING_DEFAULTS } from '../online/sequence-embedding.js';
import { COVISITATION_DEFAULTS } from '../online/covisitation.js';
import { CHOICE_FEATURE_COUNT } from '../online/retrain-tables.js';

export function syntheticMetas(videos: number, prefix = 'v'): ItemMeta[] {
  const metas: ItemMeta[] = [];
  for (let i = 0; i < videos; i++)
    metas.push({
      id: `${prefix}${i}`,
      title: `video ${i}`,
      creatorId: `c${i % 997}`,
      creatorName: `creator ${i % 997}`,
      categoryId: `k${i % 31}`,
      categoryName: `category ${i % 31}`,
      tags: [`t${i % 101}`],
      priceFen: null,
      shopId: null,
      productIds: [],
      publishedAt: 0,
    });
  return metas;
}

export function syntheticSnapshot(
  videos: number,
  seed = 1,
  prefix = 'v',
  neighbours = COVISITATION_DEFAULTS.rowCap,
): ModelSnapshot {
  const rng = new Rng(seed);
  const dim = SEQUENCE_EMBEDDING_DEFAULTS.dim;
  const items = Array.from({ length: videos }, (_, i) => `${prefix}${i}`);
  const vectors = new Float32Array(videos * dim);
  for (let i = 0; i < vectors.length; i++) vectors[i] = (rng.next() - 0.5) * 0.2;
  const bias = new Float32Array(videos);
  for (let i = 0; i < videos; i++) bias[i] = rng.next() - 0.5;
  const recency = new Float32Array(SEQUENCE_EMBEDDING_DEFAULTS.recent);
  for (let k = 0; k < recency.length; k++) recency[k] = Math.pow(SEQUENCE_EMBEDDING_DEFAULTS.recency, k);
  const rowCap = COVISITATION_DEFAULTS.rowCap;
  const owners = Int32Array.from({ length: videos }, (_, i) => i);
  const counts = new Uint8Array(videos).fill(Math.min(neighbours, rowCap));
  const ids = new Int32Array(videos * rowCap);
  const w = new Float32Array(videos * rowCap);
  for (let i = 0; i < ids.length; i++) {
    ids[i] = Math.floor(rng.next() * videos);
    w[i] = rng.next() * 3;
  }
  const choice = Float64Array.from({ length: CHOICE_FEATURE_COUNT }, () => rng.next());
  return { dim, items, vectors, bias, recency, covisit: { rowCap, ref: 0, owners, counts, ids, w }, choice };
}
