/** The real server as a child process (`zhongcao start`), so the load generator never shares its event loop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { request } from 'node:http';
import { SERVER_NODE_FLAGS } from '../server-node-flags.js';
import { CLUSTER_API_PROCESSES, processTree, treeRssMb } from './layout.js';
import { log, type BenchStore, type Scope } from './resources.js';

export interface ServerChild {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;
/** A cluster migrates, then starts a worker and an api primary that forks its api processes: several node starts. */
const CLUSTER_START_TIMEOUT_MS = 300_000;

/** The compiled CLI entry point, next to this file's folder (dist/bench/ → dist/main.js). */
const mainJs = (): string => fileURLToPath(new URL('../main.js', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The server under test now running in the cluster layout: the root of its process tree (CPU and memory are read over the whole tree). */
let clusterRoot: number | null = null;

export function clusterRootPid(): number | null {
  return clusterRoot;
}

/** How many processes the last server under test ran as (1 embedded; the cluster's primary, roles and api processes). */
let lastProcesses = 0;

export function serverProcesses(): number {
  return lastProcesses;
}

/**
 * Starts the server under test on the store and waits until it listens; stopping is registered in
 * the scope. Embedded: `zhongcao start --no-demo` with the node flags `npm start` uses. Cluster
 * layout (the store carries the shared services): `zhongcao cluster --no-demo`, then waits until
 * every api process answers.
 */
export async function startServerChild(scope: Scope, store: BenchStore, sandboxSecret: string): Promise<ServerChild> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', SANDBOX_PAY_SECRET: sandboxSecret };
  delete env.DATABASE_URL;
  delete env.PUBLIC_URL;
  delete env.REDIS_URL;
  delete env.NATS_URL;
  if (store.databaseUrl) env.DATABASE_URL = store.databaseUrl;
  // BENCH_SERVER_NODE_ARGS passes flags to the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its time goes.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  if (!store.cluster) {
    clusterRoot = null;
    const child = await startChild(
      scope,
      'server',
      [
        ...SERVER_NODE_FLAGS,
        ...nodeArgs,
        mainJs(),
        'start',
        '--no-demo',
        '--port',
        String(port),
        '--data',
        store.dataDir,
      ],
      env,
    );
    lastProcesses = 1;
    return child;
  }
  env.REDIS_URL = store.cluster.redisUrl;
  env.NATS_URL = store.cluster.natsUrl;
  const child = await startChild(
    scope,
    'cluster',
    [
      ...SERVER_NODE_FLAGS,
      ...nodeArgs,
      mainJs(),
      'cluster',
      '--no-demo',
      '--api',
      String(CLUSTER_API_PROCESSES),
      '--port',
      String(port),
      '--data',
      store.dataDir,
    ],
    env,
    CLUSTER_START_TIMEOUT_MS,
  );
  scope.defer('forget the cluster', () => {
    clusterRoot = null;
  });
  // The cluster prints more than one URL (an engine replica's /metrics comes on the next port and
  // may come first): the api processes answer on the port it was given.
  const origin = `http://127.0.0.1:${port}`;
  const apis = await waitForApis(origin, CLUSTER_API_PROCESSES, CLUSTER_START_TIMEOUT_MS);
  clusterRoot = child.pid;
  lastProcesses = processTree(child.pid).length;
  log(
    `cluster: ${lastProcesses} processes (api processes ${apis.join(', ')}) on ${store.databaseUrl?.replace(/\/\/[^@]*@/, '//')}`,
  );
  return { ...child, origin };
}

/** Waits until `count` different api processes answer /readyz (node:cluster hands each new connection to the next); their pids. */
async function waitForApis(origin: string, count: number, timeoutMs: number): Promise<number[]> {
  const until = Date.now() + timeoutMs;
  const pids = new Set<number>();
  while (Date.now() < until) {
    const pid = await new Promise<number | null>((resolve) => {
      const req = request(`${origin}/readyz`, { agent: false, timeout: 3_000 }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString('utf8')));
        res.on('end', () => {
          try {
            resolve(res.statusCode === 200 ? ((JSON.parse(text) as { pid?: number }).pid ?? null) : null);
          } catch {
            resolve(null);
          }
        });
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(null));
      req.end();
    });
    if (pid !== null) pids.add(pid);
    if (pids.size >= count) return [...pids];
    if (pid === null) await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`only ${pids.size} of ${count} api processes answered within ${timeoutMs / 1000} s`);
}

/** Starts a script of this folder (compiled, e.g. `bare-sale-server.js`) that prints its URL when it listens. */
export async function startScriptChild(scope: Scope, script: string, args: string[]): Promise<ServerChild> {
  return startChild(scope, script, [fileURLToPath(new URL(`./${script}`, import.meta.url)), ...args], {
    ...process.env,
  });
}

/** Spawns node with the arguments, waits for the http:// URL it prints, and registers its stopping in the scope. */
async function startChild(
  scope: Scope,
  label: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  startTimeoutMs = START_TIMEOUT_MS,
): Promise<ServerChild> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = (): Promise<void> => stopChild(child);
  scope.defer(`stop ${label}`, stop);

  // Everything the child prints goes to our stderr: our stdout carries only the JSON result.
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(prefixLines(chunk)));
  const origin = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    let listening = false;
    const timer = setTimeout(
      () => reject(new Error(`${label} did not start within ${startTimeoutMs / 1000} s`)),
      startTimeoutMs,
    );
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      clearTimeout(timer);
      reject(new Error(`${label} exited before listening (code ${code}, signal ${signal})`));
    };
    child.once('exit', onExit);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      process.stderr.write(prefixLines(chunk));
      if (listening) return;
      buffered += chunk.toString('utf8');
      // The line with the URL (the port must be complete: a non-digit follows it).
      const m = /http:\/\/[^\s:/]+:(\d+)[^\d]/.exec(buffered);
      if (!m) return;
      listening = true;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(`http://127.0.0.1:${m[1]}`);
    });
  });
  log(`${label} child pid ${child.pid} listening at ${origin}`);
  return { origin, pid: child.pid!, stop };
}

function prefixLines(chunk: Buffer): string {
  return chunk
    .toString('utf8')
    .split('\n')
    .map((l) => (l.trim() ? `  [server] ${l}` : l))
    .join('\n');
}

/** SIGTERM, then SIGKILL if it has not exited after a grace period. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    log(`server pid ${child.pid} ignored SIGTERM for ${STOP_GRACE_MS / 1000} s; sending SIGKILL`);
    child.kill('SIGKILL');
  }, STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Resident memory of a process in MB, read from /proc (null where there is none). Sampling it
 * this way costs the server nothing; scraping its /metrics every second would not be free with
 * thousands of sockets open (the default collectors list every handle and file descriptor).
 */
export function processRssMb(pid: number): number | null {
  if (pid === clusterRoot) return treeRssMb(pid);
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}
