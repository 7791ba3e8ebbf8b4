import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Head, Labels } from './hashed-ranker.js';
import { OutcomeLog } from './outcome-log.js';

interface Example {
  slot: number;
  labels: Labels;
  only?: Head;
}

function recorder(): { examples: Example[]; train: (slots: Int32Array, labels: Labels, only?: Head) => void } {
  const examples: Example[] = [];
  return { examples, train: (slots, labels, only) => examples.push({ slot: slots[0]!, labels: { ...labels }, ...(only ? { only } : {}) }) };
}

const slots = (n: number): Int32Array => Int32Array.of(n);

test('a seen pair is trained when its person asks for the next page; an unseen one waits', () => {
  const log = new OutcomeLog(60_000);
  const { examples, train } = recorder();
  log.served('a', 1, slots(1), 0, train);
  log.served('a', 2, slots(2), 0, train);
  log.served('b', 3, slots(3), 0, train);
  log.mark('a', 1, 'seen');
  log.mark('a', 1, 'complete');
  log.mark('b', 3, 'seen');
  log.movedOn('a', train);
  assert.deepEqual(examples, [{ slot: 1, labels: { complete: 1, engage: 0, purchase: 0 } }]);
  log.movedOn('a', train);
  assert.equal(examples.length, 1, 'a pair is trained once');
  log.mark('a', 2, 'engage');
  log.movedOn('a', train);
  assert.deepEqual(examples.map((e) => e.slot), [1, 2]);
  log.closeDue(60_000, train);
  assert.deepEqual(examples.map((e) => e.slot), [1, 2, 3], 'the window still closes the other person’s pair');
  assert.equal(log.size, 0);
});

test('a label after the pair was trained corrects that head alone; after the window it is ignored', () => {
  const log = new OutcomeLog(60_000);
  const { examples, train } = recorder();
  log.served('a', 1, slots(1), 0, train);
  log.mark('a', 1, 'seen');
  log.movedOn('a', train);
  assert.equal(log.mark('a', 1, 'purchase', train), true);
  assert.deepEqual(examples[1], { slot: 1, labels: { complete: 0, engage: 0, purchase: 1 }, only: 'purchase' });
  log.mark('a', 1, 'purchase', train);
  assert.equal(examples.length, 2, 'the same label corrects once');
  log.closeDue(60_000, train);
  assert.equal(log.mark('a', 1, 'engage', train), false);
  assert.equal(examples.length, 2);
});

test('serving a trained pair again starts a fresh example; capacity closes the oldest', () => {
  const log = new OutcomeLog(60_000, 2);
  const { examples, train } = recorder();
  log.served('a', 1, slots(1), 0, train);
  log.mark('a', 1, 'purchase');
  log.movedOn('a', train);
  log.served('a', 1, slots(10), 5, train);
  log.mark('a', 1, 'seen');
  log.movedOn('a', train);
  assert.deepEqual(examples[1], { slot: 10, labels: { complete: 0, engage: 0, purchase: 0 } });
  log.served('b', 2, slots(2), 6, train);
  log.mark('b', 2, 'seen');
  log.served('c', 3, slots(3), 7, train);
  assert.deepEqual(examples.map((e) => e.slot), [1, 10], 'over capacity: the oldest pending pair (a trained one) closes silently');
  log.served('d', 4, slots(4), 8, train);
  assert.deepEqual(examples.map((e) => e.slot), [1, 10, 2], 'then the next, seen and untrained, is trained as it closes');
});
