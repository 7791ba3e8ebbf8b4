/**
 * Why an order moved: a typed code with its parameters, stored on the transition row
 * (`reason_code`, `reason_params`) so every client words it in its own language. The English
 * sentence is still written to `reason` for logs and for clients that predate the codes.
 */

export type TransitionReason =
  | { code: 'order_placed' }
  | { code: 'flash_sale_order_placed' }
  | { code: 'sample_approved' }
  | { code: 'payment_captured' }
  | { code: 'shipped'; params: { parcels: number } }
  | { code: 'all_parcels_delivered' }
  | { code: 'carrier_scan_delivered' }
  | { code: 'buyer_confirmed_receipt' }
  | { code: 'receipt_confirmed_automatically' }
  | { code: 'not_paid_in_time' }
  | { code: 'flash_sale_not_paid_in_time' }
  | { code: 'refunded_before_shipping' }
  /** Cancelled by a person, in their own words (user content, shown as written). */
  | { code: 'cancelled_with_note'; params: { note: string } }
  /** A row written before the codes whose sentence is not one of the known ones. */
  | { code: 'legacy'; params: { text: string } };

export type TransitionReasonCode = TransitionReason['code'];

export const TRANSITION_REASON_CODES: readonly TransitionReasonCode[] = [
  'order_placed',
  'flash_sale_order_placed',
  'sample_approved',
  'payment_captured',
  'shipped',
  'all_parcels_delivered',
  'carrier_scan_delivered',
  'buyer_confirmed_receipt',
  'receipt_confirmed_automatically',
  'not_paid_in_time',
  'flash_sale_not_paid_in_time',
  'refunded_before_shipping',
  'cancelled_with_note',
  'legacy',
];

/** The reason as the API returns it: code and parameters (numbers or strings only). */
export interface ReasonView {
  code: TransitionReasonCode;
  params: Record<string, string | number>;
}

const FIXED_TEXT: Record<Exclude<TransitionReasonCode, 'shipped' | 'cancelled_with_note' | 'legacy'>, string> = {
  order_placed: 'order placed',
  flash_sale_order_placed: 'flash sale order placed',
  sample_approved: 'sample approved',
  payment_captured: 'payment captured',
  all_parcels_delivered: 'all parcels delivered',
  carrier_scan_delivered: 'all parcels delivered (carrier scan)',
  buyer_confirmed_receipt: 'buyer confirmed receipt',
  receipt_confirmed_automatically: 'receipt confirmed automatically',
  not_paid_in_time: 'not paid in time',
  flash_sale_not_paid_in_time: 'flash sale not paid in time',
  refunded_before_shipping: '售后退款，订单关闭 / refunded in full before shipping',
};

/** The English sentence written next to the code (the only text rows had before the codes). */
export function reasonText(reason: TransitionReason): string {
  switch (reason.code) {
    case 'shipped':
      return `shipped in ${reason.params.parcels} parcel(s)`;
    case 'cancelled_with_note':
      return reason.params.note;
    case 'legacy':
      return reason.params.text;
    default:
      return FIXED_TEXT[reason.code];
  }
}

const BY_TEXT = new Map<string, TransitionReasonCode>(
  Object.entries(FIXED_TEXT).map(([code, text]) => [text, code as TransitionReasonCode]),
);
const SHIPPED = /^shipped in (\d+) parcel\(s\)$/;

/**
 * A row's reason: its stored code when it has one, else the code of a sentence written before
 * the codes (the known English sentences map back to their codes; anything else stays as text).
 */
export function reasonOf(row: {
  reason: string;
  reason_code: string | null;
  reason_params: string | null;
}): ReasonView {
  if (row.reason_code && (TRANSITION_REASON_CODES as readonly string[]).includes(row.reason_code)) {
    return { code: row.reason_code as TransitionReasonCode, params: parseParams(row.reason_params) };
  }
  const text = row.reason.trim();
  const fixed = BY_TEXT.get(text);
  if (fixed) return { code: fixed, params: {} };
  const shipped = SHIPPED.exec(text);
  if (shipped) return { code: 'shipped', params: { parcels: Number(shipped[1]) } };
  return { code: 'legacy', params: { text } };
}

/** The columns a transition row stores for a reason. */
export function reasonColumns(reason: TransitionReason): {
  reason: string;
  reason_code: string;
  reason_params: string;
} {
  return {
    reason: reasonText(reason),
    reason_code: reason.code,
    reason_params: JSON.stringify('params' in reason ? reason.params : {}),
  };
}

function parseParams(text: string | null): Record<string, string | number> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const out: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
    return out;
  } catch {
    return {};
  }
}
