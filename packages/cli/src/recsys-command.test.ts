import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRecsysCommand } from './recsys-command.js';

/** 120 people walking 5 to 8 steps along rings of 10 items (ids 1..60). */
function ringDataset(): string {
  const lines: string[] = [];
  for (let u = 1; u <= 120; u++) {
    const ring = u % 6;
    const start = (u * 7) % 10;
    const n = 5 + (u % 4);
    for (let s = 0; s < n; s++) lines.push(`${u} ${ring * 10 + ((start + s) % 10) + 1}`);
  }
  return `${lines.join('\n')}\n`;
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string; stages: Set<string> }> {
  let out = '';
  let err = '';
  const stages = new Set<string>();
  const code = await runRecsysCommand(args, {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    progress: (stage) => void stages.add(stage),
  });
  return { code, out, err, stages };
}

test('recsys eval --json prints exactly one JSON line with the protocol and every model', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhongcao-recsys-'));
  try {
    const file = join(dir, 'rings.txt');
    writeFileSync(file, ringDataset());
    const { code, out, err, stages } = await run([
      'eval',
      '--dataset',
      file,
      '--json',
      '--seed',
      '7',
      '--users',
      '50',
      '--epochs',
      '3',
    ]);
    assert.equal(code, 0, err);
    const lines = out.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 1);
    const report = JSON.parse(lines[0]!);
    assert.equal(report.protocol.seed, 7);
    assert.equal(report.protocol.users_evaluated, 50);
    assert.equal(report.protocol.negatives, 100);
    for (const name of ['popular', 'cooccurrence', 'engine']) {
      for (const key of ['hr@10', 'ndcg@10', 'full_hr@10', 'full_ndcg@10', 'train_s', 'rss_mb'])
        assert.equal(typeof report.results[name][key], 'number', `${name} ${key}`);
    }
    assert.equal(report.results.engine.epochs, 3);
    assert.equal(typeof report.train_s, 'number');
    assert.equal(typeof report.rss_mb, 'number');
    assert.ok(stages.has('engine embedding epochs'));

    const engineOnly = await run([
      'eval',
      '--dataset',
      file,
      '--json',
      '--users',
      '50',
      '--epochs',
      '3',
      '--seed',
      '7',
      '--models',
      'engine',
      '--validation-only',
    ]);
    assert.equal(engineOnly.code, 0, engineOnly.err);
    const partial = JSON.parse(engineOnly.out);
    assert.deepEqual(Object.keys(partial.results), ['engine']);
    assert.equal(partial.results.engine['valid_hr@10'], report.results.engine['valid_hr@10']);
    assert.equal(partial.results.engine['valid_ndcg@10'], report.results.engine['valid_ndcg@10']);
    assert.equal(partial.results.engine['hr@10'], null);
    assert.equal(partial.results.engine['full_hr@10'], null);
    assert.ok(!engineOnly.stages.has('engine test') && !engineOnly.stages.has('popular validation'));
    const two = await run(['eval', '--dataset', file, '--users', '20', '--epochs', '1', '--models', 'engine,popular']);
    assert.equal(two.code, 0, two.err);
    assert.match(two.out, /most popular\s+\d\.\d{4}/);
    assert.doesNotMatch(two.out, /co-occurrence\s+\d/);

    const table = await run(['eval', '--dataset', file, '--users', '20', '--epochs', '1']);
    assert.equal(table.code, 0, table.err);
    assert.match(table.out, /most popular\s+\d\.\d{4}/);
    assert.match(table.out, /engine \(candidates \+ ranker\)\s+\d\.\d{4}/);
    assert.match(table.out, /validation item only/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad arguments exit 2, an unreadable or malformed dataset exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhongcao-recsys-'));
  try {
    assert.equal((await run(['eval'])).code, 2);
    assert.equal((await run(['train', '--dataset', 'x'])).code, 2);
    assert.equal((await run(['eval', '--dataset', 'x', '--users', '0'])).code, 2);
    assert.equal((await run(['eval', '--dataset', 'x', '--seed', '-1'])).code, 2);
    assert.equal((await run(['eval', '--dataset', 'x', '--epochs', 'many'])).code, 2);
    assert.equal((await run(['eval', '--dataset', 'x', '--bogus'])).code, 2);
    const unknown = await run(['eval', '--dataset', 'x', '--models', 'engine,sasrec']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /--models takes/);
    assert.equal((await run(['eval', '--dataset', 'x', '--models', ','])).code, 2);
    const missing = await run(['eval', '--dataset', join(dir, 'none.txt')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /ENOENT/);
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '1 2\n3\n');
    const malformed = await run(['eval', '--dataset', bad]);
    assert.equal(malformed.code, 1);
    assert.match(malformed.err, /line 2/);
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    assert.equal((await run(['eval', '--dataset', empty])).code, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
