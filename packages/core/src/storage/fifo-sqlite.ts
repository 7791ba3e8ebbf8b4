/**
 * Kysely's SQLite driver serialises work on its one connection with a mutex whose release wakes
 * every waiter, each of which then waits again: with thousands of queued queries (a flash sale's
 * opening second) each release costs as much as the queue is long, and the queue drains in
 * quadratic time. This driver hands the connection to the next waiter in arrival order instead:
 * one wake-up per release, and queries run first come, first served.
 */
import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

class FifoSqliteDriver extends SqliteDriver {
  private readonly waiting: Array<() => void> = [];
  private busy = false;

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

export class FifoSqliteDialect extends SqliteDialect {
  constructor(private readonly fifoConfig: SqliteDialectConfig) {
    super(fifoConfig);
  }

  override createDriver(): Driver {
    return new FifoSqliteDriver(this.fifoConfig);
  }
}
