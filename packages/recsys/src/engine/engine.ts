/**
 * The interest engine: candidate sources (co-occurrence, embedding neighbours, trending) and
 * one ranking function over their signals. The same `forUser` scorer ranks a feed's
 * candidates and, in the offline evaluation, the held-out item against sampled negatives or
 * against every item, so what is measured is what the feed would do. `observe` consumes one
 * event online (counts, co-occurrence, trending and one SGD step of the embeddings); `train`
 * runs the same over a batch of sequences, with epochs for the embeddings.
 */
import { Cooccurrence, type CooccurrenceOptions } from '../models/cooccurrence.js';
import type { Recommender, UserScorer } from '../models/model.js';
import { mergeCandidates, topK, type CandidateSource } from './candidates.js';
import { FEATURE_NAMES, FEATURES, featureRow, rankAll, type Signals } from './features.js';
import { LinearRanker } from './ranker.js';
import { EmbeddingEnsemble } from './ensemble.js';
import { SEQ_EMBEDDING_DEFAULTS, type SeqEmbeddingOptions } from './seq-embedding.js';
import type { RowSequences } from './train-embedding.js';
import { Trending } from './trending.js';

export { FEATURE_NAMES, FEATURES } from './features.js';

export interface EngineOptions {
  embedding: SeqEmbeddingOptions;
  /** How many embedding models are trained (from different random starts) and averaged. */
  members: number;
  epochs: number;
  /** Learning rate of an online step (batch epochs decay from embedding.lr to 0). */
  onlineLr: number;
  /** Session co-occurrence over a long window of the person's items. */
  cooccurrence: CooccurrenceOptions;
  /** What follows the person's latest item. */
  transition: CooccurrenceOptions;
  trendingHalfLife: number;
  candidatesPerSource: number;
}

export const ENGINE_DEFAULTS: EngineOptions = {
  embedding: { ...SEQ_EMBEDDING_DEFAULTS, next: true },
  members: 6,
  epochs: 6,
  onlineLr: 0.02,
  cooccurrence: { window: 50, decay: 0.9, backward: 0.6, alpha: 0.5, recent: 50, recency: 0.9 },
  transition: { window: 3, decay: 0.5, backward: 0.3, alpha: 0.5, recent: 1, recency: 0.5 },
  trendingHalfLife: 1,
  candidatesPerSource: 200,
};

export interface Recommendation {
  item: number;
  score: number;
  source: CandidateSource;
}

export class Engine implements Recommender {
  readonly name = 'engine';
  readonly embeddings: EmbeddingEnsemble;
  readonly cooccurrence: Cooccurrence;
  readonly transition: Cooccurrence;
  readonly popularity: Float32Array;
  readonly trending: Trending;
  /** Starts as the embedding's own score until fitted. */
  readonly ranker = new LinearRanker(FEATURE_NAMES, [1, 0, 0, 0, 0, 0, 0]);
  /** The latest event time seen (trending is read at this time). */
  now = -Infinity;
  private statics: { logPop: Float32Array; logTrend: Float32Array } | null = null;
  private readonly co: Float32Array;
  private readonly tr: Float32Array;
  private readonly emb: Float32Array;
  private readonly fol: Float32Array;
  private readonly zs: Float32Array[];
  /** Per member: the "what follows the latest item" part of zs (zeros without one). */
  private readonly fs: Float32Array[];
  private hasFollows = false;
  private readonly row: Float32Array;

  constructor(
    readonly numItems: number,
    readonly opts: EngineOptions = ENGINE_DEFAULTS,
  ) {
    this.embeddings = new EmbeddingEnsemble(opts.embedding, opts.members);
    for (let i = 0; i < numItems; i++) this.embeddings.itemRow(i);
    this.cooccurrence = new Cooccurrence(numItems, opts.cooccurrence);
    this.transition = new Cooccurrence(numItems, opts.transition);
    this.popularity = new Float32Array(numItems);
    this.trending = new Trending(numItems, opts.trendingHalfLife);
    this.co = new Float32Array(numItems);
    this.tr = new Float32Array(numItems);
    this.emb = new Float32Array(numItems);
    this.fol = new Float32Array(numItems);
    this.zs = this.embeddings.newVectors();
    this.fs = this.embeddings.newVectors();
    this.row = new Float32Array(FEATURES);
  }

  /** Counts one event: popularity, trending, co-occurrence (no embedding step). */
  private count(history: Int32Array, item: number, time: number): void {
    this.popularity[item]!++;
    this.trending.add(item, time);
    this.cooccurrence.addEvent(history, item);
    this.transition.addEvent(history, item);
    if (time > this.now) this.now = time;
    this.statics = null;
  }

  /**
   * Consumes one event online: `user` chose `item` after `history` (oldest first) at `time`.
   * Item ids are indices below numItems (the counting tables have a fixed size).
   */
  observe(user: number, history: Int32Array, item: number, time: number): void {
    if (!this.known(item) || !history.every((i) => this.known(i)))
      throw new RangeError(`item ids must be whole numbers below ${this.numItems}`);
    this.count(history, item, time);
    const e = this.embeddings;
    e.step(
      e.userRow(user, time),
      this.rows(history, true, time),
      e.itemRow(item, time),
      e.items.rowCount,
      this.opts.onlineLr,
    );
  }

  private known(item: number): boolean {
    return Number.isInteger(item) && item >= 0 && item < this.numItems;
  }

  /**
   * Counts a batch of sequences (person k's items in time order; person k is user id k) into
   * popularity, trending and co-occurrence, and returns them in embedding-row space for
   * training. Each event's time is its position from the end of its sequence (the last one is
   * `endTime`), standing in for a clock.
   */
  ingest(seqs: { offsets: Int32Array; items: Int32Array }, endTime = 0): RowSequences {
    if (!seqs.items.every((i) => this.known(i)))
      throw new RangeError(`item ids must be whole numbers below ${this.numItems}`);
    const users = seqs.offsets.length - 1;
    const e = this.embeddings;
    const rows = new Int32Array(seqs.items.length);
    const userRows = new Int32Array(users);
    for (let u = 0; u < users; u++) {
      const start = seqs.offsets[u]!;
      const stop = seqs.offsets[u + 1]!;
      userRows[u] = e.userRow(u, endTime);
      for (let p = start; p < stop; p++) {
        const item = seqs.items[p]!;
        rows[p] = e.itemRow(item, endTime);
        this.popularity[item]!++;
        this.trending.add(item, endTime - (stop - 1 - p));
      }
    }
    this.cooccurrence.addSequences(seqs);
    this.transition.addSequences(seqs);
    if (endTime > this.now) this.now = endTime;
    this.statics = null;
    return { offsets: seqs.offsets, rows, userRows, itemRows: e.items.rowCount };
  }

  /** Batch training in this thread: `ingest`, then epochs of SGD for every embedding model. */
  train(
    seqs: { offsets: Int32Array; items: Int32Array },
    opts: { endTime?: number; seed?: number; progress?: (done: number, total: number) => void } = {},
  ): void {
    const data = this.ingest(seqs, opts.endTime ?? 0);
    this.embeddings.train(data, this.opts.epochs, opts.seed ?? 7, opts.progress);
  }

  /** Embedding rows of the latest `recent` items; `allocate` gives unknown items a row, else they are skipped. */
  private rows(history: Int32Array, allocate: boolean, now = 0): Int32Array {
    const e = this.embeddings;
    const L = Math.min(history.length, this.opts.embedding.recent);
    const out: number[] = [];
    for (let k = history.length - L; k < history.length; k++) {
      const row = allocate ? e.itemRow(history[k]!, now) : e.items.find(history[k]!);
      if (row >= 0) out.push(row);
    }
    return Int32Array.from(out);
  }

  /** The person-independent signals, recomputed after new events. */
  private itemSignals(): { logPop: Float32Array; logTrend: Float32Array } {
    if (this.statics) return this.statics;
    const logPop = this.popularity.map(Math.log1p);
    const logTrend = new Float32Array(this.numItems);
    this.trending.valuesAt(this.now, logTrend);
    for (let i = 0; i < logTrend.length; i++) logTrend[i] = Math.log1p(logTrend[i]!);
    this.statics = { logPop, logTrend };
    return this.statics;
  }

  /** Computes the person's vectors and co-occurrence scores into the scratch space; returns all signals. */
  private prepare(u: number, history: Int32Array): Signals {
    const e = this.embeddings;
    if (!history.every((i) => this.known(i))) history = history.filter((i) => this.known(i));
    const rows = this.rows(history, false);
    e.personVectors(e.users.find(u), rows, this.zs);
    e.followVectors(rows, this.fs);
    this.hasFollows = this.opts.embedding.next === true && rows.length > 0;
    this.co.fill(0);
    this.tr.fill(0);
    this.cooccurrence.accumulate(history, this.co);
    this.transition.accumulate(history, this.tr);
    const { logPop, logTrend } = this.itemSignals();
    return { cooccurrence: this.co, transition: this.tr, logPopularity: logPop, logTrending: logTrend };
  }

  private embeddingScore(i: number): number {
    const r = this.embeddings.items.find(i);
    return r < 0 ? 0 : this.embeddings.score(this.zs, r);
  }

  private followsScore(i: number): number {
    const r = this.hasFollows ? this.embeddings.items.find(i) : -1;
    return r < 0 ? 0 : this.embeddings.score(this.fs, r, false);
  }

  /** Feature rows (FEATURES numbers per item) of `items` for one person, for fitting the ranker. */
  featureRows(u: number, history: Int32Array, items: Int32Array, out: Float32Array, at = 0): void {
    const signals = this.prepare(u, history);
    for (let k = 0; k < items.length; k++)
      featureRow(
        items[k]!,
        this.embeddingScore(items[k]!),
        this.followsScore(items[k]!),
        signals,
        out,
        at + k * FEATURES,
      );
  }

  /**
   * The ranking function for one person. The scorer shares scratch space with the engine:
   * use it before asking for the next person's.
   */
  forUser(u: number, history: Int32Array): UserScorer {
    const signals = this.prepare(u, history);
    const { emb, fol, zs, fs, row, ranker } = this;
    return {
      score: (items, out) => {
        for (let k = 0; k < items.length; k++) {
          featureRow(items[k]!, this.embeddingScore(items[k]!), this.followsScore(items[k]!), signals, row, 0);
          out[k] = ranker.score(row);
        }
      },
      scoreAll: (out) => {
        this.embeddings.scoreIds(zs, emb);
        if (this.hasFollows) this.embeddings.scoreIds(fs, fol, false);
        else fol.fill(0);
        rankAll(out, emb, fol, signals, ranker.weights);
      },
    };
  }

  /** The feed path: candidates from every source, minus `exclude`, ranked; the best `k`. */
  recommend(
    u: number,
    history: Int32Array,
    k: number,
    exclude: (item: number) => boolean = () => false,
  ): Recommendation[] {
    const seen = new Set(history);
    const skip = (i: number): boolean => seen.has(i) || exclude(i);
    const n = this.opts.candidatesPerSource;
    const scorer = this.forUser(u, history);
    const all = new Float32Array(this.numItems);
    const lists: [CandidateSource, Int32Array][] = [['cooccurrence', topK(this.co, n, skip)]];
    scorer.scoreAll(all);
    lists.push(['embedding', topK(this.emb, n, skip, false)]);
    lists.push(['trending', topK(this.itemSignals().logTrend, n, skip)]);
    const { items, sources } = mergeCandidates(lists);
    const out: Recommendation[] = Array.from(items, (item, j) => ({ item, score: all[item]!, source: sources[j]! }));
    out.sort((a, b) => b.score - a.score || a.item - b.item);
    return out.slice(0, k);
  }
}
