import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SequenceEmbedding } from './sequence-embedding.js';

test('people who engaged with A went on to B: after A, B scores above videos no one chose after A', () => {
  const recent = new Map<string, number[]>();
  const emb = new SequenceEmbedding((actor) => recent.get(actor));
  const engage = (actor: string, item: number, at: number): void => {
    const mine = recent.get(actor) ?? [];
    mine.push(item);
    recent.set(actor, mine);
    emb.step(actor, item, true, at);
  };
  // Items 0..49: pairs (2k, 2k+1) are chosen one after the other, many times.
  for (let round = 0; round < 40; round++) {
    for (let k = 0; k < 25; k++) {
      const actor = `p${round}-${k}`;
      engage(actor, 2 * k, round);
      engage(actor, 2 * k + 1, round);
    }
  }
  recent.set('me', [10]);
  const items = Int32Array.from({ length: 50 }, (_, i) => i);
  const scores = new Float32Array(50);
  emb.score('me', items, scores);
  const others = [...scores].filter((_, i) => i !== 11 && i !== 10);
  assert.ok(
    others.every((s) => scores[11]! > s),
    `B ${scores[11]} vs the best other ${Math.max(...others)}`,
  );
  assert.equal(emb.hasPerson('nobody'), false);
  emb.score('nobody', items, scores);
  assert.ok(scores.every((s) => s === 0));
});

test('a negative engagement is not a choice, and unengaged videos expire', () => {
  const emb = new SequenceEmbedding(() => [1]);
  emb.step('a', 2, false, 0);
  assert.equal(emb.model.items.find(2), -1);
  emb.step('a', 2, true, 0);
  assert.ok(emb.model.items.find(2) >= 0);
  assert.equal(emb.expire(1), 1);
  assert.equal(emb.model.items.find(2), -1);
});

test('gathered vectors score as the table does at the moment they were gathered', () => {
  const recent = new Map<string, number[]>([['me', [1, 2]]]);
  const emb = new SequenceEmbedding((actor) => recent.get(actor));
  for (let k = 0; k < 30; k++) {
    recent.set(`p${k}`, []);
    emb.step(`p${k}`, k % 7, true, k);
    recent.set(`p${k}`, [k % 7]);
    emb.step(`p${k}`, (k % 7) + 10, true, k);
  }
  const items = Int32Array.from([10, 11, 12, 13, 14, 15, 16, 99]);
  const gathered = emb.gather(items);
  const direct = new Float32Array(items.length);
  const fromCopy = new Float32Array(items.length);
  emb.score('me', items, direct);
  emb.scoreGathered('me', gathered, fromCopy);
  for (let j = 0; j < items.length; j++)
    assert.ok(Math.abs(direct[j]! - fromCopy[j]!) < 1e-5, `${items[j]}: ${direct[j]} vs ${fromCopy[j]}`);
  assert.equal(fromCopy[items.length - 1], 0, 'a video with no row scores 0');
  assert.ok(fromCopy.some((s) => s !== 0));
  // Training moves the table, not the copy.
  for (let k = 0; k < 20; k++) emb.step('me', 10, true, 100 + k);
  emb.scoreGathered('me', emb.gather(items), direct);
  assert.notDeepEqual([...direct], [...fromCopy]);
  emb.scoreGathered('nobody', gathered, fromCopy);
  assert.ok(fromCopy.every((s) => s === 0));
});
