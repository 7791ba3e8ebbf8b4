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
    assert.equal(r.campaigns.length, 5);
    for (const c of r.campaigns) {
      assert.ok(c.spent_fen <= c.budget_fen + 1_00, `${c.name} spent ${c.spent_fen} of ${c.budget_fen}`);
      assert.ok(
        c.impressions >= 0 && c.budget_use >= 0 && c.spent_before_noon <= c.budget_use + 0.001,
        'before noon is part of the day',
      );
      // roi is GMV ÷ spend (the spend in milli-fen, so within a fen of spent_fen)
      if (c.spent_fen >= 100)
        assert.ok(
          Math.abs(c.roi! - c.gmv_fen / c.spent_fen) <= 0.01 * Math.max(1, c.roi!),
          `${c.name} roi ${c.roi} for ${c.gmv_fen} over ${c.spent_fen}`,
        );
    }
    // The three even campaigns differ only in how much the shoppers like the product.
    const even = r.campaigns.filter((c) => c.pacing === 'even');
    assert.equal(even.length, 3);
    assert.equal(
      new Set(even.map((c) => `${c.cost_cap_fen}/${c.budget_fen}/${c.price_fen}`)).size,
      1,
      'same cap, budget and price',
    );
    assert.deepEqual(
      even.map((c) => c.cvr),
      [0.14, 0.1, 0.06],
    );
    for (const c of r.campaigns) {
      assert.equal(
        c.conversions,
        c.purchases,
        `${c.name}: every purchase after an ad click counts for the campaign once`,
      );
      assert.equal(c.limited_by, c.budget_use >= 0.95 ? 'budget' : c.auctions.throttled_behind > 0 ? 'pacing' : 'bid');
      assert.equal(
        c.auctions.throttled_behind,
        0,
        `${c.name}: the throttle never holds a campaign under its pacing curve`,
      );
      assert.ok(c.predicted_ctr > 0 && c.predicted_cvr > 0);
    }
    // The same organic pages with and without ads: ads only push organic items down the page, so the rate never rises with them.
    assert.ok(r.organic_completion_with_ads > 0 && r.organic_completion_without_ads > 0);
    assert.ok(
      r.organic_completion_delta <= 0 && r.organic_completion_delta >= -0.1,
      `delta ${r.organic_completion_delta}`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('simulate --ads --organic-pages: the engine serves an organic day first, and the auction starts each campaign from its creative’s calibrated heads', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-adsim-'));
  try {
    const r = await runAdsSimulation({
      dataDir,
      seed: 3,
      requests: 100,
      viewers: 20,
      organicPages: 60,
      prior: 'heads',
      log: () => {},
    });
    assert.equal(r.prior, 'heads');
    assert.equal(r.organic?.pages, 60);
    assert.ok(r.organic!.views > 0, 'the engine served the organic pages');
    const bid = r.campaigns.filter((c) => c.prior_cvr !== null);
    assert.ok(bid.length > 0, 'campaigns bid with a prior from the trace');
    for (const c of bid) assert.ok(c.prior_cvr! > 0 && c.prior_cvr! < 1, `${c.name} prior ${c.prior_cvr}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
