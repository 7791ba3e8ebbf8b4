import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Signal } from '@zhongcao/recsys';
import { insertTestVideos } from '../feed/index.js';
import { makePerson, openTestCore } from '../test-support/index.js';
import { EmbeddedStream, relaySignals } from '../stream/index.js';
import { onSignals } from '../signals/index.js';
import { likeVideo } from '../content/index.js';
import { recommendService, runningRecommendService } from './recommend-service.js';
import { feedEngineFromStream } from './stream-signals.js';

test("the engine intake learns each stream message once, skips what its warm-up already read, and takes a process's committed signals", async () => {
  const core = await openTestCore();
  try {
    const owner = await makePerson(core, 'creator', ['creator'], false);
    const now = core.clock.now();
    const [video] = await insertTestVideos(core.ctx.db, [{ ownerId: owner.userId, publishedAt: now - 3600_000 }], now);
    const service = recommendService(core.ctx);
    await service.ready;
    const stream = new EmbeddedStream();
    const warmedFrom = Date.now();
    const intake = await feedEngineFromStream(core.ctx, stream, 'engine-0', warmedFrom);
    const seenBefore = service.signalsSeen;
    const signals: Signal[] = [
      {
        actor: 'anon:device-1',
        kind: 'complete',
        videoId: video!,
        productId: null,
        watchMs: 10_000,
        durationMs: 10_000,
        at: now,
      },
    ];

    await stream.publish('signals', 'evn_a', signals);
    await stream.publish('signals', 'evn_a', signals); // redelivered: its acknowledgement was lost
    assert.deepEqual(intake.figures, {
      messages: 1,
      duplicates: 1,
      signalsLearned: 1,
      beforeWarm: 0,
      modelAnnouncements: 0,
    });
    assert.equal(service.signalsSeen, seenBefore + 1, 'the engine learned it once');

    // A message the stream took before the warm-up read the stored history is already learned.
    await intake.consumer.stop();
    const late = await feedEngineFromStream(core.ctx, stream, 'engine-0', Date.now() + 60_000);
    await stream.publish('signals', 'evn_b', signals);
    assert.equal(late.figures.beforeWarm, 1);
    assert.equal(late.figures.signalsLearned, 0);
    await late.consumer.stop();

    // Scaled mode's publisher: a like committed in this process is offered to the stream.
    const offered: unknown[] = [];
    await stream.consume('probe', ['signals'], (m) => void offered.push(m.payload));
    const unrelay = relaySignals((listener) => onSignals(core.ctx.db, listener), stream);
    const viewer = await makePerson(core, 'viewer', [], false);
    await likeVideo(core.ctx, viewer, video!);
    await new Promise((r) => setImmediate(r));
    unrelay();
    assert.equal(offered.length, 1);
    assert.equal((offered[0] as Signal[])[0]!.kind, 'like');
  } finally {
    const service = runningRecommendService(core.ctx);
    await service?.flushSteps();
    service?.unsubscribe();
    await core.dispose();
  }
});
