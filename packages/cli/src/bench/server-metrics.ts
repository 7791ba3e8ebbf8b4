/** What the server under test says of itself on /metrics: its resident memory and the CPU time it has used. */
import type { Pool } from 'undici';
import { get } from './http-load.js';
import { treeCpuSeconds, treeRssMb } from './layout.js';
import { clusterRootPid } from './server-child.js';

/** Resident memory of the server process in MB, from its Prometheus metrics (null if it does not say). */
export async function serverRssMb(pool: Pool): Promise<number | null> {
  const root = clusterRootPid();
  if (root !== null) return treeRssMb(root); // every process of the cluster, not the one api process that answers
  const reply = await get(pool, '/metrics');
  const m = /^zhongcao_process_resident_memory_bytes\s+([0-9.e+]+)/m.exec(reply.body);
  return m ? Math.round(Number(m[1]) / 1024 / 1024) : null;
}

/** CPU seconds the server process has used so far (all its threads), from its Prometheus metrics (null if it does not say). */
export async function serverCpuSeconds(pool: Pool): Promise<number | null> {
  const root = clusterRootPid();
  if (root !== null) return treeCpuSeconds(root);
  const reply = await get(pool, '/metrics');
  const m = /^zhongcao_process_cpu_seconds_total\s+([0-9.e+]+)/m.exec(reply.body);
  return m ? Number(m[1]) : null;
}

/** Server CPU milliseconds per unit of work between two readings (null when either is missing). */
export function cpuMsPer(before: number | null, after: number | null, units: number): number | null {
  if (before === null || after === null || units <= 0) return null;
  return Math.round(((after - before) * 1000 * 1000) / units) / 1000;
}
