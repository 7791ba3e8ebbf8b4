import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forkPlan, parseRole, parseWorkers, rolePlan } from './role-plan.js';

test('the api role answers HTTP but never runs the background loop; the worker role the reverse', () => {
  assert.deepEqual(rolePlan('api'), { http: true, backgroundLoop: false, engine: true, migrates: true });
  assert.deepEqual(rolePlan('worker'), { http: false, backgroundLoop: true, engine: false, migrates: true });
  assert.deepEqual(rolePlan('all'), { http: true, backgroundLoop: true, engine: true, migrates: true });
  assert.deepEqual(rolePlan('engine'), { http: false, backgroundLoop: false, engine: true, migrates: false });
});

test('roles and worker counts are checked', () => {
  assert.equal(parseRole(undefined), 'all');
  assert.equal(parseRole('api'), 'api');
  assert.equal(parseRole('engine'), 'engine');
  assert.throws(() => parseRole('db'), /unknown role "db"/);
  assert.equal(parseWorkers(undefined), 1);
  assert.equal(parseWorkers('4'), 4);
  for (const bad of ['0', '-1', '1.5', 'x', '65']) assert.throws(() => parseWorkers(bad), /--workers/);
});

test('--workers forks api processes; the primary keeps the loop only for the all role', () => {
  assert.equal(forkPlan('all', 1), null);
  assert.deepEqual(forkPlan('all', 3), { children: 3, childRole: 'api', primaryRunsBackgroundLoop: true });
  assert.deepEqual(forkPlan('api', 2), { children: 2, childRole: 'api', primaryRunsBackgroundLoop: false });
  assert.throws(() => forkPlan('worker', 2), /--role api or all/);
  assert.throws(() => forkPlan('engine', 2), /--role api or all/);
});
