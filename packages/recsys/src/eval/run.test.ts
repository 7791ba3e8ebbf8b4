import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE_DEFAULTS } from '../engine/engine.js';
import { synthetic } from '../test-support/synthetic.js';
import { runEval } from './run.js';

const data = synthetic({ users: 300, numItems: 150, clusters: 5 });
const engine = { members: 2, epochs: 6, embedding: { ...ENGINE_DEFAULTS.embedding, dim: 16, recent: 5, negatives: 8 } };

test('one run reports every model on the same protocol, and the engine wins on sequential data', async () => {
  const stages = new Set<string>();
  const report = await runEval(data, {
    seed: 3,
    maxUsers: 200,
    engine,
    workers: 2,
    progress: (stage) => stages.add(stage),
  });
  assert.equal(report.protocol.users_evaluated, 200);
  assert.equal(report.protocol.users_sampled, true);
  assert.equal(report.protocol.negatives, 100);
  assert.equal(report.protocol.seed, 3);
  for (const name of ['popular', 'cooccurrence', 'engine', 'online', 'retrained'] as const) {
    const r = report.results[name];
    for (const key of ['hr@10', 'ndcg@10', 'full_hr@10', 'full_ndcg@10', 'valid_hr@10', 'valid_ndcg@10'] as const) {
      const v = r[key];
      assert.ok(typeof v === 'number' && v >= 0 && v <= 1, `${name} ${key} = ${v}`);
    }
    assert.ok(r['ndcg@10'] <= r['hr@10']);
    assert.ok(r.train_s >= 0 && r.rss_mb > 0);
  }
  const { popular, engine: e } = report.results;
  assert.ok(e['hr@10'] > popular['hr@10'] + 0.2, `engine ${e['hr@10']} vs popular ${popular['hr@10']}`);
  assert.ok(stages.has('engine embedding epochs') && stages.has('popular test') && stages.has('online replay'));
  const online = report.results.online;
  assert.ok(
    online['hr@10'] > popular['hr@10'],
    `the live feed's engine ${online['hr@10']} vs popular ${popular['hr@10']}`,
  );
  assert.ok(
    Number(online.choices_among_candidates) > 0.2,
    `choices among candidates ${online.choices_among_candidates}`,
  );
  assert.ok(report.rss_mb > 0 && report.train_s >= e.train_s);
  const retrained = report.results.retrained;
  assert.ok(stages.has('live (retrained) epochs') && Number(retrained.swapped_videos) === 150);
  assert.ok(
    retrained['full_hr@10']! >= online['full_hr@10']!,
    `retrained ${retrained['full_hr@10']} vs online ${online['full_hr@10']} (full HR@10)`,
  );
});

test('the same seed reproduces the same figures', async () => {
  const a = await runEval(data, { seed: 4, maxUsers: 100, engine, workers: 1 });
  const b = await runEval(data, { seed: 4, maxUsers: 100, engine, workers: 2 });
  for (const name of ['popular', 'cooccurrence', 'engine', 'online', 'retrained'] as const) {
    assert.equal(a.results[name]['hr@10'], b.results[name]['hr@10']);
    assert.equal(a.results[name]['full_ndcg@10'], b.results[name]['full_ndcg@10']);
  }
});
