/**
 * After-sales money rules (pure, integer fen): what a buyer may ask for, the spoiled share of a
 * fresh-produce claim, the bounds of a counter-offer, what a refund may be, and the
 * return-shipping insurance payout. None of them ever exceeds what remains refundable of the line.
 */
import { DomainError, invalid } from '../platform/index.js';
import type { CaseType } from './case-types.js';

/**
 * Return-shipping insurance (退货运费险): a fixed payout to the buyer when a case that had the
 * goods shipped back ends refunded, paid by the platform's insurance expense account (¥8).
 */
export const INSURANCE_PAYOUT_FEN = 800;

/** The share of the line's refundable amount for a claimed spoiled percentage (1–100), rounded half up, at least 1 fen. */
export function spoiledShareFen(refundableFen: number, spoiledPercent: number): number {
  if (!Number.isSafeInteger(refundableFen) || refundableFen <= 0) return 0;
  if (!Number.isSafeInteger(spoiledPercent) || spoiledPercent < 1 || spoiledPercent > 100)
    throw new RangeError('spoiledPercent must be a whole number 1–100');
  const share = Math.floor((refundableFen * spoiledPercent + 50) / 100);
  return Math.min(refundableFen, Math.max(1, share));
}

/** What a new case asks for: the given amount, the line's refundable by default, the spoiled share for a claim, nothing for an exchange. */
export function requestedFen(
  type: CaseType,
  input: { amountFen?: number | undefined; spoiledPercent?: number | undefined },
  refundableFen: number,
): number {
  if (type === 'exchange') return 0;
  if (type === 'fresh_claim') {
    const p = input.spoiledPercent;
    if (p === undefined || !Number.isSafeInteger(p) || p < 1 || p > 100)
      throw invalid('spoiledPercent must be a whole number 1–100', { field: 'spoiledPercent' });
    return spoiledShareFen(refundableFen, p);
  }
  if (input.amountFen === undefined) return refundableFen;
  checkPositive(input.amountFen);
  if (input.amountFen > refundableFen) throw exceedsRefundable(refundableFen);
  return input.amountFen;
}

export type CounterVerdict = 'ok' | 'COUNTER_EXCEEDS_PAID';

/** A counter-offer must be at least 1 fen, below what was asked, and within what remains refundable. */
export function counterVerdict(counterFen: number, requestedFen: number, refundableFen: number): CounterVerdict {
  if (!Number.isSafeInteger(counterFen) || counterFen < 1) return 'COUNTER_EXCEEDS_PAID';
  return counterFen < requestedFen && counterFen <= refundableFen ? 'ok' : 'COUNTER_EXCEEDS_PAID';
}

/** What a refund the platform grants automatically may be: the wanted amount, never above what remains. */
export function grantableFen(wantedFen: number, refundableFen: number): number {
  return Math.max(0, Math.min(wantedFen, refundableFen));
}

/** An amount someone named (arbitration) must be 1..refundable. */
export function checkNamedAmount(amountFen: number | undefined, refundableFen: number): number {
  if (amountFen === undefined) throw invalid('amountFen is required for a refund', { field: 'amountFen' });
  checkPositive(amountFen);
  if (amountFen > refundableFen) throw exceedsRefundable(refundableFen);
  return amountFen;
}

function checkPositive(amountFen: number): void {
  if (!Number.isSafeInteger(amountFen) || amountFen < 1)
    throw invalid('amountFen must be a positive whole number of fen', { field: 'amountFen' });
}

function exceedsRefundable(refundableFen: number): DomainError {
  return new DomainError('AMOUNT_EXCEEDS_REFUNDABLE', 'the amount is more than what remains refundable of this line', {
    refundableFen,
  });
}
