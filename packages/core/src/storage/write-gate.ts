/**
 * Who may write to a SQLite store next, between the serving connection and one writing thread
 * (the 罗盘's rollup consumer). SQLite lets one connection write at a time; a second one that
 * finds the lock taken sleeps in its busy handler, and on the serving thread that sleep stops the
 * event loop. So both sides take this gate first (a word of shared memory: free, the serving
 * connection, the thread) and only then the SQLite lock, which is then always free:
 * - the serving connection waits for the thread asynchronously (`Atomics.waitAsync`): its reads
 *   and every request that does not write go on meanwhile;
 * - the thread waits for the serving connection by blocking (`Atomics.wait`), which costs nothing
 *   on a thread of its own.
 * A transaction holds the gate from `begin` to `commit` or `rollback`; a write outside a
 * transaction holds it for that statement. Which statements write is SQLite's own answer
 * (`sqlite3_stmt_readonly`), asked once per SQL text. The gate only spares waiting in SQLite's
 * busy handler; SQLite's lock still guarantees correctness (another process, or a statement the
 * gate did not see, waits there as before).
 */
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';

const FREE = 0;
export const GATE_SERVING = 1;
export const GATE_THREAD = 2;
/** How long one wait lasts before the word is looked at again (a holder that died is released by its owner). */
const WAIT_SLICE_MS = 100;

type WaitAsync = (
  a: Int32Array,
  i: number,
  v: number,
  t?: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

export class WriteGate {
  readonly word: Int32Array;

  constructor(
    readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4),
    private readonly side: typeof GATE_SERVING | typeof GATE_THREAD = GATE_SERVING,
  ) {
    this.word = new Int32Array(buffer);
  }

  /** Takes the gate: null when taken at once; else a promise (serving side) or after blocking (thread side). */
  enter(): Promise<void> | null {
    if (Atomics.compareExchange(this.word, 0, FREE, this.side) === FREE) return null;
    if (this.side === GATE_THREAD) {
      while (Atomics.compareExchange(this.word, 0, FREE, GATE_THREAD) !== FREE)
        Atomics.wait(this.word, 0, GATE_SERVING, WAIT_SLICE_MS);
      return null;
    }
    return this.enterLater();
  }

  private async enterLater(): Promise<void> {
    for (;;) {
      const holder = Atomics.compareExchange(this.word, 0, FREE, GATE_SERVING);
      if (holder === FREE) return;
      // Held by the thread, or by another turn of the serving connection (one that lent its turn while it waited).
      const waited = waitAsync(this.word, 0, holder, WAIT_SLICE_MS);
      if (waited.async) await waited.value;
    }
  }

  leave(): void {
    Atomics.compareExchange(this.word, 0, this.side, FREE);
    Atomics.notify(this.word, 0);
  }

  /** Frees the gate if the other side holds it (called when that side's thread has exited). */
  releaseFor(side: typeof GATE_SERVING | typeof GATE_THREAD): void {
    if (Atomics.compareExchange(this.word, 0, side, FREE) === side) Atomics.notify(this.word, 0);
  }

  holder(): number {
    return Atomics.load(this.word, 0);
  }
}

/** Whether a statement writes, asked of SQLite once per SQL text (a statement that does not prepare counts as a write: it fails on its own). */
export function writeClassifier(prepare: (sql: string) => { readonly: boolean }): (sql: string) => boolean {
  const known = new Map<string, boolean>();
  return (sql) => {
    let writes = known.get(sql);
    if (writes === undefined) {
      try {
        writes = !prepare(sql).readonly;
      } catch {
        writes = true;
      }
      if (known.size >= 2_000) known.clear();
      known.set(sql, writes);
    }
    return writes;
  };
}

const keyword = (sql: string): string => {
  const s = sql.trimStart();
  const end = s.search(/\s|;|$/);
  return s.slice(0, end).toLowerCase();
};

/** A connection that takes the gate before it writes (see the top of this file). */
export class GatedConnection implements DatabaseConnection {
  private inTransaction = false;

  /**
   * `offTurn` lets the connection's other turns run while this one waits for the gate (a turn
   * waits only before it has begun anything, so those turns find the connection in autocommit).
   */
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly gate: WriteGate,
    private readonly writes: (sql: string) => boolean,
    private readonly offTurn: (waiting: Promise<void>) => Promise<void> = (w) => w,
  ) {}

  private async enterGate(): Promise<void> {
    const waiting = this.gate.enter();
    if (waiting) await this.offTurn(waiting);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const word = keyword(query.sql);
    if (word === 'begin') {
      await this.enterGate();
      try {
        const result = await this.inner.executeQuery<R>(query);
        this.inTransaction = true;
        return result;
      } catch (err) {
        this.gate.leave();
        throw err;
      }
    }
    if (this.inTransaction) {
      if (word === 'commit' || word === 'end') {
        const result = await this.inner.executeQuery<R>(query); // a failed commit leaves the transaction open: its rollback frees the gate
        this.endTransaction();
        return result;
      }
      if (word === 'rollback' && !/^\s*rollback\s+to\b/i.test(query.sql)) {
        try {
          return await this.inner.executeQuery<R>(query);
        } finally {
          this.endTransaction();
        }
      }
      return this.inner.executeQuery<R>(query);
    }
    if (!this.writes(query.sql)) return this.inner.executeQuery<R>(query);
    await this.enterGate();
    try {
      return await this.inner.executeQuery<R>(query);
    } finally {
      this.gate.leave();
    }
  }

  private endTransaction(): void {
    this.inTransaction = false;
    this.gate.leave();
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}
