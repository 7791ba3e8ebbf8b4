/**
 * The fields of a category's rule profile for the 平台规则 screen (pure): the platform defaults
 * (the product's rules table), the server's bounds, the units a person edits them in, what a
 * category overrides, validation mirroring the server's and the partial change to send.
 */
import type { RuleProfile, RulesPatch } from '../../ops-api';

/** The platform defaults; a category inherits each rule it does not override. */
export const DEFAULT_RULES: Readonly<RuleProfile> = Object.freeze({
  unpaidCancelMinutes: 15,
  flashSaleUnpaidCancelMinutes: 5,
  shipByHours: 48,
  lateShipment: Object.freeze({ compensationBp: 500, minFen: 300, maxFen: 5000, violationMilliPoints: 100 }),
  refundResponseHours: 48,
  fastRefundMaxFen: 30_000,
  fastRefundWithinHours: 6,
  afterSalesResponseHours: 48,
  returnShipDays: 7,
  returnConfirmHours: 48,
  freshClaimHours: 48,
  autoConfirmDays: 7,
  settleWindowDays: 7,
  sevenDayNoReason: true,
  perishable: false,
  feeRateBp: 500,
});

/** How a stored whole number is shown and typed: fen as ¥, basis points as %, thousandths of a point as points. */
export type Unit = 'minutes' | 'hours' | 'days' | 'fen' | 'bp' | 'milliPoints';

export type NumKey =
  | 'unpaidCancelMinutes' | 'flashSaleUnpaidCancelMinutes' | 'shipByHours' | 'refundResponseHours' | 'fastRefundMaxFen'
  | 'fastRefundWithinHours' | 'afterSalesResponseHours' | 'returnShipDays' | 'returnConfirmHours' | 'freshClaimHours'
  | 'autoConfirmDays' | 'settleWindowDays' | 'feeRateBp'
  | 'lateShipment.compensationBp' | 'lateShipment.minFen' | 'lateShipment.maxFen' | 'lateShipment.violationMilliPoints';
export type BoolKey = 'sevenDayNoReason' | 'perishable';
export type FieldKey = NumKey | BoolKey;

export type Group = 'payment' | 'shipping' | 'afterSales' | 'settlement';

export interface NumField { key: NumKey; group: Group; unit: Unit; min: number; max: number }
export interface BoolField { key: BoolKey; group: Group }

/** Every whole-number rule with the server's inclusive bounds (in stored units). */
export const NUM_FIELDS: readonly NumField[] = [
  { key: 'unpaidCancelMinutes', group: 'payment', unit: 'minutes', min: 1, max: 1440 },
  { key: 'flashSaleUnpaidCancelMinutes', group: 'payment', unit: 'minutes', min: 1, max: 1440 },
  { key: 'shipByHours', group: 'shipping', unit: 'hours', min: 1, max: 2160 },
  { key: 'lateShipment.compensationBp', group: 'shipping', unit: 'bp', min: 0, max: 10_000 },
  { key: 'lateShipment.minFen', group: 'shipping', unit: 'fen', min: 0, max: 100_000_000 },
  { key: 'lateShipment.maxFen', group: 'shipping', unit: 'fen', min: 0, max: 100_000_000 },
  { key: 'lateShipment.violationMilliPoints', group: 'shipping', unit: 'milliPoints', min: 0, max: 12_000 },
  { key: 'refundResponseHours', group: 'afterSales', unit: 'hours', min: 1, max: 720 },
  { key: 'fastRefundMaxFen', group: 'afterSales', unit: 'fen', min: 0, max: 100_000_000 },
  { key: 'fastRefundWithinHours', group: 'afterSales', unit: 'hours', min: 0, max: 720 },
  { key: 'afterSalesResponseHours', group: 'afterSales', unit: 'hours', min: 1, max: 720 },
  { key: 'returnShipDays', group: 'afterSales', unit: 'days', min: 1, max: 60 },
  { key: 'returnConfirmHours', group: 'afterSales', unit: 'hours', min: 1, max: 720 },
  { key: 'freshClaimHours', group: 'afterSales', unit: 'hours', min: 1, max: 720 },
  { key: 'autoConfirmDays', group: 'settlement', unit: 'days', min: 1, max: 60 },
  { key: 'settleWindowDays', group: 'settlement', unit: 'days', min: 0, max: 90 },
  { key: 'feeRateBp', group: 'settlement', unit: 'bp', min: 0, max: 10_000 },
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
  if (key.startsWith('lateShipment.')) return p.lateShipment[key.slice('lateShipment.'.length) as keyof RuleProfile['lateShipment']];
  return p[key as Exclude<FieldKey, `lateShipment.${string}`>];
}

/** A copy of `p` with one rule changed. Perishable goods never carry 7-day no-reason returns, as on the server. */
export function withValue(p: RuleProfile, key: FieldKey, value: number | boolean): RuleProfile {
  const next: RuleProfile = { ...p, lateShipment: { ...p.lateShipment } };
  if (key.startsWith('lateShipment.')) (next.lateShipment as unknown as Record<string, number>)[key.slice('lateShipment.'.length)] = value as number;
  else (next as unknown as Record<string, number | boolean>)[key] = value;
  if (key === 'perishable') next.sevenDayNoReason = !value;
  return next;
}

/** What the category would have without overrides: the defaults, where 7-day no-reason follows perishability. */
export function inheritedValue(p: RuleProfile, key: FieldKey): number | boolean {
  if (key === 'sevenDayNoReason') return !p.perishable;
  return valueOf(DEFAULT_RULES, key);
}

export function isOverridden(p: RuleProfile, key: FieldKey): boolean {
  return valueOf(p, key) !== inheritedValue(p, key);
}

export function overriddenKeys(p: RuleProfile): FieldKey[] {
  return [...NUM_FIELDS, ...BOOL_FIELDS].map((f) => f.key).filter((k) => isOverridden(p, k));
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

export type RuleError = { code: 'whole' } | { code: 'range'; min: number; max: number } | { code: 'minAboveMax' } | { code: 'perishableNoReason' };

/** Every problem, by field: the server's bounds and its two cross-field rules. */
export function checkRules(p: RuleProfile): Partial<Record<FieldKey, RuleError>> {
  const errors: Partial<Record<FieldKey, RuleError>> = {};
  for (const f of NUM_FIELDS) {
    const v = valueOf(p, f.key);
    if (!Number.isSafeInteger(v)) errors[f.key] = { code: 'whole' };
    else if (v < f.min || v > f.max) errors[f.key] = { code: 'range', min: f.min, max: f.max };
  }
  if (!errors['lateShipment.minFen'] && !errors['lateShipment.maxFen'] && p.lateShipment.minFen > p.lateShipment.maxFen) errors['lateShipment.minFen'] = { code: 'minAboveMax' };
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
