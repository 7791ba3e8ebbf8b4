/**
 * Keeps the rollups up to date. Each run reads the facts committed since the cursor (a commit-time
 * watermark, kept a little behind the clock so a transaction still committing is not passed by),
 * adds them to their hours and moves the cursor, in one transaction: a restart resumes where it
 * stopped, and nothing is counted twice. Late events land in the hour they happened; refunds in
 * the hour they completed. A rebuild clears the rollups from a date and reads the raw rows again.
 */
import { performance } from 'node:perf_hooks';
import type { CoreContext, Db } from '../context.js';
import { runtimePart, runtimeOf } from '../platform/index.js';
import { aggregate, type Fact } from './aggregate.js';
import { factsInWindow, newFactsCache } from './facts.js';
import { SqlRollupStore, type RollupStore } from './rollup-store.js';
import { MAX_WINDOW_EVENTS, recountPeopleSpans, recountWindow, windowEndByEvents } from './set-rebuild.js';
import { DAY_MS, HOUR_MS, hourOf, shanghaiDayStart } from './time-buckets.js';

export const COMPASS_CURSOR = 'compass';
/** How far behind the clock the watermark stays: longer than any write transaction of the platform. */
export const COMMIT_GRACE_MS = 1_000;
/** The most a single read covers (a long pause is caught up window by window). */
const WINDOW_MS = DAY_MS;
/**
 * The commit-time span of one transaction of the set-based rebuild: each transaction rewrites the
 * index pages of every value it touches, so fewer, longer windows write each page fewer times (at
 * 50,000 events: 16.0 s of CPU in 7-day windows, 23.7 s in 1-day windows).
 */
const SET_REBUILD_WINDOW_MS = 7 * DAY_MS;

/**
 * How many facts one transaction of the consumer aims at. SQLite serves the process's requests on
 * one thread: while a window commits, every request waits; at 5,000 events a second a half-second
 * window held them for seconds. The window's length follows the rate of facts so each commit stays
 * near this size, and the consumer lets waiting requests through between windows.
 */
export const FACTS_PER_COMMIT = 250;
const MIN_SPAN_MS = 20;
/** How long one run may go on consuming windows (a backlog is caught up over the next runs). */
const RUN_BUDGET_MS = 1_000;
/** The first window's length: short, as nothing is known of the rate yet (a store full of history would otherwise be read a day at once). */
const FIRST_SPAN_MS = 1_000;
/** The length of the next window to read, learnt from the last one. */
const spanPart = runtimePart<{ ms: number }, Db>('analytics.rollup-span', () => ({ ms: FIRST_SPAN_MS }));
/** The next window's length: the last one scaled to the target size, within bounds. */
export function nextSpan(lastMs: number, facts: number): number {
  const ms = facts === 0 ? lastMs * 4 : (lastMs * FACTS_PER_COMMIT) / facts;
  return Math.min(WINDOW_MS, Math.max(MIN_SPAN_MS, Math.floor(ms)));
}
const letRequestsThrough = (): Promise<void> => new Promise((r) => setImmediate(r));

/** The tail of the work queued on this store's rollups in this process. */
const turnPart = runtimePart<{ tail: Promise<unknown> }, Db>('analytics.rollup-turns', () => ({
  tail: Promise.resolve(),
}));
/** The consumer (of windows or of the stream) and a rebuild of one store take turns in this process. */
export async function exclusive<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const turn = runtimeOf(db).use(turnPart);
  const run = turn.tail.catch(() => undefined).then(fn);
  turn.tail = run.catch(() => undefined);
  return run;
}

export interface ConsumeResult {
  facts: number;
  position: number;
  rebuilt: boolean;
}

/** Reads everything committed since the cursor (a full rebuild when there is none yet). */
export async function consumeRollups(
  ctx: Pick<CoreContext, 'db' | 'clock'>,
  store: RollupStore = new SqlRollupStore(ctx.db),
  maxWindows = 200,
): Promise<ConsumeResult> {
  return exclusive(ctx.db, async () => {
    const upTo = ctx.clock.now() - COMMIT_GRACE_MS;
    let after = await store.cursor(COMPASS_CURSOR);
    let rebuilt = false;
    if (after === null) {
      // First run (or a rebuild that stopped half-way): start over from the earliest raw row,
      // a window at a time over the next runs, so the worker's other work is not held up.
      await store.clearFrom(Number.MIN_SAFE_INTEGER);
      const earliest = await earliestRaw(ctx.db);
      after = earliest === Number.POSITIVE_INFINITY ? upTo : earliest - 1;
      await store.commit({
        deltas: [],
        people: [],
        cursor: { name: COMPASS_CURSOR, position: after, now: ctx.clock.now() },
      });
      rebuilt = true;
    }
    let facts = 0;
    const span = runtimeOf(ctx.db).use(spanPart);
    const stopAt = performance.now() + RUN_BUDGET_MS;
    for (let i = 0; i < maxWindows && after < upTo && performance.now() < stopAt; i++) {
      if (i > 0) await letRequestsThrough();
      const to = Math.min(upTo, after + span.ms);
      const found = await factsInWindow(ctx.db, after, to);
      span.ms = nextSpan(to - after, found.length);
      const { deltas, people, liveMinutes } = aggregate(found);
      if (
        !(await store.commit({
          deltas,
          people,
          liveMinutes,
          cursor: { name: COMPASS_CURSOR, from: after, position: to, now: ctx.clock.now() },
        }))
      )
        break; // another process consumed it
      facts += found.length;
      after = to;
    }
    return { facts, position: after, rebuilt };
  });
}

export type RebuildProgress = (done: number, total: number) => void;

/** Recomputes the rollups from the raw rows, from this time on (null: everything). */
export async function rebuildRollups(
  ctx: CoreContext,
  from: number | null,
  progress?: RebuildProgress,
  store: RollupStore = new SqlRollupStore(ctx.db),
  windowEvents = MAX_WINDOW_EVENTS,
) {
  return exclusive(ctx.db, () => rebuildUnlocked(ctx, store, from, progress, windowEvents));
}

async function rebuildUnlocked(
  ctx: CoreContext,
  store: RollupStore,
  from: number | null,
  progress: RebuildProgress | undefined,
  windowEvents: number,
): Promise<{ facts: number; position: number; fromHour: number }> {
  // From the start of its Shanghai day: the day rows of that day are recounted whole.
  const fromHour = from === null ? Number.MIN_SAFE_INTEGER : shanghaiDayStart(from);
  // No cursor while rebuilding: if this stops half-way, the next run rebuilds everything.
  await ctx.db.deleteFrom('analytics_cursors').where('name', '=', COMPASS_CURSOR).execute();
  // Scaled mode: the stream's consumer writes only while the cursor stands, so nothing it counts
  // from here on is in the rollups; what it counted before is recounted once the watermark is past
  // every commit it can have read (the commit grace, waited in real time).
  if (await store.anyHandled()) await new Promise((r) => setTimeout(r, COMMIT_GRACE_MS + 100));
  const upTo = ctx.clock.now() - COMMIT_GRACE_MS;
  await store.clearFrom(fromHour);
  const earliest = await earliestRaw(ctx.db);
  // A fact's hour is never later than its commit (a client's clock may run ahead a little: a day's margin).
  let after = Math.max(from === null ? earliest - 1 : fromHour - DAY_MS, earliest - 1);
  if (earliest === Number.POSITIVE_INFINITY) after = upTo;
  const start = after;
  let facts = 0;
  let done = 0;
  const cache = newFactsCache();
  const setBased = store instanceof SqlRollupStore;
  // The set-based rebuild recounts the gap rows and days seen in a last step.
  const windowMs = setBased ? SET_REBUILD_WINDOW_MS : WINDOW_MS;
  // Progress in windows of commit time; the set-based rebuild's in hours (its windows end early on a busy stretch).
  const unit = setBased ? HOUR_MS : windowMs;
  const total = Math.max(1, Math.ceil((upTo - start) / unit)) + (setBased ? 1 : 0);
  do {
    // The set-based window also stops at its MAX_WINDOW_EVENTS-th event: its scratch rows (about
    // twenty keys an event) are held in memory, and a busy week is millions of events.
    const timeEnd = Math.min(upTo, after + windowMs);
    const to = setBased ? await windowEndByEvents(ctx.db, after, timeEnd, windowEvents) : timeEnd;
    const last = to >= upTo;
    if (setBased) {
      facts += await recountWindow(ctx.db, after, to, fromHour, cache);
    } else {
      const found: Fact[] = (await factsInWindow(ctx.db, after, to, cache)).filter((f) => hourOf(f.at) >= fromHour);
      const { deltas, people, liveMinutes } = aggregate(found);
      await store.commit({
        deltas,
        people,
        liveMinutes,
        ...(last ? { cursor: { name: COMPASS_CURSOR, position: upTo, now: ctx.clock.now() } } : {}),
      });
      facts += found.length;
    }
    after = to;
    done = !setBased ? done + 1 : last ? total - 1 : Math.floor((after - start) / unit);
    progress?.(done, total);
  } while (after < upTo);
  if (setBased) {
    await recountPeopleSpans(ctx.db, fromHour);
    await store.commit({
      deltas: [],
      people: [],
      cursor: { name: COMPASS_CURSOR, position: upTo, now: ctx.clock.now() },
    });
    progress?.(++done, total);
  }
  return { facts, position: upTo, fromHour };
}

/** The earliest commit time of any raw row the rollups read (+∞ when there is none). */
async function earliestRaw(db: Db): Promise<number> {
  const mins = await Promise.all([
    db
      .selectFrom('orders')
      .select((eb) => eb.fn.min('paid_at').as('t'))
      .executeTakeFirst(),
    db
      .selectFrom('refunds')
      .select((eb) => eb.fn.min('completed_at').as('t'))
      .executeTakeFirst(),
    db
      .selectFrom('events')
      .select((eb) => eb.fn.min('received_at').as('t'))
      .executeTakeFirst(),
    db
      .selectFrom('reviews')
      .select((eb) => eb.fn.min('created_at').as('t'))
      .executeTakeFirst(),
    db
      .selectFrom('aftersales_cases')
      .select((eb) => eb.fn.min('created_at').as('t'))
      .executeTakeFirst(),
  ]);
  const ts = mins.map((m) => (m?.t === null || m?.t === undefined ? Number.POSITIVE_INFINITY : Number(m.t)));
  return Math.min(...ts);
}
