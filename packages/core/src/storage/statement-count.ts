/**
 * How many SQL statements this process has sent to its stores (transaction control included):
 * the denominator-free cost of a request, meaningful on a busy machine where timings are not.
 * Counted where the drivers run a statement (SQLite: the statement cache; PostgreSQL: each
 * connection's query). Exposed on /metrics as `zhongcao_sql_statements_total`.
 */
let executed = 0;
/** ZHONGCAO_SQL_TRACE=1 also writes each statement's text to stderr (a debugging aid, slow). */
const trace = process.env.ZHONGCAO_SQL_TRACE === '1';

/** One more statement run (called by the storage drivers only). */
export function countStatement(sql: string): void {
  executed++;
  if (trace) process.stderr.write(`sql ${executed}: ${sql.replace(/\s+/g, ' ').slice(0, 300)}\n`);
}

/** Statements run so far by this process, across every store it opened. */
export function statementsExecuted(): number {
  return executed;
}
