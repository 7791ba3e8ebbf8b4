/** The rule book endpoints (平台管理 · 红线词库) and the authors' pre-check. */
import { api } from '../../../../api/client';
import type { Answer } from '../../../../api/contract';

export type Term = Answer<'/api/v1/admin/governance/terms', 'post'>;
export type TermClass = Term['class'];
export type Severity = Term['severity'];
export const TERM_CLASSES: TermClass[] = ['absolute', 'medical', 'diversion', 'bait', 'prohibited'];
export const SEVERITIES: Severity[] = ['reject', 'review', 'warn'];

export type RuleInfo = Answer<'/api/v1/admin/governance/rules', 'get'>['rules'][number];
export type Homophone = Answer<'/api/v1/admin/governance/homophones', 'post'>;
export type CheckResult = Answer<'/api/v1/governance/check', 'post'>;
export type CheckHit = CheckResult['hits'][number];

const enc = encodeURIComponent;

export const governanceApi = {
  rules: () => api<Answer<'/api/v1/admin/governance/rules', 'get'>>('GET', '/admin/governance/rules'),
  terms: (q: { class?: TermClass | undefined; q?: string | undefined; cursor: string | null }) =>
    api<Answer<'/api/v1/admin/governance/terms', 'get'>>('GET', '/admin/governance/terms', {
      query: { limit: 20, ...q },
    }),
  addTerm: (body: { text: string; class: TermClass; severity: Severity; rule: string }) =>
    api<Term>('POST', '/admin/governance/terms', { body }),
  updateTerm: (
    id: string,
    body: Partial<{ text: string; class: TermClass; severity: Severity; rule: string; enabled: boolean }>,
  ) => api<Term>('PATCH', `/admin/governance/terms/${enc(id)}`, { body }),
  homophones: () => api<Answer<'/api/v1/admin/governance/homophones', 'get'>>('GET', '/admin/governance/homophones'),
  addHomophone: (body: { canonical: string; variant: string }) =>
    api<Homophone>('POST', '/admin/governance/homophones', { body }),
  removeHomophone: (id: string) => api<void>('DELETE', `/admin/governance/homophones/${enc(id)}`),
  check: (text: string) =>
    api<CheckResult>('POST', '/governance/check', { body: { fields: [{ field: 'text', text }] } }),
};
