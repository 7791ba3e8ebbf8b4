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
  assert.ok(others.every((s) => scores[11]! > s), `B ${scores[11]} vs the best other ${Math.max(...others)}`);
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
