import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../context.js';
import { appealEvidenceSource, registerAppealEvidence } from './appeal-evidence.js';

test('appeal evidence: a store without a registered source fails loudly; a registered one is used', async () => {
  const store = { db: {} as Db };
  assert.throws(() => appealEvidenceSource(store), /no appeal evidence source registered/);
  const asked: string[][] = [];
  registerAppealEvidence(store, async (_tx, _uploader, ids) => {
    asked.push([...ids]);
    return ids.map((id) => ({ id, url: `/media/${id}.png` }));
  });
  const took = await appealEvidenceSource(store)({} as never, 'u1', ['e1']);
  assert.deepEqual(took, [{ id: 'e1', url: '/media/e1.png' }]);
  assert.deepEqual(asked, [['e1']]);
  assert.throws(() => appealEvidenceSource({ db: {} as Db }), /no appeal evidence source registered/, 'per store');
});
