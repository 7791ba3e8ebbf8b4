import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listModelVersions, openCore, runningRecommendService, ShownFilter } from '@zhongcao/core';
import { likedRings } from '@zhongcao/core/test-support/recommend';
import { startPrivateNats } from '../test-support/private-services.js';
import { engineClient } from '../shared/engine-client.js';
import { startBackground } from './background-process.js';
import { startEngineRole, type RunningEngineRole } from './engine-process.js';

const modelOf = async (engine: RunningEngineRole): Promise<string | null> => {
  const body = await (await fetch(`${engine.url}/metrics`)).text();
  return /^zhongcao_interest_engine_model\{version="([^"]+)"\} 1$/m.exec(body)?.[1] ?? null;
};

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('scaled mode: the worker retrains, both engine replicas swap the version in on its announcement through the stream, and a replica started afterwards serves it from its warm-up', {
  timeout: 180_000,
}, async (t) => {
  const nats = await startPrivateNats();
  const dataDir = await mkdtemp(join(tmpdir(), 'zc-engine-replicas-'));
  const running: Array<{ stop(): Promise<void> }> = [];
  t.after(async () => {
    for (const r of running.reverse()) await r.stop().catch(() => {});
    await nats.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const seed = await openCore({ dataDir });
  const rings = await likedRings(seed);
  await seed.close();

  // The worker retrains on request only (no schedule, no polling of requests); the replicas' own look at the table is off, so only the announcement can move them.
  const engine = (replica: number): Promise<RunningEngineRole> =>
    startEngineRole({
      dataDir,
      migrate: false,
      natsUrl: nats.url,
      replica,
      replicas: 2,
      port: 0,
      logLevel: 'silent',
      retrain: { followMs: 0 },
    });
  const worker = await startBackground({
    dataDir,
    migrate: false,
    natsUrl: nats.url,
    logLevel: 'silent',
    intervalMs: 50,
    retrain: { everyMs: 0, pollMs: 600_000, epochs: 4 },
  });
  running.push(worker);
  const e0 = await engine(0);
  running.push(e0);
  const e1 = await engine(1);
  running.push(e1);
  assert.equal(await modelOf(e0), 'online');
  assert.equal(await modelOf(e1), 'online');

  // The replicas do not train: a request waits for the worker.
  assert.equal(runningRecommendService(e0.core.ctx)!.retrainer!.servingVersion, null);
  const requested = await worker.trainer!.request('manual', null);
  await worker.trainer!.idle();
  const [version] = await listModelVersions(worker.core.ctx.db);
  assert.equal(version!.id, requested.id);
  assert.equal(version!.status, 'serving', JSON.stringify(version));
  assert.equal(version!.swapMs, null, 'nothing to swap in the worker');
  // The worker relays the outbox's announcement to the stream; each replica loads the stored snapshot and swaps it in.
  await until(
    'both replicas serve the retrained version',
    async () => (await modelOf(e0)) === requested.id && (await modelOf(e1)) === requested.id,
  );
  assert.equal(e0.intake.figures.modelAnnouncements, 1);
  assert.equal(e1.intake.figures.modelAnnouncements, 1);
  // What the admins' model page shows in scaled mode: each replica's version, asked over NATS.
  const client = engineClient(e0.stream.nats, 3, () => {});
  assert.ok(client.engines, 'the NATS client answers which version each replica serves');
  assert.deepEqual(await client.engines(), [
    { replica: 0, version: requested.id, reachable: true },
    { replica: 1, version: requested.id, reachable: true },
    { replica: 2, version: null, reachable: false },
  ]);
  // A page asked with paid traffic's candidate creatives (a person with personalisation on) comes back with their heads for the person, in the same reply.
  const pages = engineClient(e0.stream.nats, 2, () => {}, 10_000);
  const creatives = [...rings.videos.slice(0, 3), 'vid_unknown'];
  const withHeads = await pages.recommend(rings.people[0]!, 6, ShownFilter.empty(), creatives);
  assert.ok(withHeads && withHeads.recs.length > 0);
  assert.deepEqual([...withHeads.heads!.keys()].sort(), rings.videos.slice(0, 3).sort(), 'the unknown video left out');
  for (const h of withHeads.heads!.values())
    assert.ok(h.engage > 0 && h.engage < 1 && h.purchase > 0 && h.purchase < 1, JSON.stringify(h));
  const plain = await pages.recommend(rings.people[0]!, 6, ShownFilter.empty());
  assert.equal(plain?.heads, null, 'none asked, none answered');

  // Replica 1 goes down and a new one takes its place: it serves the version from its first page.
  running.splice(running.indexOf(e1), 1);
  await e1.stop();
  const again = await engine(1);
  running.push(again);
  assert.equal(await modelOf(again), requested.id);
});
