import { test } from 'node:test';
import assert from 'node:assert/strict';
import { likeVideo } from '../content/index.js';
import { getFeed, type FeedPage, insertTestVideos } from '../feed/index.js';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import {
  recommendService,
  stopRecommendService,
  type EngineLifecycleEvent,
  type RecommendService,
} from './recommend-service.js';

const HOUR = 3600_000;
/** Reasons only the interest engine gives; the non-personalised feed says new, popular, followed_creator or more. */
const FALLBACK_CODES = new Set(['new', 'popular', 'followed_creator', 'more']);
const personalised = (page: FeedPage): boolean => (page.reasons ?? []).some((r) => !FALLBACK_CODES.has(r.code));

function nextEvent(
  service: RecommendService,
  kind: EngineLifecycleEvent['kind'],
  timeoutMs = 60_000,
): Promise<EngineLifecycleEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${kind} within ${timeoutMs} ms`)), timeoutMs);
    const off = service.onLifecycle((e) => {
      if (e.kind !== kind) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

function killThread(service: RecommendService): Promise<number> {
  return (service.host as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
}

test('a stopped engine thread is restarted after a back-off, warms from the stored history, and personalised pages come back', async () => {
  const core = await openTestCore();
  try {
    const creators = [
      await makePerson(core, 'creator-a', ['creator'], false),
      await makePerson(core, 'creator-b', ['creator'], false),
    ];
    const fruit = await makeShop(core, 'fruit');
    const beauty = await makeShop(core, 'beauty');
    const now = core.clock.now();
    const batch = (offset: number) =>
      Array.from({ length: 12 }, (_, i) => ({
        ownerId: creators[(i + offset) % 2]!.userId,
        publishedAt: now - 240 * HOUR - (2 * i + offset) * 60_000,
      }));
    const fruitVideos = await insertTestVideos(core.ctx.db, batch(0), now);
    const beautyVideos = await insertTestVideos(core.ctx.db, batch(1), now);
    await core.ctx.db
      .insertInto('video_anchors')
      .values([
        ...fruitVideos.map((v) => ({ video_id: v, product_id: fruit.productId, position: 0 })),
        ...beautyVideos.map((v) => ({ video_id: v, product_id: beauty.productId, position: 0 })),
      ])
      .execute();

    const service = recommendService(core.ctx, { thread: true, restartFirstMs: 50, restartMaxMs: 400 });
    await service.ready;
    const viewer = await makePerson(core, 'viewer', [], false);
    await likeVideo(core.ctx, viewer, fruitVideos[2]!);
    const before = await getFeed(core.ctx, viewer.userId, { limit: 8 });
    assert.ok(personalised(before), `engine reasons before: ${JSON.stringify(before.reasons)}`);

    const stopped = nextEvent(service, 'stopped');
    const restarted = nextEvent(service, 'restarted');
    await killThread(service);
    const down = (await stopped) as Extract<EngineLifecycleEvent, { kind: 'stopped' }>;
    assert.equal(down.restartInMs, 50);
    assert.equal(service.isWarm, false);
    const meanwhile = await getFeed(core.ctx, viewer.userId, { limit: 8 });
    assert.equal(meanwhile.items.length, 8, 'the feed goes on, non-personalised');
    assert.ok(!personalised(meanwhile), `fallback reasons while down: ${JSON.stringify(meanwhile.reasons)}`);

    const back = (await restarted) as Extract<EngineLifecycleEvent, { kind: 'restarted' }>;
    assert.equal(back.restarts, 1);
    assert.equal(back.videos, 24, 'the new thread warmed from the stored videos');
    assert.ok(back.signals >= 1, 'and replayed the stored signals (the like)');
    assert.equal(service.isWarm, true);
    assert.equal(service.failure, null);
    const after = await getFeed(core.ctx, viewer.userId, { limit: 8 });
    assert.ok(personalised(after), `engine reasons after the restart: ${JSON.stringify(after.reasons)}`);
    assert.ok(
      after.items.filter((v) => fruitVideos.includes(v.id)).length >= 4,
      'the liked category still leads: the like was replayed',
    );

    // Stopping again soon waits longer (back-off doubles).
    const again = nextEvent(service, 'stopped');
    const restartedAgain = nextEvent(service, 'restarted');
    await killThread(service);
    assert.equal(((await again) as Extract<EngineLifecycleEvent, { kind: 'stopped' }>).restartInMs, 100);
    assert.equal(((await restartedAgain) as Extract<EngineLifecycleEvent, { kind: 'restarted' }>).restarts, 2);
    assert.ok(personalised(await getFeed(core.ctx, viewer.userId, { limit: 8 })));
  } finally {
    await stopRecommendService(core.ctx);
    await core.dispose();
  }
});
