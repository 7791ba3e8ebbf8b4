/**
 * The live feed's engine (`online/`) on an offline data set: every person's items are replayed
 * in order as purchases, one second apart, person after person, through the same `observe` the
 * feed's signals use (profiles, co-occurrence, embeddings, trending). Before each item is
 * observed, the ranking model learns which of the person's candidates was chosen (the replay
 * has no served pages to learn from). A person is then scored exactly as the feed would rank
 * their page: a video the candidate sources do not offer is never shown, so it scores below
 * every candidate (and ties with the other such videos, which counts against the model).
 */
import type { Recommender, UserScorer } from '../models/model.js';
import { OnlineEngine } from '../online/online-engine.js';
import type { ModelSnapshot } from '../online/retrain.js';
import { Rng } from '../random.js';

/** The replay's clock: the first item is played at REPLAY_T0 + REPLAY_STEP_MS, each next one a step later. */
export const REPLAY_T0 = Date.UTC(2020, 0, 1);
export const REPLAY_STEP_MS = 1000;
const T0 = REPLAY_T0;
const STEP_MS = REPLAY_STEP_MS;
const NOT_OFFERED = -1e9;

export interface ReplayOptions {
  /** Negative candidates per replayed choice for the ranking model. */
  negatives: number;
  seed: number;
}

export class OnlineReplayModel implements Recommender {
  readonly name = 'online';
  readonly engine = new OnlineEngine();
  private clock = T0;
  private readonly rng: Rng;
  /** Replayed choices, and how many of them were among the person's candidates. */
  choices = 0;
  offered = 0;

  constructor(
    readonly numItems: number,
    readonly opts: ReplayOptions,
  ) {
    this.rng = new Rng(opts.seed);
    for (let i = numItems - 1; i >= 0; i--) {
      this.engine.upsertVideo(
        {
          id: String(i),
          title: '',
          creatorId: `c${i}`,
          creatorName: '',
          categoryId: null,
          categoryName: null,
          tags: [],
          priceFen: null,
          shopId: null,
          productIds: [],
          publishedAt: T0,
        },
        false,
        T0,
      );
    }
  }

  /** Person u chose `items`, in order (appended to whatever was replayed for them before). */
  play(u: number, items: ArrayLike<number>): void {
    const actor = `u${u}`;
    for (let k = 0; k < items.length; k++) {
      const item = this.engine.catalog.indexOf(String(items[k]!));
      this.clock += STEP_MS;
      if (this.engine.profileOf(actor)) {
        this.choices++;
        if (this.engine.learnChoice(actor, item, this.clock, this.opts.negatives, (n) => this.rng.int(n)))
          this.offered++;
      }
      this.engine.observe({ actor, kind: 'purchase', videoId: String(items[k]!), at: this.clock });
    }
  }

  /** A retrained model taken by the engine's hot swap, as the feed takes one. */
  swap(snapshot: ModelSnapshot): number {
    return this.engine.swapModel('retrained', snapshot, this.clock).videos;
  }

  forUser(u: number): UserScorer {
    const values = new Map<number, number>();
    for (const [item, value] of this.engine.valuedCandidates(`u${u}`, this.clock))
      values.set(Number(this.engine.catalog.meta(item).id), value);
    return {
      score: (items, out) => {
        for (let k = 0; k < items.length; k++) out[k] = values.get(items[k]!) ?? NOT_OFFERED;
      },
      scoreAll: (out) => {
        out.fill(NOT_OFFERED);
        for (const [item, value] of values) out[item] = value;
      },
    };
  }
}
