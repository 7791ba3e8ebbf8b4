import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatabaseUnavailable } from './unavailable.js';

test('a database going away is told apart from a bug', () => {
  assert.ok(
    isDatabaseUnavailable(
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ),
  );
  assert.ok(isDatabaseUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' })));
  assert.ok(
    isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
  );
  assert.ok(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')));
  assert.ok(isDatabaseUnavailable(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })])));
  assert.ok(!isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' })));
  assert.ok(!isDatabaseUnavailable(new TypeError('x is undefined')));
  assert.ok(!isDatabaseUnavailable(null));
});
