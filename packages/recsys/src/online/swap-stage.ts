/**
 * A hot swap prepared in slices while the old model keeps serving (online-engine.ts
 * `beginSwap`/`commitSwap`). Everything derived from the retrained model is built off to the
 * side, a slice at a time between pages: the snapshot's video ids re-keyed to catalogue items
 * once (an Int32Array, so no id is looked up again), the co-occurrence table rebuilt as a
 * separate table, the embedding source's pool (the most likely videos' vectors side by side)
 * ordered and gathered. Nothing the engine serves from is touched until the switch, so a page
 * made between slices is wholly the old model's. Pure.
 */
import { Covisitation } from './covisitation.js';
import type { ModelSnapshot } from './retrain.js';
import type { GatheredVectors } from './sequence-embedding.js';

type Phase = 'ids' | 'reserve' | 'covisit' | 'order' | 'pool' | 'ready';

/** Work units between two looks at the clock (an id, a co-occurrence row or a pool row each). */
const CHUNK = 1024;
/** Bias keys sorted at a time (one typed-array sort of a few ms). */
const RUN = 16_384;
/** Rows a key can hold (the row below the bias in a double's 53 bits). */
const MAX_KEYED_ROWS = 2 ** 21;

export class SwapStage {
  /** The catalogue item of each of the snapshot's videos (-1: not in the catalogue). */
  readonly itemOf: Int32Array;
  /** The rebuilt co-occurrence table (null when the snapshot has none). */
  readonly covisit: Covisitation | null;
  private pool: GatheredVectors | null = null;
  private phase: Phase = 'ids';
  private cursor = 0;
  private known = 0;
  private maxItem = -1;
  private order: Int32Array | null = null;
  private keys: Float64Array | null = null;
  /** Slices run and the engine time they took in all. */
  slices = 0;
  workMs = 0;
  /** The longest slice (ms). */
  longestMs = 0;

  constructor(
    readonly version: string,
    readonly snapshot: ModelSnapshot,
    readonly now: number,
    private readonly indexOf: (videoId: string) => number,
    private readonly reach: number,
    covisitOpts: Covisitation['opts'],
    /** Makes room in the live embedding for the rows the switch will add (capacity only: nothing served changes). */
    private readonly reserve: (itemOf: Int32Array) => void,
  ) {
    this.itemOf = new Int32Array(snapshot.items.length);
    this.covisit = snapshot.covisit ? new Covisitation(covisitOpts) : null;
  }

  get ready(): boolean {
    return this.phase === 'ready';
  }

  /** The pool of the embedding source, once ready. */
  get modelPool(): GatheredVectors {
    if (!this.pool) throw new Error('the swap is not staged yet');
    return this.pool;
  }

  /**
   * Runs the next slice: work until `budgetMs` has passed (looked at every CHUNK units) or
   * `maxUnits` were done. Returns whether the stage is ready for the switch.
   */
  step(budgetMs = 5, maxUnits = Number.POSITIVE_INFINITY): boolean {
    const started = performance.now();
    let units = 0;
    const phase = this.phase;
    // A slice stays in one phase, so the one-off steps (room, order) have a slice of their own.
    while (this.phase === phase && phase !== 'ready' && units < maxUnits) {
      units += this.work(Math.min(CHUNK, maxUnits - units));
      if (performance.now() - started >= budgetMs) break;
    }
    const ms = performance.now() - started;
    this.slices++;
    this.workMs += ms;
    if (ms > this.longestMs) this.longestMs = ms;
    return this.ready;
  }

  /** At most `n` units of the current phase; returns the units done. */
  private work(n: number): number {
    const s = this.snapshot;
    switch (this.phase) {
      case 'ids': {
        const end = Math.min(s.items.length, this.cursor + n);
        for (let r = this.cursor; r < end; r++) {
          const item = this.indexOf(s.items[r]!);
          this.itemOf[r] = item;
          if (item >= 0) this.known++;
          if (item > this.maxItem) this.maxItem = item;
        }
        const done = end - this.cursor;
        this.cursor = end;
        if (end === s.items.length) this.next('reserve');
        return Math.max(1, done);
      }
      case 'reserve': {
        this.reserve(this.itemOf);
        if (this.covisit) {
          this.covisit.reserve(s.covisit!.owners.length, this.maxItem + 1);
          this.next('covisit');
        } else this.next('order');
        return CHUNK;
      }
      case 'covisit': {
        const t = s.covisit!;
        // A row is up to rowCap neighbours: an eighth of the chunk's rows at a time.
        const end = Math.min(t.owners.length, this.cursor + Math.max(1, n >> 3));
        this.covisit!.loadRows(t, this.itemOf, this.cursor, end);
        const done = end - this.cursor;
        this.cursor = end;
        if (end === t.owners.length) this.next('order');
        return Math.max(1, done);
      }
      case 'order': {
        // The known videos, highest bias first (ties: snapshot order), at most `reach` of them:
        // their keys sorted a run of RUN at a time, one run a call, then merged.
        if (this.known > this.reach && this.itemOf.length <= MAX_KEYED_ROWS) {
          if (!this.keys) this.keys = biasKeys(s.bias, this.itemOf, this.known);
          if (this.cursor < this.known) {
            this.keys.subarray(this.cursor, Math.min(this.known, this.cursor + RUN)).sort();
            this.cursor += RUN;
            return RUN >> 1;
          }
          this.order = mergeRuns(this.keys, RUN, this.reach);
          this.keys = null;
        } else
          this.order =
            this.known > this.reach
              ? byBias(s.bias, this.itemOf, this.known).subarray(0, this.reach)
              : knownRows(this.itemOf, this.known);
        const d = s.dim;
        this.pool = {
          items: new Int32Array(this.order.length),
          vectors: new Float32Array(this.order.length * d),
          bias: new Float32Array(this.order.length),
        };
        this.next('pool');
        return Math.max(1, this.known >> 3);
      }
      case 'pool': {
        const order = this.order!;
        const pool = this.pool!;
        const d = s.dim;
        const end = Math.min(order.length, this.cursor + n);
        for (let j = this.cursor; j < end; j++) {
          const r = order[j]!;
          (pool.items as Int32Array)[j] = this.itemOf[r]!;
          (pool.vectors as Float32Array).set(s.vectors.subarray(r * d, r * d + d), j * d);
          (pool.bias as Float32Array)[j] = s.bias[r]!;
        }
        const done = end - this.cursor;
        this.cursor = end;
        if (end === order.length) this.next('ready');
        return Math.max(1, done);
      }
      case 'ready':
        return 0;
    }
  }

  private next(phase: Phase): void {
    this.phase = phase;
    this.cursor = 0;
  }
}

/**
 * The rows with a catalogue item, highest bias first, ties in row order: one typed-array sort of
 * keys that hold both (the bias as an order-preserving 32-bit integer, inverted, above the row).
 */
export function byBias(bias: Float32Array, itemOf: Int32Array, known: number): Int32Array {
  if (itemOf.length > MAX_KEYED_ROWS) {
    const rows = knownRows(itemOf, known);
    return rows.sort((a, b) => bias[b]! - bias[a]! || a - b);
  }
  const keys = biasKeys(bias, itemOf, known).sort();
  const rows = new Int32Array(known);
  for (let j = 0; j < known; j++) rows[j] = keys[j]! % MAX_KEYED_ROWS;
  return rows;
}

/** A key per row with a catalogue item: the bias as an order-preserving 32-bit integer, inverted, above the row. */
export function biasKeys(bias: Float32Array, itemOf: Int32Array, known: number): Float64Array {
  const keys = new Float64Array(known);
  const bits = new Uint32Array(bias.buffer, bias.byteOffset, bias.length);
  let k = 0;
  for (let r = 0; r < itemOf.length; r++) {
    if (itemOf[r]! < 0) continue;
    const u = bits[r]!;
    // Order-preserving: negative floats flip all bits, positive ones the sign bit; inverted for highest first.
    const ordered = u & 0x8000_0000 ? ~u >>> 0 : (u | 0x8000_0000) >>> 0;
    keys[k++] = (0xffff_ffff - ordered) * MAX_KEYED_ROWS + r;
  }
  return keys;
}

/** The first `take` rows of keys sorted in runs of `run`: the smallest head of the runs, one at a time. */
export function mergeRuns(keys: Float64Array, run: number, take: number): Int32Array {
  const runs = Math.ceil(keys.length / run);
  const at = Int32Array.from({ length: runs }, (_, k) => k * run);
  const out = new Int32Array(Math.min(take, keys.length));
  for (let j = 0; j < out.length; j++) {
    let best = -1;
    for (let k = 0; k < runs; k++) {
      if (at[k]! >= Math.min(keys.length, (k + 1) * run)) continue;
      if (best < 0 || keys[at[k]!]! < keys[at[best]!]!) best = k;
    }
    const p = at[best]!;
    at[best] = p + 1;
    out[j] = keys[p]! % MAX_KEYED_ROWS;
  }
  return out;
}

/** The rows with a catalogue item, in row order. */
function knownRows(itemOf: Int32Array, known: number): Int32Array {
  const rows = new Int32Array(known);
  let k = 0;
  for (let r = 0; r < itemOf.length; r++) if (itemOf[r]! >= 0) rows[k++] = r;
  return rows;
}
