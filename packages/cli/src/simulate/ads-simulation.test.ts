import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdsSimulation } from './ads-simulation.js';

test('simulate --ads: a short day places ads within the ad load, bills them, and no campaign passes its budget by more than an impression', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-adsim-'));
  try {
    const r = await runAdsSimulation({ dataDir, seed: 3, requests: 150, viewers: 20, log: () => {} });
    assert.ok(r.ads > 0, 'ads were placed');
    assert.ok(r.ads_ratio <= 0.15, `ad load ${r.ads_ratio}`);
    assert.equal(r.campaigns.length, 3);
    for (const c of r.campaigns) {
      assert.ok(c.spent_fen <= c.budget_fen + 1_00, `${c.name} spent ${c.spent_fen} of ${c.budget_fen}`);
      assert.ok(c.impressions >= 0 && c.budget_use >= 0 && c.spent_before_noon <= 1);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
