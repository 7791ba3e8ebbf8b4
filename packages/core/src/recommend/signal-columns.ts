/**
 * Stored signals held compactly while the warm-up puts them in time order: one row of typed
 * columns each (its strings interned), instead of a row object from the store and a signal
 * object each, so reading 500,000s of them costs tens of MB rather than hundreds. The signals
 * are made again, page by page, only when handed to the engine. Pure.
 */
import { SIGNAL_KINDS, type Signal, type SignalKind } from '@zhongcao/recsys';

/** Which fields a row's signal carries (the same shapes the stored rows gave before). */
export type SignalShape =
  /** actor, kind, creatorId, at */
  | 'creator'
  /** actor, kind, videoId, at */
  | 'video'
  /** actor, kind, productId, at */
  | 'product'
  /** actor, kind, productId, videoId, at */
  | 'order'
  /** actor, kind, videoId, productId, watchMs, durationMs, at */
  | 'client';

const SHAPES: readonly SignalShape[] = ['creator', 'video', 'product', 'order', 'client'];
const KINDS: readonly SignalKind[] = SIGNAL_KINDS;
const KIND_CODE = new Map<SignalKind, number>(KINDS.map((k, i) => [k, i]));
const SHAPE_CODE = new Map<SignalShape, number>(SHAPES.map((s, i) => [s, i]));

/** Rows per chunk of every column (chunks never move, so adding never copies what is held). */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
/** A missing id. */
const NONE = -1;

interface Chunk {
  at: Float64Array;
  watch: Float64Array;
  duration: Float64Array;
  actor: Int32Array;
  /** The creator or video id, by shape. */
  subject: Int32Array;
  product: Int32Array;
  kind: Uint8Array;
  shape: Uint8Array;
}

export class SignalColumns {
  private readonly chunks: Chunk[] = [];
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  private n = 0;

  get length(): number {
    return this.n;
  }

  /** Bytes held by the columns and the interned strings' table (strings themselves not counted). */
  get bytes(): number {
    return this.chunks.length * CHUNK * (8 * 3 + 4 * 3 + 2) + this.strings.length * 8;
  }

  private id(s: string | null | undefined): number {
    if (s == null) return NONE;
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, i);
    }
    return i;
  }

  private str(i: number): string | null {
    return i === NONE ? null : this.strings[i]!;
  }

  add(shape: SignalShape, f: Signal): void {
    const kind = KIND_CODE.get(f.kind);
    if (kind === undefined) throw new Error(`unknown signal kind ${f.kind}`);
    const row = this.n++;
    const c = row >>> CHUNK_BITS;
    if (c === this.chunks.length)
      this.chunks.push({
        at: new Float64Array(CHUNK),
        watch: new Float64Array(CHUNK),
        duration: new Float64Array(CHUNK),
        actor: new Int32Array(CHUNK),
        subject: new Int32Array(CHUNK),
        product: new Int32Array(CHUNK),
        kind: new Uint8Array(CHUNK),
        shape: new Uint8Array(CHUNK),
      });
    const k = this.chunks[c]!;
    const o = row & MASK;
    k.at[o] = f.at;
    k.watch[o] = f.watchMs == null ? Number.NaN : f.watchMs;
    k.duration[o] = f.durationMs == null ? Number.NaN : f.durationMs;
    k.actor[o] = this.id(f.actor);
    k.subject[o] = this.id(shape === 'creator' ? f.creatorId : f.videoId);
    k.product[o] = this.id(f.productId);
    k.kind[o] = kind;
    k.shape[o] = SHAPE_CODE.get(shape)!;
  }

  atOf(row: number): number {
    return this.chunks[row >>> CHUNK_BITS]!.at[row & MASK]!;
  }

  /** The rows in time order; rows at the same time keep the order they were added in. */
  timeOrder(): Uint32Array {
    const order = new Uint32Array(this.n);
    for (let i = 0; i < this.n; i++) order[i] = i;
    return order.sort((a, b) => this.atOf(a) - this.atOf(b) || a - b);
  }

  /** The signal of a row, with the fields its shape carries. */
  signal(row: number): Signal {
    const k = this.chunks[row >>> CHUNK_BITS]!;
    const o = row & MASK;
    const actor = this.strings[k.actor[o]!]!;
    const kind = KINDS[k.kind[o]!]!;
    const at = k.at[o]!;
    switch (SHAPES[k.shape[o]!]!) {
      case 'creator':
        return { actor, kind, creatorId: this.str(k.subject[o]!), at };
      case 'video':
        return { actor, kind, videoId: this.str(k.subject[o]!), at };
      case 'product':
        return { actor, kind, productId: this.str(k.product[o]!), at };
      case 'order':
        return { actor, kind, productId: this.str(k.product[o]!), videoId: this.str(k.subject[o]!), at };
      case 'client': {
        const watch = k.watch[o]!;
        const duration = k.duration[o]!;
        return {
          actor,
          kind,
          videoId: this.str(k.subject[o]!),
          productId: this.str(k.product[o]!),
          watchMs: Number.isNaN(watch) ? null : watch,
          durationMs: Number.isNaN(duration) ? null : duration,
          at,
        };
      }
    }
  }
}
