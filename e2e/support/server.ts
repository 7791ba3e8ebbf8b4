/**
 * Starts the real server (`node packages/cli/dist/main.js start`) on a free port with a fresh
 * data directory, waits for the line with its http:// address, and stops it afterwards.
 * The build is done beforehand (`npm run build`). Under `npm run test:e2e` the directory starts
 * as a copy of the run's seeded demo store (demo-template.ts); otherwise the server seeds it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { copyDemoTemplate } from './demo-template.ts';
import { REPO_ROOT, SERVER_MAIN } from './paths.ts';

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000; // a first start without a template migrates and seeds demo data
const STOP_TIMEOUT_MS = 10_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The address from the ready line; wildcard hosts become 127.0.0.1. */
export function urlFromLine(line: string, port: number): string {
  const match = /https?:\/\/[^\s"'<>,)\]]+/.exec(line);
  if (!match) return `http://127.0.0.1:${port}`;
  const url = new URL(match[0]);
  if (['0.0.0.0', '[::]', '::', ''].includes(url.hostname)) url.hostname = '127.0.0.1';
  if (!url.port) url.port = String(port);
  return url.origin;
}

/** Starts with a new port and data directory when another process took the probed port first. */
const START_ATTEMPTS = 3;

/** Whether a failed start was the port being taken between freePort() and the server's listen. */
export function portTaken(message: string): boolean {
  return /EADDRINUSE|address already in use/i.test(message);
}

export async function startServer(): Promise<RunningServer> {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`${SERVER_MAIN} does not exist: run \`npm run build\` before the e2e suite`);
  }
  // freePort() closes its probe before the server listens: a file started beside this one (its
  // server, its Chromium, ffmpeg...) may take the port in between. Rare, and then a new attempt.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce();
    } catch (error) {
      if (attempt >= START_ATTEMPTS || !portTaken((error as Error).message)) throw error;
    }
  }
}

async function startOnce(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'zhongcao-e2e-'));
  try {
    await copyDemoTemplate(dataDir);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const lines: string[] = [];
  const child = spawn(process.execPath, [SERVER_MAIN, 'start', '--port', String(port), '--data', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stop() also ends anything it started
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => killGroup('SIGKILL'); // never leave a server behind if the runner dies
  process.once('exit', onExit);

  const output = () => lines.join('\n');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    await terminate(child, killGroup);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const readyLine = await waitForReady(child, lines);
    return { url: urlFromLine(readyLine, port), port, dataDir, output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output() || '(none)'}`);
  }
}

function waitForReady(child: ChildProcess, lines: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(
      () => done(() => reject(new Error(`server printed no http:// line within ${READY_TIMEOUT_MS / 1000} s`))),
      READY_TIMEOUT_MS,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (process.env.E2E_SERVER_LOG) process.stderr.write(`[server] ${line}\n`);
      if (line.includes('http://')) done(() => resolve(line));
    });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      lines.push(`[stderr] ${line}`);
      if (process.env.E2E_SERVER_LOG) process.stderr.write(`[server:err] ${line}\n`);
    });
    child.once('error', (error) => done(() => reject(error)));
    child.once('exit', (code, signal) =>
      done(() => reject(new Error(`server exited before it was ready (code ${code}, signal ${signal})`))),
    );
  });
}

async function terminate(child: ChildProcess, killGroup: (signal: NodeJS.Signals) => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    killGroup('SIGKILL'); // stray children of an exited server
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup('SIGTERM');
  const timer = setTimeout(() => killGroup('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
  killGroup('SIGKILL');
}
