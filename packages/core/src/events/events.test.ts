import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, withTestCore, type TestCore } from '../test-support/index.js';
import { insertTestVideos } from '../feed/index.js';
import { ingestEvents } from './events.js';
import { getPersonSettings, putPersonSettings } from './person-settings.js';
import type { ClientEvent } from './event-rules.js';

const stored = (core: TestCore) => core.ctx.db.selectFrom('events').selectAll().orderBy('id').execute();

test('a batch is stored append-only; a resent batch is counted as duplicates; the anonymous viewer is separate', async () => {
  await withTestCore(async (core) => {
    const viewer = await makePerson(core, 'viewer', [], false);
    const shop = await makeShop(core, 'shop-a');
    const now = core.clock.now();
    const [videoId] = await insertTestVideos(core.ctx.db, [{ ownerId: viewer.userId, publishedAt: now }], now);
    const batch: ClientEvent[] = [
      { type: 'impression', videoId, at: now - 1000, clientEventId: 'e1' },
      { type: 'view_progress', videoId, watchMs: 4000, durationMs: 12000, at: now - 500, clientEventId: 'e2' },
      { type: 'product_tap', videoId, productId: shop.productId, at: now, clientEventId: 'e3' },
      { type: 'impression', videoId, at: now, clientEventId: 'e1' },
    ];
    assert.deepEqual(await ingestEvents(core.ctx, { userId: viewer.userId }, batch), { accepted: 3, duplicates: 1 });
    assert.deepEqual(await ingestEvents(core.ctx, { userId: viewer.userId }, batch.slice(0, 2)), {
      accepted: 0,
      duplicates: 2,
    });
    assert.deepEqual(await ingestEvents(core.ctx, { viewerId: 'device-0001' }, batch.slice(0, 1)), {
      accepted: 1,
      duplicates: 0,
    });
    const rows = await stored(core);
    assert.equal(rows.length, 4);
    const tap = rows.find((r) => r.type === 'product_tap')!;
    assert.equal(tap.product_id, shop.productId);
    assert.equal(tap.user_id, viewer.userId);
    assert.equal(Number(tap.received_at), now);
    const progress = rows.find((r) => r.type === 'view_progress')!;
    assert.deepEqual([Number(progress.watch_ms), Number(progress.duration_ms)], [4000, 12000]);
    const anon = rows.find((r) => r.actor_key === 'anon:device-0001')!;
    assert.equal(anon.user_id, null);

    // Append-only: a resent clientEventId with other content changes nothing stored.
    core.clock.advance(60_000);
    assert.deepEqual(
      await ingestEvents(core.ctx, { userId: viewer.userId }, [
        { type: 'like', videoId, at: core.clock.now(), clientEventId: 'e1' },
      ]),
      { accepted: 0, duplicates: 1 },
    );
    assert.deepEqual(await stored(core), rows);
  });
});

test('a bad event refuses the whole batch and stores nothing', async () => {
  await withTestCore(async (core) => {
    const viewer = await makePerson(core, 'viewer', [], false);
    const now = core.clock.now();
    const [videoId] = await insertTestVideos(core.ctx.db, [{ ownerId: viewer.userId, publishedAt: now }], now);
    const good: ClientEvent = { type: 'impression', videoId, at: now, clientEventId: 'ok-1' };
    const refused = async (bad: ClientEvent, code: string): Promise<void> => {
      await assert.rejects(ingestEvents(core.ctx, { userId: viewer.userId }, [good, bad]), { code, status: 400 });
    };
    await refused({ ...good, clientEventId: 'x1', type: 'teleport' }, 'UNKNOWN_EVENT_TYPE');
    await refused({ ...good, clientEventId: 'x2', at: now + 10 * 60 * 1000 }, 'EVENT_TIME_OUT_OF_RANGE');
    await refused({ ...good, clientEventId: 'x3', at: now - 8 * 24 * 3600 * 1000 }, 'EVENT_TIME_OUT_OF_RANGE');
    await refused({ ...good, clientEventId: 'x4', videoId: 'vid_00000000000000000000000000' }, 'UNKNOWN_VIDEO');
    await refused(
      { ...good, clientEventId: 'x5', type: 'product_tap', productId: 'prd_00000000000000000000000000' },
      'UNKNOWN_PRODUCT',
    );
    await assert.rejects(ingestEvents(core.ctx, {}, [good]), { code: 'UNAUTHENTICATED', status: 401 });
    assert.deepEqual(await stored(core), []);
  });
});

test('settings: personalised recommendation is on by default, and a change is read back at once', async () => {
  await withTestCore(async (core) => {
    const a = await makePerson(core, 'person-a', [], false);
    const b = await makePerson(core, 'person-b', [], false);
    assert.deepEqual(await getPersonSettings(core.ctx.db, a.userId), { personalizedRecommendation: true });
    assert.deepEqual(await putPersonSettings(core.ctx, a, { personalizedRecommendation: false }), {
      personalizedRecommendation: false,
    });
    assert.deepEqual(await getPersonSettings(core.ctx.db, a.userId), { personalizedRecommendation: false });
    assert.deepEqual(
      await getPersonSettings(core.ctx.db, b.userId),
      { personalizedRecommendation: true },
      'per person',
    );
    assert.deepEqual(await putPersonSettings(core.ctx, a, { personalizedRecommendation: true }), {
      personalizedRecommendation: true,
    });
  });
});
