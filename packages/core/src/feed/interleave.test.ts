import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Reason } from '@zhongcao/recsys';
import { interleave, PATTERN, type FeedSource } from './interleave.js';
import { rankPopular } from './candidates.js';

const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const none = (): boolean => false;

test('a page follows the pattern: new, popular, new, followed, popular, new', () => {
  const page = interleave(
    { new: ids('n', 10), popular: ids('p', 10), followed: ids('f', 10), more: ids('m', 10) },
    none,
    6,
  );
  assert.deepEqual(
    page.map((p) => p.source),
    [...PATTERN],
  );
  assert.deepEqual(
    page.map((p) => p.id),
    ['n0', 'p0', 'n1', 'f0', 'p1', 'n2'],
  );
});

test('a video in two sources appears once, and shown videos are skipped', () => {
  const page = interleave(
    { new: ['a', 'b', 'c'], popular: ['a', 'd'], followed: ['b'], more: [] },
    (id) => id === 'c',
    10,
  );
  assert.deepEqual(
    page.map((p) => p.id),
    ['a', 'd', 'b'],
  );
});

test('an exhausted source gives its slot to the next one; older videos come only when the others run out', () => {
  const page = interleave({ new: ['n0'], popular: [], followed: [], more: ['m0', 'm1'] }, none, 5);
  assert.deepEqual(page, [
    { id: 'n0', source: 'new' },
    { id: 'm0', source: 'more' },
    { id: 'm1', source: 'more' },
  ]);
});

test('property: a page never holds a duplicate or a shown video, and is full when enough unseen videos exist', () => {
  const id = fc.integer({ min: 0, max: 40 }).map((n) => `v${n}`);
  fc.assert(
    fc.property(
      fc.array(id),
      fc.array(id),
      fc.array(id),
      fc.array(id),
      fc.uniqueArray(id),
      fc.integer({ min: 1, max: 20 }),
      (n, p, f, m, shown, limit) => {
        const shownSet = new Set(shown);
        const page = interleave({ new: n, popular: p, followed: f, more: m }, (x) => shownSet.has(x), limit);
        const got = page.map((x) => x.id);
        assert.equal(new Set(got).size, got.length);
        assert.ok(got.every((x) => !shownSet.has(x)));
        const unseen = new Set([...n, ...p, ...f, ...m].filter((x) => !shownSet.has(x)));
        assert.equal(got.length, Math.min(limit, unseen.size));
        const sources: Record<FeedSource, string[]> = { new: n, popular: p, followed: f, more: m };
        for (const x of page) assert.ok(sources[x.source].includes(x.id));
      },
    ),
  );
});

test('popular ranks by score, ties by the newer id', () => {
  assert.deepEqual(
    rankPopular(
      new Map([
        ['vid_a', 2],
        ['vid_c', 5],
        ['vid_b', 2],
      ]),
      10,
    ),
    ['vid_c', 'vid_b', 'vid_a'],
  );
  assert.deepEqual(
    rankPopular(
      new Map([
        ['vid_a', 1],
        ['vid_b', 2],
      ]),
      1,
    ),
    ['vid_b'],
  );
});

test('a page as JSON text is exactly JSON.stringify of the page (reasons inside their items)', async () => {
  const { feedPageToJson } = await import('./feed.js');
  const card = {
    id: 'vid_1',
    title: '标题 "引号"',
    caption: '',
    hashtags: ['a'],
    status: 'published',
    videoUrl: '/media/videos/v.mp4',
    posterUrl: null,
    durationMs: null,
    creator: { id: 'usr_1', displayName: 'x', followed: false },
    shop: null,
    hostKind: 'creator' as const,
    anchors: [],
    stats: { views: 1, likes: 2, comments: 3, shares: 4 },
    liked: false,
    publishedAt: 1,
    createdAt: 1,
  };
  for (const page of [
    { items: [card, { ...card, id: 'vid_2' }], nextCursor: 'r1.x' },
    { items: [], nextCursor: null },
  ])
    assert.equal(feedPageToJson(page), JSON.stringify(page));
  // With reasons, each item carries its own.
  const reasons: Reason[] = [
    { code: 'because_you_liked', params: { videoId: 'vid_9', title: '草莓 "甜"' } },
    { code: 'new', params: {} },
  ];
  const items = [card, { ...card, id: 'vid_2' }];
  assert.equal(
    feedPageToJson({ items, nextCursor: null, reasons }),
    JSON.stringify({ items: items.map((c, i) => ({ ...c, reason: reasons[i] })), nextCursor: null }),
  );
});
