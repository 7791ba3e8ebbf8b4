/**
 * The interest engine's model versions as stored: a retraining is requested (on a schedule, by
 * an admin, from the command line), claimed and trained by the process that runs the engine (in
 * scaled mode, the worker role), then serving, rejected (with why) or failed. At most one is requested or training at a time.
 * A version that serves has its snapshot stored (model-artefacts.ts) and is announced on the
 * outbox (`model.serving`), so every process running an engine swaps the same one in.
 */
import type { Db } from '../context.js';
import { newId } from '../platform/index.js';
import type { ModelVersionsTable } from '../storage/index.js';
import { emit } from '../outbox/index.js';

export type ModelVersionStatus = 'requested' | 'training' | 'serving' | 'retired' | 'rejected' | 'failed';
export type RetrainTrigger = 'schedule' | 'manual';
/** Why a trained model serves or not. */
export type ModelDecisionReason =
  | 'better_than_serving'
  | 'better_than_online'
  | 'worse_than_serving'
  | 'worse_than_online'
  | 'not_enough_history'
  | 'superseded'
  | 'process_restarted'
  | 'engine_unavailable'
  | 'training_failed';

export interface OfflineScore {
  hr10: number;
  ndcg10: number;
  people: number;
}

/** This model's figures on the held-out items, and the bar's (the serving model's, or one online pass's). */
export interface ModelFigures {
  model: OfflineScore;
  baseline: OfflineScore;
  /** The version that served when this one was trained (null: online learning only). */
  baselineVersion: string | null;
}

export interface ModelVersion {
  id: string;
  status: ModelVersionStatus;
  trigger: RetrainTrigger;
  requestedBy: string | null;
  requestedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  epochsDone: number;
  epochs: number;
  people: number;
  events: number;
  videos: number;
  figures: ModelFigures | null;
  reason: ModelDecisionReason | null;
  /** The error of a failed run. */
  error: string | null;
  swapMs: number | null;
}

const REASONS = new Set<string>([
  'better_than_serving',
  'better_than_online',
  'worse_than_serving',
  'worse_than_online',
  'not_enough_history',
  'superseded',
  'process_restarted',
  'engine_unavailable',
  'training_failed',
]);

function toVersion(r: ModelVersionsTable): ModelVersion {
  const known = r.reason !== null && REASONS.has(r.reason);
  return {
    id: r.id,
    status: r.status as ModelVersionStatus,
    trigger: r.trigger as RetrainTrigger,
    requestedBy: r.requested_by,
    requestedAt: Number(r.requested_at),
    startedAt: r.started_at == null ? null : Number(r.started_at),
    finishedAt: r.finished_at == null ? null : Number(r.finished_at),
    epochsDone: Number(r.epochs_done),
    epochs: Number(r.epochs),
    people: Number(r.people),
    events: Number(r.events),
    videos: Number(r.videos),
    figures: r.figures ? (JSON.parse(r.figures) as ModelFigures) : null,
    reason: known ? (r.reason as ModelDecisionReason) : r.status === 'failed' ? 'training_failed' : null,
    error: r.status === 'failed' && !known ? r.reason : null,
    swapMs: r.swap_ms == null ? null : Number(r.swap_ms),
  };
}

/** Asks for a retraining; a retraining already requested or running is returned instead of a second. */
export async function requestRetrain(
  db: Db,
  trigger: RetrainTrigger,
  by: string | null,
  epochs: number,
  now: number,
): Promise<ModelVersion> {
  const open = await db
    .selectFrom('model_versions')
    .selectAll()
    .where('status', 'in', ['requested', 'training'])
    .orderBy('requested_at')
    .executeTakeFirst();
  if (open) return toVersion(open);
  const row: ModelVersionsTable = {
    id: newId('modelVersion', now),
    status: 'requested',
    trigger,
    requested_by: by,
    requested_at: now,
    started_at: null,
    finished_at: null,
    epochs_done: 0,
    epochs,
    people: 0,
    events: 0,
    videos: 0,
    figures: null,
    reason: null,
    swap_ms: null,
  };
  await db.insertInto('model_versions').values(row).execute();
  return toVersion(row);
}

/** Claims the oldest requested retraining (conditionally, so two processes never both train it). */
export async function claimRequested(db: Db, now: number): Promise<ModelVersion | null> {
  const next = await db
    .selectFrom('model_versions')
    .selectAll()
    .where('status', '=', 'requested')
    .orderBy('requested_at')
    .executeTakeFirst();
  if (!next) return null;
  const r = await db
    .updateTable('model_versions')
    .set({ status: 'training', started_at: now })
    .where('id', '=', next.id)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? toVersion({ ...next, status: 'training', started_at: now }) : null;
}

export async function recordProgress(
  db: Db,
  id: string,
  patch: Partial<Pick<ModelVersionsTable, 'people' | 'events' | 'videos'>>,
): Promise<void> {
  await db.updateTable('model_versions').set(patch).where('id', '=', id).execute();
}

/**
 * The epochs a training has done. Progress is written without waiting (the training thread goes
 * on), so two writes can land out of order on a pool: the count only ever grows.
 */
export async function recordEpochs(db: Db, id: string, epochsDone: number): Promise<void> {
  await db
    .updateTable('model_versions')
    .set({ epochs_done: epochsDone })
    .where('id', '=', id)
    .where('epochs_done', '<', epochsDone)
    .execute();
}

/** The outbox topic announcing a version that now serves (subject: the version id). */
export const MODEL_SERVING_TOPIC = 'model.serving' as const;

/** The payload of `model.serving`: the version every engine swaps in. */
export interface ModelServingEvent {
  version: string;
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'model.serving': ModelServingEvent;
  }
}
export type ModelServingTopic = typeof MODEL_SERVING_TOPIC;

/**
 * Records the outcome of a training; a version that now serves retires the one before (whose
 * stored snapshot is dropped) and is announced on the outbox.
 */
export async function finishVersion(
  db: Db,
  id: string,
  outcome: {
    status: 'serving' | 'rejected' | 'failed';
    reason: string;
    figures: ModelFigures | null;
    swapMs: number | null;
    now: number;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (outcome.status === 'serving') {
      await trx
        .updateTable('model_versions')
        .set({ status: 'retired', reason: 'superseded' })
        .where('status', '=', 'serving')
        .execute();
      await trx.deleteFrom('model_artefacts').where('version_id', '<>', id).execute();
      await emit(trx, MODEL_SERVING_TOPIC, id, { version: id }, outcome.now);
    }
    await trx
      .updateTable('model_versions')
      .set({
        status: outcome.status,
        reason: outcome.reason,
        figures: outcome.figures ? JSON.stringify(outcome.figures) : null,
        swap_ms: outcome.swapMs == null ? null : Math.round(outcome.swapMs),
        finished_at: outcome.now,
      })
      .where('id', '=', id)
      .execute();
  });
}

/**
 * The engine's process started: a training it ran is asked for again, and a version serving
 * without a stored snapshot (trained before snapshots were stored) is retired; one with its
 * snapshot stays serving, and the engine loads it.
 */
export async function resetAtStart(db: Db, now: number): Promise<void> {
  await db
    .updateTable('model_versions')
    .set({ status: 'retired', reason: 'process_restarted', finished_at: now })
    .where('status', '=', 'serving')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('model_artefacts')
            .select('model_artefacts.version_id')
            .whereRef('model_artefacts.version_id', '=', 'model_versions.id'),
        ),
      ),
    )
    .execute();
  await db
    .updateTable('model_versions')
    .set({ status: 'requested', started_at: null, epochs_done: 0 })
    .where('status', '=', 'training')
    .execute();
}

/** The version serving now (null: online learning only). */
export async function servingVersionId(db: Db): Promise<string | null> {
  const r = await db
    .selectFrom('model_versions')
    .select('id')
    .where('status', '=', 'serving')
    .orderBy('finished_at', 'desc')
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function modelVersion(db: Db, id: string): Promise<ModelVersion | null> {
  const r = await db.selectFrom('model_versions').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toVersion(r) : null;
}

/** Newest first. */
export async function listModelVersions(db: Db, limit = 50): Promise<ModelVersion[]> {
  const rows = await db
    .selectFrom('model_versions')
    .selectAll()
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toVersion);
}
