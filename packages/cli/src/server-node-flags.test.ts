import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
