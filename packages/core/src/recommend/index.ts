// The recommend module's public surface: the interest engine in the core process.
export { clientEventSignal } from './stored-signals.js';
export { videoMetasByIds } from './video-meta.js';
export {
  PROFILE_TTL_MS,
  type RecommendServiceOptions,
  type EngineLifecycleEvent,
  RecommendService,
  recommendService,
  runningRecommendService,
  mergeDeviceProfile,
  stopRecommendService,
} from './recommend-service.js';
export {
  type PoolStatus,
  type PoolStepView,
  type VideoPoolView,
  summarisePool,
  videoPoolView,
  myVideoPools,
} from './pool-steps.js';
export {
  FeedMultipliers,
  THROTTLED_MULTIPLIER,
  multiplierOf,
  type MultiplierRule,
  type MultiplierTable,
} from './throttle.js';
export {
  subscribeRecommendOutbox,
  learnFromDomainEvent,
  ENGINE_OUTBOX_TOPICS,
  type EngineOutboxTopic,
} from './outbox-signals.js';
export { feedEngineFromStream, type EngineIntake, type EngineIntakeFigures } from './stream-signals.js';
export { useRemoteEngine, remoteEngine, type RemoteEngine, type EngineModelState } from './remote-engine.js';
export {
  headRows,
  headsFromRows,
  MAX_PAGE_CREATIVES,
  type EnginePage,
  type HeadPair,
} from './engine-page.js';
export type { Recommended } from '@zhongcao/recsys';
export { WARM_SIGNAL_DAYS, WARM_VIDEO_DAYS, type WarmReport } from './warm.js';
export {
  listModelVersions,
  modelVersion,
  requestRetrain,
  type ModelVersion,
  type ModelVersionStatus,
  type ModelDecisionReason,
  type ModelFigures,
  type RetrainTrigger,
} from './model-versions.js';
export {
  Retrainer,
  RETRAIN_SCHEDULE_DEFAULTS,
  scoresWorse,
  type ModelAdoption,
  type RetrainDecision,
  type RetrainOptions,
} from './retrainer.js';
export { MODEL_SERVING_TOPIC, type ModelServingTopic } from './model-versions.js';
export { adminModelVersions, adminRequestRetrain, type ModelVersionsView } from './model-admin.js';
export type { PersonVectors } from './engine-desk.js';
export { SHOWN_FILTER_BITS, ShownFilter } from './shown-filter.js';
export { EngineStopped } from './engine-thread.js';
