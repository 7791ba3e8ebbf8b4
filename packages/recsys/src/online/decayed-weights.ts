/**
 * A small bag of decayed weights (key → weight, halving every `halfLife` ms), bounded to
 * `capacity` keys: a new key replaces the weakest one when full, if it outweighs it. All weights
 * share one reference time, so decaying is one multiply per key at update time. Pure.
 */
/**
 * The keys of every bag, interned once for the process: a bag holds small integer ids, not
 * references to strings, in the same buffer as its weights (keys are creators, categories, tags
 * and price bands, far fewer than the people holding them).
 */
class KeyTable {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(key, id);
      this.names.push(key);
    }
    return id;
  }

  /** The id of a key already seen, or -1 (looking up never grows the table). */
  find(key: string): number {
    return this.ids.get(key) ?? -1;
  }

  name(id: number): string {
    return this.names[id]!;
  }
}

const KEYS = new KeyTable();

/**
 * Where a bag's keys and weights live: `capacity` slots from `base` in two arrays that may be
 * shared by many bags (a profile table's slabs), so a bag is one small object, not two typed
 * arrays and a buffer of its own.
 */
export interface WeightSlots {
  keys: Int32Array;
  w: Float32Array;
  base: number;
}

export class DecayedWeights {
  /** Key ids and weights: slots [base, base + capacity) of these arrays. */
  private readonly keys: Int32Array;
  private readonly w: Float32Array;
  private readonly base: number;
  private count = 0;
  private ref = 0;

  constructor(
    readonly capacity: number,
    readonly halfLife: number,
    slots?: WeightSlots,
  ) {
    if (slots) {
      this.keys = slots.keys;
      this.w = slots.w;
      this.base = slots.base;
    } else {
      const buffer = new ArrayBuffer(capacity * 8);
      this.keys = new Int32Array(buffer, 0, capacity);
      this.w = new Float32Array(buffer, capacity * 4, capacity);
      this.base = 0;
    }
  }

  get size(): number {
    return this.count;
  }

  private indexOf(id: number): number {
    if (id < 0) return -1;
    for (let i = 0; i < this.count; i++) if (this.keys[this.base + i] === id) return i;
    return -1;
  }

  private decayTo(at: number): void {
    if (at <= this.ref) return;
    const f = Math.pow(2, -(at - this.ref) / this.halfLife);
    for (let i = 0; i < this.count; i++) this.w[this.base + i]! *= f;
    this.ref = at;
  }

  /** Adds `delta` to key at time `at` (an older `at` counts as the latest update time). */
  add(key: string, delta: number, at: number): void {
    this.decayTo(at);
    const id = KEYS.idOf(key);
    const i = this.indexOf(id);
    if (i >= 0) {
      this.w[this.base + i]! += delta;
      return;
    }
    if (this.count < this.capacity) {
      this.w[this.base + this.count] = delta;
      this.keys[this.base + this.count++] = id;
      return;
    }
    let weakest = 0;
    for (let k = 1; k < this.count; k++)
      if (Math.abs(this.w[this.base + k]!) < Math.abs(this.w[this.base + weakest]!)) weakest = k;
    if (Math.abs(delta) > Math.abs(this.w[this.base + weakest]!)) {
      this.keys[this.base + weakest] = id;
      this.w[this.base + weakest] = delta;
    }
  }

  /** The weight of key at `now`. */
  get(key: string, now: number): number {
    const i = this.indexOf(KEYS.find(key));
    if (i < 0) return 0;
    return this.w[this.base + i]! * (now > this.ref ? Math.pow(2, -(now - this.ref) / this.halfLife) : 1);
  }

  /** The `n` heaviest positive keys starting with `prefix`, heaviest first (weights at `now`). */
  top(prefix: string, n: number, now: number): Array<[string, number]> {
    const f = now > this.ref ? Math.pow(2, -(now - this.ref) / this.halfLife) : 1;
    const out: Array<[string, number]> = [];
    for (let i = 0; i < this.count; i++) {
      if (this.w[this.base + i]! <= 0) continue;
      const key = KEYS.name(this.keys[this.base + i]!);
      if (key.startsWith(prefix)) out.push([key, this.w[this.base + i]! * f]);
    }
    out.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return out.slice(0, n);
  }

  /** Every key with its weight at `now`. */
  entries(now: number): Array<[string, number]> {
    const f = now > this.ref ? Math.pow(2, -(now - this.ref) / this.halfLife) : 1;
    const out: Array<[string, number]> = [];
    for (let i = 0; i < this.count; i++) out.push([KEYS.name(this.keys[this.base + i]!), this.w[this.base + i]! * f]);
    return out;
  }

  /** Adds every weight of `other` into this one (a device merged into an account). */
  mergeFrom(other: DecayedWeights, now: number): void {
    for (const [k, w] of other.entries(now)) this.add(k, w, now);
  }
}
