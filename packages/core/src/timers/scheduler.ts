/**
 * The scheduler: claims due timers in batches and runs each one's handler in the same
 * transaction that marks it done. A crash before the commit leaves the timer pending (it runs
 * again); a committed timer never runs again. On PostgreSQL the claim skips rows another
 * scheduler holds (`FOR UPDATE SKIP LOCKED`); SQLite has a single writer. Late timers (due while
 * the process was down) are simply due: they fire on the first round.
 *
 * A batch runs all its handlers in one transaction. When any handler fails the batch rolls back
 * and its timers run one by one, so one failing timer never holds the others back; the failing
 * one is retried with back-off and shows its error (`troubledTimers`).
 */
import { sql } from 'kysely';
import type { CoreContext, Tx } from '../context.js';
import { givesUp, retryDelayMs } from './timer-rules.js';
import { toTimerView, type TimerView } from './timers.js';

/** Runs one timer inside the claiming transaction. Use only `tx` (never open another transaction). */
export type TimerHandler = (tx: Tx, timer: TimerView, now: number) => Promise<void>;

/** Handlers by timer kind. */
export class TimerRegistry {
  private readonly handlers = new Map<string, TimerHandler>();

  register(kind: string, handler: TimerHandler): this {
    if (this.handlers.has(kind)) throw new Error(`a handler for timer kind "${kind}" is already registered`);
    this.handlers.set(kind, handler);
    return this;
  }

  get(kind: string): TimerHandler | undefined {
    return this.handlers.get(kind);
  }

  kinds(): string[] {
    return [...this.handlers.keys()];
  }
}

export interface RunTimersOptions {
  batchSize?: number;
  /** Stop after this many timers (the worker keeps rounds short). */
  limit?: number;
  /** Only these kinds. */
  kinds?: readonly string[];
}

export interface RunTimersResult {
  fired: number;
  failed: number;
}

class NoHandlerError extends Error {}

type ClaimedRow = {
  kind: string;
  subject_id: string;
  scope_id: string | null;
  due_at: number;
  payload: string;
  status: string;
  attempts: number;
  last_error: string | null;
  fired_at: number | null;
};

/** Marks up to `n` due timers done and returns them (in due order); the handlers run next, in the same transaction. */
async function claim(
  tx: Tx,
  ctx: CoreContext,
  now: number,
  n: number,
  only?: { kind: string; subjectId: string },
  kinds?: readonly string[],
): Promise<TimerView[]> {
  const lock = ctx.dialect === 'postgres' ? sql` for update skip locked` : sql``;
  const one = only ? sql` and kind = ${only.kind} and subject_id = ${only.subjectId}` : sql``;
  const someKinds = kinds?.length ? sql` and kind in (${sql.join(kinds.map((k) => sql`${k}`))})` : sql``;
  const res =
    await sql<ClaimedRow>`update timers set status = 'done', fired_at = ${now}, updated_at = ${now}, attempts = attempts + 1
    where (kind, subject_id) in (
      select kind, subject_id from timers where status = 'pending' and due_at <= ${now}${one}${someKinds} order by due_at limit ${n}${lock}
    )
    returning kind, subject_id, scope_id, due_at, payload, status, attempts, last_error, fired_at`.execute(tx);
  return res.rows.map(toTimerView).sort((a, b) => a.dueAt - b.dueAt || (a.subjectId < b.subjectId ? -1 : 1));
}

async function runHandlers(tx: Tx, registry: TimerRegistry, timers: TimerView[], now: number): Promise<void> {
  for (const t of timers) {
    const handler = registry.get(t.kind);
    if (!handler) throw new NoHandlerError(`no handler for timer kind "${t.kind}"`);
    await handler(tx, t, now);
  }
}

async function recordFailure(ctx: CoreContext, timer: TimerView, err: unknown, now: number): Promise<void> {
  const attempts = timer.attempts; // the claim counted this attempt
  const message = (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 500);
  await ctx.db
    .updateTable('timers')
    .set({
      status: givesUp(attempts) ? 'failed' : 'pending',
      attempts,
      due_at: now + retryDelayMs(attempts),
      last_error: message,
      updated_at: now,
    })
    .where('kind', '=', timer.kind)
    .where('subject_id', '=', timer.subjectId)
    .where('status', '=', 'pending')
    .where('due_at', '=', timer.dueAt)
    .execute();
}

/** Fires due timers until none is due (or `limit` fired). Run by the worker's tick. */
export async function runDueTimers(
  ctx: CoreContext,
  registry: TimerRegistry,
  options: RunTimersOptions = {},
): Promise<RunTimersResult> {
  const batchSize = options.batchSize ?? 200;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const result: RunTimersResult = { fired: 0, failed: 0 };
  while (result.fired < limit) {
    const now = ctx.clock.now();
    const n = Math.min(batchSize, limit - result.fired);
    let claimed: TimerView[] = [];
    try {
      claimed = await ctx.db.transaction().execute(async (tx) => {
        const timers = await claim(tx, ctx, now, n, undefined, options.kinds);
        await runHandlers(tx, registry, timers, now);
        return timers;
      });
    } catch {
      // Some handler failed: the batch rolled back. Run its timers one by one.
      const one = await runOneByOne(ctx, registry, now, n, options.kinds);
      result.fired += one.fired;
      result.failed += one.failed;
      if (one.fired + one.failed === 0) break;
      continue;
    }
    result.fired += claimed.length;
    if (claimed.length < n) break;
  }
  return result;
}

async function runOneByOne(
  ctx: CoreContext,
  registry: TimerRegistry,
  now: number,
  n: number,
  kinds?: readonly string[],
): Promise<RunTimersResult> {
  const due = await ctx.db
    .selectFrom('timers')
    .select(['kind', 'subject_id'])
    .where('status', '=', 'pending')
    .where('due_at', '<=', now)
    .$if(Boolean(kinds?.length), (q) => q.where('kind', 'in', kinds!))
    .orderBy('due_at')
    .limit(n)
    .execute();
  const result: RunTimersResult = { fired: 0, failed: 0 };
  for (const d of due) {
    let current: TimerView | undefined;
    try {
      const fired = await ctx.db.transaction().execute(async (tx) => {
        const [timer] = await claim(tx, ctx, now, 1, { kind: d.kind, subjectId: d.subject_id });
        if (!timer) return 0; // another scheduler took it, or it was cancelled
        current = timer;
        await runHandlers(tx, registry, [timer], now);
        return 1;
      });
      result.fired += fired;
    } catch (err) {
      if (current) {
        // The claim rolled back with the handler: its row is still pending, due as before.
        await recordFailure(ctx, current, err, now);
        result.failed++;
      }
    }
  }
  return result;
}
