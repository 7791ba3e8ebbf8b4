/**
 * The lucky-bag draw (pure, auditable): anyone holding the seed and the entrants can recompute
 * the winners. The seed's SHA-256 is published when the bag opens and the seed itself after the
 * draw, so the host cannot pick a seed after seeing who entered.
 *
 * Algorithm: sort entrant ids (byte order); for i = 0, 1, …, k−1 take a partial Fisher–Yates
 * step: j = i + u(i) mod (n − i), where u(i) is the first 6 bytes, big-endian, of
 * SHA-256(seed + ":" + i) (48 bits: the modulo bias is below 2⁻³⁰ for any realistic n); swap
 * positions i and j. The first k ids are the winners, in draw order.
 */
import { createHash, randomBytes } from 'node:crypto';

export function newSeed(): string {
  return randomBytes(32).toString('hex');
}

export function seedHash(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

function uniform48(seed: string, i: number): number {
  return createHash('sha256').update(`${seed}:${i}`).digest().readUIntBE(0, 6);
}

export function drawWinners(seed: string, entrantIds: readonly string[], winners: number): string[] {
  const pool = [...new Set(entrantIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const k = Math.min(winners, pool.length);
  for (let i = 0; i < k; i++) {
    const j = i + (uniform48(seed, i) % (pool.length - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, k);
}
