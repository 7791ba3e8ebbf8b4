/**
 * Kysely's SQLite driver serialises work on its one connection with a mutex whose release wakes
 * every waiter, each of which then waits again: with thousands of queued queries (a flash sale's
 * opening second) each release costs as much as the queue is long, and the queue drains in
 * quadratic time. This driver hands the connection to the next waiter in arrival order instead:
 * one wake-up per release, and queries run first come, first served.
 *
 * Kysely's own driver would also lock a mutex of its own around each turn (a promise per
 * statement); the connection is taken from it once and this queue alone serialises the turns.
 *
 * Between two turns (never inside a transaction: Kysely holds the connection for a transaction's
 * whole length) the driver asks `betweenTurns` whether to wait first (the checkpointer's pause to
 * truncate an overgrown WAL).
 */
import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

export type BetweenTurns = () => Promise<void> | null;

class FifoSqliteDriver extends SqliteDriver {
  private readonly waiting: Array<() => void> = [];
  private busy = false;

  constructor(
    config: SqliteDialectConfig,
    private readonly betweenTurns: BetweenTurns | undefined,
  ) {
    super(config);
  }

  /** The one connection, taken from Kysely's driver once: its mutex is then held for good, and this queue is the only lock. */
  private connection: DatabaseConnection | null = null;

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    const pause = this.betweenTurns?.();
    if (pause) await pause;
    this.connection ??= await super.acquireConnection();
    return this.connection;
  }

  override async releaseConnection(): Promise<void> {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

export class FifoSqliteDialect extends SqliteDialect {
  constructor(
    private readonly fifoConfig: SqliteDialectConfig,
    private readonly betweenTurns?: BetweenTurns,
  ) {
    super(fifoConfig);
  }

  override createDriver(): Driver {
    return new FifoSqliteDriver(this.fifoConfig, this.betweenTurns);
  }
}
