import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ENGINE_DEADLINE_MS,
  pageSubject,
  parseDeadline,
  parseReplicaIndex,
  parseReplicas,
  replicaFor,
} from './engine-protocol.js';

test('people are split over the replicas by a hash of their key: each always to the same one, both used', () => {
  const keys = Array.from({ length: 200 }, (_, i) => `usr_${i}`);
  const counts = [0, 0];
  for (const k of keys) {
    const r = replicaFor(k, 2);
    assert.equal(replicaFor(k, 2), r);
    counts[r]!++;
  }
  assert.ok(counts[0]! > 60 && counts[1]! > 60, `a fair split: ${counts.join('/')}`);
  assert.equal(replicaFor('usr_1', 1), 0);
  assert.equal(pageSubject(1), 'zhongcao.engine.page.1');
});

test('replica counts and indexes are checked', () => {
  assert.equal(parseReplicas(undefined), 1);
  assert.equal(parseReplicas('2'), 2);
  for (const bad of ['0', 'x', '1.5', '65']) assert.throws(() => parseReplicas(bad), /replica count/);
  assert.equal(parseReplicaIndex(undefined, 2), 0);
  assert.equal(parseReplicaIndex('1', 2), 1);
  assert.throws(() => parseReplicaIndex('2', 2), /--replica/);
  assert.equal(parseDeadline(undefined), ENGINE_DEADLINE_MS);
  assert.equal(parseDeadline('400'), 400);
  assert.throws(() => parseDeadline('5'), /ENGINE_DEADLINE_MS/);
});
