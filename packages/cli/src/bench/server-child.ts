/** The real server as a child process (`zhongcao start`), so the load generator never shares its event loop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../server-node-flags.js';
import { log, type BenchStore, type Scope } from './resources.js';

export interface ServerChild {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;

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

/** Starts `zhongcao start --no-demo` on the store, with the node flags `npm start` uses, and waits until it listens; stopping is registered in the scope. */
export async function startServerChild(scope: Scope, store: BenchStore, sandboxSecret: string): Promise<ServerChild> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', SANDBOX_PAY_SECRET: sandboxSecret };
  delete env.DATABASE_URL;
  delete env.PUBLIC_URL;
  if (store.databaseUrl) env.DATABASE_URL = store.databaseUrl;
  // BENCH_SERVER_NODE_ARGS passes flags to the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its time goes.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return startChild(scope, 'server', [...SERVER_NODE_FLAGS, ...nodeArgs, mainJs(), 'start', '--no-demo', '--port', String(port), '--data', store.dataDir], env);
}

/** Starts a script of this folder (compiled, e.g. `bare-sale-server.js`) that prints its URL when it listens. */
export async function startScriptChild(scope: Scope, script: string, args: string[]): Promise<ServerChild> {
  return startChild(scope, script, [fileURLToPath(new URL(`./${script}`, import.meta.url)), ...args], { ...process.env });
}

/** Spawns node with the arguments, waits for the http:// URL it prints, and registers its stopping in the scope. */
async function startChild(scope: Scope, label: string, args: string[], env: NodeJS.ProcessEnv): Promise<ServerChild> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = (): Promise<void> => stopChild(child);
  scope.defer(`stop ${label}`, stop);

  // Everything the child prints goes to our stderr: our stdout carries only the JSON result.
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(prefixLines(chunk)));
  const origin = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    let listening = false;
    const timer = setTimeout(() => reject(new Error(`${label} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
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
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}
