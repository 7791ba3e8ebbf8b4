/** The interest engine's model versions (平台管理 · 推荐模型) and retraining on demand. */
import { api } from '../../../../api/client';
import type { Answer } from '../../../../api/contract';

export type ModelVersionsView = Answer<'/api/v1/admin/recsys/models', 'get'>;
export type ModelVersion = ModelVersionsView['versions'][number];
export type OfflineScore = NonNullable<ModelVersion['figures']>['model'];
/** An engine and the version it serves (replica null: the engine of the server answering). */
export type EngineModelState = ModelVersionsView['engines'][number];

export const modelsApi = {
  list: () => api<ModelVersionsView>('GET', '/admin/recsys/models'),
  retrain: () => api<ModelVersion>('POST', '/admin/recsys/retrain'),
};

/** A figure with four decimals, as the offline evaluation prints it. */
export const f4 = (x: number): string => x.toFixed(4);
