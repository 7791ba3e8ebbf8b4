/** Starts the platform's roles as real processes against private services, for the fault tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { get, request } from 'node:http';
import { fileURLToPath } from 'node:url';

/** The built command, as deployed (and quick to start): run `npm run build` first, as for the browser tests. */
const MAIN = fileURLToPath(new URL('../packages/cli/dist/main.js', import.meta.url));

export interface Role {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export function startRole(args: string[], env: Record<string, string>): Role {
  if (!existsSync(MAIN)) throw new Error('the fault tests run the built command: npm run build first');
  const child = spawn(process.execPath, [MAIN, 'start', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(hard);
    },
  };
}

export interface Answer {
  status: number;
  body: string;
}

/** One request on a fresh connection (node:cluster hands each connection to the next api process); status 0 when the connection failed. */
export function call(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(
      `${url}${path}`,
      {
        method,
        agent: false,
        timeout: 15_000,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', () => resolve({ status: 0, body: 'response broken' }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: 0, body: err.message }));
    if (body) req.write(body);
    req.end();
  });
}

/** Waits until `count` different api processes answer /readyz; returns their pids. */
export async function waitForApis(url: string, count: number, timeoutMs: number): Promise<number[]> {
  const until = Date.now() + timeoutMs;
  const pids = new Set<number>();
  while (Date.now() < until) {
    const r = await new Promise<number | null>((resolve) => {
      const req = get(`${url}/readyz`, { agent: false, timeout: 3_000 }, (res) => {
        let t = '';
        res.on('data', (d) => (t += d));
        res.on('end', () => resolve(res.statusCode === 200 ? (JSON.parse(t) as { pid: number }).pid : null));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(null));
    });
    if (r !== null) pids.add(r);
    if (pids.size >= count) return [...pids];
    if (r === null) await new Promise((res) => setTimeout(res, 300));
  }
  throw new Error(`only ${pids.size} of ${count} api processes answered in ${timeoutMs} ms`);
}
