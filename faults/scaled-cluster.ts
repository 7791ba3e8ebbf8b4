/** Private PostgreSQL, Redis and NATS, demo-free fixtures of a live sale, and a cluster of two api processes and a worker on them. */
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
  /** The api processes' pids when they first answered. */
  apiPids: number[];
  /** How many api processes ended and were replaced (the primary logs each). */
  apiDeaths(): number;
  /** True while the worker-role process runs (it must outlive every fault). */
  workerAlive(): boolean;
  /** Stops the roles (the services stay for reading the store). */
  stopRoles(): Promise<void>;
}

export async function startScaledCluster(t: TestContext, buyers: number): Promise<ScaledCluster> {
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
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    NATS_URL: nats.url,
    PORT: String(port),
    ZHONGCAO_DATA_DIR: dataDir,
    PUBLIC_URL: url,
  };
  roles.push(
    startRole(['--role', 'api', '--workers', '2', '--no-demo'], env),
    startRole(['--role', 'worker', '--no-demo'], env),
  );
  const apiPids = await waitForApis(url, 2, 180_000);
  return {
    pg,
    redis,
    nats,
    dataDir,
    url,
    fx,
    apiPids,
    apiDeaths: () => (roles[0]?.output().match(/api process \d+ ended/g) ?? []).length,
    workerAlive: () => roles[1] !== undefined && roles[1].child.exitCode === null && roles[1].child.signalCode === null,
    async stopRoles() {
      for (const r of roles.splice(0)) await r.stop();
    },
  };
}
