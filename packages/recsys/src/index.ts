export { Rng, deriveSeed } from './random.js';
export {
  parseInteractions,
  readInteractions,
  sequenceOf,
  DatasetFormatError,
  type Interactions,
} from './data/dataset.js';
export { leaveOneOut, evaluableUsers, historyFor, MIN_EVALUATED_LENGTH, type Split } from './eval/split.js';
export {
  buildProtocol,
  sampleNegatives,
  DEFAULT_MAX_USERS,
  DEFAULT_NEGATIVES,
  DEFAULT_SEED,
  type Protocol,
  type PhasePlan,
} from './eval/protocol.js';
export { sampledRank, fullRank, hitAt, ndcgAt, CUTOFF } from './eval/metrics.js';
export { evaluate, type PhaseResult } from './eval/evaluate.js';
export {
  runEval,
  replayOnline,
  EVAL_MODELS,
  type EvalModel,
  type EvalOptions,
  type EvalReport,
  type ModelReport,
  type Progress,
} from './eval/run.js';
export type { Recommender, UserScorer } from './models/model.js';
export { PopularModel, itemCounts } from './models/popular.js';
export {
  Cooccurrence,
  CooccurrenceModel,
  COOCCURRENCE_DEFAULTS,
  type CooccurrenceOptions,
} from './models/cooccurrence.js';
export { Engine, ENGINE_DEFAULTS, FEATURE_NAMES, type EngineOptions, type Recommendation } from './engine/engine.js';
export { SeqEmbedding, SEQ_EMBEDDING_DEFAULTS, type SeqEmbeddingOptions } from './engine/seq-embedding.js';
export { IdTable } from './engine/id-table.js';
export { EmbeddingEnsemble } from './engine/ensemble.js';
export { trainInWorkers } from './engine/worker-pool.js';
export { trainEpochs, type RowSequences } from './engine/train-embedding.js';
export { Trending } from './engine/trending.js';
export { LinearRanker } from './engine/ranker.js';
export {
  OnlineEngine,
  ONLINE_ENGINE_DEFAULTS,
  type OnlineEngineOptions,
  type Recommended,
  type RecommendRequest,
} from './online/online-engine.js';
export { SwapStage } from './online/swap-stage.js';
export { SIGNAL_KINDS, interestWeight, priceBand, type Signal, type SignalKind } from './online/signals.js';
export type { ItemMeta } from './online/item-catalog.js';
export {
  itemHeads,
  MAX_VIEWER_CREATIVES,
  PRODUCT_VIDEOS,
  type HeadsPerson,
  type ItemHeads,
} from './online/item-heads.js';
export {
  POOL_RATES,
  TRAFFIC_POOL_DEFAULTS,
  TrafficPool,
  type PoolRate,
  type PoolRates,
  type PoolStep,
  type TrafficPoolOptions,
} from './online/traffic-pool.js';
export { featureHash, HashedRanker, VALUE_DEFAULTS, type ValueFormula } from './online/hashed-ranker.js';
export { FIELD as RANKING_FIELD } from './online/ranking-features.js';
export { SOURCES, type SourceName, type Candidate } from './online/sources.js';
export type { Reason, ReasonCode } from './online/reasons.js';
export { diversify, MAX_IN_A_ROW } from './online/rerank.js';
export {
  trainingSet,
  trainingSetOf,
  retrain,
  onePass,
  evaluateSnapshot,
  snapshotBuffers,
  RETRAIN_DEFAULTS,
  type TrainingSet,
  type ModelSnapshot,
  type OfflineFigures,
  type RetrainOptions,
} from './online/retrain.js';
export { buildCovisit, fitChoiceWeights, CHOICE_FEATURES, type CovisitSnapshot } from './online/retrain-tables.js';
