/**
 * Several embedding models of the same shape, trained from different random starts, scored as
 * their mean. Averaging independently trained models cancels much of each one's noise, which
 * on sparse data is worth more than one larger model. Every member allocates rows in the same
 * order, so an item or person has the same row in all of them.
 */
import { deriveSeed } from '../random.js';
import { dot, SeqEmbedding, type SeqEmbeddingOptions, type SeqEmbeddingState } from './seq-embedding.js';
import { trainEpochs, type RowSequences, type TrainJob } from './train-embedding.js';

export class EmbeddingEnsemble {
  readonly members: SeqEmbedding[];
  /** Whether item id i sits in row i (true unless rows were recycled), per id-table version. */
  private identity = { version: -1, same: false };

  constructor(
    readonly opts: SeqEmbeddingOptions,
    size: number,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error('an ensemble needs at least one member');
    this.members = Array.from(
      { length: size },
      (_, j) => new SeqEmbedding({ ...opts, seed: deriveSeed(opts.seed, `member-${j}`) }),
    );
  }

  get dim(): number {
    return this.opts.dim;
  }

  /** Row lookups (identical in every member). */
  get items(): SeqEmbedding['items'] {
    return this.members[0]!.items;
  }

  get users(): SeqEmbedding['users'] {
    return this.members[0]!.users;
  }

  itemRow(id: number, now = 0): number {
    let row = -1;
    for (const m of this.members) row = m.itemRow(id, now);
    return row;
  }

  userRow(id: number, now = 0): number {
    let row = -1;
    for (const m of this.members) row = m.userRow(id, now);
    return row;
  }

  expire(before: number): { items: number; users: number } {
    let out = { items: 0, users: 0 };
    for (const m of this.members) out = m.expire(before);
    return out;
  }

  /** One person vector per member (userRow -1: none). */
  personVectors(userRow: number, history: Int32Array, out: Float32Array[]): void {
    this.members.forEach((m, j) => m.personVector(userRow, history, out[j]!));
  }

  /**
   * One "what follows the latest item" vector per member (zeros when the members have no such
   * table or the history is empty); scored by `score*` with `bias` false, it is that part of
   * the embedding's score.
   */
  followVectors(history: Int32Array, out: Float32Array[]): void {
    const d = this.opts.dim;
    this.members.forEach((m, j) => {
      const z = out[j]!;
      if (!m.opts.next || history.length === 0) z.fill(0);
      else z.set(m.N.subarray(history[history.length - 1]! * d, (history[history.length - 1]! + 1) * d));
    });
  }

  newVectors(): Float32Array[] {
    return this.members.map(() => new Float32Array(this.opts.dim));
  }

  /** Mean member score of an item row (`bias` false: z · E[row] alone). */
  score(zs: Float32Array[], row: number, bias = true): number {
    let s = 0;
    const { dim } = this.opts;
    for (let j = 0; j < this.members.length; j++) {
      const m = this.members[j]!;
      s += bias ? m.score(zs[j]!, row) : dot(zs[j]!, m.E, row * dim, dim);
    }
    return s / this.members.length;
  }

  /** Mean member scores of rows [0, out.length) into out (`bias` false: z · E[row] alone). */
  scoreRows(zs: Float32Array[], out: Float32Array, bias = true): void {
    const n = this.members.length;
    const { dim } = this.opts;
    out.fill(0);
    for (let j = 0; j < n; j++) {
      const { E, B } = this.members[j]!;
      const z = zs[j]!;
      if (bias) for (let row = 0; row < out.length; row++) out[row]! += (B[row]! + dot(z, E, row * dim, dim)) / n;
      else for (let row = 0; row < out.length; row++) out[row]! += dot(z, E, row * dim, dim) / n;
    }
  }

  /** Mean member scores by item id (ids are indices below out.length; 0 for ids without a row). */
  scoreIds(zs: Float32Array[], out: Float32Array, bias = true): void {
    const ids = this.items.rowIds as readonly (number | undefined)[];
    if (this.identity.version !== this.items.version) {
      this.identity = {
        version: this.items.version,
        same: ids.length === out.length && ids.every((id, r) => id === r),
      };
    }
    if (this.identity.same) {
      this.scoreRows(zs, out, bias);
      return;
    }
    const byRow = new Float32Array(ids.length);
    this.scoreRows(zs, byRow, bias);
    out.fill(0);
    for (let r = 0; r < byRow.length; r++) {
      const id = ids[r];
      if (id !== undefined && id < out.length) out[id] = byRow[r]!;
    }
  }

  step(userRow: number, history: Int32Array, target: number, numRows: number, lr: number): void {
    for (const m of this.members) m.step(userRow, history, target, numRows, lr);
  }

  /** The training jobs of all members (for workers), each with its own shuffling seed. */
  jobs(data: RowSequences, epochs: number, seed: number): TrainJob[] {
    return this.members.map((m, j) => ({
      opts: m.opts,
      data,
      userRowCount: this.users.rowCount,
      epochs,
      seed: deriveSeed(seed, `member-${j}`),
    }));
  }

  /** Trains every member in this thread (the same result as running `jobs` in workers). */
  train(data: RowSequences, epochs: number, seed: number, progress?: (done: number, total: number) => void): void {
    const jobs = this.jobs(data, epochs, seed);
    const total = epochs * jobs.length;
    jobs.forEach((job, j) =>
      trainEpochs(this.members[j]!, job.data, job.epochs, job.seed, (e) => progress?.(j * epochs + e, total)),
    );
  }

  load(states: SeqEmbeddingState[]): void {
    states.forEach((s, j) => this.members[j]!.loadState(s));
  }
}
