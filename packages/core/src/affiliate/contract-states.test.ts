import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTRACT_STATES } from './contract-states.js';

test('a proposal is accepted or declined by the creator, or withdrawn by the MCN; only an active contract ends', () => {
  assert.deepEqual(CONTRACT_STATES.allowedActions('proposed', 'creator'), ['accept', 'decline']);
  assert.deepEqual(CONTRACT_STATES.allowedActions('proposed', 'mcn'), ['withdraw']);
  assert.deepEqual(CONTRACT_STATES.allowedActions('active', 'creator'), ['end']);
  assert.deepEqual(CONTRACT_STATES.allowedActions('active', 'mcn'), ['end']);
  for (const done of ['declined', 'ended'])
    for (const who of ['mcn', 'creator'] as const) assert.deepEqual(CONTRACT_STATES.allowedActions(done, who), []);
  assert.equal(CONTRACT_STATES.next('proposed', 'withdraw', 'mcn'), 'declined');
  assert.throws(() => CONTRACT_STATES.assertTransition('proposed', 'end', 'creator'), { code: 'INVALID_TRANSITION' });
  assert.throws(() => CONTRACT_STATES.assertTransition('active', 'accept', 'creator'), { code: 'INVALID_TRANSITION' });
});
