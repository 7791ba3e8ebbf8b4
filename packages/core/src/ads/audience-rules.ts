/**
 * "People like my buyers" (a lookalike audience), pure: the shop's past buyers are the seeds;
 * each candidate's closeness is the cosine between their person vector (the interest engine's
 * embedding) and the seeds' centroid of unit vectors; the audience is the closest candidates above
 * a floor, at most a fixed size. No I/O.
 */

export const AUDIENCE_RULES = {
  /** The most recent buyers used as seeds. */
  maxSeeds: 500,
  /** Recently active people considered. */
  maxCandidates: 20_000,
  /** Audience size cap and the least cosine to the seeds' centroid. */
  maxSize: 2_000,
  minSimilarity: 0.35,
  /** How often a campaign's audience is computed again (the tick computes due ones, never a request). */
  refreshEveryMs: 60 * 60_000,
  /** Activity window of candidates. */
  activeWithinMs: 30 * 24 * 3_600_000,
} as const;

function unit(v: Float32Array): Float32Array | null {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  if (n === 0) return null;
  const out = new Float32Array(v.length);
  const k = 1 / Math.sqrt(n);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * k;
  return out;
}

/** The unit centroid of the seeds' unit vectors (null when no seed has a vector). */
export function seedCentroid(dim: number, vectors: Float32Array, found: Uint8Array): Float32Array | null {
  const sum = new Float32Array(dim);
  let any = false;
  for (let k = 0; k < found.length; k++) {
    if (!found[k]) continue;
    const u = unit(vectors.subarray(k * dim, k * dim + dim));
    if (!u) continue;
    any = true;
    for (let i = 0; i < dim; i++) sum[i]! += u[i]!;
  }
  return any ? unit(sum) : null;
}

/** The audience: candidates (by index) whose cosine to the centroid reaches the floor, closest first, at most maxSize. */
export function nearestToCentroid(
  centroid: Float32Array,
  vectors: Float32Array,
  found: Uint8Array,
  opts: { minSimilarity: number; maxSize: number } = AUDIENCE_RULES,
): Array<{ index: number; similarity: number }> {
  const dim = centroid.length;
  const out: Array<{ index: number; similarity: number }> = [];
  for (let k = 0; k < found.length; k++) {
    if (!found[k]) continue;
    const u = unit(vectors.subarray(k * dim, k * dim + dim));
    if (!u) continue;
    let dot = 0;
    for (let i = 0; i < dim; i++) dot += u[i]! * centroid[i]!;
    if (dot >= opts.minSimilarity) out.push({ index: k, similarity: dot });
  }
  return out.sort((a, b) => b.similarity - a.similarity || a.index - b.index).slice(0, opts.maxSize);
}
