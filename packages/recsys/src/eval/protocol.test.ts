import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sequenceOf } from '../data/dataset.js';
import { synthetic } from '../test-support/synthetic.js';
import { buildProtocol, sampleNegatives } from './protocol.js';
import { evaluableUsers, leaveOneOut } from './split.js';

const split = leaveOneOut(synthetic({ users: 300, numItems: 60, clusters: 3, minLength: 3, maxLength: 30 }));

function interacted(u: number): Set<number> {
  return new Set([...sequenceOf(split.train, u), split.valid[u]!, split.test[u]!]);
}

test('negatives never include an item the user interacted with (train, validation or test)', () => {
  const p = buildProtocol(split, { seed: 5, negatives: 100 });
  for (const plan of [p.valid, p.test]) {
    assert.equal(plan.negatives.length, plan.users.length * 100);
    plan.users.forEach((u, k) => {
      const seen = interacted(u);
      for (const i of plan.negatives.subarray(k * 100, (k + 1) * 100)) {
        assert.ok(!seen.has(i), `user ${u} got interacted item ${i} as a negative`);
        assert.ok(i >= 0 && i < split.numItems);
      }
    });
  }
});

test('the same seed draws the same users and negatives; another seed others', () => {
  const a = buildProtocol(split, { seed: 9, maxUsers: 50 });
  const b = buildProtocol(split, { seed: 9, maxUsers: 50 });
  const c = buildProtocol(split, { seed: 10, maxUsers: 50 });
  assert.deepEqual(a.test.users, b.test.users);
  assert.deepEqual(a.test.negatives, b.test.negatives);
  assert.deepEqual(a.valid.negatives, b.valid.negatives);
  assert.notDeepEqual(a.test.users, c.test.users);
  assert.notDeepEqual(a.test.negatives, a.valid.negatives);
});

test('at most maxUsers evaluable users, distinct and ascending; all of them when fewer', () => {
  const all = evaluableUsers(split);
  const sampled = buildProtocol(split, { seed: 1, maxUsers: 40 });
  assert.equal(sampled.test.users.length, 40);
  assert.ok(sampled.sampledUsers);
  assert.equal(sampled.evaluableUsers, all.length);
  const users = Array.from(sampled.test.users);
  assert.deepEqual(
    users,
    [...new Set(users)].sort((x, y) => x - y),
  );
  for (const u of users) assert.ok(split.test[u]! >= 0);
  const every = buildProtocol(split, { seed: 1, maxUsers: 10_000 });
  assert.deepEqual(every.test.users, all);
  assert.ok(!every.sampledUsers);
  assert.deepEqual(
    every.test.targets,
    all.map((u) => split.test[u]!),
  );
  assert.deepEqual(
    every.valid.targets,
    all.map((u) => split.valid[u]!),
  );
});

test('drawing negatives for someone who has seen every item is refused', () => {
  const tiny = leaveOneOut(
    synthetic({ users: 1, numItems: 4, clusters: 1, minLength: 4, maxLength: 4, sequential: 1 }),
  );
  assert.equal(tiny.numItems, 4);
  assert.throws(() => sampleNegatives(tiny, Int32Array.from([0]), 5, 1), /every item/);
});
