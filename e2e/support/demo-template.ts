/**
 * One seeded demo store per e2e run, copied into each test file's fresh data directory.
 *
 * Seeding the demo takes most of a server's start (~25 s of ~28 s); every file used to do it again.
 * When E2E_TEMPLATE_DIR names a folder (`scripts/run-tests.mjs` makes one per run of e2e files and
 * removes it afterwards), the first file to need a store seeds it there with the real command
 * (`zhongcao seed --demo --data <dir>`: migrations, then the same seedDemo a first start runs),
 * and each file copies it before `zhongcao start` (which finds the demo loaded and does not seed again).
 * Each file still gets its own copy: no file sees another's changes.
 *
 * The demo is seeded relative to the clock at seeding time (order history over the last 30 days, an
 * unpaid order 1 minute old inside its 15-minute payment window, the live room and its flash sale
 * opened "now"). A copy is as old as its template, as a first-start store is as old as the run of a
 * file's tests; so a template older than MAX_AGE_MS, or seeded on another Asia/Shanghai day (day
 * buckets of the rollups), is not copied: the next file seeds a new one. Timers due in between fire
 * on the copy's first tick, as they would on the original server after that much time.
 *
 * Without E2E_TEMPLATE_DIR (a single file run by hand), the server seeds its own directory as before.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SERVER_MAIN } from './paths.ts';

/** A template is copied only while younger than this (the demo's unpaid order expires 14 min after seeding). */
export const MAX_AGE_MS = 8 * 60_000;
const SEED_TIMEOUT_MS = 300_000; // ~25 s on an idle machine; far longer on a shared, loaded one
const POLL_MS = 100;

interface Current {
  dir: string;
  seededAt: number;
}

/** Asia/Shanghai calendar day of a time (the platform's day buckets). */
export function shanghaiDay(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whether a template seeded at `seededAt` may still be copied at `now`. */
export function usableTemplate(seededAt: number, now: number): boolean {
  return now >= seededAt && now - seededAt < MAX_AGE_MS && shanghaiDay(seededAt) === shanghaiDay(now);
}

/** The folder of the run's templates, or null when each server seeds its own store. */
export function templateRoot(): string | null {
  return process.env.E2E_TEMPLATE_DIR || null;
}

async function readCurrent(root: string): Promise<Current | null> {
  try {
    const parsed = JSON.parse(await readFile(join(root, 'current.json'), 'utf8')) as Current;
    return typeof parsed.dir === 'string' && typeof parsed.seededAt === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the seeding lock (a directory, created atomically); a lock whose holder died is broken. */
async function tryLock(root: string): Promise<boolean> {
  const lock = join(root, 'seed.lock');
  try {
    await mkdir(lock);
    await writeFile(join(lock, 'pid'), String(process.pid));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
    if (holder && !alive(holder)) await rm(lock, { recursive: true, force: true });
    return false;
  }
}

/** Seeds a new template with the real command and makes it the current one. */
async function seedTemplate(root: string): Promise<void> {
  const seededAt = Date.now();
  const dir = join(root, `demo-${seededAt}-${process.pid}`);
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER_MAIN, 'seed', '--demo', '--data', dir], {
      cwd: REPO_ROOT,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killChild = () => child.kill('SIGKILL'); // never leave a seeding process behind
    process.once('exit', killChild);
    const timer = setTimeout(killChild, SEED_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('error', (error) => {
      clearTimeout(timer);
      process.removeListener('exit', killChild);
      reject(error);
    });
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      process.removeListener('exit', killChild);
      resolve(exitCode);
    });
  });
  if (code !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`seeding the e2e demo template failed (exit ${code})\n${output.join('').slice(-4000)}`);
  }
  const next = join(root, 'current.json.next');
  await writeFile(next, JSON.stringify({ dir, seededAt } satisfies Current));
  await rename(next, join(root, 'current.json')); // atomic: readers see the old or the new one
}

/**
 * Fills `dataDir` (empty) with a copy of the run's seeded demo store, seeding it first when there is
 * none or it is too old. Returns false when no template folder is set (the server seeds by itself).
 */
export async function copyDemoTemplate(dataDir: string): Promise<boolean> {
  const root = templateRoot();
  if (!root) return false;
  await mkdir(root, { recursive: true });
  const deadline = Date.now() + SEED_TIMEOUT_MS + 30_000;
  for (;;) {
    const current = await readCurrent(root);
    if (current && usableTemplate(current.seededAt, Date.now())) {
      // A clone where the file system can (copy on write), a plain copy elsewhere.
      await cp(current.dir, dataDir, { recursive: true, mode: constants.COPYFILE_FICLONE });
      return true;
    }
    if (await tryLock(root)) {
      try {
        const again = await readCurrent(root); // another file may have seeded it meanwhile
        if (!again || !usableTemplate(again.seededAt, Date.now())) await seedTemplate(root);
      } finally {
        await rm(join(root, 'seed.lock'), { recursive: true, force: true });
      }
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(
        `no e2e demo template in ${root} after ${(SEED_TIMEOUT_MS + 30_000) / 1000} s (another file was seeding it)`,
      );
    await new Promise((resolve) => setTimeout(resolve, POLL_MS)); // another file is seeding it
  }
}
