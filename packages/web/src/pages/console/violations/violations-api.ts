/** The violation endpoints: the merchant's board and appeals, the creator's credit, the admin's queue and catalogue. */
import { api } from '../../../api/client';
import type { Answer } from '../../../api/contract';

export type Board = Answer<'/api/v1/merchant/shops/{shopId}/violation-board', 'get'>;
export type Violation = Board['items'][number];
export type Penalty = Board['penalties'][number];
export type Ledger = Violation['ledger'];
export type PenaltyKind = Penalty['kind'];
export type TimelineEntry = Violation['timeline'][number];
export type Appeal = Violation['appeals'][number];
export type Credit = Answer<'/api/v1/creator/credit', 'get'>;
export type CatalogueEntry = Answer<'/api/v1/admin/violations/rules', 'get'>['items'][number];
export type QueueItem = Answer<'/api/v1/admin/violations/appeals', 'get'>['items'][number];

const enc = encodeURIComponent;

export const violationsApi = {
  board: (shopId: string) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}/violation-board', 'get'>>(
      'GET',
      `/merchant/shops/${enc(shopId)}/violation-board`,
    ),
  appeal: (violationId: string, body: { text: string; evidence: string[] }) =>
    api<Answer<'/api/v1/violations/{violationId}/appeals', 'post'>>('POST', `/violations/${enc(violationId)}/appeals`, {
      body,
    }),
  credit: () => api<Answer<'/api/v1/creator/credit', 'get'>>('GET', '/creator/credit'),
  appeals: (status: 'pending' | 'granted' | 'rejected') =>
    api<Answer<'/api/v1/admin/violations/appeals', 'get'>>('GET', '/admin/violations/appeals', { query: { status } }),
  decide: (appealId: string, body: { grant: boolean; reason: string }) =>
    api<Answer<'/api/v1/admin/violations/appeals/{appealId}/decision', 'post'>>(
      'POST',
      `/admin/violations/appeals/${enc(appealId)}/decision`,
      { body },
    ),
  catalogue: () => api<Answer<'/api/v1/admin/violations/rules', 'get'>>('GET', '/admin/violations/rules'),
  setPoints: (code: string, milliPoints: number) =>
    api<Answer<'/api/v1/admin/violations/rules/{code}', 'patch'>>('PATCH', `/admin/violations/rules/${enc(code)}`, {
      body: { milliPoints },
    }),
  record: (body: { subjectKind: 'shop' | 'creator'; subjectId: string; rule: string; refId: string; note: string }) =>
    api<Answer<'/api/v1/admin/violations', 'post'>>('POST', '/admin/violations', { body }),
};

/** 12 000 thousandths → "12", 100 → "0.1". */
export const pts = (milli: number): string => String(Math.round(milli) / 1000);
