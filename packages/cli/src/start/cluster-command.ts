/**
 * `zhongcao cluster [--api N] [--engines N] [--port P] [--no-demo]`: a local deployment for
 * development and tests, against the services the environment names (DATABASE_URL, NATS_URL,
 * REDIS_URL): migrates and seeds once, then runs one worker-role process, N api processes on one
 * port and, with NATS_URL, N engine replicas (their /metrics on the ports after P), as children of
 * this one, restarting a child that dies. Production runs the same roles under its own supervisor.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openCore } from '@zhongcao/core';
import { parseReplicas, parseWorkers } from '@zhongcao/server';
import type { CommonConfig } from '../config.js';
import { seedIfEmpty } from './start-command.js';

export interface ClusterFlags {
  api?: string | undefined;
  engines?: string | undefined;
  seed: boolean;
}

interface Member {
  name: string;
  args: string[];
  child: ChildProcess | null;
}

export async function runClusterCommand(flags: ClusterFlags, config: CommonConfig): Promise<number> {
  const apiProcesses = parseWorkers(flags.api ?? '2');
  const engines = config.natsUrl ? parseReplicas(flags.engines ?? '1') : 0;
  if (!config.natsUrl)
    console.error(
      'cluster: no NATS_URL, so each api process runs its own interest engine and learns only its own signals',
    );
  if (!config.databaseUrl)
    console.error('cluster: no DATABASE_URL, so every process shares one SQLite file; PostgreSQL is the scaled store');
  const core = await openCore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  if (flags.seed) await seedIfEmpty(core);
  await core.close();

  const env = {
    ...process.env,
    ENGINE_REPLICAS: String(Math.max(1, engines)),
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://127.0.0.1:${config.port}`,
    ZHONGCAO_DATA_DIR: config.dataDir,
    PORT: String(config.port),
    ZHONGCAO_HOST: config.host,
  };
  const members: Member[] = [
    { name: 'worker', args: ['start', '--role', 'worker'], child: null },
    { name: 'api', args: ['start', '--role', 'api', '--workers', String(apiProcesses)], child: null },
    ...Array.from({ length: engines }, (_, i) => ({
      name: `engine ${i}`,
      args: ['start', '--role', 'engine', '--replica', String(i), '--port', String(config.port + 1 + i)],
      child: null,
    })),
  ];
  let stopping = false;
  const run = (m: Member): void => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...m.args], {
      env,
      stdio: 'inherit',
    });
    m.child = child;
    console.error(`cluster: ${m.name} started (pid ${child.pid})`);
    child.once('exit', (code, signal) => {
      m.child = null;
      if (stopping) return;
      console.error(`cluster: ${m.name} (pid ${child.pid}) ended (${signal ?? `code ${code}`}); starting it again`);
      setTimeout(() => run(m), 500);
    });
  };
  members.forEach(run);
  const stop = async (): Promise<void> => {
    stopping = true;
    await Promise.all(
      members.map((m) => {
        const child = m.child;
        if (!child) return Promise.resolve();
        return new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }),
    );
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return -1;
}
