/**
 * `Idempotency-Key` for retried mutations. The key is claimed inside the command's transaction,
 * so a concurrent retry waits for the first attempt (PostgreSQL row lock on the unique key;
 * SQLite serialises writers) and then replays its stored answer. A failed attempt stores
 * nothing, so its retry runs again.
 */
import { hash } from 'node:crypto';
import type { Tx } from '../context.js';
import { DomainError } from '../platform/index.js';
import { insertRows, compiledOnce } from '../storage/index.js';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

export function requestHash(body: unknown): string {
  return hash('sha256', JSON.stringify(body ?? null), 'base64url');
}

export function checkKey(key: string): void {
  if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
    throw new DomainError(
      'INVALID_IDEMPOTENCY_KEY',
      'Idempotency-Key must be 8–128 characters of letters, digits, "_", ".", ":" or "-"',
    );
  }
}

/** Returns the stored answer of an earlier attempt, or null after claiming the key for this one. */
export async function claimKey(
  tx: Tx,
  userId: string,
  scope: string,
  key: string,
  hash: string,
  now: number,
): Promise<StoredResponse | null> {
  const claimed = await insertRows(
    tx,
    'idempotency_keys',
    [{ user_id: userId, scope, key, request_hash: hash, status_code: 0, response: '', created_at: now }],
    { onConflictDoNothing: ['user_id', 'scope', 'key'] },
  );
  if (claimed === 1) return null;
  const row = await storedKey.takeFirst(tx, { userId, scope, key });
  if (!row) throw new Error('idempotency key claimed by nobody');
  if (row.request_hash !== hash)
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request');
  if (row.status_code === 0)
    throw new DomainError('REQUEST_IN_PROGRESS', 'a request with this Idempotency-Key is still running');
  return { statusCode: row.status_code, body: JSON.parse(row.response) };
}

const storedKey = compiledOnce((db, v) =>
  db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', v('userId'))
    .where('scope', '=', v('scope'))
    .where('key', '=', v('key')),
);
const keyAnswer = compiledOnce((db, v) =>
  db
    .updateTable('idempotency_keys')
    .set({ status_code: v('statusCode') as unknown as number, response: v('response') })
    .where('user_id', '=', v('userId'))
    .where('scope', '=', v('scope'))
    .where('key', '=', v('key')),
);

export async function storeResponse(
  tx: Tx,
  userId: string,
  scope: string,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await keyAnswer.run(tx, {
    statusCode: response.statusCode,
    response: JSON.stringify(response.body),
    userId,
    scope,
    key,
  });
}
