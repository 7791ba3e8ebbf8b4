/**
 * The admins' view of the interest engine's model versions (平台管理 → 推荐模型): the list, with
 * each version's offline figures, whether it serves and why, and a retraining on demand.
 */
import { requireRole } from '../accounts/index.js';
import type { Actor, CoreContext } from '../context.js';
import { listModelVersions, requestRetrain, type ModelVersion } from './model-versions.js';
import { runningRecommendService } from './recommend-service.js';
import { remoteEngine, type EngineModelState } from './remote-engine.js';
import { RETRAIN_SCHEDULE_DEFAULTS } from './retrainer.js';

export interface ModelVersionsView {
  versions: ModelVersion[];
  /** True when this process runs the engine with background retraining (requests are picked up at once). */
  retraining: boolean;
  /** Between scheduled retrainings (0: on demand only; null: no retraining in this process). */
  everyMs: number | null;
  /** The engines and the version each serves: this process's, or the engine service's replicas. */
  engines: EngineModelState[];
}

export async function adminModelVersions(ctx: CoreContext, actor: Actor): Promise<ModelVersionsView> {
  requireRole(actor, 'admin');
  const service = runningRecommendService(ctx);
  const retrainer = service?.retrainer ?? null;
  const remote = remoteEngine(ctx);
  const engines: EngineModelState[] = service
    ? [{ replica: null, version: service.modelVersion, reachable: service.isWarm }]
    : remote?.engines
      ? await remote.engines().catch(() => [])
      : [];
  return {
    versions: await listModelVersions(ctx.db, 50),
    retraining: retrainer !== null,
    everyMs: retrainer ? retrainer.everyMs : null,
    engines,
  };
}

/** Asks for a retraining now; one already requested or running is returned instead. */
export async function adminRequestRetrain(ctx: CoreContext, actor: Actor): Promise<ModelVersion> {
  requireRole(actor, 'admin');
  const retrainer = runningRecommendService(ctx)?.retrainer;
  if (retrainer) return retrainer.request('manual', actor.userId);
  return requestRetrain(ctx.db, 'manual', actor.userId, RETRAIN_SCHEDULE_DEFAULTS.epochs, ctx.clock.now());
}
