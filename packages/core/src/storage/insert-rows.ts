/**
 * Plain multi-row INSERTs for the hot paths (checkout, payment notifications). Kysely's builder
 * costs tens of microseconds per statement in object building and compilation; these statements
 * are fixed in shape, so their SQL text is built once per (table, columns, rows, conflict) and
 * reused. Types still come from the schema.
 */
import { CompiledQuery, PostgresAdapter, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from './database.js';
import type { Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

const sqlCache = new Map<string, string>();

function insertSql(
  dialect: Dialect,
  table: string,
  columns: string[],
  rowCount: number,
  conflictColumns: readonly string[] | undefined,
): string {
  const key = `${dialect}|${table}|${columns.join(',')}|${rowCount}|${conflictColumns?.join(',') ?? ''}`;
  let text = sqlCache.get(key);
  if (text === undefined) {
    let n = 0;
    const placeholder = (): string => (dialect === 'postgres' ? `$${++n}` : '?');
    const tuples = Array.from({ length: rowCount }, () => `(${columns.map(placeholder).join(', ')})`).join(', ');
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples}`;
    if (conflictColumns) text += ` on conflict (${conflictColumns.map((c) => `"${c}"`).join(', ')}) do nothing`;
    if (sqlCache.size > 1000) sqlCache.clear();
    sqlCache.set(key, text);
  }
  return text;
}

/**
 * Inserts rows (all with the same columns, in the order of the first row's keys) and returns how
 * many were inserted. With `onConflictDoNothing`, rows that collide on those columns are skipped.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Executor,
  table: T,
  rows: ReadonlyArray<Insertable<Database[T]>>,
  options: { onConflictDoNothing?: readonly string[] } = {},
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const columns = Object.keys(first);
  const params: unknown[] = [];
  for (const row of rows) for (const c of columns) params.push((row as Record<string, unknown>)[c] ?? null);
  const dialect: Dialect = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
  const result = await db.executeQuery(
    CompiledQuery.raw(insertSql(dialect, table, columns, rows.length, options.onConflictDoNothing), params),
  );
  return Number(result.numAffectedRows ?? 0n);
}
