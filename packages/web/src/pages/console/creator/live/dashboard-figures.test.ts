import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appendSample,
  clockLabel,
  completeStats,
  formatConversion,
  productOption,
  statTiles,
  trendOption,
} from './dashboard-figures';

test('formatConversion shows the ratio as a percentage with one decimal', () => {
  assert.equal(formatConversion(0.0321), '3.2%');
  assert.equal(formatConversion(1), '100.0%');
  assert.equal(formatConversion(0), '0%');
  assert.equal(formatConversion(Number.NaN), '0%');
});

test('statTiles reads counts in Chinese style and money in yuan', () => {
  const tiles = statTiles(
    completeStats({
      online: 12_345,
      cumulativeViewers: 50_000,
      orders: 7,
      gmvFen: 123_456,
      gpm: 2469.1,
      conversion: 0.14,
    }),
    'zh-CN',
  );
  const text = Object.fromEntries(tiles.map((t) => [t.key, t.text]));
  assert.deepEqual(text, {
    online: '1.2万',
    cumulativeViewers: '5万',
    comments: '0',
    likes: '0',
    orders: '7',
    gmvFen: '¥1234.56',
    gpm: '¥24.69',
    conversion: '14.0%',
  });
});

test('appendSample keeps one point per tick and only the latest ones', () => {
  const s = completeStats({ online: 3, gmvFen: 100, orders: 1 });
  let series = appendSample([], s, 1000);
  series = appendSample(series, s, 1200);
  assert.equal(series.length, 1, 'two polls in the same second make one point');
  for (let i = 1; i <= 10; i++) series = appendSample(series, s, 1000 + i * 1000, 5);
  assert.equal(series.length, 5);
  assert.equal(series[0]!.at, 7000);
});

test('the trend plots viewers and GMV in yuan against the China clock', () => {
  const option = trendOption([{ at: Date.UTC(2026, 0, 1, 6, 3, 9), online: 5, gmvFen: 1990, orders: 1 }], {
    online: '在线',
    gmv: 'GMV',
  });
  assert.deepEqual(option.xAxis.data, ['14:03:09']);
  assert.deepEqual(option.series[0]!.data, [5]);
  assert.deepEqual(option.series[1]!.data, [19.9]);
  assert.equal(clockLabel(Date.UTC(2026, 0, 1, 16, 0, 0)), '00:00:00');
});

test('product bars put the best seller first and never draw negative stock', () => {
  const option = productOption(
    [
      { productId: 'a', title: '蜜橘', soldQty: 2, gmvFen: 0, remaining: 8 },
      { productId: 'b', title: '云南高山普洱茶饼礼盒装', soldQty: 9, gmvFen: 0, remaining: -1 },
    ],
    { sold: '已售', remaining: '剩余' },
  );
  assert.deepEqual(option.xAxis.data, ['云南高山普洱茶饼…', '蜜橘']);
  assert.deepEqual(option.series[0]!.data, [9, 2]);
  assert.deepEqual(option.series[1]!.data, [0, 8]);
});
