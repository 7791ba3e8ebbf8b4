/**
 * What a feed session has already shown, as a Bloom filter that travels in the cursor: no server
 * state, any process can serve the next page, and it never forgets a shown video (a Bloom filter
 * has no false negatives), so a session never repeats. A false positive only skips a video that
 * was not shown: with 4,096 bits and 4 hashes that is < 0.1 % after 100 videos, ~8 % after 800.
 * Pure.
 */
export const SHOWN_FILTER_BITS = 4096;
const BYTES = SHOWN_FILTER_BITS / 8;
const HASHES = 4;
const SECOND_SEED = 0x9e3779b9;

/** FNV-1a 32-bit, with a seed. */
function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export class ShownFilter {
  private constructor(private readonly bits: Uint8Array) {}

  static empty(): ShownFilter {
    return new ShownFilter(new Uint8Array(BYTES));
  }

  /** null when the text is not a filter of the right size. */
  static decode(text: string): ShownFilter | null {
    const bytes = Buffer.from(text, 'base64url');
    if (bytes.length !== BYTES || bytes.toString('base64url') !== text) return null;
    return new ShownFilter(new Uint8Array(bytes));
  }

  /** The filter's bits (to hand to the engine, which may run on another thread). */
  get bytes(): Uint8Array {
    return this.bits;
  }

  /** A filter over bits from `bytes` (null when they are not a filter's size). */
  static fromBytes(bytes: Uint8Array): ShownFilter | null {
    return bytes.length === BYTES ? new ShownFilter(bytes) : null;
  }

  encode(): string {
    return Buffer.from(this.bits).toString('base64url');
  }

  add(id: string): void {
    const h1 = fnv1a(id, 0);
    const h2 = fnv1a(id, SECOND_SEED) | 1;
    for (let i = 0; i < HASHES; i++) {
      const p = ((h1 + Math.imul(i, h2)) >>> 0) & (SHOWN_FILTER_BITS - 1);
      this.bits[p >> 3]! |= 1 << (p & 7);
    }
  }

  /** Asked for hundreds of candidates per page: no allocation, and the second hash only when the first bit is set. */
  has(id: string): boolean {
    const h1 = fnv1a(id, 0);
    if ((this.bits[(h1 & (SHOWN_FILTER_BITS - 1)) >> 3]! & (1 << (h1 & 7))) === 0) return false;
    const h2 = fnv1a(id, SECOND_SEED) | 1;
    for (let i = 1; i < HASHES; i++) {
      const p = ((h1 + Math.imul(i, h2)) >>> 0) & (SHOWN_FILTER_BITS - 1);
      if ((this.bits[p >> 3]! & (1 << (p & 7))) === 0) return false;
    }
    return true;
  }
}
