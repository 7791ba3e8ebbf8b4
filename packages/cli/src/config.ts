/** Command-line and environment configuration shared by the commands. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CommonConfig {
  dataDir: string;
  databaseUrl: string | undefined;
  port: number;
  /** Interface the server listens on (127.0.0.1 unless told otherwise). */
  host: string;
  logLevel: string;
  /** Scaled mode: Redis shared by the api processes (rate limits, session invalidations). */
  redisUrl: string | undefined;
  /** Scaled mode: NATS (live rooms' events and comments between api processes). */
  natsUrl: string | undefined;
}

export function commonConfig(flags: {
  data?: string | undefined;
  port?: string | undefined;
  host?: string | undefined;
}): CommonConfig {
  const port = Number(flags.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`invalid port: ${flags.port ?? process.env.PORT}`);
  return {
    dataDir: resolve(flags.data ?? process.env.ZHONGCAO_DATA_DIR ?? './data'),
    databaseUrl: process.env.DATABASE_URL || undefined,
    port,
    host: flags.host || process.env.ZHONGCAO_HOST || '127.0.0.1',
    logLevel: process.env.LOG_LEVEL ?? 'info',
    redisUrl: process.env.REDIS_URL || undefined,
    natsUrl: process.env.NATS_URL || undefined,
  };
}

/** The built web app, next to this package in the workspace. */
export function webDist(): string {
  return fileURLToPath(new URL('../../web/dist', import.meta.url));
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The loud notice printed when the server listens beyond loopback while demo accounts keep the published password. */
export function exposedDemoWarning(host: string, logins: string[]): string {
  const bar = '!'.repeat(78);
  return [
    '',
    bar,
    `  WARNING: listening on ${host}, reachable from other machines, while these demo accounts`,
    `  still accept the published password "zhongcao-demo": ${logins.join(', ')}.`,
    '  Anyone who can reach this address can log in as them (demo-admin is a platform admin).',
    '  Change their passwords, or start without --host (127.0.0.1 only), or use a store made',
    '  with --no-demo.',
    bar,
    '',
  ].join('\n');
}
