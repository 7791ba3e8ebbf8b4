import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, migrateToLatest } from '@zhongcao/core';
import { runLedgerCommand } from './ledger-command.js';

test('ledger check: 0 when the books balance, 1 when a balance disagrees with its entries', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-ledger-'));
  const log = console.log;
  console.log = () => {};
  try {
    const config = { dataDir, databaseUrl: undefined, port: 0, logLevel: 'silent' };
    assert.equal(await runLedgerCommand(['check'], config), 0);
    const storage = openStorage({ dataDir });
    await migrateToLatest(storage.db);
    await storage.db.insertInto('ledger_accounts').values({ id: 'platform_fee_revenue', kind: 'platform_fee_revenue', owner_id: null, created_at: 1 }).execute();
    await storage.db.insertInto('ledger_balances').values({ account_id: 'platform_fee_revenue', balance_fen: 5, updated_at: 1 }).execute();
    await storage.close();
    assert.equal(await runLedgerCommand(['check'], config), 1);
    assert.equal(await runLedgerCommand(['nope'], config), 2);
  } finally {
    console.log = log;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
