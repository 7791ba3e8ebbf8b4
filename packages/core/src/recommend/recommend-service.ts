/**
 * The interest engine inside the core process: one per store, created on first use (the server
 * creates it at start so it warms at boot). It warms from what is stored, then learns from every
 * signal published after a commit (payments and refunds arrive from the outbox), records the
 * traffic pool's steps, and keeps the videos it knows in step with the feed's snapshot.
 */
import { OnlineEngine, type PoolStep, type Signal } from '@zhongcao/recsys';
import type { CoreContext } from '../context.js';
import { insertRows } from '../storage/insert-rows.js';
import { onSignals } from './signal-bus.js';
import { FeedMultipliers } from './throttle.js';
import { videoMetasByIds } from './video-meta.js';
import { POOL_ENTRY_DAYS, warmEngine, type WarmReport } from './warm.js';

const EXPIRE_EVERY_MS = 3600_000;
/** People and videos unseen this long leave the engine (profiles and embedding rows). */
export const PROFILE_TTL_MS = 60 * 24 * 3600_000;

export class RecommendService {
  readonly engine = new OnlineEngine();
  readonly multipliers: FeedMultipliers;
  readonly ready: Promise<WarmReport>;
  private warmed = false;
  private pending: Signal[] = [];
  private stepQueue: PoolStep[] = [];
  private flushing: Promise<void> | null = null;
  private readonly loading = new Set<string>();
  private lastExpire = 0;
  signalsSeen = 0;
  readonly unsubscribe: () => void;

  constructor(private readonly ctx: CoreContext) {
    this.multipliers = new FeedMultipliers(ctx.db, () => ctx.clock.now());
    this.unsubscribe = onSignals(ctx.db, (signals) => this.apply(signals));
    this.ready = warmEngine(ctx, this.engine, (steps) => this.recordSteps(steps)).then((report) => {
      this.warmed = true;
      const queued = this.pending;
      this.pending = [];
      this.apply(queued);
      return report;
    });
    this.ready.catch(() => {});
  }

  /** True once the warm-up replayed the stored history (until then the feed is the non-personalised one). */
  get isWarm(): boolean {
    return this.warmed;
  }

  /** Learns from committed signals (queued until the warm-up is done). */
  apply(signals: readonly Signal[]): void {
    if (!this.warmed) {
      this.pending.push(...signals);
      return;
    }
    const steps: PoolStep[] = [];
    for (const s of signals) steps.push(...this.engine.observe(s));
    this.signalsSeen += signals.length;
    if (steps.length) this.recordSteps(steps);
    const now = this.ctx.clock.now();
    if (now - this.lastExpire > EXPIRE_EVERY_MS) {
      this.lastExpire = now;
      this.engine.expire(now - PROFILE_TTL_MS);
    }
  }

  /** Queues pool steps for one batched insert; a step already recorded is kept as it was. */
  recordSteps(steps: readonly PoolStep[]): void {
    if (steps.length === 0) return;
    this.stepQueue.push(...steps);
    if (!this.flushing) this.flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
  }

  /** Resolves when every queued step is stored. */
  async flushSteps(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      while (this.stepQueue.length) {
        const batch = this.stepQueue.splice(0, 200);
        await insertRows(
          this.ctx.db,
          'video_pool_steps',
          batch.map((s) => ({ video_id: s.videoId, pool: s.pool, decision: s.decision, impressions: s.impressions, rates: s.rates ? JSON.stringify(s.rates) : null, thresholds: s.thresholds ? JSON.stringify(s.thresholds) : null, shortfalls: JSON.stringify(s.shortfalls), at: s.at })),
          { onConflictDoNothing: ['video_id', 'pool', 'decision'] },
        ).catch(() => 0); // a closed store or a removed video: the step is lost, the engine goes on
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Teaches the engine videos it has not seen (published since the warm-up); new ones enter the traffic pool. */
  async learnVideos(ids: readonly string[]): Promise<void> {
    const unknown = ids.filter((id) => this.engine.catalog.indexOf(id) < 0 && !this.loading.has(id));
    if (unknown.length === 0) return;
    for (const id of unknown) this.loading.add(id);
    try {
      const now = this.ctx.clock.now();
      const steps: PoolStep[] = [];
      for (const m of (await videoMetasByIds(this.ctx.db, unknown)).sort((a, b) => a.publishedAt - b.publishedAt)) {
        const step = this.engine.upsertVideo(m, m.publishedAt >= now - POOL_ENTRY_DAYS * 24 * 3600_000, now);
        if (step) steps.push(step);
      }
      this.recordSteps(steps);
    } finally {
      for (const id of unknown) this.loading.delete(id);
    }
  }

  /** A device's profile folded into the account at login. */
  mergeDevice(viewerId: string, userId: string): boolean {
    return this.engine.mergeProfile(`anon:${viewerId}`, userId, this.ctx.clock.now());
  }
}

const services = new WeakMap<CoreContext['db'], RecommendService>();

/** The store's engine, created (and warming) on first use. */
export function recommendService(ctx: CoreContext): RecommendService {
  let s = services.get(ctx.db);
  if (!s) {
    s = new RecommendService(ctx);
    services.set(ctx.db, s);
  }
  return s;
}

/** The engine if one runs for this store (login merges and reads must not create one). */
export function runningRecommendService(ctx: CoreContext): RecommendService | null {
  return services.get(ctx.db) ?? null;
}

/**
 * At login: the anonymous device's profile (x-viewer-id) merges into the account. Waits for the
 * warm-up when one is running; does nothing when no engine runs in this process.
 */
export async function mergeDeviceProfile(ctx: CoreContext, viewerId: string | string[] | null | undefined, userId: string): Promise<boolean> {
  if (typeof viewerId !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(viewerId)) return false;
  const service = runningRecommendService(ctx);
  if (!service) return false;
  await service.ready;
  return service.mergeDevice(viewerId, userId);
}
