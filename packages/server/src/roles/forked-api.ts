/**
 * `--workers N`: N api processes on one port through node:cluster. The primary migrates (and seeds)
 * once, forks the api processes, forks a replacement when one dies, and keeps the background loop
 * when the role is `all`. Each api process is stateless, so losing one loses only its open requests.
 */
import cluster from 'node:cluster';

export interface ForkedApiOptions {
  children: number;
  /** Log line for each fork and death. */
  log?: (line: string) => void;
  /** How long to wait before forking a replacement (a crash loop is not a busy loop). */
  respawnDelayMs?: number;
}

export interface ForkedApi {
  /** Pids of the living api processes. */
  pids(): number[];
  /** Resolves once every api process listens. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** True in a process that node:cluster forked (it should run the api role and not migrate). */
export function isForkedApiProcess(): boolean {
  return !cluster.isPrimary;
}

export function forkApiProcesses(options: ForkedApiOptions): ForkedApi {
  const log = options.log ?? ((line: string) => console.error(line));
  let stopping = false;
  let listening = 0;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const fork = (): void => {
    const child = cluster.fork({ ZHONGCAO_FORKED_API: '1' });
    child.once('listening', () => {
      listening += 1;
      if (listening === options.children) resolveReady();
    });
  };
  // Deaths in a row (none of the replacements got to listen) lengthen the wait, up to 5 s.
  let failedInARow = 0;
  cluster.on('listening', () => (failedInARow = 0));
  cluster.on('exit', (child, code, signal) => {
    if (stopping) return;
    const delay = Math.min(5_000, (options.respawnDelayMs ?? 200) * 2 ** Math.min(failedInARow++, 5));
    log(`api process ${child.process.pid} ended (${signal ?? `code ${code}`}); starting another in ${delay} ms`);
    // Not unref'd: with every api process gone, this timer is what keeps the primary alive.
    setTimeout(fork, delay);
  });
  for (let i = 0; i < options.children; i++) fork();
  return {
    pids: () => Object.values(cluster.workers ?? {}).flatMap((w) => (w?.process.pid ? [w.process.pid] : [])),
    ready,
    async stop() {
      stopping = true;
      const living = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
      await Promise.all(
        living.map(
          (w) =>
            new Promise<void>((resolve) => {
              w.once('exit', () => resolve());
              w.process.kill('SIGTERM');
              setTimeout(() => {
                w.process.kill('SIGKILL');
              }, 10_000).unref();
            }),
        ),
      );
    },
  };
}
