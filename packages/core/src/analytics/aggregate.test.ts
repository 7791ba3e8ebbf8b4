import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { aggregate, factKeys, shareByWeight, type Fact } from './aggregate.js';
import { lineChannel } from './channels.js';
import { dayRange, previousRange } from './range.js';
import { metricValues, emptyTotals } from './metrics.js';

const at = Date.UTC(2026, 10, 23, 17, 30); // 01:30 on the 24th in Shanghai

test('a refund is shared over lines in whole fen, in proportion, adding up to the amount', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 8 }),
      (amount, weights) => {
        const shares = shareByWeight(amount, weights);
        assert.equal(
          shares.reduce((a, b) => a + b, 0),
          amount,
        );
        const total = weights.reduce((a, b) => a + b, 0);
        if (total > 0)
          shares.forEach((s, i) => assert.ok(Math.abs(s - (amount * weights[i]!) / total) < 1, `share ${i}`));
      },
    ),
  );
  assert.deepEqual(shareByWeight(100, [1, 1, 1]), [34, 33, 33]);
});

test('a fact counts under its scopes: the platform, each shop with only that shop’s products, the creator; totals per hour and per Shanghai day, the rest per day', () => {
  const f: Fact = {
    at,
    channel: 'short_video',
    creatorId: 'usr_c',
    videoId: 'vid_1',
    liveId: null,
    counters: { impressions: 1 },
    person: { kind: 'impression', id: 'anon:x' },
    products: [
      { productId: 'prd_a', shopId: 'shp_1', categoryId: 'cat_1' },
      { productId: 'prd_b', shopId: 'shp_2', categoryId: 'cat_1' },
    ],
  };
  const keys = factKeys(f)
    .map((k) => `${k.scope}:${k.scope_id}:${k.dim}:${k.dim_id}`)
    .sort();
  assert.ok(
    keys.includes('shop:shp_1:product:prd_a') && !keys.includes('shop:shp_1:product:prd_b'),
    'a shop sees only its own products',
  );
  assert.ok(
    keys.includes('creator:usr_c:video:vid_1') && !keys.includes('creator:usr_c:shop:shp_1'),
    'the creator scope keeps no shop split',
  );
  assert.ok(
    keys.includes('platform::category:cat_1') && !keys.includes('platform::video:vid_1'),
    'the platform splits by category, not by video',
  );
  const hours = new Set(factKeys(f).map((k) => `${k.grain}:${k.dim}:${k.hour}`));
  assert.ok(
    hours.has(`hour:total:${Date.UTC(2026, 10, 23, 17)}`) && hours.has(`day:total:${Date.UTC(2026, 10, 23, 16)}`),
    'the total by the hour and by the Shanghai day starting 16:00 UTC',
  );
  assert.ok(
    hours.has(`day:product:${Date.UTC(2026, 10, 23, 16)}`) && ![...hours].some((h) => h.startsWith('hour:product')),
    'a product only by the day',
  );
  const { deltas, people } = aggregate([f, { ...f }]);
  const platformTotal = deltas.find((d) => d.scope === 'platform' && d.dim === 'total')!;
  assert.equal(platformTotal.impressions, 2, 'two impressions');
  assert.deepEqual(
    people
      .filter((p) => p.scope === 'platform' && p.dim === 'total')
      .map((p) => p.grain)
      .sort(),
    ['day', 'hour'],
    'one person, in the hour and in the day',
  );
});

test('orders and refunds count once per key however many lines carry them', () => {
  const line = (productId: string): Fact => ({
    at,
    channel: 'search',
    creatorId: null,
    videoId: null,
    liveId: null,
    products: [{ productId, shopId: 'shp_1', categoryId: 'cat_1' }],
    counters: { gmv_fen: 100, items: 1 },
    orderId: 'ord_1',
    person: { kind: 'buyer', id: 'usr_b' },
  });
  const { deltas } = aggregate([line('prd_a'), line('prd_b')]);
  const shopTotal = deltas.find((d) => d.scope === 'shop' && d.dim === 'total')!;
  assert.deepEqual([shopTotal.orders, shopTotal.gmv_fen, shopTotal.items], [1, 200, 2]);
  assert.equal(
    deltas.filter((d) => d.scope === 'shop' && d.dim === 'product').every((d) => d.orders === 1),
    true,
  );
  const first = aggregate([{ ...line('prd_a'), firstOrder: { platform: false, shop: true } }]).people.filter(
    (p) => p.kind === 'new_buyer',
  );
  assert.deepEqual(
    first.map((p) => `${p.scope}:${p.dim}:${p.grain}`).sort(),
    ['shop:total:day', 'shop:total:hour'],
    'new in the shop only, kept on the total (by the hour and by the day)',
  );
});

test('channels from the attribution snapshot; ranges and the previous period; metric formulas', () => {
  assert.deepEqual(
    ['video', 'feed', 'live', 'search', 'link', 'shelf', 'cart'].map((s) => lineChannel(s, null)),
    ['short_video', 'short_video', 'live', 'search', 'tracked_link', 'product_card', 'product_card'],
  );
  assert.equal(lineChannel('shelf', 'usr_c'), 'showcase');
  const r = dayRange('2026-11-01', '2026-11-07');
  assert.deepEqual(
    [r.days, r.start, previousRange(r).from, previousRange(r).to],
    [7, Date.UTC(2026, 9, 31, 16), '2026-10-25', '2026-10-31'],
  );
  assert.throws(() => dayRange('2026-11-07', '2026-11-01'), /from must not be after to/);
  assert.throws(
    () => dayRange('2026-01-01', '2026-04-01'),
    (e: { code?: string }) => e.code === 'DATE_RANGE_TOO_LONG',
  );
  const v = metricValues({
    ...emptyTotals(true),
    gmv_fen: 10_000,
    refund_fen: 2_500,
    buyers: 4,
    impressions: 2_000,
    clicks: 100,
    click_people: 50,
    impression_people: 400,
  });
  assert.deepEqual(
    [v.net_gmv, v.aov, v.ctr, v.click_to_pay, v.impression_to_pay, v.gpm],
    [7_500, 2_500, 0.05, 0.08, 0.01, 5_000],
  );
  assert.equal(metricValues(emptyTotals(false)).buyers, null, 'not kept is not zero');
});
