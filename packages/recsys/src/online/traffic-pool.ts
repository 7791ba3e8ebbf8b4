/**
 * The traffic pool (流量池): every new video is first shown to a small pool audience; when it
 * has had that pool's impressions, its completion, like, comment, share and product-tap rates
 * are compared with the pool's own percentiles (the rates of the videos that finished the same
 * pool before it). It climbs to the next, larger pool only when no rate falls short; otherwise
 * it stops climbing. Every entry, promotion and stop is returned as a step with the rates and
 * thresholds compared, so it can be recorded and explained to the creator. Until a pool has a
 * history of `minHistory` videos, the configured thresholds apply. Pure.
 */
export const POOL_RATES = ['completion', 'like', 'comment', 'share', 'product_tap'] as const;
export type PoolRate = (typeof POOL_RATES)[number];
export type PoolRates = Record<PoolRate, number>;
export type PoolEvent = 'impression' | PoolRate;

export interface TrafficPoolOptions {
  /** Impressions of each pool, smallest first. */
  audiences: readonly number[];
  /** The percentile (0..1) a rate must reach to leave pool k (one per pool but the last). */
  percentiles: readonly number[];
  /** The thresholds used while a pool has fewer than `minHistory` finished videos. */
  initialThresholds: PoolRates;
  minHistory: number;
  /** How many finished videos' rates each pool remembers. */
  historySize: number;
}

export const TRAFFIC_POOL_DEFAULTS: TrafficPoolOptions = {
  audiences: [50, 300, 2_000, 10_000, 50_000],
  percentiles: [0.5, 0.6, 0.7, 0.8],
  initialThresholds: { completion: 0.2, like: 0.02, comment: 0.002, share: 0.001, product_tap: 0.005 },
  minHistory: 20,
  historySize: 500,
};

export interface PoolStep {
  videoId: string;
  /** 0-based pool index the step concerns (the pool entered, or the pool evaluated). */
  pool: number;
  decision: 'entered' | 'promoted' | 'stopped' | 'top';
  impressions: number;
  rates: PoolRates | null;
  thresholds: PoolRates | null;
  /** The rates below their thresholds (why it stopped). */
  shortfalls: PoolRate[];
  at: number;
}

interface PoolState {
  videoId: string;
  pool: number;
  impressions: number;
  counts: Record<PoolRate, number>;
  done: boolean;
}

const zeroCounts = (): Record<PoolRate, number> => ({ completion: 0, like: 0, comment: 0, share: 0, product_tap: 0 });

/** The p-quantile of values (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export class TrafficPool {
  private readonly states = new Map<number, PoolState>();
  /** Videos still collecting their current pool's impressions, in order of entry. */
  private readonly exposing = new Set<number>();
  private readonly history: Array<Record<PoolRate, number[]>>;
  private cursor = 0;
  private queue: number[] = [];

  constructor(readonly opts: TrafficPoolOptions = TRAFFIC_POOL_DEFAULTS) {
    this.history = opts.audiences.map(() => ({ completion: [], like: [], comment: [], share: [], product_tap: [] }));
  }

  get exposingCount(): number {
    return this.exposing.size;
  }

  poolOf(item: number): number | null {
    return this.states.get(item)?.pool ?? null;
  }

  /** A newly published video enters the first pool (once). */
  enter(item: number, videoId: string, at: number): PoolStep | null {
    if (this.states.has(item)) return null;
    this.states.set(item, { videoId, pool: 0, impressions: 0, counts: zeroCounts(), done: false });
    this.exposing.add(item);
    this.queue.push(item);
    return { videoId, pool: 0, decision: 'entered', impressions: 0, rates: null, thresholds: null, shortfalls: [], at };
  }

  /** Counts an event of a video in its current pool; returns the step when the pool is finished. */
  record(item: number, event: PoolEvent, at: number): PoolStep | null {
    const s = this.states.get(item);
    if (!s || s.done) return null;
    if (event !== 'impression') {
      s.counts[event]++;
      return null;
    }
    s.impressions++;
    return s.impressions >= this.opts.audiences[s.pool]! ? this.evaluate(item, s, at) : null;
  }

  /** The thresholds a video leaving pool k is held to now. */
  thresholds(pool: number): PoolRates {
    const h = this.history[pool]!;
    if (h.completion.length < this.opts.minHistory) return { ...this.opts.initialThresholds };
    const p = this.opts.percentiles[pool] ?? this.opts.percentiles[this.opts.percentiles.length - 1] ?? 0.5;
    const out = zeroCounts();
    for (const r of POOL_RATES) out[r] = percentile(h[r], p);
    return out;
  }

  private evaluate(item: number, s: PoolState, at: number): PoolStep {
    const rates = zeroCounts();
    for (const r of POOL_RATES) rates[r] = s.counts[r] / s.impressions;
    const thresholds = this.thresholds(s.pool);
    const shortfalls = POOL_RATES.filter((r) => rates[r] < thresholds[r]);
    const h = this.history[s.pool]!;
    for (const r of POOL_RATES) {
      h[r].push(rates[r]);
      if (h[r].length > this.opts.historySize) h[r].shift();
    }
    const step: PoolStep = {
      videoId: s.videoId,
      pool: s.pool,
      decision: 'stopped',
      impressions: s.impressions,
      rates,
      thresholds,
      shortfalls,
      at,
    };
    const last = s.pool === this.opts.audiences.length - 1;
    if (shortfalls.length === 0 && !last) {
      step.decision = 'promoted';
      s.pool++;
      s.impressions = 0;
      s.counts = zeroCounts();
      return step;
    }
    if (shortfalls.length === 0) step.decision = 'top';
    s.done = true;
    this.exposing.delete(item);
    this.compact();
    return step;
  }

  /**
   * Up to `n` videos still collecting impressions, rotating through them so each pool's
   * audience fills evenly; `skip` filters out shown or unsuitable ones. Looks at no more than
   * `maxScan` videos.
   */
  pick(n: number, skip: (item: number) => boolean, maxScan = 200): number[] {
    const out: number[] = [];
    const len = this.queue.length;
    for (let scanned = 0; scanned < Math.min(len, maxScan) && out.length < n; scanned++) {
      const item = this.queue[this.cursor++ % len]!;
      if (this.exposing.has(item) && !skip(item)) out.push(item);
    }
    if (this.cursor >= len) this.cursor = 0;
    return out;
  }

  /** Drops finished videos from the rotation once they are most of it. */
  private compact(): void {
    if (this.queue.length < 64 || this.exposing.size * 2 > this.queue.length) return;
    this.queue = this.queue.filter((i) => this.exposing.has(i));
    this.cursor = 0;
  }
}
