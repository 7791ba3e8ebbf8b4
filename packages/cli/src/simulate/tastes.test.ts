import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawShopper, drift, interest, react, TASTE_MODEL } from './tastes.js';
import { buildCatalogue, type VideoFacts } from './world.js';

/** 4 categories × 3 creators × 5 videos, each video with one product of its category. */
function videos(): VideoFacts[] {
  const out: VideoFacts[] = [];
  for (let c = 0; c < 4; c++) {
    for (let k = 0; k < 15; k++) {
      out.push({
        id: `vid_${c}_${k}`,
        creatorId: `usr_${c}_${k % 3}`,
        tags: [`cat${c}`, `style${k % 2}`],
        durationMs: 10_000,
        products: [{ id: `prd_${c}_${k % 4}`, categoryId: `cat_${c}`, skuId: `sku_${c}_${k % 4}` }],
      });
    }
  }
  return out;
}

const catalogue = buildCatalogue(videos());

test('the catalogue groups creators and tags by product category, sorted', () => {
  assert.deepEqual(
    catalogue.categories.map((c) => c.id),
    ['cat_0', 'cat_1', 'cat_2', 'cat_3'],
  );
  assert.deepEqual(catalogue.categories[2]!.creatorIds, ['usr_2_0', 'usr_2_1', 'usr_2_2']);
  assert.deepEqual(catalogue.categories[2]!.tags, ['cat2', 'style0', 'style1']);
  assert.deepEqual(buildCatalogue([...videos()].reverse()), catalogue, 'the order videos were seen in does not matter');
});

test('the hidden interests are deterministic for a seed: same people, same reactions, same drift', () => {
  const walk = (seed: number, index: number): unknown[] => {
    const s = drawShopper(seed, index, catalogue);
    const tastes = structuredClone(s.tastes);
    const reactions = videos().map((v) => {
      const r = react(s, v);
      drift(s, catalogue);
      return r;
    });
    return [tastes, reactions, s.tastes];
  };
  assert.deepEqual(walk(7, 3), walk(7, 3));
  assert.notDeepEqual(walk(7, 3), walk(8, 3), 'another seed, other people');
  assert.notDeepEqual(walk(7, 3), walk(7, 4), 'another index, another person');
  assert.equal(drawShopper(7, 2, catalogue).personalised, true);
  assert.equal(drawShopper(7, 3, catalogue).personalised, false);
});

test('a shopper watches, taps and buys more of what matches their tastes', () => {
  const matched = { n: 0, watch: 0, taps: 0, buys: 0 };
  const other = { n: 0, watch: 0, taps: 0, buys: 0 };
  for (let i = 0; i < 200; i++) {
    const s = drawShopper(11, i, catalogue);
    const favourite = s.tastes[0]!.categoryId;
    for (const v of videos()) {
      const r = react(s, v);
      const into = v.products[0]!.categoryId === favourite ? matched : interest(s.tastes, v) === 0 ? other : null;
      if (!into) continue;
      into.n++;
      into.watch += r.watchMs / v.durationMs;
      if (r.tapped) into.taps++;
      if (r.buys) into.buys++;
    }
  }
  const rate = (x: number, n: number): number => x / n;
  assert.ok(
    rate(matched.watch, matched.n) > 0.6 && rate(other.watch, other.n) < 0.25,
    `watch ${rate(matched.watch, matched.n)} vs ${rate(other.watch, other.n)}`,
  );
  assert.ok(
    rate(matched.taps, matched.n) > 5 * rate(other.taps, other.n),
    `taps ${matched.taps}/${matched.n} vs ${other.taps}/${other.n}`,
  );
  assert.ok(
    rate(matched.buys, matched.n) > 10 * rate(other.buys, other.n),
    `buys ${matched.buys}/${matched.n} vs ${other.buys}/${other.n}`,
  );
});

test('tastes drift slowly: strengths stay in (0, 1] with the strongest at 1, and the weakest taste is replaced now and then', () => {
  const s = drawShopper(5, 0, catalogue);
  const first = s.tastes.map((t) => t.categoryId + t.creatorId + t.tag);
  let replaced = 0;
  let before = first.join();
  for (let i = 0; i < 4000; i++) {
    drift(s, catalogue);
    assert.ok(s.tastes.every((t) => t.strength > 0 && t.strength <= 1));
    assert.equal(Math.max(...s.tastes.map((t) => t.strength)), 1);
    const now = s.tastes.map((t) => t.categoryId + t.creatorId + t.tag).join();
    if (now !== before) replaced++;
    before = now;
  }
  const expected = 4000 * TASTE_MODEL.replaceChance;
  assert.ok(
    replaced >= expected / 3 && replaced <= expected * 3,
    `${replaced} replacements, about ${expected} expected`,
  );
});

test('a catalogue without products cannot give anyone a taste', () => {
  assert.throws(() => drawShopper(1, 0, buildCatalogue([])), /no videos with products/);
});
