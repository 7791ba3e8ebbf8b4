import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../context.js';
import { likeVideo } from '../content/index.js';
import { ingestEvents, putPersonSettings } from '../events/index.js';
import { getFeed, type FeedPage, insertTestVideos } from '../feed/index.js';
import { makePerson, makeShop, withTestCore, type ShopFixture, type TestCore } from '../test-support/index.js';
import { videoPoolView } from './pool-steps.js';
import { mergeDeviceProfile, recommendService, runningRecommendService } from './recommend-service.js';

const HOUR = 3600_000;

interface TestCatalog {
  creators: Actor[];
  fruit: ShopFixture;
  beauty: ShopFixture;
  fruitVideos: string[];
  beautyVideos: string[];
}

/** Two shops in two categories; `perCategory` videos anchored to each shop's product, by three creators; then the engine warms up (unless `warm` is false). */
async function makeTestCatalog(core: TestCore, perCategory = 15, warm = true): Promise<TestCatalog> {
  const publishedHoursAgo = 10 * 24;
  const creators = [
    await makePerson(core, 'creator-a', ['creator'], false),
    await makePerson(core, 'creator-b', ['creator'], false),
    await makePerson(core, 'creator-c', ['creator'], false),
  ];
  const fruit = await makeShop(core, 'fruit');
  const beauty = await makeShop(core, 'beauty');
  const now = core.clock.now();
  const videos = (offset: number) =>
    Array.from({ length: perCategory }, (_, i) => ({
      ownerId: creators[(i + offset) % 3]!.userId,
      publishedAt: now - publishedHoursAgo * HOUR - (2 * i + offset) * 60_000,
    }));
  const fruitVideos = await insertTestVideos(core.ctx.db, videos(0), now);
  const beautyVideos = await insertTestVideos(core.ctx.db, videos(1), now);
  const anchors = [
    ...fruitVideos.map((v) => ({ video_id: v, product_id: fruit.productId, position: 0 })),
    ...beautyVideos.map((v) => ({ video_id: v, product_id: beauty.productId, position: 0 })),
  ];
  await core.ctx.db.insertInto('video_anchors').values(anchors).execute();
  if (warm) await recommendService(core.ctx).ready;
  return { creators, fruit, beauty, fruitVideos, beautyVideos };
}

/** The engine's steps finished and its subscription dropped before the store goes. */
const stopEngine = async (core: TestCore): Promise<void> => {
  const service = runningRecommendService(core.ctx);
  await service?.flushSteps();
  service?.unsubscribe();
};
const withCore = (fn: (core: TestCore) => Promise<void>): Promise<void> => withTestCore(fn, { closing: stopEngine });

const inCategory = (page: FeedPage, ids: readonly string[]): number =>
  page.items.filter((v) => ids.includes(v.id)).length;

test('the next request reflects the last action: after a like, the liked category leads the page, with its reason', async () => {
  await withCore(async (core) => {
    const cat = await makeTestCatalog(core);
    const viewer = await makePerson(core, 'viewer', [], false);
    const before = await getFeed(core.ctx, viewer.userId, { limit: 10 });
    assert.equal(before.items.length, 10);
    assert.equal(before.reasons?.length, 10);
    await likeVideo(core.ctx, viewer, cat.fruitVideos[3]!);
    const started = performance.now();
    const after = await getFeed(core.ctx, viewer.userId, { limit: 10 });
    const ms = performance.now() - started;
    assert.ok(
      inCategory(after, cat.fruitVideos) >= 6,
      `${inCategory(after, cat.fruitVideos)} of 10 from the liked category`,
    );
    assert.ok(!after.items.some((v) => v.id === cat.fruitVideos[3]), 'not the liked video itself');
    const why = after.reasons!.find((r) => r.code === 'popular_in_category');
    assert.deepEqual(why, { code: 'popular_in_category', params: { category: '水果-fruit' } });
    assert.ok(ms < 1000, `next page in ${ms} ms`);
    // Diversity: never three in a row from one creator or one category.
    const shops = new Map([
      ...cat.fruitVideos.map((v) => [v, 'fruit'] as const),
      ...cat.beautyVideos.map((v) => [v, 'beauty'] as const),
    ]);
    for (let k = 2; k < after.items.length; k++) {
      const run = after.items.slice(k - 2, k + 1);
      assert.ok(!run.every((v) => v.creator.id === run[0]!.creator.id), `creator run at ${k}`);
      assert.ok(!run.every((v) => shops.get(v.id) === shops.get(run[0]!.id)), `category run at ${k}`);
    }
  });
});

test('client events count at once: "not interested" removes the video and its category recedes; duplicates are not counted twice', async () => {
  await withCore(async (core) => {
    const cat = await makeTestCatalog(core);
    const device = { viewerId: 'device-0001' };
    const first = await getFeed(core.ctx, null, { limit: 10, viewerId: device.viewerId });
    const target = first.items[0]!.id;
    const now = core.clock.now();
    await ingestEvents(core.ctx, device, [{ type: 'not_interested', videoId: target, at: now, clientEventId: 'ni-1' }]);
    const seen = recommendService(core.ctx).signalsSeen;
    assert.deepEqual(
      await ingestEvents(core.ctx, device, [
        { type: 'not_interested', videoId: target, at: now, clientEventId: 'ni-1' },
      ]),
      { accepted: 0, duplicates: 1 },
    );
    assert.equal(recommendService(core.ctx).signalsSeen, seen, 'a duplicate is not a signal');
    for (let k = 0; k < 3; k++)
      assert.ok(
        !(await getFeed(core.ctx, null, { limit: 10, viewerId: device.viewerId })).items.some((v) => v.id === target),
      );
    assert.ok(cat.fruitVideos.length > 0);
  });
});

test('personalisation off: the very next request is the non-personalised feed and reads no profile; on again resumes', async () => {
  await withCore(async (core) => {
    const cat = await makeTestCatalog(core);
    const viewer = await makePerson(core, 'viewer', [], false);
    await likeVideo(core.ctx, viewer, cat.beautyVideos[0]!);
    const engine = recommendService(core.ctx).engine;
    await getFeed(core.ctx, viewer.userId, { limit: 6 });
    await putPersonSettings(core.ctx, viewer, { personalizedRecommendation: false });
    const reads = engine.personalReads;
    const off = await getFeed(core.ctx, viewer.userId, { limit: 6 });
    assert.equal(engine.personalReads, reads, 'no profile read');
    assert.ok(
      off.reasons!.every((r) => ['new', 'popular', 'followed_creator', 'more'].includes(r.code)),
      off.reasons!.map((r) => r.code).join(),
    );
    await putPersonSettings(core.ctx, viewer, { personalizedRecommendation: true });
    const on = await getFeed(core.ctx, viewer.userId, { limit: 6 });
    assert.equal(engine.personalReads, reads + 1);
    assert.ok(on.reasons!.some((r) => r.code === 'popular_in_category'));
  });
});

test('a device profile merges into the account at login', async () => {
  await withCore(async (core) => {
    const cat = await makeTestCatalog(core);
    const viewerId = 'device-merge-1';
    await getFeed(core.ctx, null, { limit: 4, viewerId });
    const now = core.clock.now();
    await ingestEvents(
      core.ctx,
      { viewerId },
      cat.fruitVideos.slice(0, 3).map((v, i) => ({ type: 'complete', videoId: v, at: now, clientEventId: `c${i}` })),
    );
    const person = await makePerson(core, 'newcomer', [], false);
    assert.equal(await mergeDeviceProfile(core.ctx, viewerId, person.userId), true);
    const engine = recommendService(core.ctx).engine;
    assert.equal(engine.profileOf(`anon:${viewerId}`), undefined);
    assert.ok(engine.profileOf(person.userId)!.interests.get(`k:${cat.fruit.categoryId}`, now) > 0);
    const page = await getFeed(core.ctx, person.userId, { limit: 10 });
    assert.ok(
      inCategory(page, cat.fruitVideos) >= 6,
      `${inCategory(page, cat.fruitVideos)} of 10 from the device's category`,
    );
    assert.equal(await mergeDeviceProfile(core.ctx, 'device-unknown', person.userId), false);
  });
});

test('a restart warms the engine from what is stored (follows, likes, events)', async () => {
  await withCore(async (core) => {
    const cat = await makeTestCatalog(core, 15, false);
    const viewer = await makePerson(core, 'viewer', [], false);
    const now = core.clock.now();
    await core.ctx.db
      .insertInto('follows')
      .values({ follower_id: viewer.userId, followee_id: cat.creators[1]!.userId, created_at: now - HOUR })
      .execute();
    await core.ctx.db
      .insertInto('video_likes')
      .values({ video_id: cat.beautyVideos[2]!, user_id: viewer.userId, created_at: now - HOUR })
      .execute();
    const report = await recommendService(core.ctx).ready;
    assert.equal(report.videos, 30);
    const p = recommendService(core.ctx).engine.profileOf(viewer.userId)!;
    assert.ok(p.follows.has(cat.creators[1]!.userId));
    assert.ok(p.interests.get(`k:${cat.beauty.categoryId}`, now) > 0);
    const page = await getFeed(core.ctx, viewer.userId, { limit: 10 });
    assert.ok(page.reasons!.some((r) => r.code === 'followed_creator' && r.params.creator === 'creator-b'));
  });
});

test('traffic pool: a new video is promoted or stopped on its rates; the steps are recorded and shown to its creator only', async () => {
  await withCore(async (core) => {
    const cat = await makeTestCatalog(core, 3);
    const now = core.clock.now();
    const [good, poor] = await insertTestVideos(
      core.ctx.db,
      [
        { ownerId: cat.creators[0]!.userId, publishedAt: now - HOUR },
        { ownerId: cat.creators[0]!.userId, publishedAt: now - HOUR },
      ],
      now,
    );
    await getFeed(core.ctx, null, { limit: 4, viewerId: 'device-pool-0' }); // the engine learns the new videos
    const events = (video: string, kind: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        type: kind,
        videoId: video,
        at: now,
        clientEventId: `${video}-${kind}-${i}`,
        ...(kind === 'product_tap' ? { productId: cat.fruit.productId } : {}),
      }));
    for (const [video, extra] of [
      [
        good!,
        [
          ...events(good!, 'complete', 20),
          ...events(good!, 'like', 2),
          ...events(good!, 'share', 1),
          ...events(good!, 'product_tap', 1),
        ],
      ],
      [poor!, events(poor!, 'complete', 2)],
    ] as const) {
      await ingestEvents(core.ctx, { viewerId: 'device-pool-1' }, extra);
      if (video === good)
        await core.ctx.db
          .insertInto('comments')
          .values({
            id: 'cmt_test0000000000000000000001',
            video_id: good,
            author_id: cat.creators[1]!.userId,
            parent_id: null,
            text: '好',
            reply_count: 0,
            status: 'visible',
            created_at: now,
          })
          .execute();
    }
    // Comments arrive as domain signals: one for the good video.
    const { publishSignals } = await import('../signals/index.js');
    publishSignals(core.ctx.db, [{ actor: cat.creators[1]!.userId, kind: 'comment', videoId: good!, at: now }]);
    for (const video of [good!, poor!])
      await ingestEvents(core.ctx, { viewerId: 'device-pool-2' }, events(video, 'impression', 50));
    await recommendService(core.ctx).flushSteps();
    const goodView = await videoPoolView(core.ctx.db, cat.creators[0]!, good!);
    assert.equal(goodView.status, 'climbing');
    assert.equal(goodView.pool, 1);
    assert.deepEqual(
      goodView.steps.map((s) => s.decision),
      ['entered', 'promoted'],
    );
    assert.deepEqual(goodView.steps[1]!.shortfalls, []);
    assert.equal(goodView.steps[1]!.rates!.completion, 20 / 50);
    const poorView = await videoPoolView(core.ctx.db, cat.creators[0]!, poor!);
    assert.equal(poorView.status, 'stopped');
    assert.equal(poorView.pool, 0);
    const stop = poorView.steps[1]!;
    assert.deepEqual(stop.shortfalls, ['completion', 'like', 'comment', 'share', 'product_tap']);
    assert.equal(stop.rates!.completion, 2 / 50);
    assert.equal(stop.thresholds!.completion, 0.2);
    await assert.rejects(videoPoolView(core.ctx.db, cat.creators[1]!, poor!), { code: 'NOT_FOUND', status: 404 });
  });
});

test('multipliers re-rank the page: a hook (governance, ads) that lowers a category pushes it down; surge pressure is read per shop', async () => {
  await withCore(async (core) => {
    const cat = await makeTestCatalog(core);
    const viewer = await makePerson(core, 'viewer', [], false);
    await likeVideo(core.ctx, viewer, cat.fruitVideos[0]!);
    const service = recommendService(core.ctx);
    const remove = service.multipliers.add({ field: 'categoryId', value: cat.fruit.categoryId, multiplier: 0.01 });
    const throttled = await getFeed(core.ctx, viewer.userId, { limit: 4 });
    const fruit = throttled.items.map((v) => cat.fruitVideos.includes(v.id));
    assert.deepEqual(
      fruit,
      [false, false, true, false],
      'the throttled category yields the lead; diversity still mixes it in after two in a row',
    );
    remove();
    const free = await getFeed(core.ctx, viewer.userId, { limit: 4 });
    assert.ok(cat.fruitVideos.includes(free.items[0]!.id));
    assert.equal(await service.multipliers.refresh(cat.fruit.shopId), 0, 'no capacity declared: no pressure');
  });
});

test('with the engine on its own thread the feed is personalised; when the thread stops, pages are the non-personalised ones', async () => {
  await withCore(async (core) => {
    const cat = await makeTestCatalog(core, 15, false);
    const service = recommendService(core.ctx, { thread: true });
    await service.ready;
    assert.throws(() => service.engine, /its own thread/);
    const viewer = await makePerson(core, 'viewer', [], false);
    await likeVideo(core.ctx, viewer, cat.fruitVideos[0]!);
    const page = await getFeed(core.ctx, viewer.userId, { limit: 4 });
    assert.ok(cat.fruitVideos.includes(page.items[0]!.id), 'the like leads the next page');
    assert.equal(service.isWarm, true);
    await (service.host as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(service.isWarm, false, 'a stopped engine is not used');
    const after = await getFeed(core.ctx, viewer.userId, { limit: 4 });
    assert.equal(after.items.length, 4, 'the feed goes on without it');
  });
});
