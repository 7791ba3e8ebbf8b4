/**
 * Tastes that drift: a per-person short-term state next to the long-term profile. For a few
 * categories and creators it keeps, decayed by events (each impression ages it) and by time,
 * the interest added (short-term interest), the impressions shown and the impressions engaged
 * (fatigue: shown without engagement). All people live in one table of typed arrays (a fixed
 * number of slots per person, rows recycled when a person expires), so the state per person is
 * a few hundred bytes whatever their history. The rules are pure functions below the table.
 */
import { baseRate, fatigueFactor } from './fatigue.js';

export interface DriftOptions {
  /** Impressions after which short-term state weighs half (event-count decay). */
  halfLifeEvents: number;
  /** Time after which short-term state weighs half, however few the events (recovery of fatigue). */
  halfLifeMs: number;
  /** Weight of the short-term interest against the long-term one when choosing categories and valuing videos, 0–1. */
  blend: number;
  /** How strongly a category's or creator's recent engagement rate against the person's moves its value (an exponent; 0: off). */
  fatigue: number;
  /** Share of each page given to exploration (under-shown categories), 0–1. */
  exploreShare: number;
}

export const DRIFT_DEFAULTS: DriftOptions = {
  halfLifeEvents: 20,
  halfLifeMs: 30 * 60_000,
  blend: 0.5,
  fatigue: 1.5,
  exploreShare: 0.05,
};

/** Category and creator slots per person. */
export const CATEGORY_SLOTS = 8;
export const CREATOR_SLOTS = 6;
const SLOTS = CATEGORY_SLOTS + CREATOR_SLOTS;
/** Per slot: short-term interest, shown, engaged. */
const FIELDS = 3;
const INTEREST = 0;
const SHOWN = 1;
const ENGAGED = 2;
const STRIDE = SLOTS * FIELDS;
/** A person's engagement rate before any impression. */
const BASE_PRIOR = 0.3;

/** The decay factor of `events` impressions and `ms` milliseconds. */
export function decayFactor(
  events: number,
  ms: number,
  opts: Pick<DriftOptions, 'halfLifeEvents' | 'halfLifeMs'>,
): number {
  const e = events > 0 && opts.halfLifeEvents > 0 ? events / opts.halfLifeEvents : 0;
  const t = ms > 0 && opts.halfLifeMs > 0 ? ms / opts.halfLifeMs : 0;
  return Math.pow(2, -(e + t));
}

/**
 * The blend of a key's long-term and short-term shares: (1 − blend) · long + blend · short,
 * each share the key's weight over the total of its kind (so a long history does not drown
 * what the person engages with now).
 */
export function blendedShare(
  long: number,
  longTotal: number,
  short: number,
  shortTotal: number,
  blend: number,
): number {
  const l = longTotal > 0 ? Math.max(0, long) / longTotal : 0;
  const s = shortTotal > 0 ? Math.max(0, short) / shortTotal : 0;
  return (1 - blend) * l + blend * s;
}

/**
 * The value multiplier of a video from the short-term interest in its category: above 1 when the
 * category's blended share is above its long-term share (interest rising now), below when it fell.
 * Bounded to [0.5, 2].
 */
export function interestFactor(longShare: number, blended: number): number {
  const f = (0.05 + blended) / (0.05 + longShare);
  return f < 0.5 ? 0.5 : Math.min(f, 2);
}

/** One person's row, read once per page. */
export interface DriftView {
  /** The value multiplier of a video of this category and creator (hashes as the catalogue gives them). */
  factor(categoryHash: number | null, creatorHash: number, longShare: number): number;
  /** Impressions (decayed) of the category recently. */
  shown(categoryHash: number): number;
  /** The categories with short-term interest: a representative video of each and its short-term weight. */
  interests(): Array<{ item: number; weight: number; categoryHash: number }>;
  shortTotal: number;
}

export class DriftTable {
  private readonly rowOf = new Map<string, number>();
  private free: number[] = [];
  private rows = 0;
  private keys = new Int32Array(0);
  /** A video of each slot's category or creator (the latest engaged, else the latest shown). */
  private items = new Int32Array(0);
  private data = new Float32Array(0);
  private lastAt = new Float64Array(0);
  /** Per row: the latest engaged item (an impression's engagements count once), the exploration credit. */
  private lastEngaged = new Int32Array(0);
  private credit = new Float32Array(0);
  /** Per row: impressions and engaged impressions over all categories (decayed). */
  private totals = new Float32Array(0);
  /** Pages served and exploration items in them (the measured share). */
  pages = 0;
  served = 0;
  explored = 0;

  constructor(readonly opts: DriftOptions = DRIFT_DEFAULTS) {}

  get people(): number {
    return this.rowOf.size;
  }

  /** Bytes held by the typed arrays (the map from person to row aside). */
  get bytes(): number {
    return (
      this.totals.byteLength +
      this.keys.byteLength +
      this.items.byteLength +
      this.data.byteLength +
      this.lastAt.byteLength +
      this.lastEngaged.byteLength +
      this.credit.byteLength
    );
  }

  private grow(): void {
    // By a quarter, not doubling: a row is 304 bytes and a doubled table is half empty on average.
    const cap = Math.max(1024, Math.ceil(this.lastAt.length * 1.25));
    const keys = new Int32Array(cap * SLOTS);
    keys.set(this.keys);
    const items = new Int32Array(cap * SLOTS).fill(-1);
    items.set(this.items);
    const data = new Float32Array(cap * STRIDE);
    data.set(this.data);
    const lastAt = new Float64Array(cap);
    lastAt.set(this.lastAt);
    const lastEngaged = new Int32Array(cap).fill(-1);
    lastEngaged.set(this.lastEngaged);
    const credit = new Float32Array(cap);
    credit.set(this.credit);
    const totals = new Float32Array(cap * 2);
    totals.set(this.totals);
    Object.assign(this, { keys, items, data, lastAt, lastEngaged, credit, totals });
  }

  private row(actor: string, at: number): number {
    let r = this.rowOf.get(actor);
    if (r !== undefined) return r;
    r = this.free.pop() ?? this.rows++;
    if (r >= this.lastAt.length) this.grow();
    this.keys.fill(0, r * SLOTS, (r + 1) * SLOTS);
    this.items.fill(-1, r * SLOTS, (r + 1) * SLOTS);
    this.data.fill(0, r * STRIDE, (r + 1) * STRIDE);
    this.lastAt[r] = at;
    this.lastEngaged[r] = -1;
    this.credit[r] = 0;
    this.totals[2 * r] = 0;
    this.totals[2 * r + 1] = 0;
    this.rowOf.set(actor, r);
    return r;
  }

  /** Ages a row by `events` impressions and the time since its last update. */
  private age(r: number, events: number, at: number): void {
    const dt = at - this.lastAt[r]!;
    if (dt > 0) this.lastAt[r] = at;
    const f = decayFactor(events, dt, this.opts);
    if (f === 1) return;
    const d = this.data;
    for (let k = r * STRIDE; k < (r + 1) * STRIDE; k++) d[k]! *= f;
    this.totals[2 * r]! *= f;
    this.totals[2 * r + 1]! *= f;
  }

  /** The slot of `key` in the row's category (or creator) slots, taking the weakest slot for a new key. */
  private slot(r: number, key: number, creator: boolean): number {
    const from = r * SLOTS + (creator ? CATEGORY_SLOTS : 0);
    const to = from + (creator ? CREATOR_SLOTS : CATEGORY_SLOTS);
    const stored = key === 0 ? 1 : key; // 0 marks an empty slot
    let weakest = from;
    let weakestMass = Infinity;
    for (let s = from; s < to; s++) {
      if (this.keys[s] === stored) return s;
      const base = (s - r * SLOTS) * FIELDS + r * STRIDE;
      const mass = this.keys[s] === 0 ? -1 : Math.abs(this.data[base + INTEREST]!) + this.data[base + SHOWN]!;
      if (mass < weakestMass) {
        weakestMass = mass;
        weakest = s;
      }
    }
    this.keys[weakest] = stored;
    this.items[weakest] = -1;
    const base = (weakest - r * SLOTS) * FIELDS + r * STRIDE;
    this.data.fill(0, base, base + FIELDS);
    return weakest;
  }

  private field(r: number, s: number, f: number): number {
    return r * STRIDE + (s - r * SLOTS) * FIELDS + f;
  }

  /**
   * One signal of the person about a video: an impression ages the row and counts as shown; an
   * engagement (weight ≥ 1) counts the impression as engaged (once per video) and adds to the
   * short-term interest; a negative weight (skip, "not interested") lowers it.
   */
  observe(
    actor: string,
    kind: 'impression' | 'other',
    weight: number,
    item: number,
    categoryHash: number | null,
    creatorHash: number,
    at: number,
  ): void {
    if (kind !== 'impression' && weight === 0) return;
    const r = this.row(actor, at);
    if (kind === 'impression') this.age(r, 1, at);
    else this.age(r, 0, at);
    for (const [hash, creator] of [
      [categoryHash, false],
      [creatorHash, true],
    ] as const) {
      if (hash === null) continue;
      const s = this.slot(r, hash, creator);
      if (kind === 'impression') {
        this.data[this.field(r, s, SHOWN)]! += 1;
        if (this.items[s]! < 0) this.items[s] = item;
        continue;
      }
      this.data[this.field(r, s, INTEREST)]! += weight;
      if (weight >= 1) {
        this.items[s] = item;
        if (this.lastEngaged[r] !== item) this.data[this.field(r, s, ENGAGED)]! += 1;
      }
    }
    if (kind === 'impression') this.totals[2 * r]! += 1;
    else if (weight >= 1 && this.lastEngaged[r] !== item) this.totals[2 * r + 1]! += 1;
    if (kind !== 'impression' && weight >= 1) this.lastEngaged[r] = item;
  }

  /** The person's state at `now` (null: nothing recorded). */
  view(actor: string, now: number): DriftView | null {
    const r = this.rowOf.get(actor);
    if (r === undefined) return null;
    const f = decayFactor(0, now - this.lastAt[r]!, this.opts);
    const { keys, items, data, opts } = this;
    const find = (hash: number, creator: boolean): number => {
      const stored = hash === 0 ? 1 : hash;
      const from = r * SLOTS + (creator ? CATEGORY_SLOTS : 0);
      const to = from + (creator ? CREATOR_SLOTS : CATEGORY_SLOTS);
      for (let s = from; s < to; s++) if (keys[s] === stored) return s;
      return -1;
    };
    const at = (s: number, k: number): number => data[r * STRIDE + (s - r * SLOTS) * FIELDS + k]! * f;
    const base = baseRate(this.totals[2 * r]!, this.totals[2 * r + 1]!, BASE_PRIOR);
    let shortTotal = 0;
    for (let s = r * SLOTS; s < r * SLOTS + CATEGORY_SLOTS; s++)
      if (keys[s] !== 0) shortTotal += Math.max(0, at(s, INTEREST));
    return {
      shortTotal,
      shown: (hash) => {
        const s = find(hash, false);
        return s < 0 ? 0 : at(s, SHOWN);
      },
      factor: (categoryHash, creatorHash, long) => {
        let v = 1;
        const c = categoryHash === null ? -1 : find(categoryHash, false);
        if (c >= 0) {
          v *= interestFactor(long, blendedShare(long, 1, at(c, INTEREST), shortTotal, opts.blend));
          v *= fatigueFactor(at(c, SHOWN), at(c, ENGAGED), base, opts.fatigue);
        } else if (shortTotal > 0) v *= interestFactor(long, (1 - opts.blend) * long);
        const k = find(creatorHash, true);
        if (k >= 0) v *= fatigueFactor(at(k, SHOWN), at(k, ENGAGED), base, opts.fatigue);
        return v;
      },
      interests: () => {
        const out: Array<{ item: number; weight: number; categoryHash: number }> = [];
        for (let s = r * SLOTS; s < r * SLOTS + CATEGORY_SLOTS; s++) {
          const w = at(s, INTEREST);
          if (keys[s] !== 0 && w > 0 && items[s]! >= 0)
            out.push({ item: items[s]!, weight: w, categoryHash: keys[s]! });
        }
        return out.sort((a, b) => b.weight - a.weight);
      },
    };
  }

  /** Exploration slots for the person's page of `limit`: the share accrues as credit, so the served share is exact over pages. */
  exploreSlots(actor: string, limit: number): number {
    const r = this.rowOf.get(actor);
    if (r === undefined || this.opts.exploreShare <= 0) return 0;
    const c = this.credit[r]! + limit * this.opts.exploreShare;
    const n = Math.min(limit, Math.floor(c + 1e-6));
    this.credit[r] = c - n;
    return n;
  }

  /** Counts a served page and its exploration items. */
  countPage(items: number, explored: number): void {
    this.pages++;
    this.served += items;
    this.explored += explored;
  }

  /** A device's state goes with it when it logs in: the account keeps its own, the device row is dropped. */
  forget(actor: string): void {
    const r = this.rowOf.get(actor);
    if (r === undefined) return;
    this.rowOf.delete(actor);
    this.free.push(r);
  }

  /** Drops the rows of people not seen since `before`. */
  expire(before: number): void {
    for (const [actor, r] of this.rowOf) if (this.lastAt[r]! < before) this.forget(actor);
  }
}
