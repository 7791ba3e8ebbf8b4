/**
 * Where the rollups live. The interface is what the consumer, a rebuild and the reports need, so
 * a column store (ClickHouse) could take over; the implementation here keeps them in the
 * platform's own database (SQLite or PostgreSQL) through Kysely.
 */
import { CompiledQuery, PostgresAdapter, sql } from 'kysely';
import { insertRows } from '../storage/index.js';
import type { Db } from '../context.js';
import { ROLLUP_COUNTERS, type Dimension, type LiveMinuteDelta, type PeopleKind, type PeopleRow, type RollupCounter, type RollupDelta, type Scope } from './aggregate.js';
import { DAY_MS, SHANGHAI_OFFSET_MS } from './time-buckets.js';

export interface ScopeRef {
  scope: Scope;
  scopeId: string;
}

export type CounterSums = Record<RollupCounter, number>;
export type PeopleCounts = Partial<Record<PeopleKind, number>>;

export interface CursorMove {
  name: string;
  /** Where the cursor must still stand (absent: set it whatever it was). */
  from?: number;
  position: number;
  now: number;
}

class CursorMoved extends Error {}

export interface RollupQuery extends ScopeRef {
  dim: Dimension;
  /** Hours [fromHour, toHour). */
  fromHour: number;
  toHour: number;
}

/** A live room's minute as its process saw it: peak viewers online, entries, comments. */
export interface LiveActivity {
  room_id: string;
  minute: number;
  viewers: number;
  entries: number;
  comments: number;
}

export type LiveMinuteRow = LiveActivity & { orders: number; gmv_fen: number };
export interface LiveTotals { minutes: number; peak: number; comments: number; orders: number; gmv: number }

export interface CommitBatch {
  deltas: RollupDelta[];
  people: PeopleRow[];
  liveMinutes?: LiveMinuteDelta[];
  cursor?: CursorMove;
}

export interface RollupStore {
  /**
   * Adds the deltas, people and live minutes' sales, and moves the cursor, all or nothing. With `from`, the cursor moves
   * only if it still stands there (another consumer got there first: nothing is written, false).
   */
  commit(batch: CommitBatch): Promise<boolean>;
  /** Adds what a room's process saw in its minutes (viewers: the larger figure wins; entries and comments add up). */
  addLiveActivity(rows: LiveActivity[]): Promise<void>;
  /** A room's minutes in [from, to), in order. */
  liveMinutes(roomId: string, from: number, to: number): Promise<LiveMinuteRow[]>;
  /** Each room's minutes kept, peak viewers, comments, orders and GMV. */
  liveTotals(roomIds: string[]): Promise<Map<string, LiveTotals>>;
  /** Forgets every rollup from this hour on (a rebuild starts here). */
  clearFrom(hour: number): Promise<void>;
  cursor(name: string): Promise<number | null>;
  /** Sums per dimension value, the largest `orderBy` first. */
  sumsByValue(q: RollupQuery, opts: { orderBy: RollupCounter; limit: number; dimIds?: string[] }): Promise<Array<{ dimId: string } & CounterSums>>;
  /** Distinct people per dimension value (only dimensions that keep them). */
  peopleByValue(q: RollupQuery, dimIds: string[]): Promise<Map<string, PeopleCounts>>;
  /** How many values of a dimension had any of the counter in the range (active shops, creators). */
  countActive(q: RollupQuery, counter: RollupCounter): Promise<number>;
  /** Sums per hour or per Shanghai day for one dimension value ('' for the total). */
  series(q: RollupQuery, dimId: string, by: 'hour' | 'day'): Promise<Array<{ bucket: number } & CounterSums & { people: PeopleCounts }>>;
}

const CHUNK = 400;
const num = (v: unknown): number => Number(v ?? 0);
const sums = (r: Record<string, unknown>): CounterSums => Object.fromEntries(ROLLUP_COUNTERS.map((c) => [c, num(r[c])])) as CounterSums;

const KEY_COLUMNS = ['hour', 'scope', 'scope_id', 'dim', 'dim_id'] as const;
const DELTA_COLUMNS = [...KEY_COLUMNS, ...ROLLUP_COUNTERS] as const;
const upsertCache = new Map<string, string>();

/** `insert … on conflict do update set c = c + excluded.c`, its text built once per dialect and row count (the builder's cost per call is most of a small upsert). */
function upsertSql(dialect: 'sqlite' | 'postgres', rowCount: number): string {
  const key = `${dialect}|${rowCount}`;
  let text = upsertCache.get(key);
  if (text === undefined) {
    let n = 0;
    const ph = (): string => (dialect === 'postgres' ? `$${++n}` : '?');
    const tuples = Array.from({ length: rowCount }, () => `(${DELTA_COLUMNS.map(ph).join(', ')})`).join(', ');
    text = `insert into "analytics_rollups" (${DELTA_COLUMNS.map((c) => `"${c}"`).join(', ')}) values ${tuples}`
      + ` on conflict ("scope", "scope_id", "dim", "hour", "dim_id") do update set ${ROLLUP_COUNTERS.map((c) => `"${c}" = "analytics_rollups"."${c}" + excluded."${c}"`).join(', ')}`;
    upsertCache.set(key, text);
  }
  return text;
}

export class SqlRollupStore implements RollupStore {
  private readonly dialect: 'sqlite' | 'postgres';

  constructor(private readonly db: Db) {
    this.dialect = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
  }

  async commit(batch: CommitBatch): Promise<boolean> {
    const c = batch.cursor;
    try {
      await this.db.transaction().execute(async (tx) => {
        // The cursor first: on PostgreSQL its row lock makes a second consumer wait, then find it moved.
        if (c?.from !== undefined) {
          const moved = await tx.updateTable('analytics_cursors').set({ position: c.position, updated_at: c.now }).where('name', '=', c.name).where('position', '=', c.from).executeTakeFirst();
          if (Number(moved.numUpdatedRows) !== 1) throw new CursorMoved();
        } else if (c) {
          await tx.insertInto('analytics_cursors').values({ name: c.name, position: c.position, updated_at: c.now })
            .onConflict((oc) => oc.column('name').doUpdateSet({ position: c.position, updated_at: c.now })).execute();
        }
        for (let i = 0; i < batch.deltas.length; i += CHUNK) {
          const rows = batch.deltas.slice(i, i + CHUNK);
          const params: unknown[] = [];
          for (const r of rows) for (const col of DELTA_COLUMNS) params.push(r[col]);
          await tx.executeQuery(CompiledQuery.raw(upsertSql(this.dialect, rows.length), params));
        }
        for (let i = 0; i < batch.people.length; i += CHUNK * 2) {
          await insertRows(tx, 'analytics_people', batch.people.slice(i, i + CHUNK * 2), { onConflictDoNothing: ['scope', 'scope_id', 'dim', 'kind', 'hour', 'dim_id', 'person'] });
        }
        for (const m of batch.liveMinutes ?? []) {
          await tx.insertInto('analytics_live_minutes').values({ room_id: m.room_id, minute: m.minute, viewers: 0, entries: 0, comments: 0, orders: m.orders, gmv_fen: m.gmv_fen })
            .onConflict((oc) => oc.columns(['room_id', 'minute']).doUpdateSet((eb) => ({ orders: eb('analytics_live_minutes.orders', '+', m.orders), gmv_fen: eb('analytics_live_minutes.gmv_fen', '+', m.gmv_fen) }))).execute();
        }
        });
      return true;
    } catch (err) {
      if (err instanceof CursorMoved) return false;
      throw err;
    }
  }

  async clearFrom(hour: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('analytics_rollups').where('hour', '>=', hour).execute();
      await tx.deleteFrom('analytics_people').where('hour', '>=', hour).execute();
      // The minutes' sales are recounted; what the rooms' processes saw (viewers, comments) has no raw rows and stays.
      await tx.updateTable('analytics_live_minutes').set({ orders: 0, gmv_fen: 0 }).where('minute', '>=', hour).execute();
    });
  }

  async addLiveActivity(rows: LiveActivity[]): Promise<void> {
    if (!rows.length) return;
    await this.db.transaction().execute(async (tx) => {
      for (const r of rows) {
        await tx.insertInto('analytics_live_minutes').values({ ...r, orders: 0, gmv_fen: 0 })
          .onConflict((oc) => oc.columns(['room_id', 'minute']).doUpdateSet((eb) => ({
            viewers: sql<number>`case when ${eb.ref('excluded.viewers')} > ${eb.ref('analytics_live_minutes.viewers')} then ${eb.ref('excluded.viewers')} else ${eb.ref('analytics_live_minutes.viewers')} end`,
            entries: eb('analytics_live_minutes.entries', '+', r.entries),
            comments: eb('analytics_live_minutes.comments', '+', r.comments),
          }))).execute();
      }
    });
  }

  async liveTotals(ids: string[]): Promise<Map<string, LiveTotals>> {
    const out = new Map<string, LiveTotals>();
    if (!ids.length) return out;
    const rows = await this.db.selectFrom('analytics_live_minutes')
      .select((eb) => ['room_id', eb.fn.countAll<number>().as('minutes'), eb.fn.max<number>('viewers').as('peak'), eb.fn.sum<number>('comments').as('comments'), eb.fn.sum<number>('orders').as('orders'), eb.fn.sum<number>('gmv_fen').as('gmv')])
      .where('room_id', 'in', ids).groupBy('room_id').execute();
    for (const r of rows) out.set(r.room_id, { minutes: num(r.minutes), peak: num(r.peak), comments: num(r.comments), orders: num(r.orders), gmv: num(r.gmv) });
    return out;
  }

  async liveMinutes(roomId: string, from: number, to: number): Promise<LiveMinuteRow[]> {
    const rows = await this.db.selectFrom('analytics_live_minutes').selectAll().where('room_id', '=', roomId).where('minute', '>=', from).where('minute', '<', to).orderBy('minute').execute();
    return rows.map((r) => ({ room_id: r.room_id, minute: num(r.minute), viewers: num(r.viewers), entries: num(r.entries), comments: num(r.comments), orders: num(r.orders), gmv_fen: num(r.gmv_fen) }));
  }

  async cursor(name: string): Promise<number | null> {
    const r = await this.db.selectFrom('analytics_cursors').select('position').where('name', '=', name).executeTakeFirst();
    return r ? num(r.position) : null;
  }

  async sumsByValue(q: RollupQuery, opts: { orderBy: RollupCounter; limit: number; dimIds?: string[] }) {
    let query = this.db.selectFrom('analytics_rollups')
      .select((eb) => [eb.ref('dim_id').as('dim_id'), ...ROLLUP_COUNTERS.map((c) => eb.fn.sum<number>(c).as(c))])
      .where('scope', '=', q.scope).where('scope_id', '=', q.scopeId).where('dim', '=', q.dim)
      .where('hour', '>=', q.fromHour).where('hour', '<', q.toHour);
    if (opts.dimIds) {
      if (!opts.dimIds.length) return [];
      query = query.where('dim_id', 'in', opts.dimIds);
    }
    const rows = await query.groupBy('dim_id').orderBy(sql`sum(${sql.ref(opts.orderBy)})`, 'desc').orderBy('dim_id').limit(opts.limit).execute();
    return rows.map((r) => ({ dimId: r.dim_id, ...sums(r as Record<string, unknown>) }));
  }

  async countActive(q: RollupQuery, counter: RollupCounter): Promise<number> {
    const r = await this.db.selectFrom('analytics_rollups').select((eb) => eb.fn.count<number>('dim_id').distinct().as('n'))
      .where('scope', '=', q.scope).where('scope_id', '=', q.scopeId).where('dim', '=', q.dim)
      .where('hour', '>=', q.fromHour).where('hour', '<', q.toHour).where(counter, '>', 0).executeTakeFirst();
    return num(r?.n);
  }

  async peopleByValue(q: RollupQuery, dimIds: string[]): Promise<Map<string, PeopleCounts>> {
    const out = new Map<string, PeopleCounts>();
    if (!dimIds.length) return out;
    const rows = await this.db.selectFrom('analytics_people')
      .select((eb) => ['dim_id', 'kind', eb.fn.count<number>('person').distinct().as('n')])
      .where('scope', '=', q.scope).where('scope_id', '=', q.scopeId).where('dim', '=', q.dim)
      .where('hour', '>=', q.fromHour).where('hour', '<', q.toHour).where('dim_id', 'in', dimIds)
      .groupBy(['dim_id', 'kind']).execute();
    for (const r of rows) {
      const m = out.get(r.dim_id) ?? {};
      m[r.kind as PeopleKind] = num(r.n);
      out.set(r.dim_id, m);
    }
    return out;
  }

  async series(q: RollupQuery, dimId: string, by: 'hour' | 'day') {
    const bucket = by === 'hour' ? sql<number>`hour` : sql<number>`(hour + ${sql.lit(SHANGHAI_OFFSET_MS)}) / ${sql.lit(DAY_MS)}`;
    const where = { scope: q.scope, scopeId: q.scopeId, dim: q.dim };
    const rows = await this.db.selectFrom('analytics_rollups')
      .select((eb) => [bucket.as('bucket'), ...ROLLUP_COUNTERS.map((c) => eb.fn.sum<number>(c).as(c))])
      .where('scope', '=', where.scope).where('scope_id', '=', where.scopeId).where('dim', '=', where.dim).where('dim_id', '=', dimId)
      .where('hour', '>=', q.fromHour).where('hour', '<', q.toHour).groupBy(bucket).execute();
    const people = await this.db.selectFrom('analytics_people')
      .select((eb) => [bucket.as('bucket'), 'kind', eb.fn.count<number>('person').distinct().as('n')])
      .where('scope', '=', where.scope).where('scope_id', '=', where.scopeId).where('dim', '=', where.dim).where('dim_id', '=', dimId)
      .where('hour', '>=', q.fromHour).where('hour', '<', q.toHour).groupBy([bucket, 'kind']).execute();
    const toStart = (b: number): number => (by === 'hour' ? b : b * DAY_MS - SHANGHAI_OFFSET_MS);
    const peopleBy = new Map<number, PeopleCounts>();
    for (const p of people) {
      const k = toStart(num(p.bucket));
      const m = peopleBy.get(k) ?? {};
      m[p.kind as PeopleKind] = num(p.n);
      peopleBy.set(k, m);
    }
    return rows.map((r) => {
      const b = toStart(num(r.bucket));
      return { bucket: b, ...sums(r as Record<string, unknown>), people: peopleBy.get(b) ?? {} };
    }).sort((a, b) => a.bucket - b.bucket);
  }
}
