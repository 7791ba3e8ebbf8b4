/**
 * `zhongcao start [--role api|worker|engine|all] [--workers N] [--replica I]`: one binary, every role.
 * `all` (the default) is the embedded platform in one process; `api` answers HTTP without the
 * background loop; `worker` runs the loop without HTTP; `engine` is the interest engine as a service
 * on NATS (replica I of ENGINE_REPLICAS); `--workers N` forks N api processes on one port (node:cluster).
 * With NATS_URL, api processes send their signals to the stream and ask the engine role for pages.
 */
import {
  DEMO_DOORS,
  DEMO_PASSWORD,
  demoAccountsWithPublicPassword,
  openCore,
  seedDemo,
  type Core,
} from '@zhongcao/core';
import {
  forkApiProcesses,
  forkPlan,
  isForkedApiProcess,
  parseReplicaIndex,
  parseReplicas,
  parseRole,
  parseWorkers,
  startBackground,
  startEngineRole,
  startPlatform,
} from '@zhongcao/server';
import { exposedDemoWarning, isLoopbackHost, webDist, type CommonConfig } from '../config.js';
import { progressPrinter } from '../progress.js';

export interface StartFlags {
  role?: string | undefined;
  workers?: string | undefined;
  replica?: string | undefined;
  seed: boolean;
}

/** Set in the primary for its forked api processes: they ask the engine role for pages (scaled mode). */
const ENGINE_SERVICE_ENV = 'ZHONGCAO_ENGINE_SERVICE';

/** Loads the demo data set into an empty store. */
export async function seedIfEmpty(core: Core): Promise<void> {
  const users = await core.ctx.db.selectFrom('users').select('id').limit(1).execute();
  if (users.length > 0) return;
  console.error('First run: loading the demo data set…');
  await seedDemo(core, progressPrinter('seed'));
}

function onSignal(stop: () => Promise<void>): void {
  const shutdown = async (): Promise<void> => {
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

function banner(url: string, config: CommonConfig, detail: string): void {
  console.log(`\n  种草 Zhongcao is running at ${url}${detail}\n`);
  console.log(`  API reference: ${url}/api/docs`);
  console.log(`  Storage: ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`}`);
  if (config.redisUrl) console.log('  Shared state: Redis (rate limits, session invalidations)');
  if (config.natsUrl) console.log("  Live rooms: NATS (each room's events and comments reach every api process)");
  if (process.env[ENGINE_SERVICE_ENV] === '1')
    console.log(
      `  Interest engine: the engine role's replicas over NATS (${process.env.ENGINE_REPLICAS ?? 1}); signals go to the JetStream stream`,
    );
  console.log(
    `  Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_DOORS.map((d) => `${d.role}=${d.login}`).join('  ')}\n`,
  );
}

/** Returns -1: the process keeps running until a signal stops it. */
export async function runStartCommand(flags: StartFlags, config: CommonConfig): Promise<number> {
  const role = parseRole(flags.role);
  const plan = forkPlan(role, parseWorkers(flags.workers));
  const store = { dataDir: config.dataDir, databaseUrl: config.databaseUrl };
  const publicUrl = process.env.PUBLIC_URL ?? `http://127.0.0.1:${config.port}`;

  const replicas = parseReplicas(process.env.ENGINE_REPLICAS);
  if (isForkedApiProcess()) {
    // One of the primary's api processes: the primary has migrated already.
    const engineService = process.env[ENGINE_SERVICE_ENV] === '1' ? { replicas } : null;
    const platform = await startPlatform({
      ...store,
      role: 'api',
      migrate: false,
      redisUrl: config.redisUrl,
      natsUrl: config.natsUrl,
      engineService,
      port: config.port,
      host: config.host,
      logLevel: config.logLevel,
      webDist: webDist(),
    });
    onSignal(() => platform.stop());
    return -1;
  }
  // Scaled mode: an api-role process with NATS leaves the engine to the engine role.
  if (role === 'api' && config.natsUrl) process.env[ENGINE_SERVICE_ENV] = '1';

  if (role === 'engine') {
    if (!config.natsUrl) throw new Error('--role engine serves over NATS: set NATS_URL');
    const replica = parseReplicaIndex(flags.replica, replicas);
    const engine = await startEngineRole({
      ...store,
      migrate: false,
      natsUrl: config.natsUrl,
      replica,
      replicas,
      port: config.port,
      host: config.host,
      logLevel: config.logLevel,
    });
    console.log(
      `  种草 Zhongcao engine replica ${replica} of ${replicas} (pid ${process.pid}): learns from the stream, answers pages over NATS; ${engine.url}/metrics`,
    );
    onSignal(() => engine.stop());
    return -1;
  }

  if (role === 'worker') {
    const background = await startBackground({
      ...store,
      logLevel: config.logLevel,
      publicUrl,
      natsUrl: config.natsUrl,
    });
    console.log(`  种草 Zhongcao worker (pid ${process.pid}): timers, outbox dispatch and the background loop`);
    onSignal(() => background.stop());
    return -1;
  }

  if (plan) {
    const core = await openCore(store);
    if (flags.seed && role === 'all') await seedIfEmpty(core);
    await core.close();
    const background = plan.primaryRunsBackgroundLoop
      ? await startBackground({ ...store, migrate: false, logLevel: config.logLevel, publicUrl })
      : null;
    const api = forkApiProcesses({ children: plan.children });
    await api.ready;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    banner(
      `http://${host}:${config.port}`,
      config,
      ` (${plan.children} api processes: ${api.pids().join(', ')}${background ? '; background loop in the primary' : ''})`,
    );
    onSignal(async () => {
      await api.stop();
      await background?.stop();
    });
    return -1;
  }

  const platform = await startPlatform({
    ...store,
    role,
    engineService: process.env[ENGINE_SERVICE_ENV] === '1' ? { replicas } : null,
    redisUrl: config.redisUrl,
    natsUrl: config.natsUrl,
    port: config.port,
    host: config.host,
    logLevel: config.logLevel,
    webDist: webDist(),
    beforeListen: flags.seed && role === 'all' ? seedIfEmpty : undefined,
  });
  banner(platform.url, config, role === 'api' ? ' (api role: the background loop runs in a worker-role process)' : '');
  if (!isLoopbackHost(config.host)) {
    const open = await demoAccountsWithPublicPassword(platform.core);
    if (open.length) console.error(exposedDemoWarning(config.host, open));
  }
  onSignal(() => platform.stop());
  return -1;
}
