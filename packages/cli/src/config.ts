/** Command-line and environment configuration shared by the commands. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CommonConfig {
  dataDir: string;
  databaseUrl: string | undefined;
  port: number;
  logLevel: string;
}

export function commonConfig(flags: { data?: string | undefined; port?: string | undefined }): CommonConfig {
  const port = Number(flags.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${flags.port ?? process.env.PORT}`);
  return {
    dataDir: resolve(flags.data ?? process.env.ZHONGCAO_DATA_DIR ?? './data'),
    databaseUrl: process.env.DATABASE_URL || undefined,
    port,
    logLevel: process.env.LOG_LEVEL ?? 'info',
  };
}

/** The built web app, next to this package in the workspace. */
export function webDist(): string {
  return fileURLToPath(new URL('../../web/dist', import.meta.url));
}
