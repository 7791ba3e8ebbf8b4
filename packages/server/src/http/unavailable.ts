/** Failures that mean "the database is away for a moment" (a restart, a failover): retriable, answered 503. */

/** PostgreSQL SQLSTATEs: connection exceptions (08…), admin/crash shutdown, cannot connect now, and Node's socket codes. */
const RETRIABLE_CODES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);
const RETRIABLE_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && RETRIABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && RETRIABLE_MESSAGES.test(e.message)) return true;
  // AggregateError from a connect that tried several addresses.
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isDatabaseUnavailable);
}
