/**
 * The deadlines the platform enforces, as timer kinds. The subject of an order deadline is the
 * order id; after-sales deadlines use the case id (their handlers: aftersales/deadlines.ts,
 * which also runs the buyer's counter-offer reply deadline under its own kind).
 */
export const DEADLINE = {
  /** Unpaid order cancelled, stock released. */
  payBy: 'pay_by',
  /** Order not shipped in time: flagged late, buyer compensated, violation points. */
  shipBy: 'ship_by',
  /** Delivered order completed (receipt confirmed) automatically. */
  autoConfirm: 'auto_confirm',
  /** After-sales: a refund request on an unshipped order unanswered → approved (refunded). */
  refundResponse: 'refund_response',
  /** After-sales: a request on a shipped order unanswered → approved (refunded, or the return starts). */
  afterSalesResponse: 'aftersales_response',
  /** After-sales: the buyer did not ship the return in time → the case closes. */
  returnShip: 'return_ship',
  /** After-sales: the merchant did not confirm the returned parcel → refunded. */
  returnConfirm: 'return_confirm',
} as const;

export type DeadlineKind = (typeof DEADLINE)[keyof typeof DEADLINE];

/** Deadlines that run against an order (cancelled together when the order closes). */
export const ORDER_DEADLINES: readonly DeadlineKind[] = [DEADLINE.payBy, DEADLINE.shipBy, DEADLINE.autoConfirm];

/** Deadlines a merchant must act on, shown in its console as countdowns. */
export const MERCHANT_DEADLINES: readonly DeadlineKind[] = [
  DEADLINE.shipBy,
  DEADLINE.refundResponse,
  DEADLINE.afterSalesResponse,
  DEADLINE.returnConfirm,
];

export const DEADLINE_HOUR_MS = 60 * 60 * 1000;
export const DEADLINE_DAY_MS = 24 * DEADLINE_HOUR_MS;
