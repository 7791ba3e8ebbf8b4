import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from './server-node-flags.js';

test('npm start runs the server with the flags the benchmarks start it with', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const start = pkg.scripts.start!;
  const node = start.slice(start.indexOf('node '));
  assert.ok(SERVER_NODE_FLAGS.length > 0);
  assert.equal(node, `node ${SERVER_NODE_FLAGS.join(' ')} packages/cli/dist/main.js start`);
});

/** In a node started with the server's flags: the young generation a worker asking for 16 MB gets, before and after the call. */
const CHILD = `
import { Worker } from 'node:worker_threads';
import { keepSemiSpaceFlagToMainThread } from ${JSON.stringify(new URL('./server-node-flags.js', import.meta.url).href)};
const WORKER = \`
import v8 from 'node:v8';
import { parentPort } from 'node:worker_threads';
let keep = [];
for (let i = 0; i < 3e6; i++) { keep.push({ i, a: [i] }); if (keep.length > 2e5) keep = []; }
const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
parentPort.postMessage(space.space_size);\`;
const youngMb = () => new Promise((resolve, reject) => {
  const w = new Worker(WORKER, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
  w.once('message', (bytes) => resolve(bytes / 1048576));
  w.once('error', reject);
});
const before = await youngMb();
keepSemiSpaceFlagToMainThread();
const after = await youngMb();
console.log(JSON.stringify({ before, after }));
`;

test("the command line's semi-space size stays the main thread's: a worker started later sizes its own", () => {
  const out = execFileSync(
    process.execPath,
    [...SERVER_NODE_FLAGS, '--import', 'tsx', '--input-type=module', '-e', CHILD],
    { cwd: fileURLToPath(new URL('.', import.meta.url)), encoding: 'utf8' },
  );
  const { before, after } = JSON.parse(out.trim().split('\n').pop()!) as { before: number; after: number };
  assert.ok(before >= 100, `before: the process flag overrides the worker's limit (${before} MB)`);
  assert.ok(after <= 32, `after: the worker's own limit (${after} MB)`);
});
