/**
 * The window consumer on a thread of its own (rollup-thread.ts): rounds run on the thread while
 * the request thread keeps storing events, and the rollups equal a recount from the raw rows; once
 * the thread is gone the rounds consume in process and nothing is lost or counted twice. On
 * PostgreSQL there is no thread: the rounds consume in process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, rollupsSnapshot, usingPostgres, withTestCore } from '../test-support/index.js';
import { insertTestVideos } from '../feed/index.js';
import { ingestEvents } from '../events/index.js';
import { COMMIT_GRACE_MS, rebuildRollups } from './consumer.js';
import { rollupThreadOf, runRollups, useRollupThread } from './rollup-thread.js';

test('rounds on the rollup thread beside the request thread’s writes equal a recount; then in process once it is gone', async () => {
  await withTestCore(async (core) => {
    const creator = await makePerson(core, 'creator', ['creator'], false);
    const shop = await makeShop(core, 'thread-shop');
    const now = core.clock.now();
    const [videoId] = await insertTestVideos(core.ctx.db, [{ ownerId: creator.userId, publishedAt: now }], now);
    useRollupThread(core.ctx);
    const thread = rollupThreadOf(core.ctx);
    assert.equal(thread === null, usingPostgres(), 'a thread on SQLite only');
    let n = 0;
    const batch = (viewer: number) =>
      ingestEvents(
        core.ctx,
        { viewerId: `viewer-${viewer}` },
        Array.from({ length: 20 }, (_, i) =>
          i % 4 === 3
            ? {
                type: 'product_tap' as const,
                videoId: videoId!,
                productId: shop.productId,
                at: core.clock.now(),
                clientEventId: `c${n++}`,
              }
            : {
                type: 'impression' as const,
                videoId: videoId!,
                at: core.clock.now() - i * 1_000,
                clientEventId: `c${n++}`,
              },
        ),
      );
    let counted = 0;
    for (let round = 0; round < 12; round++) {
      // The request thread stores events while the round runs on the thread (their writes take turns at the gate).
      const [result] = await Promise.all([runRollups(core.ctx), batch(round), batch(round + 100)]);
      counted += result?.facts ?? 0;
      core.clock.advance(COMMIT_GRACE_MS + 1);
    }
    if (thread) {
      assert.equal(thread.gone, null, 'the thread served every round');
      await thread.stop();
      assert.ok(thread.gone, 'stopped');
    }
    // The thread is gone: this round and the next ones consume in process.
    await batch(999);
    core.clock.advance(COMMIT_GRACE_MS + 1);
    counted += (await runRollups(core.ctx))?.facts ?? 0;
    assert.equal(counted, 25 * 20, 'every event counted once');
    const kept = await rollupsSnapshot(core.ctx.db);
    await rebuildRollups(core.ctx, null);
    const recount = await rollupsSnapshot(core.ctx.db);
    assert.ok(kept.rollups.length > 0);
    assert.deepEqual(kept, recount);
  });
});
