// A private, throw-away PostgreSQL for the test suite: initdb into a temporary folder, started on a
// free loopback port with durability off (fsync, synchronous_commit, full_page_writes: nothing in it
// outlives the run), removed at the end. Never the shared server, whose settings stay as they are.
// Used by scripts/test-pg.mjs when the server binaries are installed (Debian: postgresql).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder holding initdb and postgres (the newest /usr/lib/postgresql/N/bin, or the PATH's), or null. */
export function postgresBinaries() {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(root, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  return found && existsSync(join(found, '..', 'postgres')) ? join(found, '..') : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Seconds of CPU the server used so far: the postmaster and its ended children (backends, workers). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime, stime, cutime, cstime are fields 14–17 of stat, 12–15 after the command
    return fields.slice(11, 15).reduce((s, v) => s + Number(v), 0) / 100;
  } catch {
    return null;
  }
}

/**
 * Starts the server and creates the `test` database. Resolves to { url, cpuSeconds(), stop() }.
 * As root, initdb and postgres run as the postgres user (they refuse root), through setpriv.
 */
export async function startPrivatePostgres(bin) {
  const asRoot = process.getuid?.() === 0;
  const as = (cmd, args) =>
    asRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', cmd, ...args]] : [cmd, args];
  const dir = mkdtempSync(join(tmpdir(), 'zhongcao-test-pg-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    if (asRoot) {
      const chown = spawnSync('chown', ['postgres:postgres', dir], { encoding: 'utf8' });
      if (chown.status !== 0) throw new Error(`chown postgres ${dir}: ${chown.stderr || chown.error}`);
    }
    const data = join(dir, 'data');
    const [initCmd, initArgs] = as(join(bin, 'initdb'), [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error}`);
    const port = await freePort();
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: dir,
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      max_connections: '300',
      // Checkpoints only when a database is dropped (each test's clone, pg-clone.ts) or WAL piles up.
      max_wal_size: '2GB',
      checkpoint_timeout: '30min',
    };
    const [cmd, args] = as(join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ]);
    let log = '';
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk) => {
      log = (log + chunk).slice(-4000);
    });
    const ended = new Promise((resolve) => child.once('exit', resolve));
    const url = `postgres://postgres@127.0.0.1:${port}`;
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT'); // fast shutdown
      await ended;
      remove();
    };
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = spawnSync(join(bin, 'psql'), [`${url}/postgres`, '-Atqc', 'create database test'], {
        encoding: 'utf8',
      });
      if (ready.status === 0) break;
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`the private PostgreSQL did not start: ${ready.stderr}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return { url: `${url}/test`, cpuSeconds: () => cpuSeconds(child.pid), stop };
  } catch (error) {
    remove();
    throw error;
  }
}
