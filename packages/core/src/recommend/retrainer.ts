/**
 * Scheduled and on-demand retraining of the interest engine, in the process that runs it: a
 * requested version (stored, see model-versions.ts) is claimed, the stored history is read and
 * trained on a thread of its own (retrain-thread.ts) while the engine serves pages, and the
 * result is swapped into the engine unless it scores worse on the held-out items than the model
 * serving (or, before any retraining, than one online pass over the same history). Every
 * decision is stored with its figures and told to the listener (the server logs it).
 */
import { interestWeight, type ModelSnapshot } from '@zhongcao/recsys';
import type { CoreContext } from '../context.js';
import type { EngineHost } from './engine-host.js';
import { claimRequested, finishVersion, recordProgress, requestRetrain, resetAtStart, type ModelDecisionReason, type ModelFigures, type ModelVersion, type RetrainTrigger } from './model-versions.js';
import { storeAccessOf } from '../storage/index.js';
import { retrainOnThread, type RetrainHistory } from './retrain-thread.js';
import { storedSignals } from './warm.js';

const DAY = 24 * 3600_000;

export interface RetrainOptions {
  /** Between scheduled retrainings (0: only on demand). */
  everyMs: number;
  /** The first scheduled retraining, after start. */
  firstAfterMs: number;
  /** How often stored requests (an admin's, the command line's) are looked for. */
  pollMs: number;
  epochs: number;
  historyDays: number;
  maxEvalPeople: number;
}

export const RETRAIN_SCHEDULE_DEFAULTS: RetrainOptions = { everyMs: 6 * 3600_000, firstAfterMs: 10 * 60_000, pollMs: 5_000, epochs: 6, historyDays: 60, maxEvalPeople: 2_000 };

/** A decision, for the log. */
export interface RetrainDecision {
  version: string;
  status: 'serving' | 'rejected' | 'failed';
  reason: ModelDecisionReason;
  figures: ModelFigures | null;
  swapMs: number | null;
  /** What the hot swap took (vectors, co-occurrence rows, choice weights), when it happened. */
  swapped?: { videos: number; covisitRows: number; choice: boolean };
  error?: string;
}

/** True when `model` scores below the bar: HR@10 first, NDCG@10 on a tie. */
export function scoresWorse(model: { hr10: number; ndcg10: number }, bar: { hr10: number; ndcg10: number }): boolean {
  return model.hr10 < bar.hr10 || (model.hr10 === bar.hr10 && model.ndcg10 < bar.ndcg10);
}

export class Retrainer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private serving: { version: string; snapshot: ModelSnapshot } | null = null;
  private nextScheduled: number;
  private closed = false;
  private stopTraining: (() => void) | null = null;
  private readonly started: Promise<void>;

  constructor(
    private readonly ctx: CoreContext,
    /** The engine to swap into, or null when it is not running (stopped, warming). */
    private readonly engine: () => EngineHost | null,
    private readonly onDecision: (d: RetrainDecision) => void,
    private readonly opts: RetrainOptions = RETRAIN_SCHEDULE_DEFAULTS,
  ) {
    this.nextScheduled = ctx.clock.now() + opts.firstAfterMs;
    this.started = resetAtStart(ctx.db, ctx.clock.now()).catch(() => {});
    this.timer = setInterval(() => void this.tick(), opts.pollMs);
    this.timer.unref();
  }

  /** Between scheduled retrainings (0: on demand only). */
  get everyMs(): number {
    return this.opts.everyMs;
  }

  /** The version serving (null: online learning only). */
  get servingVersion(): string | null {
    return this.serving?.version ?? null;
  }

  /** Asks for a retraining now and starts it if none runs; resolves with the stored version. */
  async request(trigger: RetrainTrigger, by: string | null): Promise<ModelVersion> {
    await this.started;
    const v = await requestRetrain(this.ctx.db, trigger, by, this.opts.epochs, this.ctx.clock.now());
    void this.tick();
    return v;
  }

  /** Resolves when the retraining running now (if any) is done. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** A restarted engine thread has no retrained vectors: the serving snapshot is swapped in again. */
  async reapply(host: EngineHost): Promise<void> {
    if (this.serving) await host.swapModel(this.serving.version, this.serving.snapshot, this.ctx.clock.now());
  }

  async tick(): Promise<void> {
    if (this.running || this.closed) return;
    this.running = (async () => {
      await this.started;
      const now = this.ctx.clock.now();
      if (this.opts.everyMs > 0 && now >= this.nextScheduled) {
        this.nextScheduled = now + this.opts.everyMs;
        await requestRetrain(this.ctx.db, 'schedule', null, this.opts.epochs, now);
      }
      const v = await claimRequested(this.ctx.db, now);
      if (v) await this.run(v);
    })()
      .catch(() => {}) // a closed store: the next tick tries again
      .finally(() => {
        this.running = null;
      });
    await this.running;
  }

  private async run(v: ModelVersion): Promise<void> {
    const { db, clock } = this.ctx;
    let decision: RetrainDecision;
    try {
      const since = clock.now() - this.opts.historyDays * DAY;
      // The thread reads the history on its own connection; a store it cannot reach is read here.
      const access = storeAccessOf(db);
      const history: RetrainHistory = access
        ? { kind: 'store', access, since }
        : { kind: 'signals', signals: (await storedSignals(this.ctx, since)).filter((s) => s.videoId && interestWeight(s) >= 1) };
      const serving = this.serving;
      const outcome = await retrainOnThread(
        { history, serving: serving?.snapshot ?? null, epochs: v.epochs, maxEvalPeople: this.opts.maxEvalPeople }, (epoch) => void recordProgress(db, v.id, { epochs_done: epoch }).catch(() => {}),
        (stop) => (this.stopTraining = stop),
      );
      await recordProgress(db, v.id, { people: outcome.people, events: outcome.events, videos: outcome.videos });
      const figures: ModelFigures = { model: outcome.figures, baseline: outcome.baseline, baselineVersion: serving?.version ?? null };
      const host = this.engine();
      if (outcome.figures.people === 0) decision = { version: v.id, status: 'rejected', reason: 'not_enough_history', figures, swapMs: null };
      else if (scoresWorse(outcome.figures, outcome.baseline)) decision = { version: v.id, status: 'rejected', reason: serving ? 'worse_than_serving' : 'worse_than_online', figures, swapMs: null };
      else if (!host) decision = { version: v.id, status: 'rejected', reason: 'engine_unavailable', figures, swapMs: null };
      else {
        const swap = await host.swapModel(v.id, outcome.snapshot, clock.now());
        this.serving = { version: v.id, snapshot: outcome.snapshot };
        decision = { version: v.id, status: 'serving', reason: serving ? 'better_than_serving' : 'better_than_online', figures, swapMs: swap.ms, swapped: { videos: swap.videos, covisitRows: swap.covisitRows, choice: swap.choice } };
      }
    } catch (err) {
      decision = { version: v.id, status: 'failed', reason: 'training_failed', figures: null, swapMs: null, error: err instanceof Error ? err.message : String(err) };
    }
    this.stopTraining = null;
    if (this.closed) return; // stopped with the process: the next start asks again
    await finishVersion(db, v.id, { status: decision.status, reason: decision.status === 'failed' ? (decision.error ?? 'training_failed').slice(0, 2000) : decision.reason, figures: decision.figures, swapMs: decision.swapMs, now: clock.now() });
    this.onDecision(decision);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.stopTraining?.();
    await this.idle();
  }
}
