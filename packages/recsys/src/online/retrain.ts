/**
 * Retraining the live feed's embedding in batch: the stored history (engagements and purchases,
 * each person's in time order, weighted as the online engine weighs them) becomes row
 * sequences; the latest item of each person with three or more is held out; the same
 * sequence-aware model the feed steps online is trained for several epochs on the rest, and
 * both it and the model serving now are scored on the held-out items under full ranking. The
 * result is a snapshot (video ids, vectors, biases, recency weights) the online engine takes by
 * a hot swap. Pure: the caller reads the history and runs this where it likes (a worker).
 */
import { SeqEmbedding, type SeqEmbeddingOptions } from '../engine/seq-embedding.js';
import { trainEpochs } from '../engine/train-embedding.js';
import { CUTOFF } from '../eval/metrics.js';
import { Rng } from '../random.js';
import { buildCovisit, type ChoiceFitOptions, fitChoiceWeights, type CovisitSnapshot } from './retrain-tables.js';
import { SEQUENCE_EMBEDDING_DEFAULTS } from './sequence-embedding.js';
import { interestWeight, type Signal } from './signals.js';

/** The history as row sequences: person k's events are rows[offsets[k] .. offsets[k + 1]). */
export interface TrainingSet {
  /** Video id of each row. */
  items: string[];
  offsets: Int32Array;
  rows: Int32Array;
  /** Learning-rate factor of each event (the online step's weight). */
  weights: Float32Array;
  /** Time of each event (ms). */
  at: Float64Array;
  /** The held-out row of person k, -1 when the person is too short to hold one out. */
  heldOut: Int32Array;
  events: number;
}

/** A trained model in plain data: what the online engine swaps in (vectors, and when retrained in full, the co-occurrence table and the ranker's choice weights). */
export interface ModelSnapshot {
  dim: number;
  items: string[];
  /** items.length × dim, row-major. */
  vectors: Float32Array;
  bias: Float32Array;
  /** Recency weights a_1..a_L. */
  recency: Float32Array;
  /** The co-occurrence table rebuilt in batch (neighbour ids index `items`). */
  covisit?: CovisitSnapshot;
  /** The ranker's choice weights (retrain-tables.ts CHOICE_FEATURES), fitted on the held-out items. */
  choice?: Float64Array;
}

export interface OfflineFigures {
  hr10: number;
  ndcg10: number;
  /** People scored (those with a held-out item, at most `maxPeople`). */
  people: number;
}

export interface RetrainOptions {
  epochs: number;
  seed: number;
  /** At most this many held-out people are scored. */
  maxEvalPeople: number;
  model: SeqEmbeddingOptions;
  /** The choice weights' fit (default: retrain-tables.ts CHOICE_FIT_DEFAULTS). */
  choice?: Partial<ChoiceFitOptions>;
}

export const RETRAIN_DEFAULTS: RetrainOptions = {
  epochs: 6,
  seed: 7,
  maxEvalPeople: 2_000,
  model: { ...SEQUENCE_EMBEDDING_DEFAULTS, dropout: 0.5, negatives: 16 },
};

/** Only the choices the online embedding learns from (interest weight ≥ 1) with a video; the weight as the online step takes it. */
export function trainingSet(signals: readonly Signal[]): TrainingSet {
  const byActor = new Map<string, { item: number; w: number; at: number }[]>();
  const index = new Map<string, number>();
  const items: string[] = [];
  const sorted = [...signals].sort((a, b) => a.at - b.at);
  for (const s of sorted) {
    if (!s.videoId) continue;
    const w = interestWeight(s);
    if (w < 1) continue;
    let item = index.get(s.videoId);
    if (item === undefined) {
      item = items.length;
      index.set(s.videoId, item);
      items.push(s.videoId);
    }
    let seq = byActor.get(s.actor);
    if (!seq) byActor.set(s.actor, (seq = []));
    const last = seq[seq.length - 1];
    // Completing then liking one video is one choice, weighted by its strongest signal.
    if (last && last.item === item) last.w = Math.max(last.w, w);
    else seq.push({ item, w, at: s.at });
  }
  const people = [...byActor.values()];
  const offsets = new Int32Array(people.length + 1);
  for (let k = 0; k < people.length; k++) offsets[k + 1] = offsets[k]! + people[k]!.length;
  const rows = new Int32Array(offsets[people.length]!);
  const weights = new Float32Array(rows.length);
  const at = new Float64Array(rows.length);
  const heldOut = new Int32Array(people.length).fill(-1);
  for (let k = 0; k < people.length; k++) {
    const seq = people[k]!;
    for (let j = 0; j < seq.length; j++) {
      rows[offsets[k]! + j] = seq[j]!.item;
      weights[offsets[k]! + j] = Math.min(2, seq[j]!.w / 4);
      at[offsets[k]! + j] = seq[j]!.at;
    }
    if (seq.length >= 3) heldOut[k] = seq[seq.length - 1]!.item;
  }
  return { items, offsets, rows, weights, at, heldOut, events: rows.length };
}

/**
 * Item-index sequences (an offline data set) as a training set, every event weighted 1 and
 * `stepMs` after the one before (person after person, as a replay plays them); video ids are the
 * indices. `holdOutLast`: each person's latest item of three or more is held out, as the
 * platform's retraining holds out its latest choice.
 */
export function trainingSetOf(
  seqs: { offsets: Int32Array; items: Int32Array },
  numItems: number,
  opts: { holdOutLast?: boolean; t0?: number; stepMs?: number } = {},
): TrainingSet {
  const n = seqs.offsets.length - 1;
  const heldOut = new Int32Array(n).fill(-1);
  if (opts.holdOutLast)
    for (let k = 0; k < n; k++)
      if (seqs.offsets[k + 1]! - seqs.offsets[k]! >= 3) heldOut[k] = seqs.items[seqs.offsets[k + 1]! - 1]!;
  const t0 = opts.t0 ?? 0;
  const step = opts.stepMs ?? 1000;
  return {
    items: Array.from({ length: numItems }, (_, i) => String(i)),
    offsets: seqs.offsets,
    rows: seqs.items,
    weights: new Float32Array(seqs.items.length).fill(1),
    at: Float64Array.from({ length: seqs.items.length }, (_, p) => t0 + (p + 1) * step),
    heldOut,
    events: seqs.items.length,
  };
}

/** The training part: every sequence without its held-out last item. */
export function trainingPart(set: TrainingSet): {
  offsets: Int32Array;
  rows: Int32Array;
  weights: Float32Array;
  at: Float64Array;
} {
  const n = set.heldOut.length;
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < n; k++)
    offsets[k + 1] = offsets[k]! + (set.offsets[k + 1]! - set.offsets[k]!) - (set.heldOut[k]! >= 0 ? 1 : 0);
  const rows = new Int32Array(offsets[n]!);
  const weights = new Float32Array(rows.length);
  const at = new Float64Array(rows.length);
  for (let k = 0; k < n; k++) {
    const len = offsets[k + 1]! - offsets[k]!;
    rows.set(set.rows.subarray(set.offsets[k]!, set.offsets[k]! + len), offsets[k]!);
    weights.set(set.weights.subarray(set.offsets[k]!, set.offsets[k]! + len), offsets[k]!);
    at.set(set.at.subarray(set.offsets[k]!, set.offsets[k]! + len), offsets[k]!);
  }
  return { offsets, rows, weights, at };
}

function snapshotOf(model: SeqEmbedding, items: string[]): ModelSnapshot {
  const state = model.exportState();
  return { dim: model.opts.dim, items, vectors: state.E, bias: state.B, recency: state.A };
}

/**
 * Trains the model on the training part for `epochs` (progress after each), fits the ranker's
 * choice weights on the held-out items with the co-occurrence table of the same part, and
 * rebuilds the table served from the whole history (retrain-tables.ts): the snapshot carries all
 * three.
 */
export function retrain(
  set: TrainingSet,
  opts: RetrainOptions = RETRAIN_DEFAULTS,
  progress?: (epoch: number) => void,
): ModelSnapshot {
  const model = new SeqEmbedding({ ...opts.model, seed: opts.seed });
  for (let i = 0; i < set.items.length; i++) model.itemRow(i);
  const part = trainingPart(set);
  const userRows = new Int32Array(set.heldOut.length).fill(-1);
  trainEpochs(model, { ...part, userRows, itemRows: set.items.length }, opts.epochs, opts.seed, progress);
  const snapshot = snapshotOf(model, set.items);
  // The weights are fitted with the table of the training part (it has not seen the held-out
  // choices); the table served is rebuilt from the whole history, so the swap does not drop the
  // most recent pairs the live table had learnt (better on validation items, README).
  const fit = fitChoiceWeights(
    {
      ...part,
      heldOut: set.heldOut,
      numItems: set.items.length,
      dim: snapshot.dim,
      vectors: snapshot.vectors,
      bias: snapshot.bias,
      recency: snapshot.recency,
      covisit: buildCovisit(part),
    },
    opts.choice,
  );
  if (fit) snapshot.choice = fit.weights;
  snapshot.covisit = buildCovisit(set);
  return snapshot;
}

/** The buffers of a snapshot, to transfer it to another thread. */
export function snapshotBuffers(s: ModelSnapshot): ArrayBuffer[] {
  const out = [s.vectors.buffer, s.bias.buffer, s.recency.buffer];
  if (s.covisit) out.push(s.covisit.owners.buffer, s.covisit.counts.buffer, s.covisit.ids.buffer, s.covisit.w.buffer);
  if (s.choice) out.push(s.choice.buffer);
  return out as ArrayBuffer[];
}

/**
 * What the live engine alone would have learnt from the same training part: one online pass,
 * events in time order, the feed's own settings. The baseline a first retrain must beat.
 */
export function onePass(set: TrainingSet, model: SeqEmbeddingOptions = SEQUENCE_EMBEDDING_DEFAULTS): ModelSnapshot {
  const m = new SeqEmbedding(model);
  for (let i = 0; i < set.items.length; i++) m.itemRow(i);
  const part = trainingPart(set);
  const order = Int32Array.from({ length: part.rows.length }, (_, p) => p);
  const owner = new Int32Array(part.rows.length);
  for (let k = 0; k + 1 < part.offsets.length; k++) owner.fill(k, part.offsets[k]!, part.offsets[k + 1]!);
  // Sequences are in time order within each person; across people, interleave by position.
  const pos = new Int32Array(part.rows.length);
  for (let p = 0; p < pos.length; p++) pos[p] = p - part.offsets[owner[p]!]!;
  order.sort((a, b) => pos[a]! - pos[b]! || a - b);
  for (const p of order) {
    const k = owner[p]!;
    m.step(
      -1,
      part.rows.subarray(part.offsets[k]!, p),
      part.rows[p]!,
      set.items.length,
      model.lr * Math.min(2, part.weights[p]!),
    );
  }
  return snapshotOf(m, set.items);
}

/**
 * Full-ranking HR@10 and NDCG@10 of a snapshot on the held-out items: each scored person's
 * held-out video against every video of the set they did not engage with (ties count against
 * the model). Videos the snapshot does not know score 0. People are sampled with the seed.
 */
export function evaluateSnapshot(
  snapshot: ModelSnapshot,
  set: TrainingSet,
  maxPeople: number,
  seed = 1,
): OfflineFigures {
  const d = snapshot.dim;
  const rowOf = new Int32Array(set.items.length).fill(-1);
  const known = new Map<string, number>();
  for (let r = 0; r < snapshot.items.length; r++) known.set(snapshot.items[r]!, r);
  for (let i = 0; i < set.items.length; i++) rowOf[i] = known.get(set.items[i]!) ?? -1;
  const candidates: number[] = [];
  for (let k = 0; k < set.heldOut.length; k++) if (set.heldOut[k]! >= 0) candidates.push(k);
  new Rng(seed).shuffle(candidates);
  const people = candidates.slice(0, maxPeople);
  const z = new Float32Array(d);
  const scores = new Float32Array(set.items.length);
  const seen = new Uint8Array(set.items.length);
  let hits = 0;
  let ndcg = 0;
  for (const k of people) {
    const start = set.offsets[k]!;
    const end = set.offsets[k + 1]! - 1; // the held-out item is last
    z.fill(0);
    for (let j = 0; j < Math.min(snapshot.recency.length, end - start); j++) {
      const row = rowOf[set.rows[end - 1 - j]!]!;
      if (row < 0) continue;
      const a = snapshot.recency[j]!;
      for (let c = 0; c < d; c++) z[c]! += a * snapshot.vectors[row * d + c]!;
    }
    for (let i = 0; i < set.items.length; i++) {
      const row = rowOf[i]!;
      if (row < 0) {
        scores[i] = 0;
        continue;
      }
      let s = snapshot.bias[row]!;
      for (let c = 0; c < d; c++) s += z[c]! * snapshot.vectors[row * d + c]!;
      scores[i] = s;
    }
    for (let p = start; p < end; p++) seen[set.rows[p]!] = 1;
    const target = set.heldOut[k]!;
    const own = scores[target]!;
    let rank = 0;
    for (let i = 0; i < scores.length && rank < CUTOFF; i++) if (i !== target && !seen[i] && scores[i]! >= own) rank++;
    for (let p = start; p < end; p++) seen[set.rows[p]!] = 0;
    if (rank < CUTOFF) {
      hits++;
      ndcg += 1 / Math.log2(rank + 2);
    }
  }
  const n = people.length;
  return { hr10: n ? hits / n : 0, ndcg10: n ? ndcg / n : 0, people: n };
}
