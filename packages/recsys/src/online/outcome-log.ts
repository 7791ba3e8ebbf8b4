/**
 * Joins what was shown with what followed: the features of each (person, video) pair served
 * are kept for `windowMs`; an impression marks the pair as seen, completions, engagements and
 * purchases set its labels. A seen pair becomes one training example as soon as its person
 * moves on (asks for the next page), or when the window closes, whichever comes first, so the
 * model learns at the pace people scroll, not at the window's. A label that arrives after its
 * pair was trained but within the window (a purchase made later) is trained again for that
 * head alone, as a correction of the example's false negative. Bounded: the oldest pairs are
 * closed early when `capacity` is reached. A queue in serving order plus maps by pair and by
 * person, so closing costs O(closed pairs). Pure.
 */
import type { Head, Labels } from './hashed-ranker.js';

interface Pending {
  key: string;
  actor: string;
  slots: Int32Array;
  labels: Labels;
  seen: boolean;
  at: number;
  /** Already passed to `train` (kept until the window closes, for late labels). */
  trained: boolean;
  /** Replaced by a later serve of the same pair, or out of the window. */
  closed: boolean;
}

/** One training example; `only` restricts it to one head (a late label's correction). */
export type Train = (slots: Int32Array, labels: Labels, only?: Head) => void;

export class OutcomeLog {
  private readonly byKey = new Map<string, Pending>();
  private readonly byActor = new Map<string, Pending[]>();
  private queue: Pending[] = [];
  private head = 0;

  constructor(
    readonly windowMs = 60_000,
    readonly capacity = 50_000,
  ) {}

  get size(): number {
    return this.byKey.size;
  }

  private static key(actor: string, item: number): string {
    return `${actor}\u0000${item}`;
  }

  has(actor: string, item: number): boolean {
    return this.byKey.has(OutcomeLog.key(actor, item));
  }

  /** Remembers the features a pair was ranked with (a later serve of the same pair replaces them). */
  served(actor: string, item: number, slots: Int32Array, at: number, train: Train): void {
    const key = OutcomeLog.key(actor, item);
    const had = this.byKey.get(key);
    if (had) had.closed = true;
    const carry = had && !had.trained;
    const p: Pending = { key, actor, slots, labels: carry ? had.labels : { complete: 0, engage: 0, purchase: 0 }, seen: carry ? had.seen : false, at, trained: false, closed: false };
    this.byKey.set(key, p);
    this.queue.push(p);
    const mine = this.byActor.get(actor);
    if (mine) mine.push(p);
    else this.byActor.set(actor, [p]);
    while (this.byKey.size > this.capacity) this.closeNext(train);
  }

  /**
   * The person asked for more: every pair of theirs already seen is trained now. Pairs served
   * but not yet seen stay pending (the person may still reach them).
   */
  movedOn(actor: string, train: Train): void {
    const mine = this.byActor.get(actor);
    if (!mine) return;
    const keep: Pending[] = [];
    for (const p of mine) {
      if (p.closed) continue;
      if (p.seen && !p.trained) {
        p.trained = true;
        train(p.slots, p.labels);
      }
      keep.push(p);
    }
    if (keep.length) this.byActor.set(actor, keep);
    else this.byActor.delete(actor);
  }

  /** Marks a pair seen or sets one label (which implies seen); false when the pair is not pending. */
  mark(actor: string, item: number, what: 'seen' | Head, train?: Train): boolean {
    const p = this.byKey.get(OutcomeLog.key(actor, item));
    if (!p) return false;
    if (what === 'seen') {
      p.seen = true;
      return true;
    }
    const late = p.trained && p.labels[what] === 0;
    p.seen = true;
    p.labels[what] = 1;
    if (late && train) train(p.slots, p.labels, what);
    return true;
  }

  /** Closes every pair older than the window; seen ones not yet trained are passed to `train`. */
  closeDue(now: number, train: Train): void {
    while (this.head < this.queue.length && now - this.queue[this.head]!.at >= this.windowMs) this.closeNext(train);
  }

  private closeNext(train: Train): void {
    const p = this.queue[this.head++];
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (!p || p.closed) return;
    p.closed = true;
    this.byKey.delete(p.key);
    // The queue is in serving order: when a person's newest pair leaves, all of theirs have.
    const mine = this.byActor.get(p.actor);
    if (mine && mine[mine.length - 1] === p) this.byActor.delete(p.actor);
    if (p.seen && !p.trained) train(p.slots, p.labels);
  }
}
