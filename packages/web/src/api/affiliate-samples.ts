/** 寄样: sample requests of creators, answered by merchants. */
import { api } from './client';
import type { Answer } from './contract';

export type SampleRequest = Answer<'/api/v1/creator/samples/{requestId}/cancel', 'post'>;
export type SamplePage = Answer<'/api/v1/creator/samples', 'get'>;

export type SampleStatus = SampleRequest['status'];
export const SAMPLE_STATUSES: readonly SampleStatus[] = ['requested', 'approved', 'rejected', 'cancelled'];

const enc = encodeURIComponent;

export const requestSample = (body: { productId: string; skuId: string; note?: string }) =>
  api<SampleRequest>('POST', '/creator/samples', { body });
export const mySamples = (cursor: string | null) =>
  api<SamplePage>('GET', '/creator/samples', { query: { cursor, limit: 20 } });
export const cancelSample = (id: string) => api<SampleRequest>('POST', `/creator/samples/${enc(id)}/cancel`);
export const shopSamples = (shopId: string, status: SampleStatus | null, cursor: string | null) =>
  api<SamplePage>('GET', `/merchant/shops/${enc(shopId)}/samples`, { query: { status, cursor, limit: 20 } });
export const decideSample = (id: string, decision: 'approve' | 'reject', reason?: string) =>
  api<SampleRequest>('POST', `/merchant/samples/${enc(id)}/decision`, {
    body: reason ? { decision, reason } : { decision },
  });
