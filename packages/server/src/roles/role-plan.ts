/** Which parts of the platform a process runs, by role (pure). */

/**
 * api: HTTP and live sockets; worker: timers, outbox dispatch and the rest of the background loop;
 * engine: the interest engine as a service on NATS (scaled mode); all: api and worker in one
 * process with the engine inside (the embedded default).
 */
export type Role = 'api' | 'worker' | 'engine' | 'all';

export const ROLES: readonly Role[] = ['api', 'worker', 'engine', 'all'];

export interface RolePlan {
  /** Answers HTTP and WebSocket requests. */
  http: boolean;
  /** Runs the background loop: due timers, refunds, payouts, gateway notifications, outbox dispatch. */
  backgroundLoop: boolean;
  /** Hosts the interest engine on its own thread (the feed's personalised pages come from it). */
  engine: boolean;
  /** Applies migrations on start (api processes forked by --workers leave it to their primary). */
  migrates: boolean;
}

export function parseRole(value: string | undefined): Role {
  const role = value ?? 'all';
  if ((ROLES as readonly string[]).includes(role)) return role as Role;
  throw new Error(`unknown role "${role}": one of ${ROLES.join(', ')}`);
}

export function rolePlan(role: Role): RolePlan {
  switch (role) {
    case 'all':
      return { http: true, backgroundLoop: true, engine: true, migrates: true };
    case 'api':
      return { http: true, backgroundLoop: false, engine: true, migrates: true };
    case 'worker':
      return { http: false, backgroundLoop: true, engine: false, migrates: true };
    case 'engine':
      return { http: false, backgroundLoop: false, engine: true, migrates: false };
  }
}

/**
 * What `--workers N` forks: N api processes sharing one port. The primary keeps the background
 * loop when the role is `all` (so one command still gives a whole platform), and nothing else.
 */
export interface ForkPlan {
  children: number;
  childRole: 'api';
  primaryRunsBackgroundLoop: boolean;
}

export function parseWorkers(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`--workers takes a whole number from 1 to 64, not "${value}"`);
  return n;
}

export function forkPlan(role: Role, workers: number): ForkPlan | null {
  if (workers <= 1) return null;
  if (role === 'worker' || role === 'engine')
    throw new Error('--workers forks api processes: use it with --role api or all');
  return { children: workers, childRole: 'api', primaryRunsBackgroundLoop: role === 'all' };
}
