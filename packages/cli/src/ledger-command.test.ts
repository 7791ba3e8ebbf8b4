import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountId, openStorage, migrateToLatest, postJournal } from '@zhongcao/core';
import type { CommonConfig } from './config.js';
import { runLedgerCommand } from './ledger-command.js';

/** The configuration `zhongcao ledger` gets for a SQLite store in `dataDir`. */
const configFor = (dataDir: string): CommonConfig => ({
  dataDir,
  databaseUrl: undefined,
  port: 0,
  host: '127.0.0.1',
  logLevel: 'silent',
  redisUrl: undefined,
  natsUrl: undefined,
});

test('ledger check: 0 when the books balance, 1 when a balance disagrees with its entries', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-ledger-'));
  const log = console.log;
  console.log = () => {};
  try {
    const config = configFor(dataDir);
    assert.equal(await runLedgerCommand(['check'], config), 0);
    const storage = openStorage({ dataDir });
    await migrateToLatest(storage.db);
    await storage.db
      .insertInto('ledger_accounts')
      .values({ id: 'platform_fee_revenue', kind: 'platform_fee_revenue', owner_id: null, created_at: 1 })
      .execute();
    await storage.db
      .insertInto('ledger_balances')
      .values({ account_id: 'platform_fee_revenue', balance_fen: 5, updated_at: 1 })
      .execute();
    await storage.close();
    assert.equal(await runLedgerCommand(['check'], config), 1);
    assert.equal(await runLedgerCommand(['nope'], config), 2);
  } finally {
    console.log = log;
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('ledger check: 1 and a COMPENSATION line when compensation is booked with no payout to the buyer', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-ledger-'));
  const log = console.log;
  const lines: string[] = [];
  console.log = (...args: unknown[]) => void lines.push(args.join(' '));
  try {
    const config = configFor(dataDir);
    const storage = openStorage({ dataDir });
    await migrateToLatest(storage.db);
    await storage.db.transaction().execute((tx) =>
      postJournal(
        tx,
        {
          reason: 'compensation',
          refKind: 'order',
          refId: 'ord_x:late_shipment',
          entries: [
            { account: accountId('platform_compensation_expense'), amountFen: -300 },
            { account: accountId('buyer_compensation_payable'), amountFen: 300 },
          ],
        },
        1,
      ),
    );
    await storage.close();
    assert.equal(await runLedgerCommand(['check'], config), 1);
    assert.ok(
      lines.some((l) =>
        l.includes('COMPENSATION BOOKED_WITHOUT_PAYOUT ord_x:late_shipment: expected 300 fen, found 0 fen'),
      ),
      lines.join('\n'),
    );
    assert.match(
      lines.at(-1)!,
      /FAILED: 0 unbalanced journal\(s\), 0 balance mismatch\(es\), 2 compensation problem\(s\)/,
    );
  } finally {
    console.log = log;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
