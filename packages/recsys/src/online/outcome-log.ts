/**
 * Joins what was shown with what followed: the features of each (person, video) pair served
 * are kept for `windowMs`; an impression marks the pair as seen, completions, engagements and
 * purchases set its labels, and when the window closes a seen pair becomes one training
 * example. Bounded: the oldest pairs are closed early when `capacity` is reached. A queue in
 * serving order plus a map by pair, so closing costs O(closed pairs). Pure.
 */
import type { Labels } from './hashed-ranker.js';

interface Pending {
  key: string;
  slots: Int32Array;
  labels: Labels;
  seen: boolean;
  at: number;
  /** Replaced by a later serve of the same pair, or already closed. */
  closed: boolean;
}

export type Train = (slots: Int32Array, labels: Labels) => void;

export class OutcomeLog {
  private readonly byKey = new Map<string, Pending>();
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
    const p: Pending = { key, slots, labels: had?.labels ?? { complete: 0, engage: 0, purchase: 0 }, seen: had?.seen ?? false, at, closed: false };
    this.byKey.set(key, p);
    this.queue.push(p);
    while (this.byKey.size > this.capacity) this.closeNext(train);
  }

  /** Marks a pair seen or sets one label (which implies seen); false when the pair is not pending. */
  mark(actor: string, item: number, what: 'seen' | keyof Labels): boolean {
    const p = this.byKey.get(OutcomeLog.key(actor, item));
    if (!p) return false;
    p.seen = true;
    if (what !== 'seen') p.labels[what] = 1;
    return true;
  }

  /** Closes every pair older than the window; seen ones are passed to `train`. */
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
    if (p.seen) train(p.slots, p.labels);
  }
}
