/**
 * The fields of a category's rule profile for the 平台规则 screen (pure): the units a person
 * edits them in, what a category overrides, validation and the partial change to send. The
 * platform defaults and the bounds are the server's own (its RuleBook, sent with the list), so
 * this screen can never disagree with the rules it edits.
 */
import type { RuleBook, RuleProfile, RulesPatch } from '../../ops-api';

/** How a stored whole number is shown and typed: fen as ¥, basis points as %, thousandths of a point as points. */
export type Unit = 'minutes' | 'hours' | 'days' | 'fen' | 'bp' | 'milliPoints';

export type NumKey =
  | 'unpaidCancelMinutes'
  | 'flashSaleUnpaidCancelMinutes'
  | 'shipByHours'
  | 'refundResponseHours'
  | 'fastRefundMaxFen'
  | 'fastRefundWithinHours'
  | 'afterSalesResponseHours'
  | 'returnShipDays'
  | 'returnConfirmHours'
  | 'freshClaimHours'
  | 'autoConfirmDays'
  | 'settleWindowDays'
  | 'feeRateBp'
  | 'lateShipment.compensationBp'
  | 'lateShipment.minFen'
  | 'lateShipment.maxFen'
  | 'lateShipment.violationMilliPoints';
export type BoolKey = 'sevenDayNoReason' | 'perishable';
export type FieldKey = NumKey | BoolKey;

export type Group = 'payment' | 'shipping' | 'afterSales' | 'settlement';

export interface NumField {
  key: NumKey;
  group: Group;
  unit: Unit;
}
export interface BoolField {
  key: BoolKey;
  group: Group;
}

/** Every whole-number rule, where it is shown and in which unit. */
export const NUM_FIELDS: readonly NumField[] = [
  { key: 'unpaidCancelMinutes', group: 'payment', unit: 'minutes' },
  { key: 'flashSaleUnpaidCancelMinutes', group: 'payment', unit: 'minutes' },
  { key: 'shipByHours', group: 'shipping', unit: 'hours' },
  { key: 'lateShipment.compensationBp', group: 'shipping', unit: 'bp' },
  { key: 'lateShipment.minFen', group: 'shipping', unit: 'fen' },
  { key: 'lateShipment.maxFen', group: 'shipping', unit: 'fen' },
  { key: 'lateShipment.violationMilliPoints', group: 'shipping', unit: 'milliPoints' },
  { key: 'refundResponseHours', group: 'afterSales', unit: 'hours' },
  { key: 'fastRefundMaxFen', group: 'afterSales', unit: 'fen' },
  { key: 'fastRefundWithinHours', group: 'afterSales', unit: 'hours' },
  { key: 'afterSalesResponseHours', group: 'afterSales', unit: 'hours' },
  { key: 'returnShipDays', group: 'afterSales', unit: 'days' },
  { key: 'returnConfirmHours', group: 'afterSales', unit: 'hours' },
  { key: 'freshClaimHours', group: 'afterSales', unit: 'hours' },
  { key: 'autoConfirmDays', group: 'settlement', unit: 'days' },
  { key: 'settleWindowDays', group: 'settlement', unit: 'days' },
  { key: 'feeRateBp', group: 'settlement', unit: 'bp' },
];

export const BOOL_FIELDS: readonly BoolField[] = [
  { key: 'perishable', group: 'afterSales' },
  { key: 'sevenDayNoReason', group: 'afterSales' },
];

export const GROUPS: readonly Group[] = ['payment', 'shipping', 'afterSales', 'settlement'];

export function valueOf(p: RuleProfile, key: NumKey): number;
export function valueOf(p: RuleProfile, key: BoolKey): boolean;
export function valueOf(p: RuleProfile, key: FieldKey): number | boolean;
export function valueOf(p: RuleProfile, key: FieldKey): number | boolean {
  if (key.startsWith('lateShipment.'))
    return p.lateShipment[key.slice('lateShipment.'.length) as keyof RuleProfile['lateShipment']];
  return p[key as Exclude<FieldKey, `lateShipment.${string}`>];
}

/** A copy of `p` with one rule changed. Perishable goods never carry 7-day no-reason returns, as on the server. */
export function withValue(p: RuleProfile, key: FieldKey, value: number | boolean): RuleProfile {
  const next: RuleProfile = { ...p, lateShipment: { ...p.lateShipment } };
  if (key.startsWith('lateShipment.'))
    (next.lateShipment as unknown as Record<string, number>)[key.slice('lateShipment.'.length)] = value as number;
  else (next as unknown as Record<string, number | boolean>)[key] = value;
  if (key === 'perishable') next.sevenDayNoReason = !value;
  return next;
}

/** What the category would have without overrides: the defaults, where 7-day no-reason follows perishability. */
export function inheritedValue(book: RuleBook, p: RuleProfile, key: FieldKey): number | boolean {
  if (key === 'sevenDayNoReason') return !p.perishable;
  return valueOf(book.defaults, key);
}

export function isOverridden(book: RuleBook, p: RuleProfile, key: FieldKey): boolean {
  return valueOf(p, key) !== inheritedValue(book, p, key);
}

export function overriddenKeys(book: RuleBook, p: RuleProfile): FieldKey[] {
  return [...NUM_FIELDS, ...BOOL_FIELDS].map((f) => f.key).filter((k) => isOverridden(book, p, k));
}

/** Stored whole number → the number a person reads and types (¥, %, points). */
export function toDisplay(unit: Unit, stored: number): number {
  if (unit === 'fen' || unit === 'bp') return stored / 100;
  if (unit === 'milliPoints') return stored / 1000;
  return stored;
}

/** The typed number → the stored whole number (rounded to the unit's precision). */
export function fromDisplay(unit: Unit, shown: number): number {
  if (unit === 'fen' || unit === 'bp') return Math.round(shown * 100);
  if (unit === 'milliPoints') return Math.round(shown * 1000);
  return shown;
}

/** Decimals a unit is typed with. */
export function precisionOf(unit: Unit): number {
  return unit === 'fen' || unit === 'bp' ? 2 : unit === 'milliPoints' ? 3 : 0;
}

export type RuleError =
  | { code: 'whole' }
  | { code: 'range'; min: number; max: number }
  | { code: 'minAboveMax' }
  | { code: 'perishableNoReason' };

/** Every problem, by field: the server's bounds and its two cross-field rules. */
export function checkRules(book: RuleBook, p: RuleProfile): Partial<Record<FieldKey, RuleError>> {
  const errors: Partial<Record<FieldKey, RuleError>> = {};
  for (const f of NUM_FIELDS) {
    const v = valueOf(p, f.key);
    const [min, max] = book.bounds[f.key] ?? [0, Number.MAX_SAFE_INTEGER];
    if (!Number.isSafeInteger(v)) errors[f.key] = { code: 'whole' };
    else if (v < min || v > max) errors[f.key] = { code: 'range', min, max };
  }
  if (!errors['lateShipment.minFen'] && !errors['lateShipment.maxFen'] && p.lateShipment.minFen > p.lateShipment.maxFen)
    errors['lateShipment.minFen'] = { code: 'minAboveMax' };
  if (p.perishable && p.sevenDayNoReason) errors.sevenDayNoReason = { code: 'perishableNoReason' };
  return errors;
}

/** Only the rules that changed, in the shape PATCH …/rules takes; null when nothing changed. */
export function rulesPatch(before: RuleProfile, after: RuleProfile): RulesPatch | null {
  const patch: Record<string, unknown> = {};
  const late: Record<string, number> = {};
  for (const key of [...NUM_FIELDS, ...BOOL_FIELDS].map((f) => f.key)) {
    const a = valueOf(after, key);
    if (valueOf(before, key) === a) continue;
    if (key.startsWith('lateShipment.')) late[key.slice('lateShipment.'.length)] = a as number;
    else patch[key] = a;
  }
  if (Object.keys(late).length > 0) patch.lateShipment = late;
  return Object.keys(patch).length > 0 ? (patch as RulesPatch) : null;
}
