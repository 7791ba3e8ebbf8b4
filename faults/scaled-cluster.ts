/**
 * Private PostgreSQL, Redis and NATS, demo-free fixtures of a live sale (and, if asked, published
 * videos anchoring its product), and a cluster of two api processes and a worker on them.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import {
  freePort,
  startPrivateNats,
  startPrivatePostgres,
  startPrivateRedis,
  type PrivateService,
} from '@zhongcao/server/test-support/services';
import { openCore } from '@zhongcao/core';
import { insertBenchVideos } from '../packages/cli/src/bench/fixtures.ts';
import { makeLiveFixtures, type LiveFixtures } from '../packages/cli/src/bench/live-fixtures.ts';
import { startRole, waitForApis, type Role } from './cluster.ts';
import { QUANTITY } from './flash-sale.ts';

export interface ScaledCluster {
  pg: PrivateService;
  redis: PrivateService;
  nats: PrivateService;
  dataDir: string;
  url: string;
  fx: LiveFixtures;
  /** Published videos anchoring the sale's product (as many as asked). */
  videoIds: string[];
  /** The api processes' pids when they first answered. */
  apiPids: number[];
  /** How many api processes ended and were replaced (the primary logs each). */
  apiDeaths(): number;
  /** True while the worker-role process runs (it must outlive every fault). */
  workerAlive(): boolean;
  /** Kills the worker-role process with -9 and waits until it is gone. */
  killWorker(): Promise<void>;
  /** Starts a worker-role process again, as its supervisor would, and waits until it runs. */
  restartWorker(): Promise<void>;
  /** Stops the roles (the services stay for reading the store). */
  stopRoles(): Promise<void>;
}

export interface ClusterOptions {
  /** Published videos to insert (anchoring the sale's product). */
  videos?: number;
  /** More environment for every role. */
  env?: Record<string, string>;
}

/** A worker-role process prints its banner once its stream consumers are started. */
async function waitForWorker(worker: Role, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!/Zhongcao worker \(pid/.test(worker.output())) {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null)
      throw new Error(`the worker-role process ended: ${worker.output().slice(-2_000)}`);
    if (Date.now() > until) throw new Error(`the worker-role process did not start in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startScaledCluster(
  t: TestContext,
  buyers: number,
  options: ClusterOptions = {},
): Promise<ScaledCluster> {
  const services: PrivateService[] = [];
  const roles: Role[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'zc-fault-'));
  t.after(async () => {
    // FAULT_LOGS=DIR keeps each role's output there, for reading a failure.
    if (process.env.FAULT_LOGS)
      roles.forEach((r, i) => writeFileSync(join(process.env.FAULT_LOGS!, `role-${i}.log`), r.output()));
    for (const r of roles) await r.stop();
    for (const s of services) await s.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const [pg, redis, nats] = await Promise.all([startPrivatePostgres(), startPrivateRedis(), startPrivateNats()]);
  services.push(pg, redis, nats);
  await new Promise((r) => setTimeout(r, 500)); // PostgreSQL accepts sessions a moment after it listens
  const fx = await makeLiveFixtures(
    { dialect: 'postgres', dataDir, databaseUrl: pg.url },
    { stock: QUANTITY * 4, buyers },
  );
  const videoIds: string[] = [];
  if (options.videos) {
    const core = await openCore({ dataDir, databaseUrl: pg.url, migrate: false });
    try {
      const owner = await core.ctx.db
        .selectFrom('users')
        .select('id')
        .where('login', '=', 'bench-merchant')
        .executeTakeFirstOrThrow();
      videoIds.push(
        ...(await insertBenchVideos(core, options.videos, {
          ownerIds: [owner.id],
          productIds: [fx.productId],
          spreadDays: 1,
        })),
      );
    } finally {
      await core.close();
    }
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    NATS_URL: nats.url,
    PORT: String(port),
    ZHONGCAO_DATA_DIR: dataDir,
    PUBLIC_URL: url,
    ...options.env,
  };
  const startWorker = (): Role => startRole(['--role', 'worker', '--no-demo'], env);
  const api = startRole(['--role', 'api', '--workers', '2', '--no-demo'], env);
  let worker = startWorker();
  roles.push(api, worker);
  const apiPids = await waitForApis(url, 2, 180_000);
  await waitForWorker(worker, 120_000);
  return {
    pg,
    redis,
    nats,
    dataDir,
    url,
    fx,
    videoIds,
    apiPids,
    apiDeaths: () => (roles[0]?.output().match(/api process \d+ ended/g) ?? []).length,
    workerAlive: () => worker.child.exitCode === null && worker.child.signalCode === null,
    async killWorker() {
      const gone = new Promise<void>((r) => {
        if (worker.child.exitCode !== null || worker.child.signalCode !== null) r();
        else worker.child.once('exit', () => r());
      });
      worker.child.kill('SIGKILL');
      await gone;
    },
    async restartWorker() {
      worker = startWorker();
      roles.push(worker);
      await waitForWorker(worker, 120_000);
    },
    async stopRoles() {
      for (const r of roles.splice(0)) await r.stop();
    },
  };
}
