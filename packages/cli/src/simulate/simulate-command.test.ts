import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSimulateCommand } from './simulate-command.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string; stages: Set<string> }> {
  let out = '';
  let err = '';
  const stages = new Set<string>();
  const code = await runSimulateCommand(args, {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    progress: (stage) => void stages.add(stage),
  });
  return { code, out, err, stages };
}

test('a small simulation on a platform started in-process prints one JSON line with a curve for each half', async () => {
  const { code, out, err, stages } = await run([
    '--users',
    '4',
    '--steps',
    '30',
    '--bucket',
    '10',
    '--seed',
    '3',
    '--videos',
    '60',
    '--json',
  ]);
  assert.equal(code, 0, err);
  const lines = out.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1);
  const r = JSON.parse(lines[0]!);
  assert.equal(r.bench, 'simulate');
  assert.equal(r.users, 4);
  assert.equal(r.impressions, 4 * 30);
  assert.equal(r.errors, 0);
  assert.ok(r.events >= 2 * r.impressions, 'each impression reports at least an impression and the watch time');
  assert.ok(r.catalogue.categories > 1 && r.catalogue.videos_seen >= 30);
  for (const half of ['personalised', 'non_personalised']) {
    const points = r.curve[half];
    assert.deepEqual(
      points.map((p: { from: number }) => p.from),
      [0, 10, 20],
    );
    for (const p of points) {
      assert.equal(p.impressions, 2 * 10, 'two shoppers per half, ten impressions each per bucket');
      for (const rate of [p.completion_rate, p.tap_rate]) assert.ok(rate >= 0 && rate <= 1);
      assert.ok(p.purchases_per_100 >= 0 && p.purchases_per_100 <= 100);
    }
    assert.equal(r.after_warmup[half].impressions, 2 * 20, 'the first bucket is the warm-up');
  }
  for (const half of ['personalised', 'non_personalised']) {
    const points: Array<{ purchases_per_100: number }> = r.curve[half];
    const peak = Math.max(...points.map((p) => p.purchases_per_100));
    const ratio = r.last_bucket_ratio[half];
    if (peak === 0) assert.equal(ratio, null);
    else
      assert.equal(
        ratio,
        Math.round((points[points.length - 1]!.purchases_per_100 / peak) * 1000) / 1000,
        `${half}: the last bucket over the peak bucket`,
      );
  }
  assert.equal(
    r.purchases,
    [...r.curve.personalised, ...r.curve.non_personalised].reduce(
      (n: number, p: { purchases_per_100: number; impressions: number }) =>
        n + Math.round((p.purchases_per_100 * p.impressions) / 100),
      0,
    ),
  );
  for (const stage of ['catalogue', 'sign-up', 'impressions'])
    assert.ok(stages.has(stage), `progress reports ${stage}`);
});

test('bad options are refused with usage and exit code 2', async () => {
  for (const args of [
    ['--users', '1'],
    ['--steps', '0'],
    ['--rate', '-5'],
    ['--url', 'ftp://x'],
    ['--minutes', 'soon'],
    ['--what'],
    ['--ads', '--seeds', '0'],
    ['--ads', '--seeds', '101'],
    ['--ads', '--seed', '2', '--seeds', '3'],
    ['--seeds', '0'],
    ['--seeds', '2', '--url', 'http://127.0.0.1:1'],
  ]) {
    const { code, err } = await run(args);
    assert.equal(code, 2, args.join(' '));
    assert.match(err, /zhongcao simulate/);
  }
});
