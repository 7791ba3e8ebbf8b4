/**
 * `zhongcao ledger check [--data DIR]`: verifies every journal balances, every cached balance
 * equals the sum of its entries and buyer compensation is paid or payable order by order; prints a summary (and the first problems) and exits 1 when
 * anything is off, 0 when the books balance.
 */
import { checkLedger, migrateToLatest, openStorage } from '@zhongcao/core';
import type { CommonConfig } from './config.js';

export async function runLedgerCommand(positionals: string[], config: CommonConfig): Promise<number> {
  if (positionals[0] !== 'check') {
    console.error(`unknown ledger command: ${positionals[0] ?? '(none)'}; try: zhongcao ledger check`);
    return 2;
  }
  const storage = openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await migrateToLatest(storage.db, storage.schema);
    const started = performance.now();
    const r = await checkLedger(storage.db);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `ledger check: ${r.journals} journals, ${r.entries} entries, ${r.accounts} accounts in ${seconds.toFixed(2)} s`,
    );
    for (const u of r.unbalancedJournals.slice(0, 20))
      console.log(`  UNBALANCED journal ${u.journalId}: entries sum to ${u.sumFen} fen`);
    for (const m of r.balanceMismatches.slice(0, 20))
      console.log(`  BALANCE MISMATCH ${m.accountId}: cached ${m.cachedFen} fen, entries ${m.entriesFen} fen`);
    for (const c of r.compensationProblems.slice(0, 20))
      console.log(
        `  COMPENSATION ${c.code} ${c.ref}${c.orderId && c.orderId !== c.ref ? ` (order ${c.orderId})` : ''}: expected ${c.expectedFen} fen, found ${c.actualFen} fen`,
      );
    for (const a of r.adBalanceProblems.slice(0, 20))
      console.log(
        `  AD BALANCE ${a.accountId}: the ad account says ${a.expectedFen} fen, the ledger ${a.ledgerFen} fen`,
      );
    console.log(
      r.ok
        ? 'OK: every transaction balances, every balance equals its entries, buyer compensation is accounted for per order, and every ad balance matches its ad account'
        : `FAILED: ${r.unbalancedJournals.length} unbalanced journal(s), ${r.balanceMismatches.length} balance mismatch(es), ${r.compensationProblems.length} compensation problem(s), ${r.adBalanceProblems.length} ad balance problem(s)`,
    );
    return r.ok ? 0 : 1;
  } finally {
    await storage.close();
  }
}
