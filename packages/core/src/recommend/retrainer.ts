/**
 * Scheduled and on-demand retraining of the interest engine, in the process that runs it: a
 * requested version (stored, see model-versions.ts) is claimed, the stored history is read and
 * trained on a thread of its own (retrain-thread.ts) while the engine serves pages, and the
 * result is swapped into the engine unless it scores worse on the held-out items than the model
 * serving (or, before any retraining, than one online pass over the same history). Every
 * decision is stored with its figures and told to the listener (the server logs it). A model
 * that serves is stored with its version (model-artefacts.ts) before it is announced, and every
 * process running an engine follows the version serving: at its warm-up, when the announcement
 * arrives (the engine role's stream consumer), and by looking at the table every `followMs`
 * (a replica that missed the announcement, or was down, catches up).
 */
import { interestWeight, type ModelSnapshot } from '@zhongcao/recsys';
import type { CoreContext } from '../context.js';
import type { EngineHost } from './engine-host.js';
import {
  claimRequested,
  finishVersion,
  recordEpochs,
  recordProgress,
  requestRetrain,
  resetAtStart,
  type ModelDecisionReason,
  type ModelFigures,
  type ModelVersion,
  type RetrainTrigger,
  servingVersionId,
} from './model-versions.js';
import { storeAccessOf } from '../storage/index.js';
import { loadArtefacts, storeArtefacts } from './model-artefacts.js';
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
  /** How often the version serving is looked up, to swap in one another process trained. */
  followMs: number;
  /**
   * Whether this process claims and trains requested retrainings (and schedules them). Off in
   * the scaled engine role, where the worker role trains and the replicas only follow.
   */
  claim: boolean;
  epochs: number;
  historyDays: number;
  maxEvalPeople: number;
}

export const RETRAIN_SCHEDULE_DEFAULTS: RetrainOptions = {
  everyMs: 6 * 3600_000,
  firstAfterMs: 10 * 60_000,
  pollMs: 5_000,
  followMs: 5_000,
  claim: true,
  epochs: 6,
  historyDays: 60,
  maxEvalPeople: 2_000,
};

/** A decision, for the log. */
export interface RetrainDecision {
  version: string;
  status: 'serving' | 'rejected' | 'failed';
  reason: ModelDecisionReason;
  figures: ModelFigures | null;
  swapMs: number | null;
  /** What the hot swap took (vectors, co-occurrence rows, choice weights), when it happened. */
  swapped?: { videos: number; covisitRows: number; choice: boolean };
  /** Bytes of the stored snapshot (a version that serves). */
  storedBytes?: number;
  error?: string;
}

/** A version another process trained, loaded from the store and swapped into this engine. */
export interface ModelAdoption {
  version: string;
  /** Reading the stored snapshot (ms). */
  loadMs: number;
  swapMs: number;
  videos: number;
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
  private followTimer: NodeJS.Timeout | null = null;
  private following: Promise<void> | null = null;
  /** Versions whose stored snapshot could not be loaded (not looked at again). */
  private readonly unloadable = new Set<string>();

  constructor(
    private readonly ctx: CoreContext,
    /**
     * The engine to swap into, or null when it is not running (stopped, warming). No engine at
     * all (null): this process trains for the others (the scaled worker role): a better model is
     * stored and announced, and the engines swap it in.
     */
    private readonly engine: (() => EngineHost | null) | null,
    private readonly onDecision: (d: RetrainDecision) => void,
    private readonly opts: RetrainOptions = RETRAIN_SCHEDULE_DEFAULTS,
    /** A version another process trained was swapped in. */
    private readonly onAdopt: (a: ModelAdoption) => void = () => {},
  ) {
    this.nextScheduled = ctx.clock.now() + opts.firstAfterMs;
    this.started = opts.claim ? resetAtStart(ctx.db, ctx.clock.now()).catch(() => {}) : Promise.resolve();
    if (opts.claim) {
      this.timer = setInterval(() => void this.tick(), opts.pollMs);
      this.timer.unref();
    }
    if (engine && opts.followMs > 0) {
      this.followTimer = setInterval(() => void this.follow(), opts.followMs);
      this.followTimer.unref();
    }
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

  /**
   * An engine warming (at start, or a restarted thread) has no retrained vectors: the version
   * serving is swapped in before it serves, from memory when this process has it, else from the
   * store. Nothing stored (or nothing serving): online learning only, as before any retraining.
   */
  async adopt(host: EngineHost): Promise<void> {
    await this.started;
    const id = await servingVersionId(this.ctx.db).catch(() => null);
    if (this.serving && (id === null || id === this.serving.version)) {
      await host.swapModel(this.serving.version, this.serving.snapshot, this.ctx.clock.now());
      return;
    }
    if (id) await this.load(host, id);
  }

  /**
   * Swaps in the version serving when it is not this engine's (another process trained it): read
   * from the store, swapped in whole. Called on the announcement and every `followMs`.
   */
  async follow(): Promise<void> {
    if (this.following || this.closed) return this.following ?? undefined;
    // A retraining of this process's own decides what serves here until it is recorded.
    if (this.running) return;
    this.following = (async () => {
      await this.started;
      const host = this.engine?.() ?? null;
      if (!host) return; // warming: the warm-up adopts it
      const id = await servingVersionId(this.ctx.db);
      if (id && id !== this.serving?.version && !this.unloadable.has(id)) await this.load(host, id);
    })()
      .catch(() => {}) // a closed store: the next look tries again
      .finally(() => {
        this.following = null;
      });
    await this.following;
  }

  /** The version serving with its stored snapshot (null: none, or none stored). */
  private async storedServing(): Promise<{ version: string; snapshot: ModelSnapshot } | null> {
    const id = await servingVersionId(this.ctx.db);
    if (!id) return null;
    if (id === this.serving?.version) return this.serving;
    const snapshot = await loadArtefacts(this.ctx.db, id);
    return snapshot ? { version: id, snapshot } : null;
  }

  private async load(host: EngineHost, id: string): Promise<void> {
    const started = performance.now();
    const snapshot = await loadArtefacts(this.ctx.db, id);
    if (!snapshot) {
      this.unloadable.add(id);
      return;
    }
    const loadMs = performance.now() - started;
    const swap = await host.swapModel(id, snapshot, this.ctx.clock.now());
    this.serving = { version: id, snapshot };
    this.onAdopt({ version: id, loadMs, swapMs: swap.ms, videos: swap.videos });
  }

  async tick(): Promise<void> {
    if (this.running || this.closed || !this.opts.claim) return;
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
        : {
            kind: 'signals',
            signals: await storedSignals(this.ctx, since, (s) => !!s.videoId && interestWeight(s) >= 1),
          };
      // Without an engine here, the bar is the version serving as stored (another process may have swapped it in since).
      const serving = this.engine ? this.serving : await this.storedServing();
      let epochsDone = 0;
      const outcome = await retrainOnThread(
        { history, serving: serving?.snapshot ?? null, epochs: v.epochs, maxEvalPeople: this.opts.maxEvalPeople },
        (epoch) => {
          epochsDone = Math.max(epochsDone, epoch);
          void recordEpochs(db, v.id, epoch).catch(() => {});
        },
        (stop) => (this.stopTraining = stop),
      );
      // The last count is written (and awaited) before the decision, whatever order the progress writes landed in.
      await recordEpochs(db, v.id, epochsDone);
      await recordProgress(db, v.id, { people: outcome.people, events: outcome.events, videos: outcome.videos });
      const figures: ModelFigures = {
        model: outcome.figures,
        baseline: outcome.baseline,
        baselineVersion: serving?.version ?? null,
      };
      const host = this.engine?.() ?? null;
      if (outcome.figures.people === 0)
        decision = { version: v.id, status: 'rejected', reason: 'not_enough_history', figures, swapMs: null };
      else if (scoresWorse(outcome.figures, outcome.baseline))
        decision = {
          version: v.id,
          status: 'rejected',
          reason: serving ? 'worse_than_serving' : 'worse_than_online',
          figures,
          swapMs: null,
        };
      else if (this.engine && !host)
        decision = { version: v.id, status: 'rejected', reason: 'engine_unavailable', figures, swapMs: null };
      else {
        // Stored before it is announced as serving, so every other engine can load it.
        const storedBytes = await storeArtefacts(db, v.id, outcome.snapshot);
        const swap = host ? await host.swapModel(v.id, outcome.snapshot, clock.now()) : null;
        this.serving = { version: v.id, snapshot: outcome.snapshot };
        decision = {
          version: v.id,
          status: 'serving',
          reason: serving ? 'better_than_serving' : 'better_than_online',
          figures,
          swapMs: swap?.ms ?? null,
          ...(swap ? { swapped: { videos: swap.videos, covisitRows: swap.covisitRows, choice: swap.choice } } : {}),
          storedBytes,
        };
      }
    } catch (err) {
      decision = {
        version: v.id,
        status: 'failed',
        reason: 'training_failed',
        figures: null,
        swapMs: null,
        error: err instanceof Error ? err.message : String(err),
      };
    }
    this.stopTraining = null;
    if (this.closed) return; // stopped with the process: the next start asks again
    await finishVersion(db, v.id, {
      status: decision.status,
      reason: decision.status === 'failed' ? (decision.error ?? 'training_failed').slice(0, 2000) : decision.reason,
      figures: decision.figures,
      swapMs: decision.swapMs,
      now: clock.now(),
    });
    this.onDecision(decision);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.followTimer) clearInterval(this.followTimer);
    this.stopTraining?.();
    await this.idle();
  }
}
