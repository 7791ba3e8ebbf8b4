/**
 * The gap rows and first and last days seen of the dense values (people-gaps.ts), in the
 * platform's database: read and written inside the rollups' commit, and the reads of distinct
 * people over a range of days and of the people per day that answer from them.
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { PEOPLE_KINDS, type PeopleRow } from './aggregate.js';
import {
  daysByKey,
  daysToProbe,
  planPerson,
  seenKeyString,
  sumGapChanges,
  type GapDelta,
  type SeenKey,
  type SeenSpan,
} from './people-gaps.js';
import { DAY_MS } from './time-buckets.js';

type Dialect = 'sqlite' | 'postgres';
const CHUNK = 1_000;
const KEY_COLUMNS = ['scope', 'scope_id', 'dim', 'dim_id', 'kind', 'person'] as const;
const SEEN_COLUMNS = [...KEY_COLUMNS, 'first_day', 'last_day'] as const;
const GAP_COLUMNS = ['scope', 'scope_id', 'dim', 'dim_id', 'kind', 'day', 'gap', 'n'] as const;
const texts = new Map<string, string>();

function placeholders(dialect: Dialect, rows: number, cols: number): string {
  let n = 0;
  const ph = (): string => (dialect === 'postgres' ? `$${++n}` : '?');
  return Array.from({ length: rows }, () => `(${Array.from({ length: cols }, ph).join(', ')})`).join(', ');
}

/** A statement's text, built once per dialect and row count. */
function cached(name: string, dialect: Dialect, rows: number, build: () => string): string {
  const k = `${name}|${dialect}|${rows}`;
  let t = texts.get(k);
  if (t === undefined) texts.set(k, (t = build()));
  return t;
}

/** The first and last days seen of these people: one seek of the key per person. */
const spansSql = (dialect: Dialect, rows: number): string =>
  cached('spans', dialect, rows, () => {
    const cols = KEY_COLUMNS.join(', ');
    return (
      `with k (${cols}) as (values ${placeholders(dialect, rows, KEY_COLUMNS.length)})` +
      ` select ${SEEN_COLUMNS.map((c) => `s.${c}`).join(', ')} from k join analytics_people_seen s on ` +
      KEY_COLUMNS.map((c) => `s.${c} = k.${c}`).join(' and ')
    );
  });

/** The earlier first day and the later last day. */
const seenSql = (dialect: Dialect, rows: number): string =>
  cached('seen', dialect, rows, () => {
    const [lo, hi] = dialect === 'postgres' ? ['least', 'greatest'] : ['min', 'max'];
    const t = 'analytics_people_seen';
    return (
      `insert into ${t} (${SEEN_COLUMNS.join(', ')}) values ${placeholders(dialect, rows, SEEN_COLUMNS.length)}` +
      ` on conflict (${KEY_COLUMNS.join(', ')}) do update set` +
      ` first_day = ${lo}(${t}.first_day, excluded.first_day), last_day = ${hi}(${t}.last_day, excluded.last_day)`
    );
  });

const gapsSql = (dialect: Dialect, rows: number): string =>
  cached('gaps', dialect, rows, () => {
    const t = 'analytics_people_gaps';
    return (
      `insert into ${t} (${GAP_COLUMNS.join(', ')}) values ${placeholders(dialect, rows, GAP_COLUMNS.length)}` +
      ` on conflict (${GAP_COLUMNS.slice(0, -1).join(', ')}) do update set n = ${t}.n + excluded.n`
    );
  });

export interface GapPlan {
  seen: Array<SeenKey & { first_day: number; last_day: number }>;
  gaps: GapDelta[];
}

/**
 * What a batch's day people change in the dense values' first and last days seen and gap rows.
 * Reads them as committed, so it runs inside the commit's transaction, after its first write
 * (serialised with other commits) and before the batch's day people rows are written.
 */
export async function planGaps(tx: Kysely<any>, dialect: Dialect, people: readonly PeopleRow[]): Promise<GapPlan> {
  const byKey = daysByKey(people);
  const plan: GapPlan = { seen: [], gaps: [] };
  if (!byKey.size) return plan;
  const entries = [...byKey.values()];
  const spans = new Map<string, SeenSpan>();
  for (let i = 0; i < entries.length; i += CHUNK) {
    const part = entries.slice(i, i + CHUNK);
    const params: unknown[] = [];
    for (const e of part) for (const c of KEY_COLUMNS) params.push(e.key[c]);
    const { rows } = await tx.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(spansSql(dialect, part.length), params),
    );
    for (const r of rows)
      spans.set(seenKeyString(r as unknown as SeenKey), { first: Number(r.first_day), last: Number(r.last_day) });
  }
  const deltas = new Map<string, GapDelta>();
  for (const { key, days } of entries) {
    const span = spans.get(seenKeyString(key));
    const probe = span ? daysToProbe(span, days) : [];
    // A day between the first and last seen (a late batch): which days around it were seen.
    const probed = probe.length
      ? (
          await tx
            .selectFrom('analytics_people_daily')
            .select('day')
            .where('scope', '=', key.scope)
            .where('scope_id', '=', key.scope_id)
            .where('dim', '=', key.dim)
            .where('dim_id', '=', key.dim_id)
            .where('kind', '=', key.kind)
            .where('day', 'in', probe)
            .where('person', '=', key.person)
            .execute()
        ).map((r: { day: unknown }) => Number(r.day))
      : [];
    const p = planPerson(span, probed, days);
    if (p.span) plan.seen.push({ ...key, first_day: p.span.first, last_day: p.span.last });
    sumGapChanges(deltas, key, p.changes);
  }
  plan.gaps = [...deltas.values()].filter((g) => g.n !== 0);
  return plan;
}

export async function writeGaps(tx: Kysely<any>, dialect: Dialect, plan: GapPlan): Promise<void> {
  const put = async <R>(rows: R[], cols: readonly (keyof R)[], text: (n: number) => string) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      const params: unknown[] = [];
      for (const r of part) for (const c of cols) params.push(r[c]);
      await tx.executeQuery(CompiledQuery.raw(text(part.length), params));
    }
  };
  await put(plan.seen, SEEN_COLUMNS, (n) => seenSql(dialect, n));
  await put(plan.gaps, GAP_COLUMNS, (n) => gapsSql(dialect, n));
}

export interface GapQuery {
  scope: string;
  scopeId: string;
  dim: string;
  /** Whole Shanghai days [from, to). */
  from: number;
  to: number;
}

/** Distinct people per value and kind over at most GAP_CAP_DAYS days: each person once, on their first day in the range. */
export async function gapPeople(
  db: Kysely<any>,
  q: GapQuery,
  dimIds: string[],
): Promise<Array<{ dim_id: string; kind: string; n: unknown }>> {
  return db
    .selectFrom('analytics_people_gaps')
    .select((eb) => ['dim_id', 'kind', eb.fn.sum('n').as('n')])
    .where('scope', '=', q.scope)
    .where('scope_id', '=', q.scopeId)
    .where('dim', '=', q.dim)
    .where('dim_id', 'in', dimIds)
    .where('kind', 'in', [...PEOPLE_KINDS])
    .where('day', '>=', q.from)
    .where('day', '<', q.to)
    .where(sql<boolean>`gap > (day - ${q.from}) / ${sql.lit(DAY_MS)}`)
    .groupBy(['dim_id', 'kind'])
    .execute() as Promise<Array<{ dim_id: string; kind: string; n: unknown }>>;
}

/** Distinct people per day and kind of one value: every gap row of the day. */
export async function gapPeopleByDay(
  db: Kysely<any>,
  q: GapQuery,
  dimId: string,
): Promise<Array<{ bucket: unknown; kind: string; n: unknown }>> {
  return db
    .selectFrom('analytics_people_gaps')
    .select((eb) => ['day as bucket', 'kind', eb.fn.sum('n').as('n')])
    .where('scope', '=', q.scope)
    .where('scope_id', '=', q.scopeId)
    .where('dim', '=', q.dim)
    .where('dim_id', '=', dimId)
    .where('kind', 'in', [...PEOPLE_KINDS])
    .where('day', '>=', q.from)
    .where('day', '<', q.to)
    .groupBy(['day', 'kind'])
    .execute() as Promise<Array<{ bucket: unknown; kind: string; n: unknown }>>;
}
