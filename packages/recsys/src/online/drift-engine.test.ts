import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ItemMeta } from './item-catalog.js';
import { DRIFT_DEFAULTS } from './drift.js';
import { OnlineEngine, ONLINE_ENGINE_DEFAULTS } from './online-engine.js';

const T0 = 1_800_000_000_000;
const CATEGORIES = ['水果生鲜', '美妆', '数码', '家居', '母婴', '运动'];
const video = (i: number): ItemMeta => ({
  id: `vid_${i}`,
  title: `video ${i}`,
  creatorId: `usr_c${i % 9}`,
  creatorName: `creator ${i % 9}`,
  categoryId: `cat_${i % CATEGORIES.length}`,
  categoryName: CATEGORIES[i % CATEGORIES.length]!,
  tags: [`tag${i % 5}`],
  priceFen: 1000 + (i % 7) * 5000,
  shopId: null,
  productIds: [`prd_${i}`],
  publishedAt: T0 - i * 60_000,
});

function engine(drift: typeof DRIFT_DEFAULTS | null, n = 1200): OnlineEngine {
  const e = new OnlineEngine({ ...ONLINE_ENGINE_DEFAULTS, drift });
  for (let i = n - 1; i >= 0; i--) e.upsertVideo(video(i), false, T0);
  return e;
}

/** A person who watches every video of the category `taste(page)` to the end and skips every other, over `pages` pages. */
function scroll(
  e: OnlineEngine,
  pages: number,
  taste: (page: number) => number = () => 0,
): Array<{ videoId: string; code: string; category: string }> {
  const shown = new Set<string>();
  const served: Array<{ videoId: string; code: string; category: string }> = [];
  let at = T0;
  for (let p = 0; p < pages; p++) {
    const page = e.recommend('usr_a', { limit: 10, now: at, isShown: (id) => shown.has(id) });
    for (const r of page) {
      shown.add(r.videoId);
      const i = Number(r.videoId.slice(4));
      served.push({ videoId: r.videoId, code: r.reason.code, category: `cat_${i % CATEGORIES.length}` });
      e.observe({ actor: 'usr_a', kind: 'impression', videoId: r.videoId, at });
      const liked = i % CATEGORIES.length === taste(p);
      e.observe({
        actor: 'usr_a',
        kind: 'view_progress',
        videoId: r.videoId,
        watchMs: liked ? 15_000 : 1_000,
        durationMs: 15_000,
        at,
      });
      if (liked) e.observe({ actor: 'usr_a', kind: 'complete', videoId: r.videoId, at });
      at += 3_000;
    }
  }
  return served;
}

test('exploration takes its share of the page, says 探索 with its category, and is counted', () => {
  const e = engine({ ...DRIFT_DEFAULTS, exploreShare: 0.1 });
  const served = scroll(e, 10);
  const explored = served.filter((s) => s.code === 'explore');
  // The first page comes before any signal: no state, no exploration; then one slot in ten.
  assert.equal(explored.length, 9);
  assert.ok(new Set(explored.map((s) => s.category)).size >= 3, 'exploration visits several categories');
  assert.equal(e.drift!.table.explored, 9);
  assert.equal(e.drift!.table.served, 100);
  const page = e.recommend('usr_a', { limit: 10, now: T0 + 10 * 60_000, isShown: () => false });
  const r = page.find((x) => x.reason.code === 'explore');
  assert.ok(r, 'a later page has its exploration slot');
  assert.ok(CATEGORIES.includes(r.reason.params.category!), r.reason.params.category);
  assert.notEqual(page.indexOf(r), 0, 'never the first video');
});

test('with drift handling off, no page explores and nothing is counted', () => {
  const e = engine(null);
  const served = scroll(e, 5);
  assert.equal(served.filter((s) => s.code === 'explore').length, 0);
  assert.equal(e.drift, null);
});

test('when a taste moves to another category, the short-term state follows it sooner than the long-term profile alone', () => {
  // Twenty pages of category 0, then category 1 (met through exploration or the other sources).
  const taste = (page: number): number => (page < 20 ? 0 : 1);
  const after = (list: Array<{ category: string }>): number =>
    list.slice(200, 300).filter((s) => s.category === 'cat_1').length;
  const on = after(scroll(engine(DRIFT_DEFAULTS), 30, taste));
  const off = after(scroll(engine(null), 30, taste));
  assert.ok(
    on > off,
    `the new taste's videos in the ten pages after the change: ${on} with drift handling, ${off} without`,
  );
});
