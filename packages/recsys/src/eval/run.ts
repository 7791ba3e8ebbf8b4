/**
 * `recsys eval`: the published protocol on one data set, for most-popular, item-to-item
 * co-occurrence and the engine, on the same split, users, negatives and seed.
 *
 * Every model is built twice with the same settings: from the train sequences, to be scored on
 * the validation item (where the engine's ranker is fitted and all tuning happens), and from
 * everything the protocol gives a model at test time (train sequences plus validation items), to
 * be scored on the test item. Test items are never read before the test scoring.
 */
import { sequenceOf, type Interactions } from '../data/dataset.js';
import { Engine, ENGINE_DEFAULTS, type EngineOptions } from '../engine/engine.js';
import { COOCCURRENCE_DEFAULTS, Cooccurrence, CooccurrenceModel } from '../models/cooccurrence.js';
import type { Recommender } from '../models/model.js';
import { itemCounts, PopularModel } from '../models/popular.js';
import { deriveSeed } from '../random.js';
import { trainInWorkers } from '../engine/worker-pool.js';
import { fitRankerOnValidation, type RankerFitReport } from './engine-fit.js';
import { OnlineReplayModel, REPLAY_STEP_MS, REPLAY_T0 } from './online-replay.js';
import { retrain, RETRAIN_DEFAULTS, trainingSetOf, type RetrainOptions } from '../online/retrain.js';
import { CHOICE_FEATURES } from '../online/retrain-tables.js';
import { evaluate, type PhaseResult } from './evaluate.js';
import { buildProtocol, DEFAULT_MAX_USERS, DEFAULT_NEGATIVES, DEFAULT_SEED, type Protocol } from './protocol.js';
import { evaluableUsers, leaveOneOut, type Split } from './split.js';

export type Progress = (stage: string, done: number, total: number) => void;

export interface EvalOptions {
  seed?: number;
  maxUsers?: number;
  /** Embedding epochs of the engine (default: ENGINE_DEFAULTS.epochs). */
  epochs?: number;
  /** Also rank against every item (default true). */
  full?: boolean;
  engine?: Partial<EngineOptions>;
  /** Worker threads for embedding training (default: one per core). */
  workers?: number;
  /** The live feed's retraining (the `retrained` row). */
  retrain?: RetrainOptions;
  /** Which models to build and score (default: all of EVAL_MODELS). */
  models?: readonly EvalModel[];
  /** Score the validation item only: no model is built for test and test figures are null (for tuning). */
  validationOnly?: boolean;
  progress?: Progress;
}

/** The rows of the evaluation, in order. */
export const EVAL_MODELS = ['popular', 'cooccurrence', 'engine', 'online', 'retrained'] as const;
export type EvalModel = (typeof EVAL_MODELS)[number];

export interface ModelReport {
  /** Test figures: null when only validation was scored. */
  'hr@10': number | null;
  'ndcg@10': number | null;
  'full_hr@10': number | null;
  'full_ndcg@10': number | null;
  'valid_hr@10': number;
  'valid_ndcg@10': number;
  train_s: number;
  eval_s: number;
  /** Process resident memory right after this model was trained. */
  rss_mb: number;
  [extra: string]: unknown;
}

export interface EvalReport {
  protocol: Record<string, unknown>;
  /** `engine`: the batch-trained sequence model; `online`: the live feed's engine, replayed; `retrained`: the same with the feed's retraining (once, on the train sequences) swapped in. */
  /** The models asked for (all by default). */
  results: Partial<Record<EvalModel, ModelReport>>;
  train_s: number;
  eval_s: number;
  rss_mb: number;
}

const MODEL_CUTOFF = 10;

export function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1048576);
}

export async function runEval(data: Interactions, opts: EvalOptions = {}): Promise<EvalReport> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const full = opts.full ?? true;
  const progress = opts.progress ?? (() => {});
  const split = leaveOneOut(data);
  const protocol = buildProtocol(split, {
    seed,
    maxUsers: opts.maxUsers ?? DEFAULT_MAX_USERS,
    negatives: DEFAULT_NEGATIVES,
  });
  const models = new Set<EvalModel>(opts.models ?? EVAL_MODELS);
  const validationOnly = opts.validationOnly ?? false;
  let peak = rssMb();
  /** Scores the validation phase with `validModel` and the test phase with `testModel` (unless validation only). */
  const measure = (
    name: string,
    validModel: Recommender,
    trainS: number,
    extra: Record<string, unknown>,
    testModel: Recommender | null,
  ): ModelReport => {
    const rss = rssMb();
    peak = Math.max(peak, rss);
    const v = evaluate(validModel, split, protocol.valid, { progress: (d, t) => progress(`${name} validation`, d, t) });
    const t = testModel
      ? evaluate(testModel, split, protocol.test, { full, progress: (d, n) => progress(`${name} test`, d, n) })
      : null;
    peak = Math.max(peak, rssMb());
    return report(v, t, trainS, rss, extra);
  };

  const testInput = withValidation(split);
  const results: Partial<Record<EvalModel, ModelReport>> = {};
  if (models.has('popular')) {
    const started = performance.now();
    const valid = new PopularModel(itemCounts(split.train, split.numItems));
    const test = validationOnly ? null : new PopularModel(itemCounts(testInput, split.numItems));
    results.popular = measure('popular', valid, seconds(started), {}, test);
  }
  if (models.has('cooccurrence')) {
    const started = performance.now();
    const [valid, test] = (validationOnly ? [split.train] : [split.train, testInput]).map((seqs) => {
      const table = new Cooccurrence(split.numItems, { ...COOCCURRENCE_DEFAULTS });
      table.addSequences(seqs);
      return new CooccurrenceModel(table);
    });
    results.cooccurrence = measure(
      'cooccurrence',
      valid!,
      seconds(started),
      { settings: COOCCURRENCE_DEFAULTS },
      test ?? null,
    );
  }
  if (models.has('engine')) results.engine = await engineRow(split, testInput, opts, seed, validationOnly, measure);
  const replayed = { seed, full, progress, validationOnly };
  if (models.has('online')) results.online = replayOnline(split, protocol, replayed);
  if (models.has('retrained'))
    results.retrained = replayOnline(split, protocol, { ...replayed, retrain: opts.retrain ?? RETRAIN_DEFAULTS });
  for (const r of [results.online, results.retrained]) if (r) peak = Math.max(peak, r.rss_mb);

  const all = Object.values(results);
  return {
    protocol: describeProtocol(data, protocol),
    results,
    train_s: round(
      all.reduce((t, m) => t + m.train_s, 0),
      1,
    ),
    eval_s: round(
      all.reduce((t, m) => t + m.eval_s, 0),
      1,
    ),
    rss_mb: peak,
  };
}

/**
 * The engine's row: one engine trained on train (for tuning), one on train + validation (for
 * test, unless validation only); their embedding models train in parallel on worker threads.
 */
async function engineRow(
  split: Split,
  testInput: { offsets: Int32Array; items: Int32Array },
  opts: EvalOptions,
  seed: number,
  validationOnly: boolean,
  measure: (
    name: string,
    validModel: Recommender,
    trainS: number,
    extra: Record<string, unknown>,
    testModel: Recommender | null,
  ) => ModelReport,
): Promise<ModelReport> {
  const progress = opts.progress ?? (() => {});
  const engineOpts: EngineOptions = {
    ...ENGINE_DEFAULTS,
    ...opts.engine,
    ...(opts.epochs !== undefined ? { epochs: opts.epochs } : {}),
  };
  const started = performance.now();
  const tuned = new Engine(split.numItems, engineOpts);
  const final = validationOnly ? null : new Engine(split.numItems, engineOpts);
  const jobs = [
    ...tuned.embeddings.jobs(tuned.ingest(split.train), engineOpts.epochs, deriveSeed(seed, 'engine')),
    ...(final
      ? final.embeddings.jobs(final.ingest(testInput), engineOpts.epochs, deriveSeed(seed, 'engine-final'))
      : []),
  ];
  let epochsDone = 0;
  const totalEpochs = jobs.length * engineOpts.epochs;
  const states = await trainInWorkers(jobs, {
    concurrency: opts.workers,
    onEpoch: () => progress('engine embedding epochs', ++epochsDone, totalEpochs),
  });
  tuned.embeddings.load(states.slice(0, engineOpts.members));
  final?.embeddings.load(states.slice(engineOpts.members));
  progress('engine ranker fit (validation)', 0, 1);
  const ranker: RankerFitReport = fitRankerOnValidation(tuned, split, evaluableUsers(split), {
    negatives: 20,
    seed: deriveSeed(seed, 'ranker'),
  });
  progress('engine ranker fit (validation)', 1, 1);
  final?.ranker.weights.set(tuned.ranker.weights);
  return measure(
    'engine',
    tuned,
    seconds(started),
    { members: engineOpts.members, epochs: engineOpts.epochs, dim: engineOpts.embedding.dim, ranker },
    final,
  );
}

/**
 * The live feed's engine, as a stream: the train sequences are replayed, the validation item
 * scored; then every validation item is replayed too and the test item scored (the engine
 * learns online, so one model serves both phases, and no test item is ever replayed).
 */
export function replayOnline(
  split: Split,
  protocol: Protocol,
  opts: { seed: number; full: boolean; progress: Progress; retrain?: RetrainOptions; validationOnly?: boolean },
): ModelReport {
  const started = performance.now();
  const name = opts.retrain ? 'live (retrained)' : 'online';
  const model = new OnlineReplayModel(split.numItems, { negatives: 4, seed: deriveSeed(opts.seed, 'online') });
  const step = Math.max(1, Math.floor(split.numUsers / 100));
  for (let u = 0; u < split.numUsers; u++) {
    model.play(u, sequenceOf(split.train, u));
    if (u % step === 0 || u === split.numUsers - 1) opts.progress(`${name} replay`, u + 1, split.numUsers);
  }
  const extra: Record<string, unknown> = {};
  if (opts.retrain) {
    // As the platform runs: the engine has warmed from the history, the retraining on that
    // history is swapped in, and online learning goes on from there (the validation items).
    const r = opts.retrain;
    const retrainStarted = performance.now();
    // The history's times are the replay's; each person's latest train item is held out for
    // the ranker's choice weights (as the platform holds out its latest choice), never a
    // validation or test item.
    const set = trainingSetOf(split.train, split.numItems, {
      holdOutLast: true,
      t0: REPLAY_T0,
      stepMs: REPLAY_STEP_MS,
    });
    const snapshot = retrain(set, { ...r, seed: deriveSeed(opts.seed, 'retrain') }, (e) =>
      opts.progress(`${name} epochs`, e, r.epochs),
    );
    extra.retrain_s = round(seconds(retrainStarted), 1);
    extra.swapped_videos = model.swap(snapshot);
    extra.covisit_rows = snapshot.covisit?.owners.length ?? 0;
    extra.choice_weights = snapshot.choice ? Array.from(snapshot.choice, (w) => round(w, 4)) : null;
    extra.choice_features = CHOICE_FEATURES;
    extra.epochs = r.epochs;
    extra.dim = r.model.dim;
  }
  let trainS = seconds(started);
  const rss = rssMb();
  const v = evaluate(model, split, protocol.valid, { progress: (d, t) => opts.progress(`${name} validation`, d, t) });
  const more = performance.now();
  if (opts.validationOnly)
    return report(v, null, trainS, Math.max(rss, rssMb()), {
      ...extra,
      replayed_choices: model.choices,
      choices_among_candidates: round(model.offered / Math.max(1, model.choices), 4),
    });
  for (let u = 0; u < split.numUsers; u++) if (split.valid[u]! >= 0) model.play(u, [split.valid[u]!]);
  trainS += seconds(more);
  const t = evaluate(model, split, protocol.test, {
    full: opts.full,
    progress: (d, n) => opts.progress(`${name} test`, d, n),
  });
  return report(v, t, trainS, Math.max(rss, rssMb()), {
    ...extra,
    replayed_choices: model.choices,
    choices_among_candidates: round(model.offered / Math.max(1, model.choices), 4),
  });
}

/** Train sequences with each evaluated user's validation item appended: the model's input at test time. */
export function withValidation(split: Split): { offsets: Int32Array; items: Int32Array } {
  const offsets = new Int32Array(split.numUsers + 1);
  const items = new Int32Array(split.train.items.length + split.valid.filter((v) => v >= 0).length);
  for (let u = 0; u < split.numUsers; u++) {
    const train = sequenceOf(split.train, u);
    items.set(train, offsets[u]!);
    let end = offsets[u]! + train.length;
    if (split.valid[u]! >= 0) items[end++] = split.valid[u]!;
    offsets[u + 1] = end;
  }
  return { offsets, items };
}

function report(
  v: PhaseResult,
  t: PhaseResult | null,
  trainS: number,
  rss: number,
  extra: Record<string, unknown>,
): ModelReport {
  return {
    'hr@10': t ? round(t.hr, 4) : null,
    'ndcg@10': t ? round(t.ndcg, 4) : null,
    'full_hr@10': t?.fullHr == null ? null : round(t.fullHr, 4),
    'full_ndcg@10': t?.fullNdcg == null ? null : round(t.fullNdcg, 4),
    'valid_hr@10': round(v.hr, 4),
    'valid_ndcg@10': round(v.ndcg, 4),
    train_s: round(trainS, 1),
    eval_s: round(v.seconds + (t?.seconds ?? 0), 1),
    rss_mb: rss,
    ...extra,
  };
}

function describeProtocol(data: Interactions, p: Protocol): Record<string, unknown> {
  return {
    split:
      'leave-one-out per user: last item = test, second-to-last = validation, rest = train; users with < 3 interactions: train only, not evaluated',
    interactions: data.items.length,
    users: data.numUsers,
    items: data.numItems,
    evaluable_users: p.evaluableUsers,
    users_evaluated: p.test.users.length,
    users_sampled: p.sampledUsers,
    negatives: p.negatives,
    negative_sampling: 'independent uniform draws (with replacement) from items the user never interacted with',
    seed: p.seed,
    prng: 'xoshiro128** seeded by splitmix32, one derived stream per purpose',
    ties: 'rank = number of competing items scoring >= the held-out item (ties count against the model)',
    cutoff: MODEL_CUTOFF,
    test_input:
      'train sequence + validation item; every model is rebuilt from train + validation items for test (from train alone for validation)',
    tuning: 'validation item only (never test)',
    full_ranking: 'held-out item against every item the user never interacted with',
  };
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
