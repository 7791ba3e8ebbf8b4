/**
 * Reconciliation, the pure part: given the provider's statement and our records of the same
 * things, list every difference. Each side is keyed by our reference (payment, refund or payout id).
 */
import type { ProviderRecord } from './payout-provider.js';

export interface OurRecord {
  kind: 'payment' | 'refund' | 'payout';
  ref: string;
  /** What the ledger booked as settled with the provider (captured, refunded, paid out); 0 if nothing. */
  bookedFen: number;
  /** Our status: succeeded (booked), failed, or pending (asked, not yet confirmed). */
  status: 'succeeded' | 'failed' | 'pending';
}

export interface Mismatch {
  kind: 'payment' | 'refund' | 'payout';
  ref: string;
  code: 'MISSING_IN_LEDGER' | 'MISSING_AT_PROVIDER' | 'AMOUNT_DIFFERS' | 'STATUS_DIFFERS';
  providerFen: number | null;
  ledgerFen: number | null;
  providerStatus: string | null;
  ledgerStatus: string | null;
}

export function reconcile(provider: readonly ProviderRecord[], ours: readonly OurRecord[]): Mismatch[] {
  const key = (k: string, r: string): string => `${k}|${r}`;
  const mine = new Map(ours.map((o) => [key(o.kind, o.ref), o]));
  const theirs = new Map(provider.map((p) => [key(p.kind, p.ref), p]));
  const out: Mismatch[] = [];
  for (const p of provider) {
    const o = mine.get(key(p.kind, p.ref));
    const base = { kind: p.kind, ref: p.ref, providerFen: p.amountFen, providerStatus: p.status };
    if (!o) {
      if (p.status === 'succeeded')
        out.push({ ...base, code: 'MISSING_IN_LEDGER', ledgerFen: null, ledgerStatus: null });
      continue;
    }
    if (p.status !== o.status)
      out.push({ ...base, code: 'STATUS_DIFFERS', ledgerFen: o.bookedFen, ledgerStatus: o.status });
    else if (p.status === 'succeeded' && p.amountFen !== o.bookedFen)
      out.push({ ...base, code: 'AMOUNT_DIFFERS', ledgerFen: o.bookedFen, ledgerStatus: o.status });
  }
  for (const o of ours) {
    if (o.status === 'succeeded' && !theirs.has(key(o.kind, o.ref)))
      out.push({
        kind: o.kind,
        ref: o.ref,
        code: 'MISSING_AT_PROVIDER',
        providerFen: null,
        ledgerFen: o.bookedFen,
        providerStatus: null,
        ledgerStatus: o.status,
      });
  }
  return out.sort((a, b) => (a.kind === b.kind ? a.ref.localeCompare(b.ref) : a.kind.localeCompare(b.kind)));
}
