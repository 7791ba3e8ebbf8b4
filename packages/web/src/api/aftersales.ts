/** After-sales (售后) calls and shapes: cases, evidence, messages, actions, merchant lists, arbitration. */
import { api, ApiError, API_BASE, getCsrfToken } from './client';
import type { Answer } from './contract';
import { getMe } from './endpoints';

export const CASE_TYPES = ['refund_unshipped', 'refund_only', 'return_refund', 'exchange', 'fresh_claim'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_STATUSES = [
  'requested',
  'countered',
  'awaiting_return',
  'return_shipped',
  'escalated',
  'refunded',
  'rejected',
  'completed',
  'closed',
  'cancelled',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const REASON_CODES = [
  'changed_mind',
  'no_reason',
  'quality',
  'spoiled',
  'damaged',
  'wrong_item',
  'not_as_described',
  'missing',
  'not_received',
  'late',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export type BuyerAction = 'cancel' | 'accept_counter' | 'escalate' | 'ship_return';
export type MerchantAction = 'approve' | 'reject' | 'counter' | 'confirm_return' | 'reject_return' | 'reship';
export type CaseAction = BuyerAction | MerchantAction;

export type Evidence = Answer<'/api/v1/aftersales/evidence', 'post'>;
type ServerCase = Answer<'/api/v1/aftersales/cases/{caseId}', 'get'>;
export type CaseSummary = Answer<'/api/v1/aftersales/cases', 'get'>['items'][number];
export type CaseDeadline = NonNullable<CaseSummary['deadline']>;
export type TimelineEntry = ServerCase['timeline'][number];
export type CaseView = ServerCase;
export type ParcelRef = NonNullable<CaseView['returnShipment']>;
export type CasePage = Answer<'/api/v1/aftersales/cases', 'get'>;
export type MerchantCasePage = Answer<'/api/v1/merchant/shops/{shopId}/aftersales', 'get'>;
export type EscalatedCasePage = Answer<'/api/v1/admin/aftersales', 'get'>;

export interface NewCase {
  type: CaseType;
  orderLineId: string;
  reasonCode: ReasonCode;
  note?: string;
  amountFen?: number;
  spoiledPercent?: number;
  evidence?: string[];
}

export interface ActionInput {
  action: CaseAction;
  amountFen?: number;
  reason?: string;
  note?: string;
  carrier?: string;
  trackingNo?: string;
}

export interface ArbitrationInput {
  decision: 'refund' | 'reject';
  amountFen?: number;
  reason: string;
}

const enc = encodeURIComponent;

export function fileCase(orderId: string, input: NewCase): Promise<CaseView> {
  return api<CaseView>('POST', `/orders/${enc(orderId)}/aftersales`, { body: input });
}
export function listMyCases(cursor: string | null): Promise<CasePage> {
  return api<Answer<'/api/v1/aftersales/cases', 'get'>>('GET', '/aftersales/cases', { query: { cursor } });
}
export function getCase(caseId: string): Promise<CaseView> {
  return api<CaseView>('GET', `/aftersales/cases/${enc(caseId)}`);
}
export function postCaseMessage(caseId: string, text: string, evidence: string[] = []): Promise<CaseView> {
  return api<CaseView>('POST', `/aftersales/cases/${enc(caseId)}/messages`, {
    body: evidence.length ? { text, evidence } : { text },
  });
}
export function actOnCase(caseId: string, input: ActionInput): Promise<CaseView> {
  return api<CaseView>('POST', `/aftersales/cases/${enc(caseId)}/actions`, { body: input });
}
export function listShopCases(shopId: string, status: string | null, cursor: string | null): Promise<MerchantCasePage> {
  return api<Answer<'/api/v1/merchant/shops/{shopId}/aftersales', 'get'>>(
    'GET',
    `/merchant/shops/${enc(shopId)}/aftersales`,
    { query: { status, cursor } },
  );
}
export function listEscalatedCases(status: string | null, cursor: string | null): Promise<EscalatedCasePage> {
  return api<Answer<'/api/v1/admin/aftersales', 'get'>>('GET', '/admin/aftersales', { query: { status, cursor } });
}
export function arbitrate(caseId: string, input: ArbitrationInput): Promise<CaseView> {
  return api<CaseView>('POST', `/admin/aftersales/${enc(caseId)}/arbitrate`, { body: input });
}

/** Uploads one evidence photo (multipart field "file"); the server sniffs the type. */
export async function uploadEvidence(file: Blob, name = 'photo'): Promise<Evidence> {
  return uploadPhoto('/aftersales/evidence', file, name);
}

/** Uploads one photo as multipart (field "file") to an upload route; answers its id and URL. */
export async function uploadPhoto(path: string, file: Blob, name = 'photo'): Promise<Evidence> {
  const form = new FormData();
  form.append('file', file, name);
  const token = getCsrfToken() ?? (await getMe())?.csrfToken ?? null;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers['x-csrf-token'] = token;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (response.ok) return data as Evidence;
  const error = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)
    ?.error;
  throw new ApiError(
    response.status,
    error?.code ?? `HTTP_${response.status}`,
    error?.message ?? response.statusText,
    error?.details ?? {},
  );
}
