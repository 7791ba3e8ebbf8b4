import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatasetFormatError, parseInteractions, sequenceOf } from './dataset.js';

test('people and items get dense indices in order of first appearance, sequences keep line order', () => {
  const data = parseInteractions('7 30\n7 10\n9 10\n7 20\n\n9 40\n');
  assert.equal(data.numUsers, 2);
  assert.equal(data.numItems, 4);
  assert.deepEqual(data.userIds, ['7', '9']);
  assert.deepEqual(data.itemIds, ['30', '10', '20', '40']);
  const ids = (u: number): string[] => Array.from(sequenceOf(data, u), (i) => data.itemIds[i]!);
  assert.deepEqual(ids(0), ['30', '10', '20']);
  assert.deepEqual(ids(1), ['10', '40']);
});

test('a line that is not a pair is rejected with its line number', () => {
  assert.throws(
    () => parseInteractions('1 2\n3\n'),
    (err: unknown) => err instanceof DatasetFormatError && err.line === 2 && /line 2/.test(err.message),
  );
  assert.throws(() => parseInteractions('1 2 3\n'), DatasetFormatError);
});

test('an empty file holds no interactions', () => {
  const data = parseInteractions('');
  assert.equal(data.numUsers, 0);
  assert.equal(data.items.length, 0);
});
