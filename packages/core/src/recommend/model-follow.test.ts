import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelSnapshot } from '@zhongcao/recsys';
import { ShownFilter } from './shown-filter.js';
import { EmbeddedStream } from '../stream/index.js';
import { relayOutbox } from '../stream/index.js';
import { makePerson, openTestCore, type TestCore } from '../test-support/index.js';
import { adminModelVersions } from './model-admin.js';
import { artefactRows, loadArtefacts, storeArtefacts } from './model-artefacts.js';
import { listModelVersions, MODEL_SERVING_TOPIC, requestRetrain } from './model-versions.js';
import { recommendService, RecommendService, runningRecommendService } from './recommend-service.js';
import { feedEngineFromStream } from './stream-signals.js';
import { Retrainer, RETRAIN_SCHEDULE_DEFAULTS, type RetrainDecision } from './retrainer.js';
import { likedRings, nextLifecycle } from '../test-support/index.js';

const sample = (): ModelSnapshot => ({
  dim: 3,
  items: ['vid_a', 'vid_b', 'vid_c', '视频'],
  vectors: Float32Array.from({ length: 12 }, (_, i) => i / 7 - 0.5),
  bias: Float32Array.from([0.1, -0.2, 0.3, 0]),
  recency: Float32Array.from([1, 0.5]),
  covisit: {
    rowCap: 2,
    ref: 1_700_000_000_000,
    owners: Int32Array.from([0, 1, -1, 3]),
    counts: Uint8Array.from([2, 1, 0, 1]),
    ids: Int32Array.from([1, 2, 0, 0, 0, 0, 2, 0]),
    w: Float32Array.from([0.5, 0.25, 1, 0, 0, 0, 2, 0]),
  },
  choice: Float64Array.from([0.7, 1.3, -0.2]),
});

test('a snapshot is stored in chunks and loaded back equal; a missing chunk loads nothing', async () => {
  const core = await openTestCore();
  try {
    const v = await requestRetrain(core.ctx.db, 'manual', null, 1, core.clock.now());
    const snapshot = sample();
    const rows = artefactRows(v.id, snapshot, 16);
    assert.ok(rows.filter((r) => r.part === 'vectors').length === 3, 'the 48 bytes of vectors in three chunks of 16');
    const bytes = await storeArtefacts(core.ctx.db, v.id, snapshot, 16);
    assert.equal(
      bytes,
      rows.reduce((n, r) => n + r.data.length, 0),
    );
    const loaded = await loadArtefacts(core.ctx.db, v.id);
    assert.deepEqual(loaded, snapshot);
    // Stored twice (a retried write): the second replaces the first.
    await storeArtefacts(core.ctx.db, v.id, snapshot, 32);
    assert.deepEqual(await loadArtefacts(core.ctx.db, v.id), snapshot);
    await core.ctx.db
      .deleteFrom('model_artefacts')
      .where('version_id', '=', v.id)
      .where('part', '=', 'covisit.w')
      .where('chunk', '=', 0)
      .execute();
    assert.equal(await loadArtefacts(core.ctx.db, v.id), null, 'an incomplete snapshot is never swapped in');
    assert.equal(await loadArtefacts(core.ctx.db, 'mv_unknown'), null);
  } finally {
    await core.dispose();
  }
});

async function pageModel(service: RecommendService, core: TestCore, actor: string): Promise<string | null> {
  return (await service.host.recommend(actor, 10, core.clock.now(), ShownFilter.empty())).model;
}

async function _until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('every engine replica serves the version one of them retrained: by the announcement on the stream, by looking at the table, and a replica started afterwards from its warm-up', async () => {
  const core = await openTestCore();
  const { people } = await likedRings(core);
  const off = { everyMs: 0, pollMs: 60_000, epochs: 6 };
  // Three engines on one store, as three replicas: the trainer, one fed by the stream (the engine role's intake), one that only looks at the table.
  const trainer = new RecommendService(core.ctx, { thread: true, retrain: { ...off, followMs: 0 } });
  const streamed = recommendService(core.ctx, { thread: true, retrain: { ...off, followMs: 0 } });
  const looking = new RecommendService(core.ctx, { thread: true, retrain: { ...off, followMs: 100 } });
  const later: RecommendService[] = [];
  const stream = new EmbeddedStream();
  try {
    await Promise.all([trainer.ready, streamed.ready, looking.ready]);
    relayOutbox(core.outbox, stream);
    const intake = await feedEngineFromStream(core.ctx, stream, 'engine-1');
    for (const s of [trainer, streamed, looking])
      assert.equal(await pageModel(s, core, people[0]!), null, 'online learning only before any retraining');

    const adoptedByStream = nextLifecycle(streamed, 'model_adopted');
    const adoptedByLooking = nextLifecycle(looking, 'model_adopted');
    const decided = nextLifecycle(trainer, 'model');
    const v = await trainer.retrainer!.request('manual', null);
    const decision = await decided;
    assert.equal(decision.status, 'serving', JSON.stringify(decision));
    assert.ok((decision.storedBytes ?? 0) > 80 * 4 * 8, `the snapshot was stored (${decision.storedBytes} bytes)`);
    const announced = await core.ctx.db
      .selectFrom('outbox')
      .select(['subject_id'])
      .where('topic', '=', MODEL_SERVING_TOPIC)
      .execute();
    assert.deepEqual(
      announced.map((r) => r.subject_id),
      [v.id],
      'the version is announced once',
    );

    // The replica fed by the stream swaps it in when the worker's outbox dispatch relays the announcement.
    assert.equal(
      await pageModel(streamed, core, people[1]!),
      null,
      'not before the announcement (it does not look at the table)',
    );
    await core.outbox.dispatchOnce();
    const byStream = await adoptedByStream;
    assert.equal(byStream.version, v.id);
    assert.equal(byStream.videos, 80);
    assert.equal(intake.figures.modelAnnouncements, 1);
    // The one that looks at the table finds it on its own.
    assert.equal((await adoptedByLooking).version, v.id);
    for (const s of [trainer, streamed, looking])
      assert.equal(await pageModel(s, core, people[2]!), v.id, 'every replica serves the new version');
    // The admins' model page shows the version this process's engine serves.
    const admin = await makePerson(core, 'model-admin', ['admin'], false);
    assert.deepEqual((await adminModelVersions(core.ctx, admin)).engines, [
      { replica: null, version: v.id, reachable: true },
    ]);
    // The same model everywhere: the same person gets the same ranking from each (none has learned anything since).
    const pages = await Promise.all(
      [trainer, streamed, looking].map(async (s) =>
        (await s.host.recommend(people[3]!, 10, core.clock.now(), ShownFilter.empty())).recs.map((r) => r.videoId),
      ),
    );
    assert.deepEqual(pages[1], pages[0]);
    assert.deepEqual(pages[2], pages[0]);
    await intake.consumer.stop();

    // A replica that was down (started only now) loads the version serving at its warm-up: its first page is served with it.
    await looking.close();
    const started = new RecommendService(core.ctx, { thread: true, retrain: { ...off, followMs: 0 } });
    later.push(started);
    await started.ready;
    assert.equal(await pageModel(started, core, people[4]!), v.id);
    const [stored] = await listModelVersions(core.ctx.db);
    assert.equal(stored!.status, 'serving', 'a starting replica keeps the stored version serving');
    // And a version with no stored snapshot (trained before snapshots were stored) is retired at a start, as before.
    await core.ctx.db.deleteFrom('model_artefacts').execute();
    const bare = new RecommendService(core.ctx, { thread: true, retrain: { ...off, followMs: 0 } });
    later.push(bare);
    await bare.ready;
    assert.equal(await pageModel(bare, core, people[5]!), null);
    assert.equal((await listModelVersions(core.ctx.db))[0]!.status, 'retired');
  } finally {
    for (const s of [trainer, looking, ...later]) await s.close();
    await stream.close();
    const service = runningRecommendService(core.ctx);
    await service?.flushSteps();
    await core.dispose();
  }
});

test('a process without an engine (the scaled worker role) trains, stores and announces; its next retraining is judged against the stored version serving', async () => {
  const core = await openTestCore();
  await likedRings(core);
  const decisions: RetrainDecision[] = [];
  const trainer = new Retrainer(core.ctx, null, (d) => decisions.push(d), {
    ...RETRAIN_SCHEDULE_DEFAULTS,
    everyMs: 0,
    pollMs: 60_000,
    epochs: 6,
  });
  try {
    const first = await trainer.request('manual', null);
    await trainer.idle();
    assert.equal(decisions[0]?.status, 'serving', JSON.stringify(decisions[0]));
    assert.equal(decisions[0]!.swapMs, null, 'nothing swapped here');
    assert.ok(await loadArtefacts(core.ctx.db, first.id), 'the snapshot is stored for the engines');
    // A fresh trainer (the worker restarted) takes the bar from the store.
    await trainer.close();
    const restarted = new Retrainer(core.ctx, null, (d) => decisions.push(d), {
      ...RETRAIN_SCHEDULE_DEFAULTS,
      everyMs: 0,
      pollMs: 60_000,
      epochs: 6,
    });
    try {
      await restarted.request('manual', null);
      await restarted.idle();
      assert.equal(decisions[1]?.figures?.baselineVersion, first.id, JSON.stringify(decisions[1]));
    } finally {
      await restarted.close();
    }
  } finally {
    await trainer.close();
    await core.dispose();
  }
});
