import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emit, type Core } from '@zhongcao/core';
import { startPlatform } from '../platform.js';
import { startBackground } from './background-process.js';

const undispatched = async (core: Core): Promise<number> =>
  Number(
    (
      await core.ctx.db
        .selectFrom('outbox')
        .where('dispatched_at', 'is', null)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('an api-role process never dispatches the outbox; a worker-role process does, without listening', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'zc-roles-'));
  const api = await startPlatform({
    dataDir,
    databaseUrl: undefined,
    port: 0,
    logLevel: 'silent',
    engineThread: false,
    role: 'api',
  });
  try {
    assert.equal(api.worker, null);
    const before = await undispatched(api.core);
    await api.core.ctx.db.transaction().execute((tx) =>
      // @ts-expect-error a topic no subscriber handles: the row stays in the outbox until a worker dispatches it
      emit(tx, 'test.role', 'subject_1', {}, Date.now()),
    );
    await new Promise((r) => setTimeout(r, 700)); // longer than the loop's 500 ms round
    assert.equal(await undispatched(api.core), before + 1, 'the api process left the event for the worker');

    const background = await startBackground({
      dataDir,
      databaseUrl: undefined,
      migrate: false,
      logLevel: 'silent',
      intervalMs: 50,
    });
    try {
      const deadline = Date.now() + 5_000;
      while ((await undispatched(api.core)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.equal(await undispatched(api.core), 0, 'the worker process dispatched it');
    } finally {
      await background.stop();
    }
  } finally {
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
