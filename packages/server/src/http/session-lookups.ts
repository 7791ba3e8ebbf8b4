/**
 * Session lookups gathered: the tokens of the requests that arrive in one turn of the event loop
 * (and while earlier lookups are running) are resolved with one statement (core's
 * authenticateMany), a few statements at a time. When thousands of signed-in requests arrive at
 * once, as when a flash sale opens, a statement each would fill the database pool and keep every
 * other statement (the orders being written among them) waiting behind them.
 */
import { authenticateMany, type AuthenticatedSession, type CoreContext } from '@zhongcao/core';

/** Tokens per statement. */
const MAX_BATCH = 500;
/** Statements running at once: the rest of the pool stays free for the requests' own work. */
const MAX_RUNNING = 3;

interface Waiter {
  resolve(session: AuthenticatedSession | null): void;
  reject(err: unknown): void;
}

export class SessionLookups {
  private waiting = new Map<string, Waiter[]>();
  private running = 0;
  private scheduled = false;

  constructor(private readonly ctx: CoreContext) {}

  lookup(token: string): Promise<AuthenticatedSession | null> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(token);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(token, [{ resolve, reject }]);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= MAX_RUNNING || this.waiting.size === 0) return;
    this.scheduled = true;
    // The end of this turn: what the other sockets carried in the same turn joins the statement.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.running < MAX_RUNNING && this.waiting.size > 0) {
      const batch = new Map<string, Waiter[]>();
      for (const [token, list] of this.waiting) {
        batch.set(token, list);
        this.waiting.delete(token);
        if (batch.size >= MAX_BATCH) break;
      }
      this.running++;
      authenticateMany(this.ctx, [...batch.keys()])
        .then(
          (sessions) => {
            for (const [token, list] of batch) for (const w of list) w.resolve(sessions.get(token) ?? null);
          },
          (err: unknown) => {
            for (const list of batch.values()) for (const w of list) w.reject(err);
          },
        )
        .finally(() => {
          this.running--;
          this.schedule();
        });
      // One statement per turn unless a full batch is waiting: small batches would take the pool.
      if (this.waiting.size < MAX_BATCH) break;
    }
  }
}
