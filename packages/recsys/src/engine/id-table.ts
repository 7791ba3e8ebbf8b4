/**
 * A collisionless id → row table (as in Monolith): every id gets its own row, rows are
 * allocated on first sight and recycled when an id has not been seen for a while, so the
 * embedding tables stay bounded without hashing two ids onto one row. Small non-negative integer
 * ids (the engines' dense item and person indices) are looked up in an array, others in a map.
 */
const DENSE_LIMIT = 1 << 24;

const isDense = (id: unknown): id is number => typeof id === 'number' && id >= 0 && id < DENSE_LIMIT && (id | 0) === id;

export class IdTable<K> {
  private readonly rows = new Map<K, number>();
  /** row + 1 of each small integer id (0: none). */
  private dense = new Int32Array(0);
  private count = 0;
  private ids: (K | undefined)[] = [];
  private lastSeen: Float64Array;
  private readonly free: number[] = [];
  private readonly growth: ((capacity: number) => void)[] = [];
  /** Bumped whenever a row is allocated or freed. */
  version = 0;

  constructor(private cap = 1024) {
    this.lastSeen = new Float64Array(cap);
  }

  get capacity(): number {
    return this.cap;
  }

  /** Rows handed out so far (the high-water mark; freed rows below it are reused first). */
  get rowCount(): number {
    return this.ids.length;
  }

  get size(): number {
    return this.count;
  }

  /** Calls fn(newCapacity) whenever rows beyond the current capacity are needed. */
  onGrow(fn: (capacity: number) => void): void {
    this.growth.push(fn);
  }

  /** The row of id, or -1. */
  find(id: K): number {
    if (isDense(id)) return id < this.dense.length ? this.dense[id]! - 1 : -1;
    return this.rows.get(id) ?? -1;
  }

  idOf(row: number): K | undefined {
    return this.ids[row];
  }

  /** The id held by each row (undefined for free rows); a live view, do not modify. */
  get rowIds(): readonly (K | undefined)[] {
    return this.ids;
  }

  lastSeenOf(row: number): number {
    return this.lastSeen[row]!;
  }

  /** The row of id, allocated if new; records `now` as the id's last sighting. Returns [row, isNew]. */
  acquire(id: K, now: number): [number, boolean] {
    const found = this.find(id);
    if (found >= 0) {
      if (now > this.lastSeen[found]!) this.lastSeen[found] = now;
      return [found, false];
    }
    let row = this.free.pop();
    if (row === undefined) {
      row = this.ids.length;
      if (row >= this.cap) this.grow(Math.max(row + 1, this.cap * 2));
    }
    this.setRow(id, row);
    this.ids[row] = id;
    this.count++;
    this.version++;
    this.lastSeen[row] = now;
    return [row, true];
  }

  /** Makes room for `rows` rows ahead of need (one growth instead of several while rows are acquired). */
  reserve(rows: number): void {
    if (rows > this.cap) this.grow(Math.max(rows, this.cap * 2));
  }

  /** Frees the rows of ids last seen before `before`; returns the freed rows (for re-initialisation). */
  expire(before: number): number[] {
    const freed: number[] = [];
    for (let row = 0; row < this.ids.length; row++) {
      const id = this.ids[row];
      if (id === undefined || this.lastSeen[row]! >= before) continue;
      if (isDense(id)) this.dense[id] = 0;
      else this.rows.delete(id);
      this.ids[row] = undefined;
      this.count--;
      this.free.push(row);
      freed.push(row);
      this.version++;
    }
    return freed;
  }

  private setRow(id: K, row: number): void {
    if (!isDense(id)) {
      this.rows.set(id, row);
      return;
    }
    if (id >= this.dense.length) {
      const grown = new Int32Array(Math.min(DENSE_LIMIT, Math.max(id + 1, this.dense.length * 2, 1024)));
      grown.set(this.dense);
      this.dense = grown;
    }
    this.dense[id] = row + 1;
  }

  private grow(capacity: number): void {
    const seen = new Float64Array(capacity);
    seen.set(this.lastSeen);
    this.lastSeen = seen;
    this.cap = capacity;
    for (const fn of this.growth) fn(capacity);
  }
}
