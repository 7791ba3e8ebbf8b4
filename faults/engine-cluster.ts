/**
 * Private PostgreSQL and NATS, a small recsys store (people with histories, published videos),
 * and a scaled cluster on them: two api processes and an engine replica, each a real
 * process of the built command. The engine's /metrics is read as an operator would.
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
  type PrivateService,
} from '@zhongcao/server/test-support/services';
import { buildRecsysStore, type RecsysStore } from '../packages/cli/src/bench/recsys-fixtures.ts';
import { call, startRole, waitForApis, type Role } from './cluster.ts';

export interface EngineCluster {
  pg: PrivateService;
  nats: PrivateService;
  url: string;
  store: RecsysStore;
  engineUrl: string;
  engine(): Role;
  /** Starts an engine replica again (after one was killed) and waits until it is warm. */
  restartEngine(): Promise<void>;
}

/** Engine replicas answer /readyz 200 once warm. */
export async function waitForEngine(engineUrl: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await call(engineUrl, 'GET', '/readyz')).status === 200) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the engine replica at ${engineUrl} was not warm in ${timeoutMs} ms`);
}

/** One counter's value from a Prometheus text page (summed over its label sets). */
export async function metric(url: string, name: string): Promise<number> {
  const page = await call(url, 'GET', '/metrics');
  if (page.status !== 200) throw new Error(`${url}/metrics answered ${page.status}`);
  return page.body
    .split('\n')
    .filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

export interface EngineClusterOptions {
  /** More environment for every role. */
  env?: Record<string, string>;
}

export async function startEngineCluster(t: TestContext, options: EngineClusterOptions = {}): Promise<EngineCluster> {
  const services: PrivateService[] = [];
  const roles: Role[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'zc-fault-engine-'));
  t.after(async () => {
    // FAULT_LOGS=DIR keeps each role's output there, for reading a failure.
    if (process.env.FAULT_LOGS)
      roles.forEach((r, i) => writeFileSync(join(process.env.FAULT_LOGS!, `engine-cluster-role-${i}.log`), r.output()));
    for (const r of roles) await r.stop();
    for (const s of services) await s.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const started = Date.now();
  const [pg, nats] = await Promise.all([startPrivatePostgres(), startPrivateNats()]);
  services.push(pg, nats);
  await new Promise((r) => setTimeout(r, 500)); // PostgreSQL accepts sessions a moment after it listens
  const store = await buildRecsysStore(
    { dialect: 'postgres', dataDir, databaseUrl: pg.url },
    { videos: 400, people: 400, historyPerPerson: 12, clients: 8 },
  );
  const [port, enginePort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const engineUrl = `http://127.0.0.1:${enginePort}`;
  // The deadline is raised from its default: on a loaded two-core runner a fresh replica's answer can take longer; what is tested is fallback and recovery, not speed.
  const env = {
    DATABASE_URL: pg.url,
    NATS_URL: nats.url,
    ENGINE_REPLICAS: '1',
    ENGINE_DEADLINE_MS: '1000',
    PORT: String(port),
    ZHONGCAO_DATA_DIR: dataDir,
    PUBLIC_URL: url,
    ...options.env,
  };
  // No worker-role process: these faults concern the signals of the api processes and the engine (a worker adds a process's start to each run).
  roles.push(startRole(['--role', 'api', '--workers', '2', '--no-demo'], env));
  await waitForApis(url, 2, 180_000);
  const startEngine = (): Role =>
    startRole(['--role', 'engine', '--replica', '0', '--port', String(enginePort), '--no-demo'], env);
  let engine = startEngine();
  roles.push(engine);
  await waitForEngine(engineUrl, 120_000);
  t.diagnostic(
    `cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s (store, two api processes, a warm engine replica)`,
  );
  return {
    pg,
    nats,
    url,
    store,
    engineUrl,
    engine: () => engine,
    async restartEngine() {
      engine = startEngine();
      roles.push(engine);
      await waitForEngine(engineUrl, 120_000);
    },
  };
}
