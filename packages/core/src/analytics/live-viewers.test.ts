/** A live room's viewers per minute when its viewers are spread over several processes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore } from '../test-support/index.js';
import { SqlRollupStore } from './rollup-store.js';

test('a minute’s viewers are the sum of each process’s peak; the same process handing a minute over twice counts once', async () => {
  const core = await openTestCore();
  try {
    const store = new SqlRollupStore(core.ctx.db);
    const minute = 60_000 * 29_000_000;
    const seen = (viewers: number, comments = 0) => [{ room_id: 'lvr_a', minute, viewers, entries: 0, comments }];
    await store.addLiveActivity(seen(30, 2), 'api-1');
    await store.addLiveActivity(seen(20, 1), 'api-1'); // later in the minute, fewer online: the peak stays
    await store.addLiveActivity(seen(45, 3), 'api-2');
    const [m] = await store.liveMinutes('lvr_a', minute, minute + 60_000);
    assert.deepEqual([m?.viewers, m?.comments], [75, 6]);
    await store.addLiveActivity(seen(50), 'api-1');
    const totals = (await store.liveTotals(['lvr_a'])).get('lvr_a');
    assert.equal(totals?.peak, 95, 'api-1 reached 50, api-2 45');
  } finally {
    await core.dispose();
  }
});
