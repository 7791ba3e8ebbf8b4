/** After-sales (售后) vocabulary: case types, statuses, reasons, parties and actions. Pure. */

import type { CaseStatus, CaseType } from '../storage/index.js';

export type { CaseStatus, CaseType };

export const CASE_TYPES = [
  'refund_unshipped',
  'refund_only',
  'return_refund',
  'exchange',
  'fresh_claim',
] as const satisfies readonly CaseType[];

export const CASE_STATUSES = [
  'requested',
  'countered',
  'awaiting_return',
  'return_shipped',
  'escalated',
  'refunded',
  'rejected',
  'completed',
  'closed',
  'cancelled',
] as const satisfies readonly CaseStatus[];

/** Nothing more happens to a case in these statuses. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['refunded', 'completed', 'closed', 'cancelled'];
/** A case in these statuses blocks another case on the same line. `rejected` is final unless the buyer escalates it. */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'requested',
  'countered',
  'awaiting_return',
  'return_shipped',
  'escalated',
];

export const REASON_CODES = [
  'changed_mind',
  'no_reason',
  'quality',
  'spoiled',
  'damaged',
  'wrong_item',
  'not_as_described',
  'missing',
  'not_received',
  'late',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
/** Reasons that count against the product (品质退货: the experience score's quality return rate and the Compass's alike). */
export const QUALITY_RETURN_REASONS = [
  'quality',
  'spoiled',
  'wrong_item',
  'not_as_described',
] as const satisfies readonly ReasonCode[];
/** Reasons that count against transport (物流品退). */
export const TRANSPORT_RETURN_REASONS = [
  'damaged',
  'missing',
  'not_received',
  'late',
] as const satisfies readonly ReasonCode[];

export type Party = 'buyer' | 'merchant' | 'admin' | 'system';

export const BUYER_ACTIONS = ['cancel', 'accept_counter', 'escalate', 'ship_return'] as const;
export const MERCHANT_ACTIONS = ['approve', 'reject', 'counter', 'confirm_return', 'reject_return', 'reship'] as const;
/** What the admin decides on an escalated case (one `arbitrate` request carries the decision). */
export const ADMIN_ACTIONS = ['arbitrate_refund', 'arbitrate_reject'] as const;
/** What the timers do when a party did not act in time (and the fast refund at filing). */
export const SYSTEM_ACTIONS = [
  'fast_refund',
  'auto_approve',
  'counter_lapsed',
  'return_ship_lapsed',
  'return_confirm_lapsed',
] as const;

export type BuyerAction = (typeof BUYER_ACTIONS)[number];
export type MerchantAction = (typeof MERCHANT_ACTIONS)[number];
export type PartyAction = BuyerAction | MerchantAction;
export type CaseAction = PartyAction | (typeof ADMIN_ACTIONS)[number] | (typeof SYSTEM_ACTIONS)[number];

export const ACTIONS_OF: Readonly<Record<Party, readonly CaseAction[]>> = {
  buyer: BUYER_ACTIONS,
  merchant: MERCHANT_ACTIONS,
  admin: ADMIN_ACTIONS,
  system: SYSTEM_ACTIONS,
};

/** Kinds of timeline entries. */
export type EventKind =
  | 'filed'
  | 'message'
  | 'approved'
  | 'rejected'
  | 'countered'
  | 'counter_accepted'
  | 'escalated'
  | 'arbitrated'
  | 'return_shipped'
  | 'return_confirmed'
  | 'return_rejected'
  | 'reshipped'
  | 'refunded'
  | 'insurance_paid'
  | 'auto_approved'
  | 'closed'
  | 'cancelled';

/** The buyer may escalate a rejection or a counter-offer for this long; an unanswered counter-offer lapses then. */
export const ESCALATION_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** 7-day no-reason returns (7天无理由) run from delivery. */
export const NO_REASON_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export const isFinal = (status: string): boolean => (FINAL_STATUSES as readonly string[]).includes(status);
export const isOpen = (status: string): boolean => (OPEN_STATUSES as readonly string[]).includes(status);

const SORT_PAD = 16;
const SORT_CEILING = 9_000_000_000_000_000; // below 2^53; epoch ms has 13 digits

/**
 * The listing order of a case, as one sortable string ending in the (unique) id, so a keyset
 * cursor is the key itself: open cases with a running deadline first, most urgent first; then
 * other open cases (escalated, awaiting the platform) newest first; then the rest, most
 * recently changed first.
 */
export function caseSortKey(c: {
  id: string;
  status: string;
  deadlineAt: number | null;
  createdAt: number;
  updatedAt: number;
}): string {
  const pad = (n: number): string => String(Math.max(0, Math.min(SORT_CEILING, Math.floor(n)))).padStart(SORT_PAD, '0');
  if (isOpen(c.status) && c.deadlineAt !== null) return `0${pad(c.deadlineAt)}${c.id}`;
  if (isOpen(c.status)) return `1${pad(SORT_CEILING - c.createdAt)}${c.id}`;
  return `2${pad(SORT_CEILING - c.updatedAt)}${c.id}`;
}

/** A sort key as a cursor: the rank digit, 16 digits, then an id. */
export const SORT_KEY_PATTERN = '^[0-2][0-9]{16}[a-z]{3}_[0-9a-z]{26}$';

/** The buyer answers a counter-offer within the escalation window, else it lapses (the case closes). */
export const COUNTER_REPLY_TIMER = 'aftersales_counter_reply';
