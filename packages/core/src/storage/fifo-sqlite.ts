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
 * truncate an overgrown WAL). With a gate (write-gate.ts) the connection takes it before it writes,
 * so a thread writing to the same file is waited for without blocking the event loop.
 */
import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import { GatedConnection, type WriteGate } from './write-gate.js';

export type BetweenTurns = () => Promise<void> | null;

/** The gate this connection takes before writing, and how it tells a write (write-gate.ts). */
export interface GateConfig {
  gate: WriteGate;
  writes(sql: string): boolean;
}

class FifoSqliteDriver extends SqliteDriver {
  private readonly waiting: Array<() => void> = [];
  private busy = false;

  constructor(
    config: SqliteDialectConfig,
    private readonly betweenTurns: BetweenTurns | undefined,
    private readonly gated: GateConfig | undefined,
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
    if (!this.connection) {
      const own = await super.acquireConnection();
      this.connection = this.gated
        ? new GatedConnection(own, this.gated.gate, this.gated.writes, (waiting) => this.offTurn(waiting))
        : own;
    }
    return this.connection;
  }

  /**
   * The turn holding the connection steps aside while `waiting` settles (a write waiting for the
   * gate): the next turns run meanwhile, and it then takes the connection back ahead of the queue.
   */
  private async offTurn(waiting: Promise<void>): Promise<void> {
    this.handOn();
    try {
      await waiting;
    } finally {
      if (this.busy) await new Promise<void>((resolve) => this.waiting.unshift(resolve));
      this.busy = true;
    }
  }

  private handOn(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }

  override async releaseConnection(): Promise<void> {
    this.handOn();
  }
}

export class FifoSqliteDialect extends SqliteDialect {
  constructor(
    private readonly fifoConfig: SqliteDialectConfig,
    private readonly betweenTurns?: BetweenTurns,
    private readonly gated?: GateConfig,
  ) {
    super(fifoConfig);
  }

  override createDriver(): Driver {
    return new FifoSqliteDriver(this.fifoConfig, this.betweenTurns, this.gated);
  }
}
