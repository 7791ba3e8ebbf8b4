/** The violation endpoints: the merchant's board and appeals, the creator's credit, the admin's queue and catalogue. */
import { api } from '../../../api/client';

export type Ledger = 'general' | 'serious' | 'fake_transaction';
export type PenaltyKind =
  | 'caution'
  | 'warning'
  | 'traffic_throttle'
  | 'affiliate_suspension'
  | 'paid_traffic_suspension'
  | 'payout_hold'
  | 'clear_out';
export interface TimelineEntry {
  kind: string;
  detail: Record<string, unknown>;
  actorId: string | null;
  at: number;
}
export interface Appeal {
  id: string;
  violationId: string;
  attempt: number;
  text: string;
  evidence: Array<{ id: string; url: string }>;
  status: 'pending' | 'granted' | 'rejected';
  decisionReason: string | null;
  createdAt: number;
  decidedAt: number | null;
}
export interface Violation {
  id: string;
  subjectKind: 'shop' | 'creator';
  subjectId: string;
  rule: string;
  ledger: Ledger;
  refId: string;
  milliPoints: number;
  status: 'in_force' | 'revoked';
  inForce: boolean;
  detail: Record<string, unknown>;
  createdAt: number;
  expiresAt: number;
  appeals: Appeal[];
  appeal: { open: true; attempt: number; until: number } | { open: false; reason: string };
  timeline: TimelineEntry[];
}
export interface Penalty {
  id: string;
  ledger: Ledger;
  milestone: number;
  kind: PenaltyKind;
  multiplierPermille: number | null;
  status: 'active' | 'ended' | 'lifted';
  startsAt: number;
  endsAt: number;
  liftedAt: number | null;
  liftReason: string | null;
}
export interface Board {
  ledgers: Array<{ ledger: Ledger; milliPoints: number; next: { points: number; caution: boolean } | null }>;
  penalties: Penalty[];
  items: Violation[];
}
export interface Credit {
  score: number;
  max: number;
  history: Violation[];
  penalties: Penalty[];
}
export interface CatalogueEntry {
  code: string;
  ledger: Ledger;
  milliPoints: number;
  defaultMilliPoints: number;
  subjects: Array<'shop' | 'creator'>;
  manual: boolean;
  updatedAt: number | null;
}
export type QueueItem = Appeal & { violation: Violation };

const enc = encodeURIComponent;

export const violationsApi = {
  board: (shopId: string) => api<Board>('GET', `/merchant/shops/${enc(shopId)}/violation-board`),
  appeal: (violationId: string, body: { text: string; evidence: string[] }) =>
    api<Violation>('POST', `/violations/${enc(violationId)}/appeals`, { body }),
  credit: () => api<Credit>('GET', '/creator/credit'),
  appeals: (status: 'pending' | 'granted' | 'rejected') =>
    api<{ items: QueueItem[] }>('GET', '/admin/violations/appeals', { query: { status } }),
  decide: (appealId: string, body: { grant: boolean; reason: string }) =>
    api<Violation>('POST', `/admin/violations/appeals/${enc(appealId)}/decision`, { body }),
  catalogue: () => api<{ items: CatalogueEntry[] }>('GET', '/admin/violations/rules'),
  setPoints: (code: string, milliPoints: number) =>
    api<CatalogueEntry>('PATCH', `/admin/violations/rules/${enc(code)}`, { body: { milliPoints } }),
  record: (body: { subjectKind: 'shop' | 'creator'; subjectId: string; rule: string; refId: string; note: string }) =>
    api<Violation>('POST', '/admin/violations', { body }),
};

/** 12 000 thousandths → "12", 100 → "0.1". */
export const pts = (milli: number): string => String(Math.round(milli) / 1000);
