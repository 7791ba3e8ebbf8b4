import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';

test('model versions over HTTP: admins list them and ask for a retraining (one at a time); others are refused', async () => {
  const s = await startTestServer();
  try {
    const admin = await s.tokenFor((await makePerson(s.core, 'http-mdl-admin', ['admin'], false)).userId);
    const shopper = await s.tokenFor((await makePerson(s.core, 'http-mdl-shopper', [], false)).userId);
    const empty = await s.call('GET', '/api/v1/admin/recsys/models', { token: admin });
    const { engines, ...rest } = empty.json();
    assert.deepEqual(rest, { versions: [], retraining: false, everyMs: null });
    assert.deepEqual(engines, [], 'no engine runs in this process and no engine service is used');
    const asked = await s.call('POST', '/api/v1/admin/recsys/retrain', { token: admin });
    assert.equal(asked.statusCode, 202);
    assert.equal(asked.json().status, 'requested');
    assert.equal(asked.json().trigger, 'manual');
    const again = await s.call('POST', '/api/v1/admin/recsys/retrain', { token: admin });
    assert.equal(again.json().id, asked.json().id);
    const list = await s.call('GET', '/api/v1/admin/recsys/models', { token: admin });
    assert.deepEqual(
      list.json().versions.map((v: { id: string }) => v.id),
      [asked.json().id],
    );
    assert.equal((await s.call('GET', '/api/v1/admin/recsys/models', { token: shopper })).statusCode, 403);
    assert.equal((await s.call('POST', '/api/v1/admin/recsys/retrain', { token: shopper })).statusCode, 403);
    assert.equal((await s.call('GET', '/api/v1/admin/recsys/models')).statusCode, 401);
  } finally {
    await s.close();
  }
});
