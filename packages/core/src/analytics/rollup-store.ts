/**
 * Where the rollups live. The interface is what the consumer, a rebuild and the reports need, so
 * a column store (ClickHouse) could take over; the implementation here keeps them in the
 * platform's own database (SQLite or PostgreSQL) through Kysely.
 */
import { CompiledQuery, PostgresAdapter, sql, type Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../context.js';
import {
  GRAINS,
  HOURLY_DIMENSIONS,
  PEOPLE_KINDS,
  ROLLUP_COUNTERS,
  type Dimension,
  type Grain,
  type LiveMinuteDelta,
  type PeopleKind,
  type PeopleRow,
  type RollupCounter,
  type RollupDelta,
  type Scope,
} from './aggregate.js';
import { gapPeople, gapPeopleByDay, planGaps, writeGaps } from './people-gaps-store.js';
import { GAP_CAP_DAYS, GAP_DIMENSIONS, keepsGaps } from './people-gaps.js';
import { DAY_MS, HOUR_MS, SHANGHAI_OFFSET_MS, shanghaiDayStart } from './time-buckets.js';

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
class AlreadyHandled extends Error {}

/** Stream messages whose facts a batch holds: recorded with the deltas, so a message delivered again adds nothing. */
export interface HandledMessages {
  ids: readonly string[];
  at: number;
}

export interface RollupQuery extends ScopeRef {
  dim: Dimension;
  /** Hours [fromHour, toHour): whole Shanghai days are read from the day rows, anything else from the hours. */
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
export interface LiveTotals {
  minutes: number;
  peak: number;
  comments: number;
  orders: number;
  gmv: number;
}

export interface CommitBatch {
  deltas: RollupDelta[];
  people: PeopleRow[];
  liveMinutes?: LiveMinuteDelta[];
  cursor?: CursorMove;
  /** Scaled mode: the stream messages these deltas come from; if any of them is already recorded, nothing is written (false). */
  handled?: HandledMessages;
}

export interface RollupStore {
  /**
   * Adds the deltas, people and live minutes' sales, and moves the cursor, all or nothing. With `from`, the cursor moves
   * only if it still stands there (another consumer got there first: nothing is written, false);
   * with `handled`, only if none of those messages was recorded yet (likewise false).
   */
  commit(batch: CommitBatch): Promise<boolean>;
  /** Which of these stream messages the rollups already hold. */
  handledAmong(ids: readonly string[]): Promise<Set<string>>;
  /** Whether any stream message is held (the stream's consumer has run on this store). */
  anyHandled(): Promise<boolean>;
  /** Forgets the handled messages recorded before this time (past the stream's retention, none can come again). */
  pruneHandled(before: number): Promise<number>;
  /**
   * Adds what a room's process saw in its minutes: viewers are that process's peak (the larger
   * figure wins) and the minute's viewers the sum over processes; entries and comments add up.
   */
  addLiveActivity(rows: LiveActivity[], process?: string): Promise<void>;
  /** A room's minutes in [from, to), in order. */
  liveMinutes(roomId: string, from: number, to: number): Promise<LiveMinuteRow[]>;
  /** Each room's minutes kept, peak viewers, comments, orders and GMV. */
  liveTotals(roomIds: string[]): Promise<Map<string, LiveTotals>>;
  /** Forgets every rollup from the start of this Shanghai day on, at both grains (a rebuild starts here). */
  clearFrom(hour: number): Promise<void>;
  cursor(name: string): Promise<number | null>;
  /** Sums per dimension value, the largest `orderBy` first. */
  sumsByValue(
    q: RollupQuery,
    opts: { orderBy: RollupCounter; limit: number; dimIds?: string[] },
  ): Promise<Array<{ dimId: string } & CounterSums>>;
  /** Distinct people per dimension value (only dimensions that keep them). */
  peopleByValue(q: RollupQuery, dimIds: string[]): Promise<Map<string, PeopleCounts>>;
  /** How many values of a dimension had any of the counter in the range (active shops, creators). */
  countActive(q: RollupQuery, counter: RollupCounter): Promise<number>;
  /** Sums per hour or per Shanghai day for one dimension value ('' for the total). */
  series(
    q: RollupQuery,
    dimId: string,
    by: 'hour' | 'day',
  ): Promise<Array<{ bucket: number } & CounterSums & { people: PeopleCounts }>>;
}

/** This process, as a writer of live rooms' viewers (a restarted process is another one: its viewers are new connections). */
const PROCESS_KEY = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

const CHUNK = 400;
const PEOPLE_CHUNK = 1_000;
const num = (v: unknown): number => Number(v ?? 0);
const sums = (r: Record<string, unknown>): CounterSums =>
  Object.fromEntries(ROLLUP_COUNTERS.map((c) => [c, num(r[c])])) as CounterSums;

const KEY_COLUMNS = ['hour', 'scope', 'scope_id', 'dim', 'dim_id'] as const;
const DELTA_COLUMNS = [...KEY_COLUMNS, ...ROLLUP_COUNTERS] as const;
/** The tables of each grain, and the name of their time column. */
const TABLES = {
  hour: { rollups: 'analytics_rollups', people: 'analytics_people', time: 'hour' },
  day: { rollups: 'analytics_rollups_daily', people: 'analytics_people_daily', time: 'day' },
} as const satisfies Record<Grain, { rollups: string; people: string; time: string }>;
const upsertCache = new Map<string, string>();

/** `insert … on conflict do update set c = c + excluded.c`, its text built once per dialect, grain and row count (the builder's cost per call is most of a small upsert). */
function upsertSql(dialect: 'sqlite' | 'postgres', grain: Grain, rowCount: number): string {
  const key = `${dialect}|${grain}|${rowCount}`;
  let text = upsertCache.get(key);
  if (text === undefined) {
    const { rollups: table, time } = TABLES[grain];
    let n = 0;
    const ph = (): string => (dialect === 'postgres' ? `$${++n}` : '?');
    const tuples = Array.from({ length: rowCount }, () => `(${DELTA_COLUMNS.map(ph).join(', ')})`).join(', ');
    const cols = DELTA_COLUMNS.map((c) => `"${c === 'hour' ? time : c}"`).join(', ');
    text =
      `insert into "${table}" (${cols}) values ${tuples}` +
      ` on conflict ("scope", "scope_id", "dim", "${time}", "dim_id") do update set ${ROLLUP_COUNTERS.map((c) => `"${c}" = "${table}"."${c}" + excluded."${c}"`).join(', ')}`;
    upsertCache.set(key, text);
  }
  return text;
}

const PEOPLE_COLUMNS = ['hour', 'scope', 'scope_id', 'dim', 'dim_id', 'kind', 'person'] as const;
const peopleCache = new Map<string, string>();

/** `insert … on conflict do nothing` of people rows, built once per dialect, grain and row count. */
function peopleSql(dialect: 'sqlite' | 'postgres', grain: Grain, rowCount: number): string {
  const key = `${dialect}|${grain}|${rowCount}`;
  let text = peopleCache.get(key);
  if (text === undefined) {
    const { people: table, time } = TABLES[grain];
    let n = 0;
    const ph = (): string => (dialect === 'postgres' ? `$${++n}` : '?');
    const tuples = Array.from({ length: rowCount }, () => `(${PEOPLE_COLUMNS.map(ph).join(', ')})`).join(', ');
    text = `insert into "${table}" (${PEOPLE_COLUMNS.map((c) => `"${c === 'hour' ? time : c}"`).join(', ')}) values ${tuples} on conflict do nothing`;
    peopleCache.set(key, text);
  }
  return text;
}

/** Adds counter deltas to their rows (both grains); a batch holds each key once. */
export async function writeDeltas(
  tx: Kysely<any>,
  dialect: 'sqlite' | 'postgres',
  all: readonly RollupDelta[],
): Promise<void> {
  for (const grain of GRAINS) {
    const deltas = all.filter((d) => d.grain === grain);
    for (let i = 0; i < deltas.length; i += CHUNK) {
      const rows = deltas.slice(i, i + CHUNK);
      const params: unknown[] = [];
      for (const r of rows) for (const col of DELTA_COLUMNS) params.push(r[col]);
      await tx.executeQuery(CompiledQuery.raw(upsertSql(dialect, grain, rows.length), params));
    }
  }
}

/** Inserts people rows (both grains) that are not there yet. */
export async function writePeople(
  tx: Kysely<any>,
  dialect: 'sqlite' | 'postgres',
  all: readonly PeopleRow[],
): Promise<void> {
  for (const grain of GRAINS) {
    const people = all.filter((p) => p.grain === grain);
    for (let i = 0; i < people.length; i += PEOPLE_CHUNK) {
      const rows = people.slice(i, i + PEOPLE_CHUNK);
      const params: unknown[] = [];
      for (const r of rows) for (const col of PEOPLE_COLUMNS) params.push(r[col]);
      await tx.executeQuery(CompiledQuery.raw(peopleSql(dialect, grain, rows.length), params));
    }
  }
}

/** Is t the start of a Shanghai day (or an open end)? Ranges of whole days are read from the day rows. */
const onDay = (t: number): boolean =>
  t <= Number.MIN_SAFE_INTEGER || t >= Number.MAX_SAFE_INTEGER || shanghaiDayStart(t) === t;

/** Ranges of at most this many days are read from the day people rows by naming each day. */
const LISTED_DAYS_MAX = 400;

/** The Shanghai day starts in [from, to), or null for an open or very long range (read as a range instead). */
export function dayStartsIn(from: number, to: number): number[] | null {
  if (from <= Number.MIN_SAFE_INTEGER || to >= Number.MAX_SAFE_INTEGER) return null;
  if ((to - from) / DAY_MS > LISTED_DAYS_MAX) return null;
  let d = shanghaiDayStart(from);
  if (d < from) d += DAY_MS;
  const days: number[] = [];
  for (; d < to; d += DAY_MS) days.push(d);
  return days;
}

/** The grain that answers a query: days for whole days (every dimension has them), hours for an hour chart or a range cut inside a day. */
export function grainFor(q: RollupQuery, by?: 'hour' | 'day'): Grain {
  if (!HOURLY_DIMENSIONS.includes(q.dim)) return 'day';
  if (by === 'hour') return 'hour';
  return onDay(q.fromHour) && onDay(q.toHour) ? 'day' : 'hour';
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
          const moved = await tx
            .updateTable('analytics_cursors')
            .set({ position: c.position, updated_at: c.now })
            .where('name', '=', c.name)
            .where('position', '=', c.from)
            .executeTakeFirst();
          if (Number(moved.numUpdatedRows) !== 1) throw new CursorMoved();
        } else if (c) {
          await tx
            .insertInto('analytics_cursors')
            .values({ name: c.name, position: c.position, updated_at: c.now })
            .onConflict((oc) => oc.column('name').doUpdateSet({ position: c.position, updated_at: c.now }))
            .execute();
        }
        const h = batch.handled;
        if (h?.ids.length) {
          // The ids first: on PostgreSQL a second consumer of the same message waits on the key, then finds it taken.
          for (let i = 0; i < h.ids.length; i += CHUNK) {
            const ids = h.ids.slice(i, i + CHUNK);
            const added = await tx
              .insertInto('analytics_stream_handled')
              .values(ids.map((id) => ({ id, handled_at: h.at })))
              .onConflict((oc) => oc.column('id').doNothing())
              .executeTakeFirst();
            if (Number(added.numInsertedOrUpdatedRows ?? 0n) !== ids.length) throw new AlreadyHandled();
          }
        }
        await writeDeltas(tx, this.dialect, batch.deltas);
        // The dense values' days seen and gap rows, read before this batch's day people are written.
        const gaps = await planGaps(tx, this.dialect, batch.people);
        await writePeople(tx, this.dialect, batch.people);
        await writeGaps(tx, this.dialect, gaps);
        for (const m of batch.liveMinutes ?? []) {
          await tx
            .insertInto('analytics_live_minutes')
            .values({
              room_id: m.room_id,
              minute: m.minute,
              viewers: 0,
              entries: 0,
              comments: 0,
              orders: m.orders,
              gmv_fen: m.gmv_fen,
            })
            .onConflict((oc) =>
              oc.columns(['room_id', 'minute']).doUpdateSet((eb) => ({
                orders: eb('analytics_live_minutes.orders', '+', m.orders),
                gmv_fen: eb('analytics_live_minutes.gmv_fen', '+', m.gmv_fen),
              })),
            )
            .execute();
        }
      });
      return true;
    } catch (err) {
      if (err instanceof CursorMoved || err instanceof AlreadyHandled) return false;
      throw err;
    }
  }

  async handledAmong(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      for (const r of await this.db
        .selectFrom('analytics_stream_handled')
        .select('id')
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute())
        out.add(r.id);
    }
    return out;
  }

  async anyHandled(): Promise<boolean> {
    return Boolean(await this.db.selectFrom('analytics_stream_handled').select('id').limit(1).executeTakeFirst());
  }

  async pruneHandled(before: number): Promise<number> {
    const r = await this.db.deleteFrom('analytics_stream_handled').where('handled_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async clearFrom(hour: number): Promise<void> {
    if (!onDay(hour)) throw new Error(`rollups are cleared from the start of a Shanghai day (${hour})`);
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('analytics_rollups').where('hour', '>=', hour).execute();
      await tx.deleteFrom('analytics_people').where('hour', '>=', hour).execute();
      await tx.deleteFrom('analytics_rollups_daily').where('day', '>=', hour).execute();
      await tx.deleteFrom('analytics_people_daily').where('day', '>=', hour).execute();
      await tx.deleteFrom('analytics_people_gaps').where('day', '>=', hour).execute();
      // First and last days seen: people first seen from that day go; the others' last day is the latest day left.
      await tx.deleteFrom('analytics_people_seen').where('first_day', '>=', hour).execute();
      const later = await tx
        .selectFrom('analytics_people_seen')
        .select('person')
        .where('last_day', '>=', hour)
        .limit(1)
        .executeTakeFirst();
      if (later) {
        await sql`insert into analytics_people_seen (scope, scope_id, dim, dim_id, kind, person, first_day, last_day)
          select scope, scope_id, dim, dim_id, kind, person, min(day), max(day) from analytics_people_daily
          where day < ${hour} and dim in (${sql.join(GAP_DIMENSIONS)}) group by scope, scope_id, dim, dim_id, kind, person
          on conflict (scope, scope_id, dim, dim_id, kind, person) do update set last_day = excluded.last_day
          where analytics_people_seen.last_day >= ${hour}`.execute(tx);
      }
      // The minutes' sales are recounted; what the rooms' processes saw (viewers, comments) has no raw rows and stays.
      await tx
        .updateTable('analytics_live_minutes')
        .set({ orders: 0, gmv_fen: 0 })
        .where('minute', '>=', hour)
        .execute();
    });
  }

  async addLiveActivity(rows: LiveActivity[], process: string = PROCESS_KEY): Promise<void> {
    if (!rows.length) return;
    await this.db.transaction().execute(async (tx) => {
      for (const r of rows) {
        // This process's peak of the minute (the larger figure wins: a minute handed over twice is not counted twice).
        await tx
          .insertInto('analytics_live_viewers')
          .values({ room_id: r.room_id, minute: r.minute, process, viewers: r.viewers })
          .onConflict((oc) =>
            oc.columns(['room_id', 'minute', 'process']).doUpdateSet((eb) => ({
              viewers: sql<number>`case when ${eb.ref('excluded.viewers')} > ${eb.ref('analytics_live_viewers.viewers')} then ${eb.ref('excluded.viewers')} else ${eb.ref('analytics_live_viewers.viewers')} end`,
            })),
          )
          .execute();
        const all = await tx
          .selectFrom('analytics_live_viewers')
          .select((eb) => eb.fn.sum<number>('viewers').as('v'))
          .where('room_id', '=', r.room_id)
          .where('minute', '=', r.minute)
          .executeTakeFirst();
        const viewers = num(all?.v);
        // The minute's viewers: the sum over the processes serving the room; entries and comments add up.
        await tx
          .insertInto('analytics_live_minutes')
          .values({ ...r, viewers, orders: 0, gmv_fen: 0 })
          .onConflict((oc) =>
            oc.columns(['room_id', 'minute']).doUpdateSet((eb) => ({
              viewers,
              entries: eb('analytics_live_minutes.entries', '+', r.entries),
              comments: eb('analytics_live_minutes.comments', '+', r.comments),
            })),
          )
          .execute();
      }
    });
  }

  async liveTotals(ids: string[]): Promise<Map<string, LiveTotals>> {
    const out = new Map<string, LiveTotals>();
    if (!ids.length) return out;
    const rows = await this.db
      .selectFrom('analytics_live_minutes')
      .select((eb) => [
        'room_id',
        eb.fn.countAll<number>().as('minutes'),
        eb.fn.max<number>('viewers').as('peak'),
        eb.fn.sum<number>('comments').as('comments'),
        eb.fn.sum<number>('orders').as('orders'),
        eb.fn.sum<number>('gmv_fen').as('gmv'),
      ])
      .where('room_id', 'in', ids)
      .groupBy('room_id')
      .execute();
    for (const r of rows)
      out.set(r.room_id, {
        minutes: num(r.minutes),
        peak: num(r.peak),
        comments: num(r.comments),
        orders: num(r.orders),
        gmv: num(r.gmv),
      });
    return out;
  }

  async liveMinutes(roomId: string, from: number, to: number): Promise<LiveMinuteRow[]> {
    const rows = await this.db
      .selectFrom('analytics_live_minutes')
      .selectAll()
      .where('room_id', '=', roomId)
      .where('minute', '>=', from)
      .where('minute', '<', to)
      .orderBy('minute')
      .execute();
    return rows.map((r) => ({
      room_id: r.room_id,
      minute: num(r.minute),
      viewers: num(r.viewers),
      entries: num(r.entries),
      comments: num(r.comments),
      orders: num(r.orders),
      gmv_fen: num(r.gmv_fen),
    }));
  }

  async cursor(name: string): Promise<number | null> {
    const r = await this.db
      .selectFrom('analytics_cursors')
      .select('position')
      .where('name', '=', name)
      .executeTakeFirst();
    return r ? num(r.position) : null;
  }

  /** The tables answering a query, loosely typed (the two grains differ only in the name of the time column). */
  private tables(q: RollupQuery, by?: 'hour' | 'day') {
    const t = TABLES[grainFor(q, by)];
    const db = this.db as unknown as Kysely<any>;
    const inRange = <QB extends { where: (...a: any[]) => QB }>(qb: QB): QB =>
      qb
        .where('scope', '=', q.scope)
        .where('scope_id', '=', q.scopeId)
        .where('dim', '=', q.dim)
        .where(t.time, '>=', q.fromHour)
        .where(t.time, '<', q.toHour);
    // The people tables' keys have the kind, then the time, then the value: naming every kind lets both
    // dialects seek the time range per kind; on the day rows, naming every day also lets them seek each value.
    const peopleInRange = <QB extends { where: (...a: any[]) => QB }>(qb: QB): QB => {
      const kinds = qb.where('kind', 'in', [...PEOPLE_KINDS]);
      const days = t.time === 'day' ? dayStartsIn(q.fromHour, q.toHour) : null;
      if (!days?.length) return inRange(kinds);
      return kinds
        .where('scope', '=', q.scope)
        .where('scope_id', '=', q.scopeId)
        .where('dim', '=', q.dim)
        .where('day', 'in', days);
    };
    return { ...t, db, inRange, peopleInRange };
  }

  async sumsByValue(q: RollupQuery, opts: { orderBy: RollupCounter; limit: number; dimIds?: string[] }) {
    const t = this.tables(q);
    let query = t.inRange(
      t.db
        .selectFrom(t.rollups)
        .select((eb: any) => [eb.ref('dim_id').as('dim_id'), ...ROLLUP_COUNTERS.map((c) => eb.fn.sum(c).as(c))]),
    );
    if (opts.dimIds) {
      if (!opts.dimIds.length) return [];
      query = query.where('dim_id', 'in', opts.dimIds);
    }
    const rows: Array<Record<string, unknown>> = await query
      .groupBy('dim_id')
      .orderBy(sql`sum(${sql.ref(opts.orderBy)})`, 'desc')
      .orderBy('dim_id')
      .limit(opts.limit)
      .execute();
    return rows.map((r) => ({ dimId: String(r.dim_id), ...sums(r) }));
  }

  async countActive(q: RollupQuery, counter: RollupCounter): Promise<number> {
    const t = this.tables(q);
    const r: Record<string, unknown> | undefined = await t
      .inRange(t.db.selectFrom(t.rollups).select((eb: any) => eb.fn.count('dim_id').distinct().as('n')))
      .where(counter, '>', 0)
      .executeTakeFirst();
    return num(r?.n);
  }

  async peopleByValue(q: RollupQuery, dimIds: string[]): Promise<Map<string, PeopleCounts>> {
    const out = new Map<string, PeopleCounts>();
    if (!dimIds.length) return out;
    const t = this.tables(q);
    let rows: Array<{ dim_id: string; kind: string; n: unknown }>;
    const days = (q.toHour - q.fromHour) / DAY_MS;
    if (t.time === 'day' && keepsGaps(q.dim) && days >= 1 && days <= GAP_CAP_DAYS) {
      // A dense value (thousands of people a day): each person once, on their first day in the range, from the gap rows.
      rows = await gapPeople(
        t.db,
        { scope: q.scope, scopeId: q.scopeId, dim: q.dim, from: q.fromHour, to: q.toHour },
        dimIds,
      );
    } else {
      // A single bucket's rows are distinct people already (the person is in the key).
      const single = q.toHour - q.fromHour === (t.time === 'day' ? DAY_MS : HOUR_MS);
      rows = (await t
        .peopleInRange(
          t.db
            .selectFrom(t.people)
            .select((eb: any) => [
              'dim_id',
              'kind',
              single ? eb.fn.countAll().as('n') : eb.fn.count('person').distinct().as('n'),
            ]),
        )
        .where('dim_id', 'in', dimIds)
        .groupBy(['dim_id', 'kind'])
        .execute()) as typeof rows;
    }
    for (const r of rows) {
      const m = out.get(r.dim_id) ?? {};
      m[r.kind as PeopleKind] = num(r.n);
      out.set(r.dim_id, m);
    }
    return out;
  }

  async series(q: RollupQuery, dimId: string, by: 'hour' | 'day') {
    // Day rows when the dimension has them per day only or the chart is by day; by hour, the hour rows.
    const t = this.tables(q, by === 'hour' ? 'hour' : undefined);
    const dayBucket = sql<number>`(${sql.ref(t.time)} + ${sql.lit(SHANGHAI_OFFSET_MS)}) / ${sql.lit(DAY_MS)}`;
    // On the day rows the time column is the day's start already.
    const bucket = by === 'hour' || t.time === 'day' ? sql<number>`${sql.ref(t.time)}` : dayBucket;
    const toStart = (b: number): number => (by === 'hour' || t.time === 'day' ? b : b * DAY_MS - SHANGHAI_OFFSET_MS);
    const rows: Array<Record<string, unknown>> = await t
      .inRange(
        t.db
          .selectFrom(t.rollups)
          .select((eb: any) => [bucket.as('bucket'), ...ROLLUP_COUNTERS.map((c) => eb.fn.sum(c).as(c))]),
      )
      .where('dim_id', '=', dimId)
      .groupBy(bucket)
      .execute();
    // The dense values' people per day: their gap rows added up (a day's people once each, whatever their gap).
    const people = (
      t.time === 'day' && keepsGaps(q.dim)
        ? await gapPeopleByDay(
            t.db,
            { scope: q.scope, scopeId: q.scopeId, dim: q.dim, from: q.fromHour, to: q.toHour },
            dimId,
          )
        : await t
            .peopleInRange(
              t.db.selectFrom(t.people).select((eb: any) => [
                bucket.as('bucket'),
                'kind',
                // By hour on the hour rows, or by day on the day rows, a bucket's rows are distinct people already.
                by === 'hour' || t.time === 'day' ? eb.fn.countAll().as('n') : eb.fn.count('person').distinct().as('n'),
              ]),
            )
            .where('dim_id', '=', dimId)
            .groupBy([bucket, 'kind'])
            .execute()
    ) as Array<{ bucket: unknown; kind: string; n: unknown }>;
    const peopleBy = new Map<number, PeopleCounts>();
    for (const p of people) {
      const k = toStart(num(p.bucket));
      const m = peopleBy.get(k) ?? {};
      m[p.kind as PeopleKind] = num(p.n);
      peopleBy.set(k, m);
    }
    return rows
      .map((r) => {
        const b = toStart(num(r.bucket));
        return { bucket: b, ...sums(r), people: peopleBy.get(b) ?? {} };
      })
      .sort((a, b) => a.bucket - b.bucket);
  }
}
