import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, runningRecommendService } from '@zhongcao/core';
import { likedRings } from '@zhongcao/core/test-support/recommend';
import { startPrivateNats } from '../test-support/private-services.js';
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

test('scaled mode: the version one engine replica retrains reaches the other through the stream, and a replica started afterwards serves it from its warm-up', { timeout: 180_000 }, async (t) => {
  const nats = await startPrivateNats();
  const dataDir = await mkdtemp(join(tmpdir(), 'zc-engine-replicas-'));
  const running: Array<{ stop(): Promise<void> }> = [];
  t.after(async () => {
    for (const r of running.reverse()) await r.stop().catch(() => {});
    await nats.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const seed = await openCore({ dataDir });
  await likedRings(seed);
  await seed.close();

  // Retraining claimed only on request (no schedule, no polling of requests); the follower's own look at the table is off, so only the announcement can move replica 1.
  const retrain = { everyMs: 0, pollMs: 600_000, followMs: 0, epochs: 4 };
  const engine = (replica: number): Promise<RunningEngineRole> => startEngineRole({ dataDir, migrate: false, natsUrl: nats.url, replica, replicas: 2, port: 0, logLevel: 'silent', retrain });
  const worker = await startBackground({ dataDir, migrate: false, natsUrl: nats.url, logLevel: 'silent', intervalMs: 50 });
  running.push(worker);
  const e0 = await engine(0);
  running.push(e0);
  const e1 = await engine(1);
  running.push(e1);
  assert.equal(await modelOf(e0), 'online');
  assert.equal(await modelOf(e1), 'online');

  const trainer = runningRecommendService(e0.core.ctx)!;
  const requested = await trainer.retrainer!.request('manual', null);
  await trainer.retrainer!.idle();
  assert.equal(await modelOf(e0), requested.id, 'the replica that trained serves it');
  // The worker relays the outbox's announcement to the stream; replica 1 loads the stored snapshot and swaps it in.
  await until('replica 1 serves the retrained version', async () => (await modelOf(e1)) === requested.id);
  assert.equal(e1.intake.figures.modelAnnouncements, 1);

  // Replica 1 goes down and a new one takes its place: it serves the version from its first page.
  running.splice(running.indexOf(e1), 1);
  await e1.stop();
  const again = await engine(1);
  running.push(again);
  assert.equal(await modelOf(again), requested.id);
});
