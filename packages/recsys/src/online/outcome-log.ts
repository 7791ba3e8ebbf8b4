/**
 * Joins what was shown with what followed: the features of each (person, video) pair served
 * are kept for `windowMs`; an impression marks the pair as seen, completions, engagements and
 * purchases set its labels. A seen pair becomes one training example as soon as its person
 * moves on (asks for the next page), or when the window closes, whichever comes first, so the
 * model learns at the pace people scroll, not at the window's. A label that arrives after its
 * pair was trained but within the window (a purchase made later) is trained again for that
 * head alone, as a correction of the example's false negative. Bounded: the oldest pairs are
 * closed early when `capacity` is reached. Pure.
 *
 * The pairs live in a ring of typed arrays in serving order (features, labels, flags, time),
 * indexed per person by video: tens of thousands of pending pairs are a few flat buffers, not
 * objects the garbage collector has to copy on every scavenge.
 */
import { HEADS, type Head, type Labels } from './hashed-ranker.js';
import { FEATURE_COUNT } from './ranking-features.js';

/** One training example; `only` restricts it to one head (a late label's correction). */
export type Train = (slots: Int32Array, labels: Labels, only?: Head) => void;

const SEEN = 1;
const TRAINED = 2;
const LIVE = 4;
const LABEL_BIT: Record<Head, number> = { complete: 1, engage: 2, purchase: 4 };

export class OutcomeLog {
  private readonly slots: Int32Array;
  private readonly labels: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly at: Float64Array;
  private readonly item: Int32Array;
  private readonly actor: Array<string | undefined>;
  /** Per person: video → ring position of its live pair. */
  private readonly byActor = new Map<string, Map<number, number>>();
  /** Ring positions in use: [tail, tail + used) modulo capacity, oldest first. */
  private tail = 0;
  private used = 0;
  private live = 0;

  constructor(
    readonly windowMs = 60_000,
    readonly capacity = 50_000,
    /** Features per pair (the ranker's feature count). */
    readonly width = FEATURE_COUNT,
  ) {
    this.slots = new Int32Array(capacity * width);
    this.labels = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.at = new Float64Array(capacity);
    this.item = new Int32Array(capacity);
    this.actor = new Array<string | undefined>(capacity).fill(undefined);
  }

  /** Pairs pending (served within the window and not replaced). */
  get size(): number {
    return this.live;
  }

  has(actor: string, item: number): boolean {
    return this.byActor.get(actor)?.has(item) ?? false;
  }

  /** Remembers the features a pair was ranked with (a later serve of the same pair replaces them). */
  served(actor: string, item: number, slots: Int32Array, at: number, train: Train): void {
    if (slots.length !== this.width)
      throw new RangeError(`${slots.length} features, the log keeps ${this.width} per pair`);
    if (this.used === this.capacity) this.closeOldest(train);
    let mine = this.byActor.get(actor);
    if (!mine) this.byActor.set(actor, (mine = new Map()));
    const had = mine.get(item);
    const pos = (this.tail + this.used) % this.capacity;
    this.used++;
    let labels = 0;
    let flags = LIVE;
    if (had !== undefined) {
      // Not yet trained: its labels and impression carry over to the new serve.
      if (!(this.flags[had]! & TRAINED)) {
        labels = this.labels[had]!;
        flags |= this.flags[had]! & SEEN;
      }
      this.flags[had] = 0;
      this.live--;
    }
    this.slots.set(slots, pos * this.width);
    this.labels[pos] = labels;
    this.flags[pos] = flags;
    this.at[pos] = at;
    this.item[pos] = item;
    this.actor[pos] = actor;
    mine.set(item, pos);
    this.live++;
  }

  /**
   * The person asked for more: every pair of theirs already seen is trained now. Pairs served
   * but not yet seen stay pending (the person may still reach them).
   */
  movedOn(actor: string, train: Train): void {
    const mine = this.byActor.get(actor);
    if (!mine) return;
    for (const pos of mine.values()) {
      if ((this.flags[pos]! & (SEEN | TRAINED)) === SEEN) {
        this.flags[pos]! |= TRAINED;
        this.train(pos, train);
      }
    }
  }

  /** Marks a pair seen or sets one label (which implies seen); false when the pair is not pending. */
  mark(actor: string, item: number, what: 'seen' | Head, train?: Train): boolean {
    const pos = this.byActor.get(actor)?.get(item);
    if (pos === undefined) return false;
    if (what === 'seen') {
      this.flags[pos]! |= SEEN;
      return true;
    }
    const bit = LABEL_BIT[what];
    const late = (this.flags[pos]! & TRAINED) !== 0 && (this.labels[pos]! & bit) === 0;
    this.flags[pos]! |= SEEN;
    this.labels[pos]! |= bit;
    if (late && train) this.train(pos, train, what);
    return true;
  }

  /** Closes every pair older than the window; seen ones not yet trained are passed to `train`. */
  closeDue(now: number, train: Train): void {
    while (this.used > 0 && now - this.at[this.tail]! >= this.windowMs) this.closeOldest(train);
  }

  private closeOldest(train: Train): void {
    const pos = this.tail;
    this.tail = (this.tail + 1) % this.capacity;
    this.used--;
    const flags = this.flags[pos]!;
    const actor = this.actor[pos]!;
    this.actor[pos] = undefined;
    this.flags[pos] = 0;
    if (!(flags & LIVE)) return; // replaced by a later serve of the same pair
    this.live--;
    const mine = this.byActor.get(actor)!;
    mine.delete(this.item[pos]!);
    if (mine.size === 0) this.byActor.delete(actor);
    if ((flags & (SEEN | TRAINED)) === SEEN) this.train(pos, train);
  }

  private train(pos: number, train: Train, only?: Head): void {
    const bits = this.labels[pos]!;
    const labels = {} as Labels;
    for (const h of HEADS) labels[h] = bits & LABEL_BIT[h] ? 1 : 0;
    const slots = this.slots.subarray(pos * this.width, (pos + 1) * this.width);
    if (only) train(slots, labels, only);
    else train(slots, labels);
  }
}
