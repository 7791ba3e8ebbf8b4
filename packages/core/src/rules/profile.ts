/**
 * The rule profile of a category (platform rules, 平台规则) with the defaults of the product's
 * rules table. Pure: the type, the defaults, validation, and how the profiles of an order's
 * lines combine into the promise the order carries.
 */
import { invalid } from '../platform/index.js';

export interface LateShipmentRule {
  /** Compensation to the buyer, paid by the merchant: a share of the paid amount, in basis points… */
  compensationBp: number;
  /** …at least this much… */
  minFen: number;
  /** …and at most this much. */
  maxFen: number;
  /** Violation points per late order, in thousandths (100 = 0.1 point). */
  violationMilliPoints: number;
}

export interface RuleProfile {
  /** Unpaid orders are cancelled (stock released) after this many minutes. */
  unpaidCancelMinutes: number;
  /** The same for a live-room flash sale. */
  flashSaleUnpaidCancelMinutes: number;
  /** Ship within this many hours of payment (in-stock goods). */
  shipByHours: number;
  lateShipment: LateShipmentRule;
  /** The merchant answers a refund request on an unshipped order within this many hours, else it is approved. */
  refundResponseHours: number;
  /** Fast refund (极速退款) when the shop opted in: below this amount… */
  fastRefundMaxFen: number;
  /** …and within this many hours of payment, not shipped. */
  fastRefundWithinHours: number;
  /** The merchant answers an after-sales request on a shipped order within this many hours, else it is approved. */
  afterSalesResponseHours: number;
  /** The buyer ships a return within this many days. */
  returnShipDays: number;
  /** The merchant confirms a returned parcel within this many hours, else it is refunded. */
  returnConfirmHours: number;
  /** Fresh-produce claims (坏了包赔) within this many hours of delivery. */
  freshClaimHours: number;
  /** Receipt is confirmed automatically this many days after delivery. */
  autoConfirmDays: number;
  /** Settlement waits this many days after receipt (the after-sales window). */
  settleWindowDays: number;
  /** 7-day no-reason return (7天无理由); statutory, but not for perishables. */
  sevenDayNoReason: boolean;
  perishable: boolean;
  /** Platform fee, basis points of the line amount. */
  feeRateBp: number;
}

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

/** Inclusive bounds of every whole-number rule (the admin screen validates against these too). */
export const RULE_BOUNDS: Readonly<Record<string, readonly [number, number]>> = {
  unpaidCancelMinutes: [1, 24 * 60],
  flashSaleUnpaidCancelMinutes: [1, 24 * 60],
  shipByHours: [1, 24 * 90],
  refundResponseHours: [1, 24 * 30],
  fastRefundMaxFen: [0, 100_000_000],
  fastRefundWithinHours: [0, 24 * 30],
  afterSalesResponseHours: [1, 24 * 30],
  returnShipDays: [1, 60],
  returnConfirmHours: [1, 24 * 30],
  freshClaimHours: [1, 24 * 30],
  autoConfirmDays: [1, 60],
  settleWindowDays: [0, 90],
  feeRateBp: [0, 10_000],
  'lateShipment.compensationBp': [0, 10_000],
  'lateShipment.minFen': [0, 100_000_000],
  'lateShipment.maxFen': [0, 100_000_000],
  'lateShipment.violationMilliPoints': [0, 12_000],
};

function checkInt(field: string, value: unknown): number {
  const [lo, hi] = RULE_BOUNDS[field]!;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < lo || value > hi) {
    throw invalid(`${field} must be a whole number ${lo}–${hi}`, { field });
  }
  return value;
}

function checkBool(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalid(`${field} must be true or false`, { field });
  return value;
}

/** Validates a complete profile; throws INVALID_INPUT naming the first bad field. */
export function checkRuleProfile(p: RuleProfile): RuleProfile {
  const out = {} as RuleProfile;
  for (const key of Object.keys(DEFAULT_RULES) as Array<keyof RuleProfile>) {
    const v = (p as unknown as Record<string, unknown>)[key];
    if (key === 'lateShipment') {
      if (typeof v !== 'object' || v === null)
        throw invalid('lateShipment must be an object', { field: 'lateShipment' });
      const l = v as Record<string, unknown>;
      out.lateShipment = {
        compensationBp: checkInt('lateShipment.compensationBp', l.compensationBp),
        minFen: checkInt('lateShipment.minFen', l.minFen),
        maxFen: checkInt('lateShipment.maxFen', l.maxFen),
        violationMilliPoints: checkInt('lateShipment.violationMilliPoints', l.violationMilliPoints),
      };
      if (out.lateShipment.minFen > out.lateShipment.maxFen)
        throw invalid('lateShipment.minFen must not exceed maxFen', { field: 'lateShipment.minFen' });
    } else if (key === 'sevenDayNoReason' || key === 'perishable') {
      out[key] = checkBool(key, v);
    } else {
      (out as unknown as Record<string, number>)[key] = checkInt(key, v);
    }
  }
  if (out.perishable && out.sevenDayNoReason)
    throw invalid('perishable goods are not eligible for 7-day no-reason returns', { field: 'sevenDayNoReason' });
  return out;
}

export type RuleProfilePatch = Partial<Omit<RuleProfile, 'lateShipment'>> & {
  lateShipment?: Partial<LateShipmentRule> | undefined;
};

/** A profile with a partial change applied (then validated by the caller). */
export function applyRulePatch(base: RuleProfile, patch: RuleProfilePatch): RuleProfile {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as RuleProfilePatch;
  const late = Object.fromEntries(Object.entries(patch.lateShipment ?? {}).filter(([, v]) => v !== undefined));
  return { ...base, ...defined, lateShipment: { ...base.lateShipment, ...late } } as RuleProfile;
}

/** Reads a stored profile leniently: unknown keys dropped, missing or malformed ones take the default. */
export function profileFromStored(stored: Record<string, unknown>, base: RuleProfile = DEFAULT_RULES): RuleProfile {
  const out = { ...base, lateShipment: { ...base.lateShipment } } as RuleProfile;
  for (const key of Object.keys(base) as Array<keyof RuleProfile>) {
    const v = stored[key];
    if (key === 'lateShipment') {
      if (v && typeof v === 'object')
        for (const k of Object.keys(base.lateShipment) as Array<keyof LateShipmentRule>) {
          const x = (v as Record<string, unknown>)[k];
          if (typeof x === 'number' && Number.isSafeInteger(x)) out.lateShipment[k] = x;
        }
    } else if (typeof v === typeof base[key]) (out as unknown as Record<string, unknown>)[key] = v;
  }
  return out;
}

/**
 * The promise an order carries, from the profiles of its lines: the merchant's deadlines take
 * the strictest line (the buyer was promised each), the buyer's windows the most generous.
 * 7-day no-reason and perishability stay per line.
 */
export function orderRules(lines: readonly RuleProfile[]): RuleProfile {
  const first = lines[0];
  if (!first) return { ...DEFAULT_RULES, lateShipment: { ...DEFAULT_RULES.lateShipment } };
  const min = (f: (p: RuleProfile) => number): number => Math.min(...lines.map(f));
  const max = (f: (p: RuleProfile) => number): number => Math.max(...lines.map(f));
  return {
    ...first,
    unpaidCancelMinutes: min((p) => p.unpaidCancelMinutes),
    flashSaleUnpaidCancelMinutes: min((p) => p.flashSaleUnpaidCancelMinutes),
    shipByHours: min((p) => p.shipByHours),
    lateShipment: {
      compensationBp: max((p) => p.lateShipment.compensationBp),
      minFen: max((p) => p.lateShipment.minFen),
      maxFen: max((p) => p.lateShipment.maxFen),
      violationMilliPoints: max((p) => p.lateShipment.violationMilliPoints),
    },
    refundResponseHours: min((p) => p.refundResponseHours),
    fastRefundMaxFen: min((p) => p.fastRefundMaxFen),
    fastRefundWithinHours: min((p) => p.fastRefundWithinHours),
    afterSalesResponseHours: min((p) => p.afterSalesResponseHours),
    returnShipDays: max((p) => p.returnShipDays),
    returnConfirmHours: min((p) => p.returnConfirmHours),
    freshClaimHours: max((p) => p.freshClaimHours),
    autoConfirmDays: max((p) => p.autoConfirmDays),
    settleWindowDays: max((p) => p.settleWindowDays),
    sevenDayNoReason: lines.every((p) => p.sevenDayNoReason),
    perishable: lines.some((p) => p.perishable),
    feeRateBp: max((p) => p.feeRateBp),
  };
}
