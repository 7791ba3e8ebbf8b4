/** The interest engine's model versions (平台管理 · 推荐模型) and retraining on demand. */
import { api } from '../../../../api/client';

export interface OfflineScore { hr10: number; ndcg10: number; people: number }
export interface ModelVersion {
  id: string;
  status: 'requested' | 'training' | 'serving' | 'retired' | 'rejected' | 'failed';
  trigger: 'schedule' | 'manual';
  requestedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  epochsDone: number;
  epochs: number;
  people: number;
  events: number;
  videos: number;
  figures: { model: OfflineScore; baseline: OfflineScore; baselineVersion: string | null } | null;
  reason: string | null;
  error: string | null;
  swapMs: number | null;
}
/** An engine and the version it serves (replica null: the engine of the server answering). */
export interface EngineModelState { replica: number | null; version: string | null; reachable: boolean }
export interface ModelVersionsView { versions: ModelVersion[]; retraining: boolean; everyMs: number | null; engines: EngineModelState[] }

export const modelsApi = {
  list: () => api<ModelVersionsView>('GET', '/admin/recsys/models'),
  retrain: () => api<ModelVersion>('POST', '/admin/recsys/retrain'),
};

/** A figure with four decimals, as the offline evaluation prints it. */
export const f4 = (x: number): string => x.toFixed(4);
