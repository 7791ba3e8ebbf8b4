/**
 * Fault: NATS (with its JetStream store) is killed and restarted while buyers' client events flow
 * into two api processes. The api processes keep accepting events (they are stored first), keep
 * the signals they could not publish and send them again once NATS is back; the engine replica's
 * durable consumer resumes where it stopped. Afterwards the engine has learned every signal sent,
 * exactly once, as its own /metrics reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './cluster.ts';
import { metric, startEngineCluster } from './engine-cluster.ts';

const BATCHES = 240;
const PER_BATCH = 5;
const CONCURRENCY = 6;
/**
 * The consumers' acknowledgement wait (30 s in production): signals the engine had taken when NATS
 * was killed, and not yet acknowledged, come again after it; a short one keeps the wait for them short.
 */
const ACK_WAIT_MS = 5_000;

test('restart NATS while events flow: the engine learns every signal once it is back, none twice', {
  timeout: 240_000,
}, async (t) => {
  const c = await startEngineCluster(t, { env: { STREAM_ACK_WAIT_MS: String(ACK_WAIT_MS) } });
  const learnedBefore = await metric(c.engineUrl, 'zhongcao_engine_signals_learned_total');
  let sent = 0;
  let done = 0;
  let restart: Promise<void> | null = null;
  const queue = Array.from({ length: BATCHES }, (_, i) => i);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let b = queue.shift(); b !== undefined; b = queue.shift()) {
        const client = c.store.clients[b % c.store.clients.length]!;
        const now = Date.now();
        const events = Array.from({ length: PER_BATCH }, (_, k) => ({
          type: 'complete',
          videoId: c.store.videoIds[(b * PER_BATCH + k) % c.store.videoIds.length],
          watchMs: 15_000,
          durationMs: 15_000,
          at: now,
          clientEventId: `nats-fault-${b}-${k}`,
        }));
        const reply = await call(
          c.url,
          'POST',
          '/api/v1/events',
          { authorization: `Bearer ${client.token}` },
          JSON.stringify({ events }),
        );
        assert.equal(reply.status, 202, reply.body);
        sent += (JSON.parse(reply.body) as { accepted: number }).accepted;
        if (++done === BATCHES / 4) {
          restart = (async () => {
            await c.nats.stop(true);
            await new Promise((r) => setTimeout(r, 2_000)); // events keep coming while NATS is away
            await c.nats.restart();
          })();
        }
      }
    }),
  );
  assert.ok(restart, 'NATS was restarted mid-flow');
  await restart;
  assert.equal(sent, BATCHES * PER_BATCH, 'every event was accepted');
  // Every signal reaches the engine once NATS is back: the count catches up and stays there.
  let learned = 0;
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    learned = (await metric(c.engineUrl, 'zhongcao_engine_signals_learned_total')) - learnedBefore;
    if (learned >= sent) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await new Promise((r) => setTimeout(r, 1_500)); // any late repeat would show now
  learned = (await metric(c.engineUrl, 'zhongcao_engine_signals_learned_total')) - learnedBefore;
  const duplicates = await metric(c.engineUrl, 'zhongcao_engine_stream_duplicates_total');
  t.diagnostic(`${sent} signals sent, ${learned} learned by the engine, ${duplicates} repeated deliveries dropped`);
  assert.equal(learned, sent, 'every signal learned, none twice');
});
