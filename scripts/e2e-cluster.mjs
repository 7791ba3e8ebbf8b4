#!/usr/bin/env node
// Runs the shopper e2e files against a scaled deployment: `zhongcao cluster` (a worker-role
// process and two api processes on one port, plus whatever roles the cluster command starts)
// on a private PostgreSQL database it creates and drops, with Redis and NATS, through the e2e
// suite's E2E_BASE_URL. Build first (npm run build).
// Services: E2E_CLUSTER_DATABASE_URL (an administrative URL; the database is created beside it,
// default postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL, NATS_URL (localhost defaults).
// Usage: node scripts/e2e-cluster.mjs [test files…] (default: e2e/shopper-*.test.ts)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const MAIN = 'packages/cli/dist/main.js';
const API_PROCESSES = 2;
const adminUrl = process.env.E2E_CLUSTER_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const natsUrl = process.env.NATS_URL || 'nats://127.0.0.1:4222';
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync('e2e')
      .filter((f) => /^shopper-.*\.test\.ts$/.test(f))
      .sort()
      .map((f) => join('e2e', f));

const say = (m) => process.stderr.write(`[e2e-cluster] ${m}\n`);

async function admin(sql) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function readyPid(origin) {
  return new Promise((resolve) => {
    const req = request(`${origin}/readyz`, { agent: false, timeout: 3000 }, (res) => {
      let t = '';
      res.on('data', (d) => (t += d));
      res.on('end', () => {
        try {
          resolve(res.statusCode === 200 ? (JSON.parse(t).pid ?? null) : null);
        } catch {
          resolve(null);
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}

function getText(url) {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: 3000 }, (res) => {
      let t = '';
      res.on('data', (d) => (t += d));
      res.on('end', () => resolve(res.statusCode === 200 ? t : ''));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(''));
    req.end();
  });
}

/** The largest count of engine-answered pages over a few /metrics reads (each new connection may reach another api process). */
async function enginePagesAnswered(origin) {
  let most = 0;
  for (let i = 0; i < 8; i++) {
    const m = /zhongcao_engine_service_pages_total\{outcome="answered"\} (\d+)/.exec(
      await getText(`${origin}/metrics`),
    );
    if (m) most = Math.max(most, Number(m[1]));
  }
  return most;
}

if (!existsSync(MAIN)) {
  say(`${MAIN} is missing: npm run build first`);
  process.exit(1);
}
const name = `zc_e2e_${randomBytes(6).toString('hex')}`;
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${name}`;
const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-e2e-cluster-'));
await admin(`create database ${name}`);
say(`database ${name}; Redis ${redisUrl}; NATS ${natsUrl}`);

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const cluster = spawn(
  process.execPath,
  [MAIN, 'cluster', '--api', String(API_PROCESSES), '--port', String(port), '--data', dataDir],
  {
    env: {
      ...process.env,
      CI: 'true',
      LOG_LEVEL: 'warn',
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: redisUrl,
      NATS_URL: natsUrl,
      PUBLIC_URL: origin,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: stopping it ends every role
  },
);
let output = '';
cluster.stdout.on('data', (d) => (output += d));
cluster.stderr.on('data', (d) => (output += d));
const killGroup = (signal) => {
  try {
    process.kill(-cluster.pid, signal);
  } catch {
    // already gone
  }
};
process.once('exit', () => killGroup('SIGKILL'));

let code = 1;
try {
  // Migrating and loading the demo data happen before the roles start.
  const pids = new Set();
  const until = Date.now() + 300_000;
  while (pids.size < API_PROCESSES && Date.now() < until) {
    if (cluster.exitCode !== null) throw new Error(`the cluster exited (${cluster.exitCode}):\n${output.slice(-3000)}`);
    const pid = await readyPid(origin);
    if (pid !== null) pids.add(pid);
    else await new Promise((r) => setTimeout(r, 500));
  }
  if (pids.size < API_PROCESSES)
    throw new Error(`only ${pids.size} of ${API_PROCESSES} api processes answered:\n${output.slice(-3000)}`);
  // "cluster: worker started", "cluster: api started", "cluster: engine 0 started".
  const roles = [...output.matchAll(/cluster: (\w+(?: \d+)?) started/g)].map((m) => m[1]);
  // With NATS the cluster runs the interest engine as a service: the shopper's feed must come through it.
  if (!roles.some((r) => r.startsWith('engine')))
    throw new Error(`no engine replica started (roles: ${roles.join(', ')}):\n${output.slice(-3000)}`);
  say(`cluster at ${origin}: roles ${roles.join(', ')}; api processes ${[...pids].join(', ')}`);
  say(`running ${files.join(' ')}`);
  const t0 = Date.now();
  const run = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', '--test', '--test-concurrency=1', ...files],
    { stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: origin } },
  );
  code = await new Promise((resolve) => run.once('exit', (c) => resolve(c ?? 1)));
  say(`e2e files finished in ${Math.round((Date.now() - t0) / 1000)} s (exit ${code})`);
  if (code === 0) {
    // The shoppers' feed pages came through the engine service, not only its non-personalised fallback.
    const answered = await enginePagesAnswered(origin);
    say(`feed pages the engine service answered (the most any api process counted): ${answered}`);
    if (answered === 0) {
      say('no feed page was answered by the engine service');
      code = 1;
    }
  }
  if (code !== 0 && process.env.E2E_CLUSTER_LOG) say(`cluster output:\n${output.slice(-5000)}`);
} catch (err) {
  say(err instanceof Error ? err.message : String(err));
  code = 1;
} finally {
  killGroup('SIGTERM');
  await new Promise((r) => {
    const hard = setTimeout(() => killGroup('SIGKILL'), 15_000);
    if (cluster.exitCode !== null || cluster.signalCode !== null) r();
    cluster.once('exit', () => {
      clearTimeout(hard);
      r();
    });
  });
  await admin(`drop database if exists ${name} with (force)`).catch((e) => say(`could not drop ${name}: ${e.message}`));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
