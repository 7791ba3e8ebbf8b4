/**
 * `zhongcao start [--role api|worker|all] [--workers N]`: one binary, every role. `all` (the default)
 * is the embedded platform in one process; `api` answers HTTP without the background loop; `worker`
 * runs the loop without HTTP; `--workers N` forks N api processes on one port (node:cluster).
 */
import { DEMO_DOORS, DEMO_PASSWORD, demoAccountsWithPublicPassword, openCore, seedDemo, type Core } from '@zhongcao/core';
import { forkApiProcesses, forkPlan, isForkedApiProcess, parseRole, parseWorkers, startBackground, startPlatform } from '@zhongcao/server';
import { exposedDemoWarning, isLoopbackHost, webDist, type CommonConfig } from '../config.js';
import { progressPrinter } from '../progress.js';

export interface StartFlags {
  role?: string | undefined;
  workers?: string | undefined;
  seed: boolean;
}

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
  if (config.natsUrl) console.log('  Live rooms: NATS (each room\'s events and comments reach every api process)');
  console.log(`  Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_DOORS.map((d) => `${d.role}=${d.login}`).join('  ')}\n`);
}

/** Returns -1: the process keeps running until a signal stops it. */
export async function runStartCommand(flags: StartFlags, config: CommonConfig): Promise<number> {
  const role = parseRole(flags.role);
  const plan = forkPlan(role, parseWorkers(flags.workers));
  const store = { dataDir: config.dataDir, databaseUrl: config.databaseUrl };
  const publicUrl = process.env.PUBLIC_URL ?? `http://127.0.0.1:${config.port}`;

  if (isForkedApiProcess()) {
    // One of the primary's api processes: the primary has migrated already.
    const platform = await startPlatform({ ...store, role: 'api', migrate: false, redisUrl: config.redisUrl, natsUrl: config.natsUrl, port: config.port, host: config.host, logLevel: config.logLevel, webDist: webDist() });
    onSignal(() => platform.stop());
    return -1;
  }

  if (role === 'worker') {
    const background = await startBackground({ ...store, logLevel: config.logLevel, publicUrl });
    console.log(`  种草 Zhongcao worker (pid ${process.pid}): timers, outbox dispatch and the background loop`);
    onSignal(() => background.stop());
    return -1;
  }

  if (plan) {
    const core = await openCore(store);
    if (flags.seed && role === 'all') await seedIfEmpty(core);
    await core.close();
    const background = plan.primaryRunsBackgroundLoop ? await startBackground({ ...store, migrate: false, logLevel: config.logLevel, publicUrl }) : null;
    const api = forkApiProcesses({ children: plan.children });
    await api.ready;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    banner(`http://${host}:${config.port}`, config, ` (${plan.children} api processes: ${api.pids().join(', ')}${background ? '; background loop in the primary' : ''})`);
    onSignal(async () => {
      await api.stop();
      await background?.stop();
    });
    return -1;
  }

  const platform = await startPlatform({
    ...store,
    role,
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
