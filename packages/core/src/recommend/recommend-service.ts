/**
 * The interest engine of the core process: one per store, created on first use (the server
 * creates it at start, on its own worker thread, so it warms at boot). It warms from what is
 * stored, then learns from every signal published after a commit (payments and refunds arrive
 * from the outbox), records the traffic pool's steps, and keeps the videos it knows in step with
 * the feed's snapshot.
 */
import type { ItemHeads, OnlineEngine, PoolStep, Recommended, Signal } from '@zhongcao/recsys';
import type { CoreContext } from '../context.js';
import type { ShownFilter } from './shown-filter.js';
import { insertRows } from '../storage/index.js';
import { runtimePart, runtimeOf } from '../platform/index.js';
import { LocalEngineHost, type EngineHost } from './engine-host.js';
import type { PersonVectors } from './engine-desk.js';
import { headsById, MAX_PAGE_CREATIVES, type EnginePage } from './engine-page.js';
import { ThreadEngineHost } from './engine-thread.js';
import { onSignals } from '../signals/index.js';
import { FeedMultipliers } from './throttle.js';
import { videoMetasByIds } from './video-meta.js';
import { POOL_ENTRY_DAYS, warmEngine, type WarmReport } from './warm.js';
import {
  Retrainer,
  RETRAIN_SCHEDULE_DEFAULTS,
  type ModelAdoption,
  type RetrainDecision,
  type RetrainOptions,
} from './retrainer.js';

const EXPIRE_EVERY_MS = 3600_000;
/** People and videos unseen this long leave the engine (profiles and embedding rows). */
export const PROFILE_TTL_MS = 60 * 24 * 3600_000;

export interface RecommendServiceOptions {
  /** Run the engine on its own worker thread (the platform does); otherwise in this thread. */
  thread?: boolean;
  /** Wait before restarting a stopped engine thread: first this long, doubling up to `restartMaxMs`. */
  restartFirstMs?: number;
  restartMaxMs?: number;
  /** Retrain the engine's model in the background, on a schedule and on request (the platform does); off by default. */
  retrain?: Partial<RetrainOptions> | false;
}

/** What happens to the engine's thread, for the log and the metrics. */
export type EngineLifecycleEvent =
  | { kind: 'stopped'; reason: string; restartInMs: number }
  | { kind: 'restarted'; restarts: number; videos: number; signals: number; warmMs: number }
  | { kind: 'restart_failed'; reason: string }
  | ({ kind: 'model' } & RetrainDecision)
  /** A version another process trained, loaded from the store and swapped in. */
  | ({ kind: 'model_adopted' } & ModelAdoption);

const RESTART_FIRST_MS = 1_000;
const RESTART_MAX_MS = 60_000;
/** An engine that ran this long before stopping restarts after the first wait again, not a longer one. */
const STABLE_RUN_MS = 10 * 60_000;

export class RecommendService {
  private current: EngineHost;
  readonly multipliers: FeedMultipliers;
  readonly ready: Promise<WarmReport>;
  private warmed = false;
  /** Set while the engine's thread is stopped: pages are the non-personalised ones until it is restarted and warm again. */
  failure: Error | null = null;
  /** Engine threads started again after one stopped. */
  restarts = 0;
  private restarting = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private restartWaitMs: number;
  private startedAt = Date.now();
  private closed = false;
  private readonly listeners = new Set<(e: EngineLifecycleEvent) => void>();
  private readonly onSteps: (steps: PoolStep[]) => void;
  private pending: Signal[] = [];
  private stepQueue: PoolStep[] = [];
  private flushing: Promise<void> | null = null;
  private readonly loading = new Set<string>();
  private lastExpire = 0;
  signalsSeen = 0;
  readonly unsubscribe: () => void;
  /** Background retraining (null when off). */
  readonly retrainer: Retrainer | null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly opts: RecommendServiceOptions = {},
  ) {
    this.onSteps = (steps: PoolStep[]): void => this.recordSteps(steps);
    this.restartWaitMs = opts.restartFirstMs ?? RESTART_FIRST_MS;
    this.current = opts.thread ? this.startThread() : new LocalEngineHost(this.onSteps);
    this.multipliers = new FeedMultipliers(
      ctx.db,
      () => ctx.clock.now(),
      (table) => this.host.setMultipliers(table),
    );
    this.unsubscribe = onSignals(ctx.db, (signals) => this.apply(signals));
    this.retrainer = opts.retrain
      ? new Retrainer(
          ctx,
          () => (this.isWarm ? this.host : null),
          (d) => this.emit({ kind: 'model', ...d }),
          { ...RETRAIN_SCHEDULE_DEFAULTS, ...opts.retrain },
          (a) => this.emit({ kind: 'model_adopted', ...a }),
        )
      : null;
    this.ready = warmEngine(ctx, this.host).then(async (report) => {
      // The version serving (trained here before a restart, or by another process) serves from the first page.
      await this.retrainer?.adopt(this.host).catch(() => {});
      this.warmed = true;
      const queued = this.pending;
      this.pending = [];
      this.apply(queued);
      return report;
    });
    this.ready.catch(() => {});
  }

  /** Where the engine runs now (a stopped thread is replaced by a new one). */
  get host(): EngineHost {
    return this.current;
  }

  /** Tells the listener when the engine's thread stops and when it is back; returns the unsubscribe. */
  onLifecycle(listener: (e: EngineLifecycleEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: EngineLifecycleEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // a listener's failure is not the engine's
      }
    }
  }

  private startThread(): ThreadEngineHost {
    const host: ThreadEngineHost = new ThreadEngineHost(this.onSteps, (err) => this.threadStopped(host, err));
    return host;
  }

  /**
   * The thread stopped (a crash, an out-of-memory kill): the feed serves non-personalised pages,
   * and after a wait (1 s, doubling up to a minute; back to 1 s after a long run) a new thread
   * warms from the stored history and takes over.
   */
  private threadStopped(host: EngineHost, err: Error): void {
    if (this.closed || host !== this.current || this.failure) return;
    this.failure = err;
    this.warmed = false;
    // Signals committed while the engine is down are stored; the next warm-up replays them.
    this.pending = [];
    if (Date.now() - this.startedAt >= STABLE_RUN_MS) this.restartWaitMs = this.opts.restartFirstMs ?? RESTART_FIRST_MS;
    const wait = this.restartWaitMs;
    this.restartWaitMs = Math.min(wait * 2, this.opts.restartMaxMs ?? RESTART_MAX_MS);
    this.emit({ kind: 'stopped', reason: err.message, restartInMs: wait });
    this.restartTimer = setTimeout(() => void this.restart(), wait);
    this.restartTimer.unref();
  }

  private async restart(): Promise<void> {
    this.restartTimer = null;
    if (this.closed) return;
    this.restarting = true;
    const host = this.startThread();
    this.startedAt = Date.now();
    try {
      const report = await warmEngine(this.ctx, host);
      await this.retrainer?.adopt(host).catch(() => {});
      if (this.closed) {
        await host.close();
        return;
      }
      const stopped = this.current;
      this.current = host;
      host.setMultipliers(this.multipliers.table());
      this.failure = null;
      this.restarts++;
      this.warmed = true;
      this.restarting = false;
      const queued = this.pending;
      this.pending = [];
      this.apply(queued);
      void stopped.close().catch(() => {});
      this.emit({
        kind: 'restarted',
        restarts: this.restarts,
        videos: report.videos,
        signals: report.signals,
        warmMs: report.ms,
      });
    } catch (err) {
      this.restarting = false;
      this.pending = [];
      await host.close().catch(() => {});
      if (this.closed) return;
      this.emit({ kind: 'restart_failed', reason: err instanceof Error ? err.message : String(err) });
      // Try again after the next, longer wait, as if this thread had stopped.
      this.current = host;
      this.failure = null;
      this.threadStopped(host, err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** The engine itself, when it runs in this thread (tests look inside it). */
  get engine(): OnlineEngine {
    if (this.host instanceof LocalEngineHost) return this.host.engine;
    throw new Error('the interest engine runs on its own thread');
  }

  /** True once the warm-up replayed the stored history and the engine is running (until then the feed is the non-personalised one). */
  get isWarm(): boolean {
    return this.warmed && !this.failure;
  }

  /** The retrained version this engine serves (null: online learning only, or no retraining in this process). */
  get modelVersion(): string | null {
    return this.retrainer?.servingVersion ?? null;
  }

  /** The embedding's person vectors of these actors ("people like my buyers"); null while the engine is not warm. */
  async personVectors(actors: readonly string[]): Promise<PersonVectors | null> {
    if (!this.isWarm || actors.length === 0) return null;
    return this.host.personVectors(actors);
  }

  /**
   * The engage and purchase heads of these videos with no person's features (paid traffic's
   * priors, asked about once a minute, never per page); null while the engine is not warm.
   */
  async itemHeads(videoIds: readonly string[]): Promise<ItemHeads | null> {
    if (!this.isWarm || videoIds.length === 0 || !this.host.itemHeads) return null;
    return this.host.itemHeads(videoIds, this.ctx.clock.now());
  }

  /** Learns from committed signals (queued until the warm-up is done). */
  apply(signals: readonly Signal[]): void {
    if (!this.warmed) {
      // While a stopped thread waits for its restart, nothing queues: the warm-up reads what was stored.
      if (!this.failure || this.restarting) this.pending.push(...signals);
      return;
    }
    if (signals.length) this.host.observe(signals);
    this.signalsSeen += signals.length;
    const now = this.ctx.clock.now();
    if (now - this.lastExpire > EXPIRE_EVERY_MS) {
      this.lastExpire = now;
      this.host.expire(now - PROFILE_TTL_MS);
    }
  }

  /** The engine's page for the actor (ranked, diversified), skipping what the session has shown. */
  async recommend(actor: string, limit: number, shown: ShownFilter): Promise<Recommended[]> {
    return (await this.page(actor, limit, shown)).recs;
  }

  /**
   * The page, and with it the heads of paid traffic's candidate creatives for this actor when
   * `creatives` are given (at most MAX_PAGE_CREATIVES; the caller sends them only for someone
   * with personalisation on), in the same engine turn.
   */
  async page(actor: string, limit: number, shown: ShownFilter, creatives?: readonly string[]): Promise<EnginePage> {
    const asked = creatives?.slice(0, MAX_PAGE_CREATIVES);
    const answer = await this.host.recommend(actor, limit, this.ctx.clock.now(), shown, asked);
    if (answer.consulted.length) this.multipliers.consult(answer.consulted);
    return { recs: answer.recs, heads: asked?.length ? headsById(asked, answer.heads) : null };
  }

  /** Queues pool steps for one batched insert; a step already recorded is kept as it was. */
  recordSteps(steps: readonly PoolStep[]): void {
    if (steps.length === 0) return;
    this.stepQueue.push(...steps);
    if (!this.flushing) this.flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
  }

  /** Resolves when every step the engine has produced so far is stored. */
  async flushSteps(): Promise<void> {
    await this.host.settled().catch(() => {});
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      while (this.stepQueue.length) {
        const batch = this.stepQueue.splice(0, 200);
        await insertRows(
          this.ctx.db,
          'video_pool_steps',
          batch.map((s) => ({
            video_id: s.videoId,
            pool: s.pool,
            decision: s.decision,
            impressions: s.impressions,
            rates: s.rates ? JSON.stringify(s.rates) : null,
            thresholds: s.thresholds ? JSON.stringify(s.thresholds) : null,
            shortfalls: JSON.stringify(s.shortfalls),
            at: s.at,
          })),
          { onConflictDoNothing: ['video_id', 'pool', 'decision'] },
        ).catch(() => 0); // a closed store or a removed video: the step is lost, the engine goes on
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Teaches the engine videos it has not seen (published since the warm-up); new ones enter the traffic pool. */
  async learnVideos(ids: readonly string[]): Promise<void> {
    const unknown = ids.filter((id) => !this.host.knows(id) && !this.loading.has(id));
    if (unknown.length === 0) return;
    for (const id of unknown) this.loading.add(id);
    try {
      const now = this.ctx.clock.now();
      const metas = (await videoMetasByIds(this.ctx.db, unknown)).sort((a, b) => a.publishedAt - b.publishedAt);
      if (metas.length) this.host.upsertVideos(metas, now - POOL_ENTRY_DAYS * 24 * 3600_000, now);
    } finally {
      for (const id of unknown) this.loading.delete(id);
    }
  }

  /** A video the feed found unpublished: the engine stops offering it. */
  removeVideo(videoId: string): void {
    this.host.removeVideo(videoId);
  }

  /** A device's profile folded into the account at login. */
  mergeDevice(viewerId: string, userId: string): Promise<boolean> {
    return this.host.mergeProfile(`anon:${viewerId}`, userId, this.ctx.clock.now());
  }

  /** Stops the engine (its thread, if it has one) and the signal subscription. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.unsubscribe();
    await this.retrainer?.close();
    await this.current.close();
  }
}

/** The store's engine in this process (null until first asked for); closed when the runtime is disposed. */
const servicePart = runtimePart<{ service: RecommendService | null }, CoreContext['db']>(
  'recommend.service',
  () => ({ service: null }),
  async (slot) => {
    const s = slot.service;
    slot.service = null;
    await s?.close();
  },
);

/** The store's engine, created (and warming) on first use; options count only on that first call. */
export function recommendService(ctx: CoreContext, opts: RecommendServiceOptions = {}): RecommendService {
  const slot = runtimeOf(ctx.db).use(servicePart);
  slot.service ??= new RecommendService(ctx, opts);
  return slot.service;
}

/** The engine if one runs for this store (login merges and reads must not create one). */
export function runningRecommendService(ctx: CoreContext): RecommendService | null {
  return runtimeOf(ctx.db).peek(servicePart)?.service ?? null;
}

/**
 * At login: the anonymous device's profile (x-viewer-id) merges into the account. Waits for the
 * warm-up when one is running; does nothing when no engine runs in this process.
 */
export async function mergeDeviceProfile(
  ctx: CoreContext,
  viewerId: string | string[] | null | undefined,
  userId: string,
): Promise<boolean> {
  if (typeof viewerId !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(viewerId)) return false;
  const service = runningRecommendService(ctx);
  if (!service) return false;
  await service.ready;
  return service.mergeDevice(viewerId, userId).catch(() => false);
}

/** Stops the store's engine if one runs (its thread included). */
export async function stopRecommendService(ctx: CoreContext): Promise<void> {
  const slot = runtimeOf(ctx.db).peek(servicePart);
  const service = slot?.service;
  if (!slot || !service) return;
  slot.service = null;
  await service.close();
}
