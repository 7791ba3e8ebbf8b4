import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE_DEFAULTS } from '../engine/engine.js';
import { synthetic } from '../test-support/synthetic.js';
import { type EvalReport, type ModelReport, runEval } from './run.js';

const data = synthetic({ users: 300, numItems: 150, clusters: 5 });
/** A row the report must hold. */
function row(report: EvalReport, name: keyof EvalReport['results']): ModelReport {
  const r = report.results[name];
  assert.ok(r, `the report holds no ${name} row`);
  return r;
}

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
    const r = row(report, name);
    for (const key of ['hr@10', 'ndcg@10', 'full_hr@10', 'full_ndcg@10', 'valid_hr@10', 'valid_ndcg@10'] as const) {
      const v = r[key];
      assert.ok(typeof v === 'number' && v >= 0 && v <= 1, `${name} ${key} = ${v}`);
    }
    assert.ok(Number(r['ndcg@10']) <= Number(r['hr@10']));
    assert.ok(r.train_s >= 0 && r.rss_mb > 0);
  }
  const [popular, e, online, retrained] = (['popular', 'engine', 'online', 'retrained'] as const).map((n) =>
    row(report, n),
  ) as [ModelReport, ModelReport, ModelReport, ModelReport];
  assert.ok(e['hr@10']! > popular['hr@10']! + 0.2, `engine ${e['hr@10']} vs popular ${popular['hr@10']}`);
  assert.ok(stages.has('engine embedding epochs') && stages.has('popular test') && stages.has('online replay'));
  assert.ok(
    online['hr@10']! > popular['hr@10']!,
    `the live feed's engine ${online['hr@10']} vs popular ${popular['hr@10']}`,
  );
  assert.ok(
    Number(online.choices_among_candidates) > 0.2,
    `choices among candidates ${online.choices_among_candidates}`,
  );
  assert.ok(report.rss_mb > 0 && report.train_s >= e.train_s);
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
    assert.equal(row(a, name)['hr@10'], row(b, name)['hr@10']);
    assert.equal(row(a, name)['full_ndcg@10'], row(b, name)['full_ndcg@10']);
  }
});

test('some rows only, validation only: the same validation figures, nothing built or scored for test', async () => {
  const all = await runEval(data, { seed: 5, maxUsers: 100, engine, workers: 2 });
  const stages = new Set<string>();
  const some = await runEval(data, {
    seed: 5,
    maxUsers: 100,
    engine,
    workers: 2,
    models: ['engine', 'popular'],
    validationOnly: true,
    progress: (stage, _done, total) => stages.add(`${stage} ${total}`),
  });
  assert.deepEqual(Object.keys(some.results), ['popular', 'engine']);
  for (const name of ['popular', 'engine'] as const) {
    const r = row(some, name);
    assert.equal(r['valid_hr@10'], row(all, name)['valid_hr@10']);
    assert.equal(r['valid_ndcg@10'], row(all, name)['valid_ndcg@10']);
    for (const key of ['hr@10', 'ndcg@10', 'full_hr@10', 'full_ndcg@10'] as const) assert.equal(r[key], null);
  }
  // One engine's members trained (not two), and no test phase ran.
  assert.ok(stages.has(`engine embedding epochs ${engine.members * engine.epochs}`), [...stages].join('; '));
  assert.ok(![...stages].some((s) => s.includes(' test ')));
});
