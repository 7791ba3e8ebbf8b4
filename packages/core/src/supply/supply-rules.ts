/** Pure rules of the supply module: field limits, base kinds, batch and QC checks. No I/O. */
import { DomainError, invalid } from '../platform/index.js';
import { MAX_STOCK } from '../catalog/index.js';

export const BASE_KINDS = ['farm', 'orchard', 'ranch', 'fishery', 'factory'] as const;
export type BaseKind = (typeof BASE_KINDS)[number];
export const QC_RESULTS = ['pass', 'fail'] as const;
export type QcResult = (typeof QC_RESULTS)[number];
export type BatchStatus = 'pending' | 'received';

export const LIMITS = {
  name: 40,
  contactName: 20,
  phone: 20,
  region: 40,
  note: 500,
  province: 20,
  city: 20,
  description: 500,
  code: 40,
  inspector: 20,
  qcNotes: 500,
  /** Shelf life in days: up to ten years (rice, oil, tea keep long). */
  shelfLifeDays: 3650,
  qcPhotos: 6,
} as const;

/** Batch codes: letters, digits and "-", as printed on crates and labels. */
export const BATCH_CODE = /^[A-Za-z0-9-]{2,40}$/;
/** Dates before 2000 are typing errors, not harvests. */
export const EARLIEST_DATE = Date.UTC(2000, 0, 1);

const length = (s: string): number => [...s].length;

/** Trimmed text of at most `max` characters (at least `min`). */
export function text(value: string | undefined | null, field: string, max: number, min = 0): string {
  const t = (value ?? '').trim();
  if (length(t) < min || length(t) > max)
    throw invalid(
      min > 0 ? `${field} must be ${min}–${max} characters` : `${field} must be at most ${max} characters`,
      { field },
    );
  return t;
}

export function checkBaseKind(kind: string): BaseKind {
  if (!(BASE_KINDS as readonly string[]).includes(kind))
    throw invalid(`kind must be one of ${BASE_KINDS.join(', ')}`, { field: 'kind' });
  return kind as BaseKind;
}

export function checkQcResult(result: string): QcResult {
  if (!(QC_RESULTS as readonly string[]).includes(result))
    throw invalid('result must be pass or fail', { field: 'result' });
  return result as QcResult;
}

export function checkBatchCode(code: string): string {
  const c = code.trim();
  if (!BATCH_CODE.test(c)) throw invalid('code must be 2–40 letters, digits or "-"', { field: 'code' });
  return c;
}

export function checkQuantity(quantity: number): number {
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_STOCK)
    throw invalid(`quantity must be an integer between 1 and ${MAX_STOCK}`, { field: 'quantity' });
  return quantity;
}

export function checkShelfLife(days: number | null | undefined): number | null {
  if (days === null || days === undefined) return null;
  if (!Number.isSafeInteger(days) || days < 1 || days > LIMITS.shelfLifeDays)
    throw invalid(`shelfLifeDays must be an integer between 1 and ${LIMITS.shelfLifeDays}`, { field: 'shelfLifeDays' });
  return days;
}

/** A date that has happened: not in the future (DATE_IN_FUTURE), not before 2000. */
export function checkPastDate(at: number, field: string, now: number): number {
  if (!Number.isSafeInteger(at) || at < EARLIEST_DATE)
    throw invalid(`${field} must be a time in epoch milliseconds after 2000-01-01`, { field });
  if (at > now) throw new DomainError('DATE_IN_FUTURE', `${field} cannot be in the future`, { field });
  return at;
}

/** What may change on a batch in each state: a received batch's quantity is fixed (its units are in stock). */
export function checkBatchEditable(status: string, quantityChanged: boolean): void {
  if (status === 'received' && quantityChanged)
    throw new DomainError('BATCH_ALREADY_RECEIVED', 'the batch is in stock already; its quantity cannot change');
}

/**
 * Receiving is allowed once, and not after a failed quality check: the latest check decides
 * (a batch re-inspected and passed may be received).
 */
export function checkReceivable(status: string, latestQc: QcResult | null): void {
  if (status === 'received') throw new DomainError('BATCH_ALREADY_RECEIVED', 'the batch is in stock already');
  if (latestQc === 'fail')
    throw new DomainError('BATCH_QC_FAILED', 'the latest quality check of this batch failed; it cannot go into stock');
}

/** Best-before time of a batch, or null without a shelf life. */
export function bestBefore(harvestedAt: number, shelfLifeDays: number | null): number | null {
  return shelfLifeDays === null ? null : harvestedAt + shelfLifeDays * 24 * 3600 * 1000;
}
