import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInteractions, sequenceOf } from '../data/dataset.js';
import { evaluableUsers, historyFor, leaveOneOut } from './split.js';

// user a: 2 items (train only); b: exactly 3; c: 5.
const data = parseInteractions('a 1\na 2\nb 3\nb 4\nb 5\nc 1\nc 2\nc 3\nc 4\nc 6\n');
const item = (id: string): number => data.itemIds.indexOf(id);
const ids = (seq: Int32Array): string[] => Array.from(seq, (i) => data.itemIds[i]!);

test('last = test, second-to-last = validation, rest = train; fewer than 3 keep all in train', () => {
  const split = leaveOneOut(data);
  assert.deepEqual(ids(sequenceOf(split.train, 0)), ['1', '2']);
  assert.equal(split.valid[0], -1);
  assert.equal(split.test[0], -1);
  assert.deepEqual(ids(sequenceOf(split.train, 1)), ['3']);
  assert.equal(split.valid[1], item('4'));
  assert.equal(split.test[1], item('5'));
  assert.deepEqual(ids(sequenceOf(split.train, 2)), ['1', '2', '3']);
  assert.equal(split.valid[2], item('4'));
  assert.equal(split.test[2], item('6'));
  assert.deepEqual(Array.from(evaluableUsers(split)), [1, 2]);
});

test('the input is train for validation and train + validation item for test', () => {
  const split = leaveOneOut(data);
  assert.deepEqual(ids(historyFor(split, 2, 'valid')), ['1', '2', '3']);
  assert.deepEqual(ids(historyFor(split, 2, 'test')), ['1', '2', '3', '4']);
  assert.deepEqual(ids(historyFor(split, 0, 'test')), ['1', '2']);
});
