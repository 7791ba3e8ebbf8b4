/** The background loop of a server process: expiring unpaid orders, refunds, gateway notifications, event dispatch. */
import type { FastifyBaseLogger } from 'fastify';
import type { Core } from '@zhongcao/core';

export interface Worker {
  kick(): void;
  stop(): Promise<void>;
}

export function startWorker(core: Core, log: FastifyBaseLogger, intervalMs = 500): Worker {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = core
      .tick()
      .catch((err: unknown) => log.error({ err }, 'background work failed; retrying next round'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          setImmediate(run);
        }
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    kick: () => setImmediate(run),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
