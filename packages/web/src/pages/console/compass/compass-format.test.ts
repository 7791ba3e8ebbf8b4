import { test } from 'node:test';
import assert from 'node:assert/strict';
import { change, chinaDate, formatMetric } from './compass-format.ts';
import { METRIC_UNITS } from './compass-api.ts';
import { METRIC_KEYS, METRICS } from '../../../../../core/src/analytics/metrics.ts';
import zh from '../../../i18n/compass.zh-CN.ts';
import en from '../../../i18n/compass.en.ts';

test('every metric of the catalogue has a unit here, a name and a formula in both languages; the English formula is the catalogue’s', () => {
  for (const m of METRICS) {
    assert.equal(METRIC_UNITS[m.key], m.unit, m.key);
    assert.ok(zh.compass.metric[m.key] && zh.compass.formula[m.key], `zh ${m.key}`);
    assert.equal(en.compass.formula[m.key], m.formula, `en ${m.key}`);
    assert.ok(en.compass.metric[m.key], `en name ${m.key}`);
  }
  assert.equal(Object.keys(METRIC_UNITS).length, METRIC_KEYS.length);
});

test('money from fen, ratios as percentages, big counts in 万, changes against the previous period', () => {
  assert.equal(formatMetric('gmv', 123456, 'zh-CN'), '¥1234.56');
  assert.equal(formatMetric('ctr', 0.0523, 'zh-CN'), '5.23%');
  assert.equal(formatMetric('impressions', 123_000, 'zh-CN'), '12.3万');
  assert.equal(formatMetric('impressions', 123_000, 'en'), '123,000');
  assert.equal(formatMetric('buyers', null, 'en'), '—');
  assert.equal(change(150, 100), 0.5);
  assert.equal(change(5, 0), null);
  assert.equal(chinaDate(0, Date.UTC(2026, 0, 1, 17)), '2026-01-02');
});
