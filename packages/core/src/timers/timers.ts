/**
 * Durable timers: every deadline is a row (kind, subject, due time) written in the caller's
 * transaction, so a deadline exists exactly when the change that set it committed. Scheduling
 * the same kind and subject again moves the due time (and re-arms a fired or cancelled timer).
 */
import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { Db, Tx } from '../context.js';

export interface TimerInput {
  kind: string;
  subjectId: string;
  dueAt: number;
  payload?: Record<string, unknown> | undefined;
  /** Who sees this deadline running (a shop id), if anybody. */
  scopeId?: string | null | undefined;
}

export type TimerStatus = 'pending' | 'done' | 'cancelled' | 'failed';

export interface TimerView {
  kind: string;
  subjectId: string;
  scopeId: string | null;
  dueAt: number;
  payload: Record<string, unknown>;
  status: TimerStatus;
  attempts: number;
  lastError: string | null;
  firedAt: number | null;
}

/** Schedules (or moves) the timer of this kind for this subject; idempotent. */
export async function scheduleTimer(tx: Tx | Db, input: TimerInput, now: number): Promise<void> {
  await scheduleTimers(tx, [input], now);
}

/** Schedules many timers in one statement (checkout schedules one per order). */
export async function scheduleTimers(tx: Tx | Db, inputs: readonly TimerInput[], now: number): Promise<void> {
  if (inputs.length === 0) return;
  // One row per key (the last wins): PostgreSQL refuses to update a row twice in one statement.
  const unique = [...new Map(inputs.map((t) => [`${t.kind}\u0000${t.subjectId}`, t])).values()];
  const params: unknown[] = [];
  for (const t of unique)
    params.push(t.kind, t.subjectId, t.scopeId ?? null, t.dueAt, JSON.stringify(t.payload ?? {}), now, now);
  const dialect = tx.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
  await tx.executeQuery(CompiledQuery.raw(upsertSql(dialect, unique.length), params));
}

const upsertTexts = new Map<string, string>();

/** The upsert of `rows` timers, its text built once per dialect and row count (a hot statement: every order schedules one). */
function upsertSql(dialect: 'postgres' | 'sqlite', rows: number): string {
  const key = `${dialect}|${rows}`;
  let text = upsertTexts.get(key);
  if (text === undefined) {
    let n = 0;
    const p = (): string => (dialect === 'postgres' ? `$${++n}` : '?');
    const tuples = Array.from(
      { length: rows },
      () => `(${p()}, ${p()}, ${p()}, ${p()}, ${p()}, 'pending', 0, null, ${p()}, ${p()}, null)`,
    ).join(', ');
    text = `insert into timers (kind, subject_id, scope_id, due_at, payload, status, attempts, last_error, created_at, updated_at, fired_at)
    values ${tuples}
    on conflict (kind, subject_id) do update set due_at = excluded.due_at, payload = excluded.payload, scope_id = excluded.scope_id,
      status = 'pending', attempts = 0, last_error = null, updated_at = excluded.updated_at, fired_at = null`;
    if (upsertTexts.size > 500) upsertTexts.clear();
    upsertTexts.set(key, text);
  }
  return text;
}

/** Cancels a pending timer; returns whether one was pending. */
export async function cancelTimer(tx: Tx | Db, kind: string, subjectId: string, now: number): Promise<boolean> {
  const res = await tx
    .updateTable('timers')
    .set({ status: 'cancelled', updated_at: now })
    .where('kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Cancels every pending timer of a subject of these kinds. */
export async function cancelTimers(
  tx: Tx | Db,
  kinds: readonly string[],
  subjectId: string,
  now: number,
): Promise<number> {
  if (kinds.length === 0) return 0;
  const res = await tx
    .updateTable('timers')
    .set({ status: 'cancelled', updated_at: now })
    .where('kind', 'in', kinds)
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function toTimerView(r: {
  kind: string;
  subject_id: string;
  scope_id: string | null;
  due_at: number;
  payload: string;
  status: string;
  attempts: number;
  last_error: string | null;
  fired_at: number | null;
}): TimerView {
  return {
    kind: r.kind,
    subjectId: r.subject_id,
    scopeId: r.scope_id,
    dueAt: Number(r.due_at),
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    status: r.status as TimerStatus,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    firedAt: r.fired_at === null ? null : Number(r.fired_at),
  };
}

/** One timer, whatever its status (tests and the admin view). */
export async function findTimer(db: Db | Tx, kind: string, subjectId: string): Promise<TimerView | undefined> {
  const r = await db
    .selectFrom('timers')
    .selectAll()
    .where('kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return r ? toTimerView(r) : undefined;
}

/** Timers that failed or are retrying, most attempts first: what an operator should look at. */
export async function troubledTimers(db: Db, limit = 100): Promise<TimerView[]> {
  const rows = await db
    .selectFrom('timers')
    .selectAll()
    .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'pending'), eb('attempts', '>', 0)])]))
    .orderBy('attempts', 'desc')
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map(toTimerView);
}

/** Counts by status. */
export async function timerCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('timers')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
