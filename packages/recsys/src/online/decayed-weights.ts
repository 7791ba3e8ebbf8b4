/**
 * A small bag of decayed weights (key → weight, halving every `halfLife` ms), bounded to
 * `capacity` keys: a new key replaces the weakest one when full, if it outweighs it. All weights
 * share one reference time, so decaying is one multiply per key at update time. Pure.
 */
export class DecayedWeights {
  private keys: string[] = [];
  private w: Float32Array;
  private ref = 0;

  constructor(
    readonly capacity: number,
    readonly halfLife: number,
  ) {
    this.w = new Float32Array(capacity);
  }

  get size(): number {
    return this.keys.length;
  }

  private decayTo(at: number): void {
    if (at <= this.ref) return;
    const f = Math.pow(2, -(at - this.ref) / this.halfLife);
    for (let i = 0; i < this.keys.length; i++) this.w[i]! *= f;
    this.ref = at;
  }

  /** Adds `delta` to key at time `at` (an older `at` counts as the latest update time). */
  add(key: string, delta: number, at: number): void {
    this.decayTo(at);
    const i = this.keys.indexOf(key);
    if (i >= 0) {
      this.w[i]! += delta;
      return;
    }
    if (this.keys.length < this.capacity) {
      this.w[this.keys.length] = delta;
      this.keys.push(key);
      return;
    }
    let weakest = 0;
    for (let k = 1; k < this.keys.length; k++) if (Math.abs(this.w[k]!) < Math.abs(this.w[weakest]!)) weakest = k;
    if (Math.abs(delta) > Math.abs(this.w[weakest]!)) {
      this.keys[weakest] = key;
      this.w[weakest] = delta;
    }
  }

  /** The weight of key at `now`. */
  get(key: string, now: number): number {
    const i = this.keys.indexOf(key);
    if (i < 0) return 0;
    return this.w[i]! * (now > this.ref ? Math.pow(2, -(now - this.ref) / this.halfLife) : 1);
  }

  /** The `n` heaviest positive keys starting with `prefix`, heaviest first (weights at `now`). */
  top(prefix: string, n: number, now: number): Array<[string, number]> {
    const f = now > this.ref ? Math.pow(2, -(now - this.ref) / this.halfLife) : 1;
    const out: Array<[string, number]> = [];
    for (let i = 0; i < this.keys.length; i++) if (this.w[i]! > 0 && this.keys[i]!.startsWith(prefix)) out.push([this.keys[i]!, this.w[i]! * f]);
    out.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return out.slice(0, n);
  }

  /** Every key with its weight at `now`. */
  entries(now: number): Array<[string, number]> {
    const f = now > this.ref ? Math.pow(2, -(now - this.ref) / this.halfLife) : 1;
    return this.keys.map((k, i) => [k, this.w[i]! * f]);
  }

  /** Adds every weight of `other` into this one (a device merged into an account). */
  mergeFrom(other: DecayedWeights, now: number): void {
    for (const [k, w] of other.entries(now)) this.add(k, w, now);
  }
}
