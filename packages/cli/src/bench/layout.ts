/**
 * Where a benchmark's server runs: `embedded` (one `zhongcao start` process on SQLite, or on
 * PostgreSQL when DATABASE_URL is set) or `cluster` (`zhongcao cluster`: a worker-role process and
 * two api processes on one port, on a fresh PostgreSQL database with Redis and NATS — the
 * machine's services on localhost unless BENCH_DATABASE_URL, REDIS_URL and NATS_URL name others).
 * A benchmark asks for its store and its server through resources.ts and server-child.ts, which
 * read the layout set here; the load and the figures are the same code in both layouts.
 */
import { readdirSync, readFileSync } from 'node:fs';

export type Layout = 'embedded' | 'cluster';
export const LAYOUT_CHOICES = ['embedded', 'cluster', 'both'] as const;
export type LayoutChoice = (typeof LAYOUT_CHOICES)[number];

/** api processes in the cluster layout (`zhongcao cluster --api N`). */
export const CLUSTER_API_PROCESSES = 2;

let current: Layout = 'embedded';

export function setLayout(layout: Layout): void {
  current = layout;
}

export function layout(): Layout {
  return current;
}

export function layoutsOf(choice: LayoutChoice): Layout[] {
  return choice === 'both' ? ['embedded', 'cluster'] : [choice];
}

export interface ClusterServices {
  /** An administrative database URL on the server where the fresh database is created. */
  adminUrl: string;
  redisUrl: string;
  natsUrl: string;
}

export function clusterServices(env: NodeJS.ProcessEnv = process.env): ClusterServices {
  return {
    adminUrl: env.BENCH_DATABASE_URL || env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    natsUrl: env.NATS_URL || 'nats://127.0.0.1:4222',
  };
}

/** The process and its descendants, read from /proc (the cluster's roles are children of `zhongcao cluster`). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(Number(entry));
    children.set(stat.ppid, list);
  }
  const out: number[] = [];
  const walk = (pid: number): void => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** CPU seconds (user + system, all threads) the process and its descendants have used; null without /proc. */
export function treeCpuSeconds(root: number): number | null {
  const pids = processTree(root);
  let ticks = 0;
  let seen = 0;
  for (const pid of pids) {
    const stat = readStat(pid);
    if (!stat) continue;
    ticks += stat.utime + stat.stime;
    seen++;
  }
  return seen ? ticks / CLOCK_TICKS : null;
}

/** Resident memory of the process and its descendants, in MB. */
export function treeRssMb(root: number): number | null {
  let kb = 0;
  let seen = 0;
  for (const pid of processTree(root)) {
    try {
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) {
        kb += Number(m[1]);
        seen++;
      }
    } catch {
      // the process ended between the listing and the read
    }
  }
  return seen ? Math.round(kb / 1024) : null;
}

/** Linux's USER_HZ, 100 on every architecture Node runs on. */
const CLOCK_TICKS = 100;

function readStat(pid: number): { ppid: number; utime: number; stime: number } | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
    const rest = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(rest[1]), utime: Number(rest[11]), stime: Number(rest[12]) };
  } catch {
    return null;
  }
}
