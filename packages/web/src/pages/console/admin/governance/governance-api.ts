/** The rule book endpoints (平台管理 · 红线词库) and the authors' pre-check. */
import { api } from '../../../../api/client';
import type { Page } from '../../../../api/types';

export type TermClass = 'absolute' | 'medical' | 'diversion' | 'bait' | 'prohibited';
export type Severity = 'reject' | 'review' | 'warn';
export const TERM_CLASSES: TermClass[] = ['absolute', 'medical', 'diversion', 'bait', 'prohibited'];
export const SEVERITIES: Severity[] = ['reject', 'review', 'warn'];

export interface RuleInfo { code: string; zh: string; en: string }
export interface Term { id: string; text: string; class: TermClass; severity: Severity; rule: string; ruleText: { zh: string; en: string }; enabled: boolean; createdBy: string | null; createdAt: number; updatedAt: number }
export interface Homophone { id: string; canonical: string; variant: string; createdBy: string | null; createdAt: number }
export interface CheckHit { field: string; termId: string; term: string; class: TermClass; severity: Severity; rule: string; ruleText: { zh: string; en: string }; start: number; end: number; matched: string }
export interface CheckResult { verdict: 'pass' | Severity; hits: CheckHit[]; bookVersion: number }

const enc = encodeURIComponent;

export const governanceApi = {
  rules: () => api<{ rules: RuleInfo[] }>('GET', '/admin/governance/rules'),
  terms: (q: { class?: TermClass | undefined; q?: string | undefined; cursor: string | null }) =>
    api<Page<Term> & { version: number }>('GET', '/admin/governance/terms', { query: { limit: 20, ...q } }),
  addTerm: (body: { text: string; class: TermClass; severity: Severity; rule: string }) => api<Term>('POST', '/admin/governance/terms', { body }),
  updateTerm: (id: string, body: Partial<{ text: string; class: TermClass; severity: Severity; rule: string; enabled: boolean }>) =>
    api<Term>('PATCH', `/admin/governance/terms/${enc(id)}`, { body }),
  homophones: () => api<{ items: Homophone[]; version: number }>('GET', '/admin/governance/homophones'),
  addHomophone: (body: { canonical: string; variant: string }) => api<Homophone>('POST', '/admin/governance/homophones', { body }),
  removeHomophone: (id: string) => api<void>('DELETE', `/admin/governance/homophones/${enc(id)}`),
  check: (text: string) => api<CheckResult>('POST', '/governance/check', { body: { fields: [{ field: 'text', text }] } }),
};
