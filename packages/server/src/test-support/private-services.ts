/**
 * Private instances of the scaled mode's services for tests that stop, flush or kill them: each on
 * a free loopback port, in its own temporary folder, never the shared ones on the default ports.
 * A missing binary fails the test loudly (it is not skipped).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function requireBinary(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (!found)
    throw new Error(
      `${name} is not installed: the scaled-mode tests start their own ${name} (Debian package ${name === 'redis-server' ? 'redis-server' : name})`,
    );
  return found;
}

export interface PrivateService {
  port: number;
  url: string;
  /** Stops the process (SIGKILL when `hard`, or the signal given) and waits for it to end. */
  stop(hard?: boolean | NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function managed(
  port: number,
  url: string,
  start: () => ChildProcess,
  cleanup: () => Promise<void>,
): Promise<PrivateService> {
  let child = start();
  await waitForPort(port, 10_000);
  const stop = async (hard: boolean | NodeJS.Signals = false): Promise<void> => {
    child.kill(typeof hard === 'string' ? hard : hard ? 'SIGKILL' : 'SIGTERM');
    await exited(child);
  };
  return {
    port,
    url,
    stop,
    async restart() {
      child = start();
      await waitForPort(port, 10_000);
    },
    async close() {
      await stop(true);
      await cleanup();
    },
  };
}

export async function startPrivateRedis(): Promise<PrivateService> {
  const bin = requireBinary('redis-server');
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'zc-redis-'));
  return managed(
    port,
    `redis://127.0.0.1:${port}`,
    () =>
      spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
        stdio: 'ignore',
      }),
    () => rm(dir, { recursive: true, force: true }),
  );
}

export async function startPrivateNats(): Promise<PrivateService> {
  const bin = requireBinary('nats-server');
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'zc-nats-'));
  return managed(
    port,
    `nats://127.0.0.1:${port}`,
    () => spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' }),
    () => rm(dir, { recursive: true, force: true }),
  );
}

/**
 * A private PostgreSQL: initdb into a temporary folder (as the postgres user when this runs as
 * root, which initdb refuses), trust authentication, listening on a free loopback port only.
 */
export async function startPrivatePostgres(): Promise<PrivateService> {
  const initdb = findPgBinary('initdb');
  const postgres = findPgBinary('postgres');
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'zc-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
    asRoot
      ? [requireBinary('setpriv'), ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', cmd, ...args]]
      : [cmd, args];
  if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
  const [cmd, args] = asPostgres(initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const init = spawnSync(cmd, args, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const start = (): ChildProcess => {
    const [c, a] = asPostgres(postgres, [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
    ]);
    return spawn(c, a, { stdio: 'ignore' });
  };
  return managed(port, `postgres://postgres@127.0.0.1:${port}/postgres`, start, () =>
    rm(dir, { recursive: true, force: true }),
  );
}

function findPgBinary(name: string): string {
  const found = spawnSync('sh', ['-c', `ls /usr/lib/postgresql/*/bin/${name} 2>/dev/null | sort -V | tail -1`], {
    encoding: 'utf8',
  }).stdout.trim();
  return found || requireBinary(name);
}
