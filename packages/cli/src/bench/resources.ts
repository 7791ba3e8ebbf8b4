/** A fresh, throw-away store per benchmark (temp data dir; a fresh PostgreSQL database when DATABASE_URL is set) and a cleanup scope that also runs on Ctrl-C. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { clusterServices, layout } from './layout.js';

export const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

/** Cleanup actions run in reverse order; each failure is reported, none stops the rest. */
export class Scope {
  private readonly actions: Array<{ what: string; fn: () => Promise<void> | void }> = [];
  private closing: Promise<void> | null = null;
  private readonly abort = new AbortController();
  /** Aborted as soon as cleanup starts: load loops stop issuing requests. */
  readonly signal: AbortSignal = this.abort.signal;

  constructor() {
    live.add(this);
  }

  defer(what: string, fn: () => Promise<void> | void): void {
    this.actions.push({ what, fn });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.abort.abort();
      live.delete(this);
      for (const { what, fn } of this.actions.reverse()) {
        try {
          await fn();
        } catch (err) {
          log(`cleanup (${what}) failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    })();
    return this.closing;
  }
}

const live = new Set<Scope>();
let signalsInstalled = false;

/** On SIGINT/SIGTERM: clean up every open scope (child server, temp dir, database), then exit. */
export function cleanUpOnSignals(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: cleaning up…`);
    setTimeout(() => {
      log('cleanup did not finish within 30 s; exiting anyway');
      process.exit(130);
    }, 30_000).unref();
    void Promise.allSettled([...live].map((s) => s.close())).then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

export interface BenchStore {
  dialect: 'sqlite' | 'postgres';
  dataDir: string;
  /** URL of the fresh database, when on PostgreSQL. */
  databaseUrl: string | undefined;
  /** The cluster layout's shared services (the server is then `zhongcao cluster`, see layout.ts). */
  cluster?: { redisUrl: string; natsUrl: string } | undefined;
}

/** Makes the temp data dir (and database) and registers their removal in the scope. */
export async function freshStore(scope: Scope): Promise<BenchStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-bench-'));
  scope.defer('remove temp dir', () => rmSync(dataDir, { recursive: true, force: true }));
  const services = layout() === 'cluster' ? clusterServices() : null;
  const adminUrl = services ? services.adminUrl : process.env.DATABASE_URL || undefined;
  if (!adminUrl) return { dialect: 'sqlite', dataDir, databaseUrl: undefined };

  const name = `zc_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  scope.defer(`drop database ${name}`, () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  log(`PostgreSQL: created database ${name}`);
  return {
    dialect: 'postgres',
    dataDir,
    databaseUrl: url.toString(),
    cluster: services ? { redisUrl: services.redisUrl, natsUrl: services.natsUrl } : undefined,
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
