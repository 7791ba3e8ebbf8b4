/**
 * `bench timers`: 1,000,000 durable timers fired through their handlers on the embedded default
 * (or PostgreSQL with DATABASE_URL). The timers are written first (batch upserts, not timed),
 * then their due times are laid out on the real clock at an arrival rate above the target, so
 * the scheduler must keep pace; each handler counts its timer (a second firing is a duplicate)
 * and records the lag between due time and firing. At the end every timer must have fired once.
 */
import { performance } from 'node:perf_hooks';
import { openCore, runDueTimers, scheduleTimers, systemClock, TimerRegistry, type TimerInput } from '@zhongcao/core';
import { freshStore, log, Scope } from './resources.js';
import { percentile } from './percentiles.js';

export interface TimersResult {
  bench: 'timers';
  dialect: 'sqlite' | 'postgres';
  timers: number;
  arrival_per_s: number;
  fired: number;
  seconds: number;
  timers_per_s: number;
  missed: number;
  duplicates: number;
  p50_lag_ms: number;
  p99_lag_ms: number;
  max_lag_ms: number;
}

export const TARGET_TIMERS_PER_S = 10_000;
const TIMERS = Number(process.env.BENCH_TIMERS ?? 1_000_000);
/** Timers fall due at this rate (twice the target): a scheduler that keeps up shows a small lag. */
const ARRIVAL_PER_S = Number(process.env.BENCH_TIMERS_ARRIVAL ?? 2 * TARGET_TIMERS_PER_S);
const KIND = 'bench.tick';
const INSERT_BATCH = 1000;
const FIRE_BATCH = 1000;

export async function benchTimers(): Promise<TimersResult> {
  const scope = new Scope();
  try {
    const store = await freshStore(scope);
    const core = await openCore({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, clock: systemClock });
    scope.defer('close core', () => core.close());
    const db = core.ctx.db;
    log(`timers: ${store.dialect}, writing ${TIMERS} timers`);
    // Due times are offsets first (far in the future), shifted onto the clock once all are written.
    const FAR = 10 * 365 * 24 * 3600 * 1000;
    const base = Date.now() + FAR;
    const spacingMs = 1000 / ARRIVAL_PER_S;
    for (let start = 0; start < TIMERS; start += INSERT_BATCH) {
      const rows: TimerInput[] = [];
      for (let i = start; i < Math.min(TIMERS, start + INSERT_BATCH); i++)
        rows.push({ kind: KIND, subjectId: `t${i}`, dueAt: base + Math.floor(i * spacingMs) });
      await db.transaction().execute((tx) => scheduleTimers(tx, rows, Date.now()));
      if (start % 200_000 === 0 && start > 0) log(`timers: ${start} written`);
    }
    const firstDue = Date.now() + 500;
    await db
      .updateTable('timers')
      .set((eb) => ({ due_at: eb('due_at', '-', base - firstDue) }))
      .where('kind', '=', KIND)
      .execute();

    const count = new Uint8Array(TIMERS);
    const lags = new Float64Array(TIMERS);
    let fired = 0;
    let lastFiredAt = firstDue;
    const registry = new TimerRegistry().register(KIND, async (_tx, t) => {
      const i = Number(t.subjectId.slice(1));
      const at = Date.now();
      if (count[i]! === 0) lags[i] = at - t.dueAt;
      count[i] = Math.min(255, count[i]! + 1);
      fired++;
      lastFiredAt = at;
    });
    log(`timers: firing at ${ARRIVAL_PER_S}/s arrival over ${(TIMERS / ARRIVAL_PER_S).toFixed(0)} s`);
    const lastDue = firstDue + Math.floor((TIMERS - 1) * spacingMs);
    const t0 = performance.now();
    let idle = 0;
    while (true) {
      const r = await runDueTimers(core.ctx, registry, { batchSize: FIRE_BATCH, kinds: [KIND] });
      if (r.fired === 0) {
        if (Date.now() > lastDue + 2000 && ++idle > 3) break;
        await new Promise((res) => setTimeout(res, 2));
      } else idle = 0;
    }
    const wall = (performance.now() - t0) / 1000;
    let missed = 0;
    let duplicates = 0;
    for (let i = 0; i < TIMERS; i++) {
      if (count[i] === 0) missed++;
      else if (count[i]! > 1) duplicates += count[i]! - 1;
    }
    const done = await db
      .selectFrom('timers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', KIND)
      .where('status', '=', 'done')
      .executeTakeFirstOrThrow();
    if (Number(done.n) !== TIMERS - missed) log(`timers: ${done.n} rows done but ${TIMERS - missed} handlers ran`);
    const sorted = Array.from(lags).sort((a, b) => a - b);
    const seconds = Math.max(0.001, (lastFiredAt - firstDue) / 1000);
    log(`timers: ${fired} handler runs in ${wall.toFixed(1)} s wall`);
    return {
      bench: 'timers',
      dialect: store.dialect,
      timers: TIMERS,
      arrival_per_s: ARRIVAL_PER_S,
      fired,
      seconds: Math.round(seconds * 100) / 100,
      timers_per_s: Math.round(fired / seconds),
      missed,
      duplicates,
      p50_lag_ms: percentile(sorted, 50),
      p99_lag_ms: percentile(sorted, 99),
      max_lag_ms: sorted.at(-1) ?? 0,
    };
  } finally {
    await scope.close();
  }
}

export function timersSummary(r: TimersResult): string {
  const verdict = r.timers_per_s >= TARGET_TIMERS_PER_S && r.missed === 0 && r.duplicates === 0 ? 'meets' : 'MISSES';
  return `timers (${r.dialect}): ${r.fired} of ${r.timers} timers fired through their handlers at ${r.timers_per_s}/s (arriving at ${r.arrival_per_s}/s) in ${r.seconds} s; lag p50 ${r.p50_lag_ms} ms, p99 ${r.p99_lag_ms} ms; ${r.missed} missed, ${r.duplicates} duplicates — ${verdict} the target of ≥ ${TARGET_TIMERS_PER_S}/s with 0 missed and 0 duplicates`;
}
