import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The CLI's entry beside this file: main.ts from source (tsx), main.js when the tests run compiled.
const MAIN = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../main.ts' : '../main.js', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A fresh connection per request (no keep-alive), so node:cluster hands each to the next process. */
function readyPid(url: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = get(`${url}/readyz`, { agent: false, timeout: 3_000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(res.statusCode === 200 ? (JSON.parse(body) as { pid: number }).pid : null));
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null)); // a connection the dying process held
  });
}

async function pidsAnswering(url: string, requests: number): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < requests; i++) {
    const pid = await readyPid(url);
    if (pid !== null) pids.add(pid);
  }
  return pids;
}

test('start --workers 2 serves one port from two api processes and replaces one killed with -9', {
  timeout: 480_000,
}, async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'zc-workers-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv.filter((a) => !a.startsWith('--test')),
      MAIN,
      'start',
      '--workers',
      '2',
      '--no-demo',
      '--port',
      String(port),
      '--data',
      dataDir,
    ],
    {
      env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.after(async () => {
    child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  {
    const ready = Date.now() + 200_000; // each process compiles the sources on start in tests
    while (!output.includes('is running at') && Date.now() < ready && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 200));
    assert.match(output, /2 api processes/, output);

    const first = await pidsAnswering(url, 40);
    assert.equal(first.size, 2, `two processes answer: ${[...first].join(', ')}`);
    assert.ok(!first.has(child.pid!), 'the primary answers no requests');

    const [victim] = [...first];
    process.kill(victim!, 'SIGKILL');
    let now = new Set<number>();
    const back = Date.now() + 200_000; // the replacement compiles the sources too, slowly on a busy machine
    while (Date.now() < back) {
      now = await pidsAnswering(url, 20);
      if (now.size === 2 && !now.has(victim!)) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    assert.equal(now.size, 2, 'a replacement answers beside the survivor');
    assert.ok(!now.has(victim!));
    assert.match(output, new RegExp(`api process ${victim} ended \\(SIGKILL\\)`));
  }
});
