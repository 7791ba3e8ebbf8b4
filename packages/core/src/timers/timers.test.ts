import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCore } from '../core.js';
import { openTestCore } from '../test-support/index.js';
import { runDueTimers, TimerRegistry } from './scheduler.js';
import { cancelTimer, findTimer, scheduleTimer, scheduleTimers, timerCounts, troubledTimers } from './timers.js';
import { retryDelayMs } from './timer-rules.js';

const MIN = 60_000;

function counting(kind = 'test.tick'): { registry: TimerRegistry; fired: Map<string, number> } {
  const fired = new Map<string, number>();
  const registry = new TimerRegistry().register(kind, async (_tx, t) => {
    fired.set(t.subjectId, (fired.get(t.subjectId) ?? 0) + 1);
  });
  return { registry, fired };
}

test('a timer is idempotent per kind and subject, moves when rescheduled, fires once when due and not before', async () => {
  const core = await openTestCore();
  try {
    const { registry, fired } = counting();
    const now = core.clock.now();
    await scheduleTimer(core.ctx.db, { kind: 'test.tick', subjectId: 'a', dueAt: now + 10 * MIN }, now);
    await scheduleTimer(
      core.ctx.db,
      { kind: 'test.tick', subjectId: 'a', dueAt: now + 20 * MIN, payload: { v: 2 } },
      now,
    );
    await scheduleTimers(
      core.ctx.db,
      [
        { kind: 'test.tick', subjectId: 'b', dueAt: now + 5 * MIN },
        { kind: 'test.tick', subjectId: 'c', dueAt: now + 5 * MIN },
      ],
      now,
    );
    assert.equal(await cancelTimer(core.ctx.db, 'test.tick', 'c', now), true);
    assert.equal(await cancelTimer(core.ctx.db, 'test.tick', 'c', now), false);
    core.clock.advance(10 * MIN);
    assert.deepEqual(await runDueTimers(core.ctx, registry), { fired: 1, failed: 0 });
    assert.deepEqual([...fired], [['b', 1]], 'a moved to +20 min; c was cancelled');
    core.clock.advance(10 * MIN - 1);
    assert.equal((await runDueTimers(core.ctx, registry)).fired, 0);
    core.clock.advance(1);
    assert.equal((await runDueTimers(core.ctx, registry)).fired, 1);
    assert.equal((await runDueTimers(core.ctx, registry)).fired, 0, 'a fired timer never fires again');
    const a = await findTimer(core.ctx.db, 'test.tick', 'a');
    assert.equal(a?.status, 'done');
    assert.deepEqual(a?.payload, { v: 2 });
    assert.equal(a?.firedAt, core.clock.now());
    assert.deepEqual(Object.fromEntries(fired), { a: 1, b: 1 });
  } finally {
    await core.dispose();
  }
});

test('a failing handler rolls its work back, retries with back-off and shows its error; the others still fire', async () => {
  const core = await openTestCore();
  try {
    let broken = true;
    const registry = new TimerRegistry().register('test.flaky', async (tx, t, now) => {
      await tx
        .insertInto('settings')
        .values({ key: `ran:${t.subjectId}:${now}`, value: '1' })
        .execute();
      if (t.subjectId === 'bad' && broken) throw new Error('boom');
    });
    const now = core.clock.now();
    await scheduleTimers(
      core.ctx.db,
      ['ok1', 'bad', 'ok2'].map((s) => ({ kind: 'test.flaky', subjectId: s, dueAt: now })),
      now,
    );
    await scheduleTimer(core.ctx.db, { kind: 'aftersales_response', subjectId: 'case1', dueAt: now }, now);
    assert.deepEqual(await runDueTimers(core.ctx, registry), { fired: 2, failed: 2 });
    const bad = await findTimer(core.ctx.db, 'test.flaky', 'bad');
    assert.equal(bad?.status, 'pending');
    assert.equal(bad?.attempts, 1);
    assert.equal(bad?.dueAt, now + retryDelayMs(1));
    assert.match(bad?.lastError ?? '', /boom/);
    const noHandler = await findTimer(core.ctx.db, 'aftersales_response', 'case1');
    assert.match(noHandler?.lastError ?? '', /no handler/);
    assert.deepEqual((await troubledTimers(core.ctx.db)).map((t) => t.subjectId).sort(), ['bad', 'case1']);
    const ran = await core.ctx.db.selectFrom('settings').select('key').where('key', 'like', 'ran:bad:%').execute();
    assert.equal(ran.length, 0, 'the failed attempt wrote nothing');
    core.clock.advance(retryDelayMs(1));
    assert.equal((await runDueTimers(core.ctx, registry, { kinds: ['test.flaky'] })).failed, 1);
    assert.equal((await findTimer(core.ctx.db, 'test.flaky', 'bad'))?.attempts, 2);
    broken = false;
    core.clock.advance(retryDelayMs(2));
    assert.equal((await runDueTimers(core.ctx, registry, { kinds: ['test.flaky'] })).fired, 1);
    assert.equal((await findTimer(core.ctx.db, 'test.flaky', 'bad'))?.status, 'done');
    assert.equal((await findTimer(core.ctx.db, 'test.flaky', 'bad'))?.attempts, 3);
    const counts = await timerCounts(core.ctx.db);
    assert.equal(counts.done, 3);
  } finally {
    await core.dispose();
  }
});

test('restart in the middle: timers due while the process was down fire exactly once, at once', async () => {
  const first = await openTestCore();
  const dataDir = first.ctx.dataDir;
  const schema = first.storage.schema;
  const clock = first.clock;
  const now = clock.now();
  await scheduleTimers(
    first.ctx.db,
    Array.from({ length: 50 }, (_, i) => ({ kind: 'test.tick', subjectId: `s${i}`, dueAt: now + (i + 1) * MIN })),
    now,
  );
  clock.advance(10 * MIN);
  const before = counting();
  assert.equal((await runDueTimers(first.ctx, before.registry)).fired, 10);
  await first.close(); // the process stops with 40 timers pending
  clock.advance(48 * 60 * MIN);
  const second = await openCore({
    dataDir,
    databaseUrl: first.databaseUrl,
    pgSchema: schema,
    clock,
    pgPoolSize: 10,
  });
  try {
    const after = counting();
    assert.equal((await runDueTimers(second.ctx, after.registry)).fired, 40);
    assert.equal((await runDueTimers(second.ctx, after.registry)).fired, 0);
    assert.equal(after.fired.size, 40);
    for (const [subject, n] of after.fired) {
      assert.equal(n, 1);
      assert.equal(before.fired.has(subject), false, `${subject} fired before the restart and again after`);
    }
  } finally {
    await second.close();
    await first.dispose(); // already closed: removes the data folder and the store
  }
});

test('a crash before commit re-runs the timer; concurrent schedulers never fire one twice', async () => {
  const core = await openTestCore();
  try {
    const now = core.clock.now();
    const n = 600;
    await scheduleTimers(
      core.ctx.db,
      Array.from({ length: n }, (_, i) => ({
        kind: 'test.tick',
        subjectId: `c${String(i).padStart(4, '0')}`,
        dueAt: now - i,
      })),
      now,
    );
    const fired = new Map<string, number>();
    const registry = new TimerRegistry().register('test.tick', async (tx, t) => {
      // The handler's own write collides if the same timer ever ran twice in committed work.
      await tx
        .insertInto('settings')
        .values({ key: `fired:${t.subjectId}`, value: '1' })
        .execute();
      fired.set(t.subjectId, (fired.get(t.subjectId) ?? 0) + 1);
      await new Promise((r) => setImmediate(r));
    });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => runDueTimers(core.ctx, registry, { batchSize: 25 })),
    );
    assert.equal(
      results.reduce((s, r) => s + r.fired, 0),
      n,
    );
    assert.equal(
      results.reduce((s, r) => s + r.failed, 0),
      0,
    );
    assert.equal(fired.size, n);
    assert.ok(
      [...fired.values()].every((v) => v === 1),
      'no handler ran twice',
    );
    const rows = await core.ctx.db.selectFrom('settings').select('key').where('key', 'like', 'fired:%').execute();
    assert.equal(rows.length, n);
  } finally {
    await core.dispose();
  }
});
