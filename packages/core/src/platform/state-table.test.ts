import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stateTable } from './state-table.js';

type S = 'open' | 'held' | 'closed';
type A = 'hold' | 'release' | 'close';
type W = 'owner' | 'admin';

const doors = stateTable<S, A, W>('door', [
  { from: 'open', action: 'hold', to: 'held', who: ['owner', 'admin'] },
  { from: 'held', action: 'release', to: 'open', who: ['admin'] },
  { from: 'open', action: 'close', to: 'closed', who: ['owner'] },
  { from: 'held', action: 'close', to: 'closed', who: ['admin'] },
]);

test('a move is allowed only as the table says: in that state, by one of its parties', () => {
  assert.equal(doors.next('open', 'hold', 'owner'), 'held');
  assert.equal(doors.next('held', 'release', 'owner'), null, 'the owner may not release');
  assert.equal(doors.next('closed', 'hold', 'admin'), null, 'closed has no way out');
  assert.equal(doors.next('nonsense', 'hold', 'admin'), null);
  assert.equal(doors.canTransition('held', 'close', 'admin'), true);
  assert.equal(doors.canTransition('held', 'close', 'owner'), false);
  assert.equal(doors.canMove('open', 'closed', 'owner'), true);
  assert.equal(doors.canMove('open', 'closed', 'admin'), false);
});

test('a refused move throws the stable error with what was tried', () => {
  assert.equal(doors.assertTransition('open', 'close', 'owner'), 'closed');
  assert.throws(() => doors.assertTransition('held', 'release', 'owner'), {
    code: 'INVALID_TRANSITION',
    status: 409,
    details: { from: 'held', action: 'release', by: 'owner' },
  });
  assert.throws(() => doors.assertMove('closed', 'open', 'admin'), {
    code: 'INVALID_TRANSITION',
    message: 'a closed door cannot become open (by admin)',
  });
  const strict = stateTable<S, A, W>('door', doors.rows, 'ACTION_NOT_ALLOWED');
  assert.throws(() => strict.assertTransition('closed', 'hold', 'admin'), { code: 'ACTION_NOT_ALLOWED' });
});

test('the actions offered are the ones the table allows that party, in table order', () => {
  assert.deepEqual(doors.allowedActions('open', 'owner'), ['hold', 'close']);
  assert.deepEqual(doors.allowedActions('open', 'admin'), ['hold']);
  assert.deepEqual(doors.allowedActions('held', 'admin'), ['release', 'close']);
  assert.deepEqual(doors.allowedActions('held', 'owner'), []);
  assert.deepEqual(doors.allowedActions('closed', 'admin'), []);
  assert.deepEqual(doors.sourcesOf('close', 'admin'), ['held']);
  assert.deepEqual(doors.sourcesOf('hold', 'admin'), ['open']);
  assert.deepEqual(doors.sourcesOf('release', 'owner'), []);
  for (const state of ['open', 'held', 'closed'] as const) {
    for (const who of ['owner', 'admin'] as const) {
      for (const action of doors.allowedActions(state, who))
        assert.ok(doors.canTransition(state, action, who), `${state} ${action} ${who}`);
    }
  }
});
