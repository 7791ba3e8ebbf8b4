/**
 * The interest engine behind a message interface: every request is plain data and every answer
 * too, so the same desk serves the engine in this thread (tests, small stores) or on its own
 * worker thread (the platform), and the two behave alike. Requests are served in order, so a
 * signal sent before a page request has been learnt when the page is made.
 */
import type {
  OnlineEngine,
  ItemHeads,
  ItemMeta,
  ModelSnapshot,
  PoolStep,
  Recommended,
  Signal,
  SwapStage,
} from '@zhongcao/recsys';
import { ShownFilter } from './shown-filter.js';
import { multiplierOf, type MultiplierRule, type MultiplierTable } from './multipliers.js';

export type EngineRequest =
  /** Videos added or updated; those published since `poolSince` enter the traffic pool, at `now` (null: at their publishing). */
  | { op: 'upsert'; metas: readonly ItemMeta[]; poolSince: number; now: number | null }
  | { op: 'observe'; signals: readonly Signal[] }
  /**
   * A page for the actor; `creatives`: paid traffic's candidate creatives (video ids), whose heads
   * for this person come back with the page (only for someone with personalisation on).
   */
  | { op: 'recommend'; actor: string; limit: number; now: number; shown: Uint8Array; creatives?: readonly string[] }
  | { op: 'remove'; videoId: string }
  | { op: 'merge'; device: string; account: string; now: number }
  | { op: 'expire'; before: number }
  | { op: 'multipliers'; table: MultiplierTable }
  /** A retrained model's vectors taken by a hot swap; answers what was swapped and how long the engine was held. */
  | { op: 'swap'; version: string; snapshot: ModelSnapshot; now: number }
  /** The embedding's person vectors of these actors ("people like my buyers"). */
  | { op: 'vectors'; actors: readonly string[] }
  /** The engage and purchase heads of these videos with no person's features (paid traffic's priors). */
  | { op: 'heads'; videoIds: readonly string[]; now: number }
  /** Answers once every earlier request is done. */
  | { op: 'settled' };

export interface SwapAnswer {
  version: string;
  videos: number;
  /** Co-occurrence rows the retrained table replaced. */
  covisitRows: number;
  /** Whether the ranker's choice weights came with it. */
  choice: boolean;
  /** The longest the swap held the engine's thread at once (a slice of its preparation, or the switch). */
  ms: number;
  /** The switch alone (ms). */
  switchMs: number;
  /** Slices the preparation took between other requests, and their time in all (ms). */
  slices: number;
  workMs: number;
  /** From the swap's turn to the switch, pages served meanwhile included (ms). */
  spanMs: number;
}

/** How the desk prepares a swap between other requests: the time a slice may take, and (tests) the work units it may do. */
export interface SwapSlicing {
  sliceMs: number;
  sliceUnits: number;
}

export const SWAP_SLICING: SwapSlicing = { sliceMs: 5, sliceUnits: Number.POSITIVE_INFINITY };

export interface PersonVectors {
  dim: number;
  /** actors.length × dim, row-major; a zero row where found is 0. */
  vectors: Float32Array;
  found: Uint8Array;
}

export interface RecommendAnswer {
  recs: Recommended[];
  /** Shops whose videos were ranked and not reported in the last REPORT_EVERY_MS: their pressure should be read. */
  consulted: string[];
  /** The retrained model version serving this page (null: online learning only). */
  model: string | null;
  /** The engage and purchase heads of the creatives asked about, for this person (absent when none were asked). */
  heads?: ItemHeads;
}

const REPORT_EVERY_MS = 10_000;
const MAX_REPORTED = 50_000;

export class EngineDesk {
  private throttled: ReadonlySet<string> = new Set();
  private rules: readonly MultiplierRule[] = [];
  private readonly reportedAt = new Map<string, number>();
  private consulted: string[] = [];
  private now = 0;
  /** Resolves once every swap asked so far is switched in. */
  private swaps: Promise<unknown> = Promise.resolve();

  constructor(
    readonly engine: OnlineEngine,
    /** Traffic-pool steps caused by upserts and signals, to be stored. */
    private readonly onSteps: (steps: PoolStep[]) => void,
    private readonly slicing: SwapSlicing = SWAP_SLICING,
  ) {}

  private readonly multiplier = (meta: ItemMeta): number => {
    const shop = meta.shopId;
    if (shop) {
      const at = this.reportedAt.get(shop);
      if (at === undefined || this.now - at > REPORT_EVERY_MS) {
        if (this.reportedAt.size >= MAX_REPORTED) this.reportedAt.clear();
        this.reportedAt.set(shop, this.now);
        this.consulted.push(shop);
      }
    }
    return multiplierOf(this.throttled, this.rules, meta);
  };

  /**
   * A hot swap prepared in slices, each run from the event loop (setImmediate) so the requests
   * that arrive meanwhile are served between them by the old model; then switched in at once.
   * Swaps asked one after the other are switched in in that order.
   */
  private swap(version: string, snapshot: ModelSnapshot, now: number): Promise<SwapAnswer> {
    const run = this.swaps.then(
      () =>
        new Promise<SwapAnswer>((resolve, reject) => {
          let stage: SwapStage;
          const begun = performance.now();
          try {
            stage = this.engine.beginSwap(version, snapshot, now);
          } catch (err) {
            return reject(err);
          }
          const slice = (): void => {
            try {
              if (!stage.step(this.slicing.sliceMs, this.slicing.sliceUnits)) return void setImmediate(slice);
              const started = performance.now();
              const { videos, covisitRows } = this.engine.commitSwap(stage);
              const switchMs = performance.now() - started;
              resolve({
                version,
                videos,
                covisitRows,
                choice: snapshot.choice !== undefined,
                ms: Math.max(switchMs, stage.longestMs),
                switchMs,
                slices: stage.slices,
                workMs: stage.workMs + switchMs,
                spanMs: performance.now() - begun,
              });
            } catch (err) {
              reject(err);
            }
          };
          setImmediate(slice);
        }),
    );
    this.swaps = run.catch(() => undefined);
    return run;
  }

  /** Serves one request; the answer is plain data (undefined for requests that need none), a promise for a swap and `settled`. */
  handle(
    req: EngineRequest,
  ): RecommendAnswer | SwapAnswer | PersonVectors | ItemHeads | boolean | undefined | Promise<SwapAnswer | boolean> {
    switch (req.op) {
      case 'upsert': {
        const steps: PoolStep[] = [];
        for (const m of req.metas) {
          const step = this.engine.upsertVideo(m, m.publishedAt >= req.poolSince, req.now ?? m.publishedAt);
          if (step) steps.push(step);
        }
        if (steps.length) this.onSteps(steps);
        return undefined;
      }
      case 'observe': {
        const steps: PoolStep[] = [];
        for (const s of req.signals) for (const step of this.engine.observe(s)) steps.push(step);
        if (steps.length) this.onSteps(steps);
        return undefined;
      }
      case 'recommend': {
        const shown = ShownFilter.fromBytes(req.shown) ?? ShownFilter.empty();
        this.now = req.now;
        this.consulted = [];
        const recs = this.engine.recommend(req.actor, {
          limit: req.limit,
          now: req.now,
          isShown: (id) => shown.has(id),
          multiplier: this.multiplier,
        });
        const answer: RecommendAnswer = { recs, consulted: this.consulted, model: this.engine.modelVersion };
        if (req.creatives?.length) answer.heads = this.engine.viewerHeads(req.actor, req.creatives, req.now);
        return answer;
      }
      case 'remove':
        this.engine.removeVideo(req.videoId);
        return undefined;
      case 'merge':
        return this.engine.mergeProfile(req.device, req.account, req.now);
      case 'expire':
        this.engine.expire(req.before);
        return undefined;
      case 'multipliers':
        this.throttled = new Set(req.table.throttledShops);
        this.rules = req.table.rules;
        return undefined;
      case 'swap':
        return this.swap(req.version, req.snapshot, req.now);
      case 'vectors':
        return this.engine.personVectors(req.actors);
      case 'heads':
        return this.engine.itemHeads(req.videoIds, req.now);
      case 'settled':
        return this.swaps.then(() => true);
    }
  }
}
