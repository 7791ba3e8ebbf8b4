/**
 * Money math of settlement and refunds. Pure: no I/O, integer fen in and out.
 *
 * Rounding (documented, deterministic): every split is a *largest-remainder* allocation. Each
 * part's exact share is `amount × weight / Σweights`; every part first gets the floor of its
 * share, then the fen left over (fewer than the number of parts) go one each to the parts with
 * the largest fractional remainders; ties go to the part listed first. The parts therefore
 * always sum to exactly the amount, and no part differs from its exact share by a fen or more.
 * The arithmetic is done in BigInt, so no share is ever rounded by floating point.
 *
 * Reversals are cumulative: after refunds totalling `r` of a settled line, each party has given
 * back `split(r)` in all, so a refund of the whole line reverses the settlement exactly.
 */

export const BP = 10_000;

/** Rates snapshotted on an order line at purchase, in basis points. */
export interface LineRates {
  feeRateBp: number; // platform fee (the category's rate)
  creatorRateBp: number; // the creator's commission on the line
  mcnShareBp: number; // the MCN's share *of the creator's commission*
  colonelFeeBp: number; // the colonel's service fee on the line
}

export interface LineParts {
  merchant: number;
  creator: number;
  mcn: number;
  colonel: number;
  fee: number;
}

export const PART_NAMES = ['merchant', 'creator', 'mcn', 'colonel', 'fee'] as const satisfies ReadonlyArray<
  keyof LineParts
>;

/** Splits `total` fen by non-negative integer weights; parts sum to `total` (largest remainder). */
export function allocate(total: number, weights: ReadonlyArray<number | bigint>): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('total must be a non-negative integer of fen');
  const w = weights.map((x) => BigInt(x));
  if (w.some((x) => x < 0n)) throw new RangeError('weights must be non-negative');
  const sum = w.reduce((a, b) => a + b, 0n);
  if (w.length === 0) {
    if (total !== 0) throw new RangeError('nothing to allocate to');
    return [];
  }
  if (sum === 0n) {
    // No weights: everything to the first part (callers avoid this, but it must stay whole).
    return w.map((_, i) => (i === 0 ? total : 0));
  }
  const T = BigInt(total);
  const floors = w.map((x) => (T * x) / sum);
  const remainders = w.map((x, i) => T * x - floors[i]! * sum);
  let left = Number(T - floors.reduce((a, b) => a + b, 0n));
  const order = remainders.map((r, i) => ({ r, i })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const out = floors.map((f) => Number(f));
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

export function assertRates(r: LineRates): void {
  for (const [k, v] of Object.entries(r)) {
    if (!Number.isSafeInteger(v) || v < 0 || v > BP) throw new RangeError(`${k} must be 0–${BP} basis points`);
  }
  if (r.feeRateBp + r.creatorRateBp + r.colonelFeeBp > BP)
    throw new RangeError('fee, commission and service fee exceed the line');
}

/** Weights of the five parts in 1/10⁸ of the amount. */
function weights(r: LineRates): bigint[] {
  const creatorTotal = BigInt(r.creatorRateBp);
  const fee = BigInt(r.feeRateBp) * 10_000n;
  const mcn = creatorTotal * BigInt(r.mcnShareBp);
  const creator = creatorTotal * 10_000n - mcn;
  const colonel = BigInt(r.colonelFeeBp) * 10_000n;
  const merchant = 100_000_000n - fee - mcn - creator - colonel;
  return [merchant, creator, mcn, colonel, fee];
}

/** Splits an amount of one line between the merchant, the beneficiaries and the platform fee. */
export function splitLine(amountFen: number, rates: LineRates): LineParts {
  assertRates(rates);
  const [merchant, creator, mcn, colonel, fee] = allocate(amountFen, weights(rates)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return { merchant, creator, mcn, colonel, fee };
}

/**
 * What each party gives back when the refunded total of a settled line grows from `before` to
 * `after` (cumulative, so the whole line refunded reverses its settlement exactly).
 */
export function clawbackLine(before: number, after: number, rates: LineRates): LineParts {
  if (after < before) throw new RangeError('refunded amounts only grow');
  const a = splitLine(after, rates);
  const b = splitLine(before, rates);
  return {
    merchant: a.merchant - b.merchant,
    creator: a.creator - b.creator,
    mcn: a.mcn - b.mcn,
    colonel: a.colonel - b.colonel,
    fee: a.fee - b.fee,
  };
}

export const sumParts = (p: LineParts): number => p.merchant + p.creator + p.mcn + p.colonel + p.fee;

/**
 * Spreads a refund over what is still refundable of each line and of the shipping fee, pro rata
 * (largest remainder). `remaining[i]` caps part i; the result never exceeds it.
 */
export function spreadRefund(amountFen: number, remaining: readonly number[]): number[] {
  const total = remaining.reduce((a, b) => a + b, 0);
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    throw new RangeError('refund must be a positive integer of fen');
  if (amountFen > total) throw new RangeError('refund exceeds what is refundable');
  return allocate(amountFen, remaining);
}

/** Whether a payout of `amount` may be taken from `available`. */
export function payoutAllowed(
  availableFen: number,
  amountFen: number,
  minimumFen: number,
): 'ok' | 'BELOW_MINIMUM' | 'INSUFFICIENT_FUNDS' | 'INVALID_AMOUNT' {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return 'INVALID_AMOUNT';
  if (amountFen < minimumFen) return 'BELOW_MINIMUM';
  if (amountFen > availableFen) return 'INSUFFICIENT_FUNDS';
  return 'ok';
}
