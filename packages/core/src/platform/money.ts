/** Money is integer fen (分). These helpers keep it that way. */

export function assertFen(value: number, what = 'amount'): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer of fen`);
  return value;
}

export function sumFen(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** `¥29.90` from 2990 fen. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
