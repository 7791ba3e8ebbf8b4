/**
 * What the 罗盘 rollups' stream consumer (scaled mode) costs per event, measured on a backlog: a
 * store with `batches` stored batches of 10 impressions, each with its `events.recorded` outbox
 * event, published on a private NATS; the consumer `rollups` started on them (its floor set and
 * one message handled before, so it does not catch up from the database). Prints one JSON line:
 * this process's CPU (the consumer, its NATS client and, on SQLite, the database) and the wall
 * time until every message was counted, per event and per message, and the transactions.
 * Usage: node --conditions=development --import tsx packages/server/src/test-support/rollups-stream-cost.ts [batches]
 * (SQLite; with DATABASE_URL, a fresh schema or database on that PostgreSQL, whose CPU is not counted).
 */
import { performance } from 'node:perf_hooks';
import { consumeRollupsFromStream, ingestEvents, sendEventsToOutbox, systemClock, type Core } from '@zhongcao/core';
import { makePerson, makeShop, openTestCore } from '@zhongcao/core/test-support';
import { videoOf } from '@zhongcao/core/test-support/analytics';
import { connectJetStream, type JetStream } from '../shared/jetstream-stream.js';
import { startPrivateNats } from './private-services.js';

const PER_BATCH = 10;

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Publishes the outbox's undelivered `events.recorded` events as the worker's relay would, and marks them dispatched. */
async function relay(core: Core, stream: JetStream): Promise<number> {
  const rows = await core.ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('topic', '=', 'events.recorded')
    .where('dispatched_at', 'is', null)
    .orderBy('id')
    .execute();
  for (let i = 0; i < rows.length; i += 200)
    await Promise.all(
      rows.slice(i, i + 200).map((r) =>
        stream.publish(`outbox.${r.topic}`, r.id, {
          topic: r.topic,
          subjectId: r.subject_id,
          payload: JSON.parse(r.payload) as unknown,
          createdAt: Number(r.created_at),
        }),
      ),
    );
  await core.ctx.db
    .updateTable('outbox')
    .set({ dispatched_at: Date.now() })
    .where('dispatched_at', 'is', null)
    .execute();
  return rows.length;
}

async function main(): Promise<void> {
  const batches = Number(process.argv[2] ?? 1_000);
  const nats = await startPrivateNats();
  const core = await openTestCore({ clock: systemClock });
  const stream = await connectJetStream(nats.url, 'rollups-cost');
  try {
    sendEventsToOutbox(core.ctx.db);
    const shop = await makeShop(core, 'cost-owner', 500);
    const creator = await makePerson(core, 'cost-creator', ['creator']);
    const video = await videoOf(core, creator, [shop.productId]);
    let n = 0;
    const store = async (): Promise<void> => {
      const i = n++;
      const at = Date.now();
      await ingestEvents(
        core.ctx,
        { viewerId: `cost-viewer-${i % 50}` },
        Array.from({ length: PER_BATCH }, (_, k) => ({
          type: 'impression' as const,
          videoId: video,
          at: at - k,
          clientEventId: `c${i}-${k}`,
        })),
      );
    };

    // The floor and one handled message: the measured start is a restart, not a first start.
    const warm = await consumeRollupsFromStream(core.ctx, stream);
    await store();
    await relay(core, stream);
    await until(() => warm.figures.messages >= 1, 30_000);
    await warm.consumer.stop();

    for (let b = 0; b < batches; b++) await store();
    const published = await relay(core, stream);

    const cpu = process.cpuUsage();
    const started = performance.now();
    const running = await consumeRollupsFromStream(core.ctx, stream);
    await until(() => running.figures.messages + running.figures.duplicates >= published, 600_000);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    await running.consumer.stop();
    const cpuMs = (used.user + used.system) / 1000;
    const events = running.figures.facts;
    const counted = await core.ctx.db
      .selectFrom('analytics_rollups')
      .select((eb) => eb.fn.sum<number>('impressions').as('n'))
      .where('scope', '=', 'platform')
      .where('dim', '=', 'total')
      .executeTakeFirstOrThrow();
    const figures = running.figures as typeof running.figures & { transactions?: number };
    console.log(
      JSON.stringify({
        dialect: core.databaseUrl ? 'postgres' : 'sqlite',
        messages: published,
        events,
        impressions_in_rollups: Number(counted.n),
        expected_impressions: (batches + 1) * PER_BATCH,
        transactions: figures.transactions ?? figures.messages,
        cpu_ms: Math.round(cpuMs),
        cpu_ms_per_event: Number((cpuMs / events).toFixed(4)),
        cpu_ms_per_message: Number((cpuMs / published).toFixed(3)),
        wall_ms: Math.round(wallMs),
        wall_ms_per_message: Number((wallMs / published).toFixed(3)),
        events_per_s: Math.round(events / (wallMs / 1000)),
      }),
    );
  } finally {
    await stream.close();
    await core.dispose();
    await nats.close();
  }
}

await main();
