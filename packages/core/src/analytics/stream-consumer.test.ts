import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore, withTestCore, type TestCore } from '../test-support/index.js';
import { makeWorld, buyVia, videoOf } from '../affiliate/test-support/index.js';
import { ingestEvents } from '../events/index.js';
import { rollupsSnapshot } from '../test-support/index.js';
import { COMMIT_GRACE_MS, COMPASS_CURSOR, consumeRollups, rebuildRollups } from './consumer.js';
import { SqlRollupStore } from './rollup-store.js';
import { consumeRollupsFromStream, FLOOR_SKEW_MS, rowsNamedBy } from './stream-consumer.js';
import { groupByRows, handleRollupMessage, mergeNamed } from './stream-batch.js';
import type { Stream, StreamBatchHandler, StreamMessage } from '../stream/index.js';

test('a stream message names the rows the rollups read: a paid order, a refund, a review, a case, a batch of events; others none', () => {
  const outbox = (topic: string, subjectId: string, payload: unknown = {}) => ({
    subject: `outbox.${topic}` as const,
    payload: { topic, subjectId, payload, createdAt: 0 },
  });
  assert.deepEqual(rowsNamedBy(outbox('order.paid', 'ord_1')), { orders: ['ord_1'] });
  assert.deepEqual(rowsNamedBy(outbox('refund.succeeded', 'rfd_1')), { refunds: ['rfd_1'] });
  assert.deepEqual(rowsNamedBy(outbox('review.created', 'rev_1')), { reviews: ['rev_1'] });
  assert.deepEqual(rowsNamedBy(outbox('aftersales.requested', 'cas_1')), { cases: ['cas_1'] });
  assert.deepEqual(rowsNamedBy(outbox('events.recorded', 'evt_1', { ids: ['evt_1', 'evt_2', 3] })), {
    events: ['evt_1', 'evt_2'],
  });
  assert.equal(rowsNamedBy(outbox('order.shipped', 'ord_1')), null);
  assert.equal(rowsNamedBy({ subject: 'signals', payload: [] }), null);
});

/** A stream whose consumer is handed batches by the test, as the stream would hand what it delivered. */
function fakeStream(): { stream: Stream; deliverBatch(batch: StreamMessage[]): Promise<readonly StreamMessage[]> } {
  let handler: StreamBatchHandler | null = null;
  const stream = {
    kind: 'embedded',
    consumeBatches: async (_durable: string, _prefixes: readonly string[], h: StreamBatchHandler) => {
      handler = h;
      return { stop: async () => {} };
    },
  } as unknown as Stream;
  return { stream, deliverBatch: async (batch) => (await handler!(batch)) ?? [] };
}

/** The consumer started on a fake stream with the given store, its errors collected; the clock moved past its start. */
async function consumingWith(core: TestCore, store: SqlRollupStore) {
  const errors: string[] = [];
  const { stream, deliverBatch } = fakeStream();
  const running = await consumeRollupsFromStream(core.ctx, stream, store, (e) => errors.push(e.message));
  core.clock.advance(10);
  return { running, deliverBatch, errors };
}

const paidMessage = (id: string, orderId: string, publishedAt: number): StreamMessage => ({
  id,
  subject: 'outbox.order.paid',
  payload: { topic: 'order.paid', subjectId: orderId, payload: {}, createdAt: publishedAt },
  publishedAt,
});

test('messages delivered together are grouped by the rows they name, and their rows merged', () => {
  const m = (id: string, events: number) => ({
    id,
    named: { events: Array.from({ length: events }, (_, i) => `${id}-${i}`) },
  });
  assert.deepEqual(
    groupByRows([m('a', 600), m('b', 600), m('c', 900), m('d', 2_500), m('e', 1)], 2_000).map((g) =>
      g.map((x) => x.id),
    ),
    [['a', 'b'], ['c'], ['d'], ['e']],
  );
  assert.deepEqual(mergeNamed([{ orders: ['o1'] }, { orders: ['o1', 'o2'], events: ['e1'] }, { refunds: [] }]), {
    orders: ['o1', 'o2'],
    events: ['e1'],
  });
});

test('a message handled twice adds its facts once; rows at or before the floor add nothing; no cursor (a rebuild running) makes it wait', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'sc');
    const video = await videoOf(core, w.creator, [w.shop.productId]);
    core.clock.advance(COMMIT_GRACE_MS + 1);
    await consumeRollups(core.ctx); // the floor: now
    const store = new SqlRollupStore(core.ctx.db);
    const floor = (await store.cursor(COMPASS_CURSOR))!;

    core.clock.advance(10);
    const orderId = await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'video', contentId: video }, 2);
    await ingestEvents(core.ctx, { viewerId: 'v1' }, [
      { type: 'impression', videoId: video, at: core.clock.now(), clientEventId: 'a' },
    ]);
    const eventIds = (await core.ctx.db.selectFrom('events').select('id').execute()).map((r) => r.id);

    assert.deepEqual(await handleRollupMessage(core.ctx, store, 'm-order', { orders: [orderId] }), {
      added: true,
      facts: 1,
    });
    assert.deepEqual(await handleRollupMessage(core.ctx, store, 'm-order', { orders: [orderId] }), {
      added: false,
      facts: 0,
    });
    assert.equal((await handleRollupMessage(core.ctx, store, 'm-events', { events: eventIds })).added, true);
    assert.equal((await handleRollupMessage(core.ctx, store, 'm-events', { events: eventIds })).added, false);
    assert.equal(await store.cursor(COMPASS_CURSOR), floor, 'the stream consumer leaves the floor where it was');
    const kept = await rollupsSnapshot(core.ctx.db);
    const totals = kept.rollups.filter((r) => r.scope === 'platform' && r.dim === 'total');
    assert.equal(
      totals.reduce((a, r) => a + Number(r.orders), 0),
      1,
    );
    assert.equal(
      totals.reduce((a, r) => a + Number(r.impressions), 0),
      1,
    );

    // What the stream counted equals the recount from the raw rows.
    core.clock.advance(COMMIT_GRACE_MS + 1);
    await rebuildRollups(core.ctx, null);
    assert.deepEqual(await rollupsSnapshot(core.ctx.db), kept);

    // After the rebuild the floor is past these rows: a late delivery of a message never handled adds nothing.
    assert.equal((await handleRollupMessage(core.ctx, store, 'm-late', { orders: [orderId] })).facts, 0);
    assert.deepEqual(await rollupsSnapshot(core.ctx.db), kept);

    // While a rebuild runs there is no cursor: the message is left for redelivery.
    await core.ctx.db.deleteFrom('analytics_cursors').execute();
    await assert.rejects(handleRollupMessage(core.ctx, store, 'm-wait', { orders: [orderId] }), /rebuild/);

    // Pruning forgets ids handled before the given time.
    assert.equal(await store.pruneHandled(core.clock.now() + 1), 3);
    assert.equal((await store.handledAmong(['m-order', 'm-events', 'm-late'])).size, 0);
  } finally {
    await core.dispose();
  }
});

test('the consumer started on a stream catches up from the database first; a message taken well before the floor is acknowledged unread; the rest count once', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'sf');
    const first = await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'search' }, 1);
    core.clock.advance(COMMIT_GRACE_MS + 1);
    const { stream, deliverBatch } = fakeStream();
    const running = await consumeRollupsFromStream(core.ctx, stream);
    const floor = (await new SqlRollupStore(core.ctx.db).cursor(COMPASS_CURSOR))!;
    assert.equal(floor, core.clock.now() - COMMIT_GRACE_MS, 'the first start read the database up to now');
    const deliver = (id: string, orderId: string, publishedAt: number) =>
      deliverBatch([paidMessage(id, orderId, publishedAt)]);
    await deliver('m-old', first, floor - 2 * FLOOR_SKEW_MS);
    assert.equal(running.figures.beforeFloor, 1);
    await deliver('m-first', first, floor); // named a row the catch-up counted: nothing added
    core.clock.advance(10);
    const second = await buyVia(core, w.buyer, w.shop.skuIds[1]!, { source: 'search' }, 1);
    await deliver('m-second', second, core.clock.now());
    await deliver('m-second', second, core.clock.now()); // delivered again to the consumer that handled it: its own repeat
    assert.deepEqual(
      { ...running.figures },
      { messages: 2, facts: 1, duplicates: 1, repeats: 1, waited: 0, beforeFloor: 1, transactions: 2 },
    );
    await running.consumer.stop();
    // A consumer started after it is handed the same message: handled before it started, not its own repeat.
    const next = await consumeRollupsFromStream(core.ctx, stream);
    await deliver('m-second', second, core.clock.now());
    assert.deepEqual(
      { duplicates: next.figures.duplicates, repeats: next.figures.repeats, messages: next.figures.messages },
      { duplicates: 1, repeats: 0, messages: 0 },
    );
    const kept = await rollupsSnapshot(core.ctx.db);
    core.clock.advance(COMMIT_GRACE_MS + 1);
    await next.consumer.stop();
    await rebuildRollups(core.ctx, null);
    assert.deepEqual(await rollupsSnapshot(core.ctx.db), kept);
  } finally {
    await core.dispose();
  }
});

test('a batch of deliveries is one transaction: each new message counted once, repeats and handled ones not; a message that fails alone waits and the others count', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'sb');
    core.clock.advance(COMMIT_GRACE_MS + 1);
    // A store whose write fails for one message, as a row that cannot be read or written would.
    class FailsOne extends SqlRollupStore {
      override async commit(batch: Parameters<SqlRollupStore['commit']>[0]): Promise<boolean> {
        if (batch.handled?.ids.includes('m-bad')) throw new Error('cannot write m-bad');
        return super.commit(batch);
      }
    }
    const { running, deliverBatch, errors } = await consumingWith(core, new FailsOne(core.ctx.db));
    const orders: string[] = [];
    for (let i = 0; i < 4; i++)
      orders.push(await buyVia(core, w.buyer, w.shop.skuIds[i % 2]!, { source: 'search' }, 1));
    const at = core.clock.now();
    await deliverBatch([paidMessage('m-0', orders[0]!, at)]);
    const left = await deliverBatch([
      paidMessage('m-1', orders[1]!, at),
      paidMessage('m-0', orders[0]!, at), // handled before
      paidMessage('m-2', orders[2]!, at),
      paidMessage('m-1', orders[1]!, at), // repeated within the batch
    ]);
    assert.deepEqual(left, []);
    assert.deepEqual(
      { ...running.figures },
      { messages: 3, facts: 3, duplicates: 2, repeats: 2, waited: 0, beforeFloor: 0, transactions: 2 },
    );
    const stuck = await deliverBatch([paidMessage('m-bad', orders[3]!, at), paidMessage('m-3', orders[3]!, at)]);
    assert.deepEqual(
      stuck.map((m) => m.id),
      ['m-bad'],
      'only the failing message is left for redelivery',
    );
    assert.ok(errors.length >= 1 && errors.every((e) => /m-bad/.test(e)), errors.join('; '));
    assert.equal(running.figures.messages, 4);
    const kept = await rollupsSnapshot(core.ctx.db);
    core.clock.advance(COMMIT_GRACE_MS + 1);
    await running.consumer.stop();
    await rebuildRollups(core.ctx, null);
    assert.deepEqual(await rollupsSnapshot(core.ctx.db), kept, 'each order counted once');
  } finally {
    await core.dispose();
  }
});

test('a batch split over transactions whose second fails: the first stays counted, only the rest is tried again (none found handled twice)', async () => {
  const core = await openTestCore();
  try {
    core.clock.advance(COMMIT_GRACE_MS + 1);
    // The second transaction fails once, as a busy database would make it.
    let commits = 0;
    class FailsSecond extends SqlRollupStore {
      override async commit(batch: Parameters<SqlRollupStore['commit']>[0]): Promise<boolean> {
        if (batch.handled && ++commits === 2) throw new Error('busy');
        return super.commit(batch);
      }
    }
    const { running, deliverBatch, errors } = await consumingWith(core, new FailsSecond(core.ctx.db));
    const at = core.clock.now();
    // Each names 1,500 event rows (none stored: only the batching matters), so they go in two transactions.
    const named = (id: string): StreamMessage => ({
      id,
      subject: 'outbox.events.recorded',
      payload: {
        topic: 'events.recorded',
        subjectId: `${id}-0`,
        payload: { ids: Array.from({ length: 1_500 }, (_, i) => `${id}-${i}`) },
        createdAt: at,
      },
      publishedAt: at,
    });
    const left = await deliverBatch([named('e-1'), named('e-2')]);
    assert.deepEqual(
      left.map((m) => m.id),
      ['e-2'],
      'the failed group waits for redelivery; the committed one does not',
    );
    assert.deepEqual(errors, ['busy']);
    assert.deepEqual(await deliverBatch(left.slice()), []);
    assert.deepEqual(
      { messages: running.figures.messages, duplicates: running.figures.duplicates },
      { messages: 2, duplicates: 0 },
    );
    assert.equal(commits, 3, 'the first group once, the second failed, then the second again');
    await running.consumer.stop();
  } finally {
    await core.dispose();
  }
});

test('a prune of old handled ids that fails after a batch committed leaves the batch acknowledged (not sent back to come again as duplicates)', async () => {
  await withTestCore(async (core) => {
    core.clock.advance(COMMIT_GRACE_MS + 1);
    let prunes = 0;
    class PruneFails extends SqlRollupStore {
      override async pruneHandled(before: number): Promise<number> {
        if (++prunes === 1) throw new Error('prune: lock timeout');
        return super.pruneHandled(before);
      }
    }
    const { running, deliverBatch, errors } = await consumingWith(core, new PruneFails(core.ctx.db));
    const at = core.clock.now();
    assert.deepEqual(await deliverBatch([paidMessage('p-1', 'ord_none_1', at)]), [], 'committed: nothing left');
    assert.equal(prunes, 1, 'the first batch prunes');
    assert.deepEqual(errors, ['prune: lock timeout'], 'the failure is reported');
    assert.deepEqual(await deliverBatch([paidMessage('p-1', 'ord_none_1', at)]), [], 'a redelivery adds nothing');
    assert.deepEqual(
      { messages: running.figures.messages, duplicates: running.figures.duplicates },
      { messages: 1, duplicates: 1 },
    );
    await running.consumer.stop();
  });
});
