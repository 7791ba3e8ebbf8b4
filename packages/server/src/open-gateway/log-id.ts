/**
 * The envelope's `log_id`: the UTC time to the second (14 digits) and 16 random hex digits, as the
 * wire format's examples show. Every call answers one, so the random part is cut from a pool filled
 * 4 KB at a time (one call into the CSPRNG per 512 ids instead of one per id) and the time's digits
 * are formatted once per second.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const ID_BYTES = 8;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;
let stampSecond = -1;
let stamp = '';

export function newLogId(nowMs: number): string {
  const second = Math.floor(nowMs / 1000);
  if (second !== stampSecond) {
    stampSecond = second;
    stamp = new Date(second * 1000).toISOString().replace(/\D/g, '').slice(0, 14);
  }
  if (used + ID_BYTES > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + ID_BYTES);
  used += ID_BYTES;
  return stamp + hex;
}
