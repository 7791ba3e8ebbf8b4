/**
 * The set-based rebuild: the rollups recounted from the raw rows with grouped statements, a window
 * of commit time (a week) per transaction, then the dense values' gap rows and first and last
 * days seen from the day rows in one pass. Counts exactly what the consumer counts (a test compares
 * every row of both on random data, on both dialects):
 * - client events (impressions, taps, add-to-carts, favourites: nearly all the facts) are expanded
 *   to their keys in SQL (one `insert … select` into a scratch table per window), then added to the
 *   counters and the people rows by four grouped `insert … select … group by` / `select distinct`
 *   statements — the rules of `facts.ts` and `aggregate.ts` for events, written in SQL;
 * - paid lines, refunds, reviews and quality cases (far fewer; their rules are the intricate ones:
 *   refund shares by largest remainder, the province from the address, first orders) go through
 *   `factsOf` and `aggregate` as in the consumer, and are written in bulk;
 * - no first and last days seen are read or written per window: once every day row is in, the gap
 *   rows are `lag(day)` per person and the first and last days `min(day)`/`max(day)` per person.
 */
import { CompiledQuery, PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { Db } from '../context.js';
import { ID_PREFIX } from '../platform/index.js';
import {
  aggregate,
  HOURLY_DIMENSIONS,
  keepsPeople,
  SCOPE_DIMENSIONS,
  SCOPES,
  type Dimension,
  type LiveMinuteDelta,
  type PeopleKind,
  type RollupCounter,
} from './aggregate.js';
import { SOURCE_CHANNELS } from './channels.js';
import { factsOf, type FactsCache } from './facts.js';
import { GAP_CAP_DAYS, GAP_DIMENSIONS } from './people-gaps.js';
import { writeDeltas, writePeople } from './rollup-store.js';
import { DAY_MS, HOUR_MS, hourOf, SHANGHAI_OFFSET_MS } from './time-buckets.js';

type Dialect = 'sqlite' | 'postgres';

export const dialectOfDb = (db: Db): Dialect =>
  db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';

/** What each event type counts and whose people it keeps (as `factsOf` builds its facts); favourites keep no people. */
const EVENT_RULES: ReadonlyArray<{
  type: string;
  counter: RollupCounter;
  kind: PeopleKind | null;
  attributed: boolean;
}> = [
  { type: 'impression', counter: 'impressions', kind: 'impression', attributed: false },
  { type: 'product_tap', counter: 'clicks', kind: 'click', attributed: false },
  { type: 'add_to_cart', counter: 'carts', kind: 'cart', attributed: true },
  { type: 'favourite', counter: 'favourites', kind: null, attributed: true },
];
const EVENT_COUNTERS = EVENT_RULES.map((r) => r.counter);

const KEYS_TABLE = 'analytics_rebuild_keys';
const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const list = (xs: readonly string[]): string => xs.map(lit).join(', ');

/** A non-empty text (JavaScript's truthiness of a column that may be null or ''). */
const present = (col: string): string => `(${col} is not null and ${col} <> '')`;

/** `isIdOf(kind, col)`: the kind's prefix and the id's length. */
const isIdOfSql = (kind: keyof typeof ID_PREFIX, col: string): string =>
  `(length(${col}) = ${ID_PREFIX[kind].length + 27} and substr(${col}, 1, ${ID_PREFIX[kind].length + 1}) = ${lit(`${ID_PREFIX[kind]}_`)})`;

/** An event's channel: its attribution source for the server's events (`lineChannel(source, null)`), else by its video (`eventChannel`). */
function channelSql(): string {
  const bySource = Object.entries(SOURCE_CHANNELS)
    .map(([source, channel]) => `when ${lit(source)} then ${lit(channel)}`)
    .join(' ');
  const attributed = list(EVENT_RULES.filter((r) => r.attributed).map((r) => r.type));
  return (
    `case when e.type in (${attributed}) and ${present('e.source')} then case e.source ${bySource} else 'product_card' end` +
    ` when ${present('e.video_id')} then 'short_video' else 'product_card' end`
  );
}

/**
 * Where each dimension's value comes from for an event: the event itself (`ev`) or each of its
 * products (`ep`); null: events never carry it.
 */
const EVENT_DIM_SOURCE: Record<Dimension, { from: 'ev' | 'ep'; value: string } | null> = {
  total: { from: 'ev', value: "''" },
  channel: { from: 'ev', value: 'ev.channel' },
  video: { from: 'ev', value: 'ev.video_id' },
  live: { from: 'ev', value: 'ev.live_id' },
  creator: { from: 'ev', value: 'ev.creator' },
  region: null,
  price_band: null,
  product: { from: 'ep', value: 'ep.pid' },
  shop: { from: 'ep', value: 'ep.sid' },
  category: { from: 'ep', value: 'ep.cid' },
};

/** Every (event, key) an event counts under, as `factKeys` makes them: the scopes it belongs to × the values each scope keeps. */
function eventKeysSql(): string {
  const parts: string[] = [];
  for (const scope of SCOPES) {
    for (const dim of SCOPE_DIMENSIONS[scope]) {
      const src = EVENT_DIM_SOURCE[dim];
      if (!src) continue;
      // A shop counts the events of its own products (a row per product of the event); the platform and a creator every event.
      const from = scope === 'shop' || src.from === 'ep' ? 'ep' : 'ev';
      const value = src.value.replace(/^e[vp]\./, `${from}.`);
      const scopeId = scope === 'platform' ? "''" : scope === 'shop' ? 'ep.sid' : `${from}.creator`;
      const where = [`${value} is not null`, ...(scope === 'creator' ? [`${from}.creator is not null`] : [])];
      parts.push(
        `select ${from}.eid, ${from}.type, ${from}.person, ${from}.hour, ${from}.day, ${lit(scope)} as scope, ${scopeId} as scope_id, ${lit(dim)} as dim, ${value} as dim_id from ${from} where ${where.join(' and ')}`,
      );
    }
  }
  return parts.join(' union all ');
}

/** The scratch table's text per dialect (on PostgreSQL it lives for the transaction only). */
function keysTableSql(dialect: Dialect): string {
  const cols =
    'eid text not null, type text not null, person text not null, hour bigint not null, day bigint not null,' +
    ' scope text not null, scope_id text not null, dim text not null, dim_id text not null';
  return dialect === 'postgres'
    ? `create temp table if not exists ${KEYS_TABLE} (${cols}) on commit drop`
    : `create temp table if not exists ${KEYS_TABLE} (${cols})`;
}

/** The events of a window expanded to their keys (one row per event and key). */
function expandEvents(after: number, upTo: number, fromHour: number): RawBuilder<unknown> {
  const types = list(EVENT_RULES.map((r) => r.type));
  const attributed = list(EVENT_RULES.filter((r) => r.attributed).map((r) => r.type));
  // `materialized`: read once (SQLite otherwise inlines the events' read into each of the keys' selects).
  return sql`with ev as materialized (
      select e.id as eid, e.type as type, e.actor_key as person, e.video_id as video_id,
        case when ${sql.raw(present('e.product_id'))} then e.product_id end as product_id,
        (e.at / ${sql.lit(HOUR_MS)}) * ${sql.lit(HOUR_MS)} as hour,
        ((e.at + ${sql.lit(SHANGHAI_OFFSET_MS)}) / ${sql.lit(DAY_MS)}) * ${sql.lit(DAY_MS)} - ${sql.lit(SHANGHAI_OFFSET_MS)} as day,
        ${sql.raw(channelSql())} as channel,
        case when e.type in (${sql.raw(attributed)}) and ${sql.raw(isIdOfSql('liveRoom', 'e.content_id'))} then e.content_id end as live_id,
        case when v.host_kind = 'creator' then v.owner_id end as creator,
        v.id as found_video
      from events e left join videos v on v.id = e.video_id
      where e.type || '' in (${sql.raw(types)}) and e.received_at > ${after} and e.received_at <= ${upTo} and e.at >= ${fromHour}
    ),
    ep as materialized (
      select ev.*, p.id as pid, p.shop_id as sid, p.category_id as cid
        from ev join products p on p.id = ev.product_id
      union
      -- cross join: SQLite takes the window's events first and seeks their anchors (not every anchor)
      select ev.*, p.id, p.shop_id, p.category_id
        from ev cross join video_anchors a join products p on p.id = a.product_id
        where a.video_id = ev.found_video and ev.product_id is null
    )
    insert into ${sql.table(KEYS_TABLE)} (eid, type, person, hour, day, scope, scope_id, dim, dim_id)
    select distinct * from (${sql.raw(eventKeysSql())}) k`;
}

/** The scratch rows added to the counters (both grains) and the people (both grains). */
function keysToRollups(): string[] {
  const sums = EVENT_RULES.map((r) => `sum(case when type = ${lit(r.type)} then 1 else 0 end)`).join(', ');
  const counters = (table: string) => EVENT_COUNTERS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');
  const hourly = `dim in (${list(HOURLY_DIMENSIONS)})`;
  const withPeople = SCOPES.map((s) => {
    const dims = SCOPE_DIMENSIONS[s].filter((d) => keepsPeople(s, d));
    return `(scope = ${lit(s)} and dim in (${list(dims)}))`;
  }).join(' or ');
  const kinds = EVENT_RULES.filter((r) => r.kind).map((r) => `when ${lit(r.type)} then ${lit(r.kind!)}`);
  const kind = `case type ${kinds.join(' ')} end`;
  const personTypes = list(EVENT_RULES.filter((r) => r.kind).map((r) => r.type));
  const order = (time: string) => `order by scope, scope_id, dim, dim_id, kind, ${time}, person`;
  return [
    `insert into analytics_rollups_daily (day, scope, scope_id, dim, dim_id, ${EVENT_COUNTERS.join(', ')})` +
      ` select day, scope, scope_id, dim, dim_id, ${sums} from ${KEYS_TABLE} where true group by day, scope, scope_id, dim, dim_id` +
      ` on conflict (scope, scope_id, dim, day, dim_id) do update set ${counters('analytics_rollups_daily')}`,
    `insert into analytics_rollups (hour, scope, scope_id, dim, dim_id, ${EVENT_COUNTERS.join(', ')})` +
      ` select hour, scope, scope_id, dim, dim_id, ${sums} from ${KEYS_TABLE} where ${hourly} group by hour, scope, scope_id, dim, dim_id` +
      ` on conflict (scope, scope_id, dim, hour, dim_id) do update set ${counters('analytics_rollups')}`,
    `insert into analytics_people_daily (day, scope, scope_id, dim, dim_id, kind, person)` +
      ` select distinct day, scope, scope_id, dim, dim_id, ${kind} as kind, person from ${KEYS_TABLE}` +
      ` where type in (${personTypes}) and (${withPeople}) ${order('day')} on conflict do nothing`,
    `insert into analytics_people (hour, scope, scope_id, dim, dim_id, kind, person)` +
      ` select distinct hour, scope, scope_id, dim, dim_id, ${kind} as kind, person from ${KEYS_TABLE}` +
      ` where type in (${personTypes}) and ${hourly} and (${withPeople}) ${order('hour')} on conflict do nothing`,
  ];
}

/** Live rooms' minutes' sales added in multi-row upserts (a batch holds each minute once). */
async function writeLiveMinutesBulk(tx: Kysely<any>, dialect: Dialect, minutes: readonly LiveMinuteDelta[]) {
  const cols = ['room_id', 'minute', 'viewers', 'entries', 'comments', 'orders', 'gmv_fen'];
  for (let i = 0; i < minutes.length; i += 400) {
    const part = minutes.slice(i, i + 400);
    let n = 0;
    const ph = (): string => (dialect === 'postgres' ? `$${++n}` : '?');
    const params: unknown[] = [];
    const tuples = part.map((m) => {
      params.push(m.room_id, m.minute, 0, 0, 0, m.orders, m.gmv_fen);
      return `(${cols.map(ph).join(', ')})`;
    });
    await tx.executeQuery(
      CompiledQuery.raw(
        `insert into analytics_live_minutes (${cols.join(', ')}) values ${tuples.join(', ')}` +
          ' on conflict (room_id, minute) do update set orders = analytics_live_minutes.orders + excluded.orders,' +
          ' gmv_fen = analytics_live_minutes.gmv_fen + excluded.gmv_fen',
        params,
      ),
    );
  }
}

/**
 * The most events one window of the set-based rebuild expands: SQLite keeps the scratch rows and
 * the sorts over them in memory (`temp_store = MEMORY`): a week of 2.5 million events (the demo
 * seed at 100,000 videos) took the process past 24 GB, some 10 KB an event.
 */
export const MAX_WINDOW_EVENTS = 50_000;

/**
 * Where a window starting after `after` ends so that it holds at most about `maxEvents` events:
 * the commit time of its `maxEvents`-th event (all events committed then are in, so a few more
 * when several share that millisecond), or `upTo` when fewer are left.
 */
export async function windowEndByEvents(db: Db, after: number, upTo: number, maxEvents: number): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select('received_at')
    .where('received_at', '>', after)
    .where('received_at', '<=', upTo)
    .orderBy('received_at')
    .limit(1)
    .offset(maxEvents - 1)
    .executeTakeFirst();
  return row ? Math.min(upTo, Number(row.received_at)) : upTo;
}

/**
 * Recounts the raw rows committed in (after, upTo] whose time is from `fromHour` on, adding them
 * to the (cleared) rollups in one transaction; the gap rows and days seen are left to
 * `recountPeopleSpans`. Returns how many facts it counted (an event is one, a paid line one…).
 */
export async function recountWindow(
  db: Db,
  after: number,
  upTo: number,
  fromHour: number,
  cache: FactsCache,
): Promise<number> {
  const dialect = dialectOfDb(db);
  // The other raw rows through the consumer's own rules, read before the transaction (SQLite has one connection).
  const facts = (await factsOf(db, { after, upTo, skip: ['events'] }, cache)).filter((f) => hourOf(f.at) >= fromHour);
  const { deltas, people, liveMinutes } = aggregate(facts);
  return db.transaction().execute(async (tx) => {
    await sql.raw(keysTableSql(dialect)).execute(tx);
    if (dialect === 'sqlite') await sql`delete from ${sql.table(KEYS_TABLE)}`.execute(tx);
    await expandEvents(after, upTo, fromHour).execute(tx);
    for (const text of keysToRollups()) await sql.raw(text).execute(tx);
    const counted = await sql<{ n: unknown }>`select count(*) as n from ${sql.table(KEYS_TABLE)}
      where scope = 'platform' and dim = 'total'`.execute(tx);
    // Leave no scratch rows behind on SQLite (PostgreSQL drops the table at commit).
    if (dialect === 'sqlite') await sql`delete from ${sql.table(KEYS_TABLE)}`.execute(tx);
    await writeDeltas(tx, dialect, deltas);
    await writePeople(tx, dialect, people);
    await writeLiveMinutesBulk(tx, dialect, liveMinutes);
    return facts.length + Number(counted.rows[0]?.n ?? 0);
  });
}

/**
 * The dense values' gap rows and first and last days seen from the day rows, from `fromHour` on
 * (the rollups cleared from there: the gap rows from that day deleted, the days seen reset to
 * what is left before it), as the consumer would have kept them.
 */
export async function recountPeopleSpans(db: Db, fromHour: number): Promise<void> {
  const dialect = dialectOfDb(db);
  const dense = sql.raw(list(GAP_DIMENSIONS));
  const cap = sql.lit(GAP_CAP_DAYS);
  const capMs = sql.lit(GAP_CAP_DAYS * DAY_MS);
  const full = fromHour <= Number.MIN_SAFE_INTEGER;
  // A gap reaches back at most the cap: the days before that only make a gap of the cap, as none.
  const since = full ? sql`` : sql`and day >= ${fromHour - GAP_CAP_DAYS * DAY_MS}`;
  const [lo, hi] = dialect === 'postgres' ? ['least', 'greatest'] : ['min', 'max'];
  await db.transaction().execute(async (tx) => {
    await sql`insert into analytics_people_gaps (scope, scope_id, dim, dim_id, kind, day, gap, n)
      select scope, scope_id, dim, dim_id, kind, day, gap, count(*) from (
        select scope, scope_id, dim, dim_id, kind, day,
          case when prev is null or day - prev >= ${capMs} then ${cap} else (day - prev) / ${sql.lit(DAY_MS)} end as gap
        from (
          select scope, scope_id, dim, dim_id, kind, day,
            lag(day) over (partition by scope, scope_id, dim, dim_id, kind, person order by day) as prev
          from analytics_people_daily where dim in (${dense}) ${since}
        ) d
        where day >= ${fromHour}
      ) g
      group by scope, scope_id, dim, dim_id, kind, day, gap`.execute(tx);
    await sql`insert into analytics_people_seen (scope, scope_id, dim, dim_id, kind, person, first_day, last_day)
      select scope, scope_id, dim, dim_id, kind, person, min(day), max(day) from analytics_people_daily
      where dim in (${dense}) and day >= ${fromHour}
      group by scope, scope_id, dim, dim_id, kind, person
      on conflict (scope, scope_id, dim, dim_id, kind, person) do update set
        first_day = ${sql.raw(lo)}(analytics_people_seen.first_day, excluded.first_day),
        last_day = ${sql.raw(hi)}(analytics_people_seen.last_day, excluded.last_day)`.execute(tx);
  });
}
