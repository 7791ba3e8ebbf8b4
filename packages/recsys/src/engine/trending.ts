/**
 * Trending: each interaction counts 2^(-(now - t) / halfLife), so what is hot now outranks
 * what was hot long ago. Values are stored relative to a reference time and rescaled when that
 * reference falls far behind, so they never overflow. Time is in any unit (ms live; offline,
 * the number of steps from the end of each person's sequence).
 */
export class Trending {
  private values: Float64Array;
  private ref = 0;
  private readonly lambda: number;

  constructor(
    numItems: number,
    readonly halfLife: number,
  ) {
    this.values = new Float64Array(numItems);
    this.lambda = Math.LN2 / halfLife;
  }

  add(item: number, time: number, weight = 1): void {
    if (item >= this.values.length) {
      const next = new Float64Array(Math.max(item + 1, this.values.length * 2));
      next.set(this.values);
      this.values = next;
    }
    if ((time - this.ref) * this.lambda > 500) this.rebase(time);
    this.values[item]! += weight * Math.exp((time - this.ref) * this.lambda);
  }

  /** The decayed count of item at time `now`. */
  value(item: number, now: number): number {
    const v = this.values[item];
    return v === undefined ? 0 : v * Math.exp((this.ref - now) * this.lambda);
  }

  /** A reader of decayed counts at one time `now`: one exponential per reader, not per item. */
  readerAt(now: number): (item: number) => number {
    const f = Math.exp((this.ref - now) * this.lambda);
    const values = this.values;
    return (item) => (values[item] ?? 0) * f;
  }

  /** The decayed counts of all items at `now`, into out. */
  valuesAt(now: number, out: Float32Array): void {
    const f = Math.exp((this.ref - now) * this.lambda);
    for (let i = 0; i < out.length; i++) out[i] = (this.values[i] ?? 0) * f;
  }

  /** The `k` items with the highest value (at any common time the order is the same). */
  top(k: number): Int32Array {
    const idx = Array.from(this.values.keys()).filter((i) => this.values[i]! > 0);
    idx.sort((a, b) => this.values[b]! - this.values[a]! || a - b);
    return Int32Array.from(idx.slice(0, k));
  }

  private rebase(time: number): void {
    const f = Math.exp((this.ref - time) * this.lambda);
    for (let i = 0; i < this.values.length; i++) this.values[i]! *= f;
    this.ref = time;
  }
}
