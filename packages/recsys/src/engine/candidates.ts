/**
 * Candidate sources of the engine, each a small function over one signal, and their merge.
 * Each returns item indices, best first; the ranker then orders the union.
 */

export type CandidateSource = 'cooccurrence' | 'embedding' | 'trending';

/** The k highest-scoring indices with a positive score (or any score when `positiveOnly` is false), skipping excluded ones. */
export function topK(
  scores: Float32Array,
  k: number,
  exclude: (i: number) => boolean,
  positiveOnly = true,
): Int32Array {
  const heapItems = new Int32Array(k);
  const heapScores = new Float32Array(k);
  let size = 0;
  // A min-heap of the best k so far.
  const siftDown = (pos: number): void => {
    for (;;) {
      const l = pos * 2 + 1;
      const r = l + 1;
      let m = pos;
      if (l < size && heapScores[l]! < heapScores[m]!) m = l;
      if (r < size && heapScores[r]! < heapScores[m]!) m = r;
      if (m === pos) return;
      swap(heapItems, heapScores, pos, m);
      pos = m;
    }
  };
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if ((positiveOnly && !(s > 0)) || Number.isNaN(s)) continue;
    if (size === k && s <= heapScores[0]!) continue;
    if (exclude(i)) continue;
    if (size < k) {
      heapItems[size] = i;
      heapScores[size] = s;
      size++;
      for (let pos = size - 1; pos > 0; ) {
        const parent = (pos - 1) >> 1;
        if (heapScores[parent]! <= heapScores[pos]!) break;
        swap(heapItems, heapScores, parent, pos);
        pos = parent;
      }
    } else {
      heapItems[0] = i;
      heapScores[0] = s;
      siftDown(0);
    }
  }
  const order = Array.from({ length: size }, (_, j) => j).sort(
    (a, b) => heapScores[b]! - heapScores[a]! || heapItems[a]! - heapItems[b]!,
  );
  return Int32Array.from(order, (j) => heapItems[j]!);
}

function swap(items: Int32Array, scores: Float32Array, a: number, b: number): void {
  const ti = items[a]!;
  items[a] = items[b]!;
  items[b] = ti;
  const ts = scores[a]!;
  scores[a] = scores[b]!;
  scores[b] = ts;
}

/** Merges source lists into one candidate list, remembering the first source that produced each item. */
export function mergeCandidates(lists: [CandidateSource, Int32Array][]): {
  items: Int32Array;
  sources: CandidateSource[];
} {
  const seen = new Map<number, CandidateSource>();
  for (const [source, items] of lists) for (const i of items) if (!seen.has(i)) seen.set(i, source);
  return { items: Int32Array.from(seen.keys()), sources: Array.from(seen.values()) };
}
