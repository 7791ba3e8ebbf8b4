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
/** The words of the gate: who holds it, and whether each side is waiting for it. */
const HOLDER = 0;
const WANTS: Record<typeof GATE_SERVING | typeof GATE_THREAD, number> = { [GATE_SERVING]: 1, [GATE_THREAD]: 2 };
/** How long one wait lasts before the words are looked at again (a holder that died is released by its owner). */
const WAIT_SLICE_MS = 100;

type WaitAsync = (
  a: Int32Array,
  i: number,
  v: number,
  t?: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/**
 * The gate, one per store and side. Whoever leaves while the other side waits hands the gate to it
 * directly: a serving write that waited for a window's commit runs next, before the thread can
 * take the gate again for its next window (left free, the thread took it back before the serving
 * thread's event loop came round to its wake-up, and a batch of events waited through several
 * windows). The serving side's turns that were waiting when it got the gate all go before it is
 * handed back, so neither side waits for more than one turn of the other.
 */
export class WriteGate {
  readonly word: Int32Array;
  /** Serving side: one of its turns holds the gate. */
  private owned = false;
  /** Serving side: its turns waiting for the gate, in order. */
  private readonly queue: Array<() => void> = [];
  /** Serving side: how many of the waiting turns still go before the gate is handed on. */
  private batchLeft = 0;
  private acquiring = false;

  constructor(
    readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(12),
    private readonly side: typeof GATE_SERVING | typeof GATE_THREAD = GATE_SERVING,
  ) {
    this.word = new Int32Array(buffer);
  }

  private get other(): typeof GATE_SERVING | typeof GATE_THREAD {
    return this.side === GATE_SERVING ? GATE_THREAD : GATE_SERVING;
  }

  /** Takes the gate: null when taken at once; else a promise (serving side) or after blocking (thread side). */
  enter(): Promise<void> | null {
    if (this.side === GATE_THREAD) {
      if (Atomics.compareExchange(this.word, HOLDER, FREE, GATE_THREAD) === FREE) return null;
      Atomics.store(this.word, WANTS[GATE_THREAD], 1);
      for (;;) {
        const holder = Atomics.compareExchange(this.word, HOLDER, FREE, GATE_THREAD);
        // Taken, or handed over by the serving side as it left (the thread holds nothing while it waits).
        if (holder === FREE || holder === GATE_THREAD) break;
        Atomics.wait(this.word, HOLDER, holder, WAIT_SLICE_MS);
      }
      Atomics.store(this.word, WANTS[GATE_THREAD], 0);
      return null;
    }
    if (!this.owned && !this.acquiring && Atomics.compareExchange(this.word, HOLDER, FREE, GATE_SERVING) === FREE) {
      this.owned = true;
      return null;
    }
    const turn = new Promise<void>((resolve) => this.queue.push(resolve));
    if (!this.owned) void this.acquire();
    return turn;
  }

  /** Serving side: waits for the gate off the event loop, then lets the turns waiting now go one after the other. */
  private async acquire(): Promise<void> {
    if (this.acquiring) return;
    this.acquiring = true;
    Atomics.store(this.word, WANTS[GATE_SERVING], 1);
    for (;;) {
      const holder = Atomics.compareExchange(this.word, HOLDER, FREE, GATE_SERVING);
      // Taken, or handed over by the thread as it left (no serving turn holds it while one waits).
      if (holder === FREE || holder === GATE_SERVING) break;
      const waited = waitAsync(this.word, HOLDER, holder, WAIT_SLICE_MS);
      if (waited.async) await waited.value;
    }
    Atomics.store(this.word, WANTS[GATE_SERVING], 0);
    this.acquiring = false;
    this.owned = true;
    this.batchLeft = this.queue.length - 1;
    this.queue.shift()!();
  }

  leave(): void {
    if (this.side === GATE_SERVING) {
      if (this.batchLeft > 0 && this.queue.length) {
        this.batchLeft--;
        this.queue.shift()!(); // the next turn of this batch: the gate stays with the serving side
        return;
      }
      this.owned = false;
      this.batchLeft = 0;
    }
    const next = Atomics.load(this.word, WANTS[this.other]) ? this.other : FREE;
    Atomics.compareExchange(this.word, HOLDER, this.side, next);
    Atomics.notify(this.word, HOLDER);
    // Serving turns that came while this batch went wait for the gate in their own turn.
    if (this.side === GATE_SERVING && this.queue.length) void this.acquire();
  }

  /** Frees the gate if the other side holds it (called when that side's thread has exited). */
  releaseFor(side: typeof GATE_SERVING | typeof GATE_THREAD): void {
    Atomics.store(this.word, WANTS[side], 0);
    if (Atomics.compareExchange(this.word, HOLDER, side, FREE) === side) Atomics.notify(this.word, HOLDER);
  }

  holder(): number {
    return Atomics.load(this.word, HOLDER);
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
