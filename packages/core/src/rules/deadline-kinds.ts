/**
 * The deadlines the platform enforces, as timer kinds. The subject of an order deadline is the
 * order id; after-sales deadlines (a later part) use the case id and register their handlers
 * under these names.
 */
export const DEADLINE = {
  /** Unpaid order cancelled, stock released. */
  payBy: 'pay_by',
  /** Order not shipped in time: flagged late, buyer compensated, violation points. */
  shipBy: 'ship_by',
  /** Delivered order completed (receipt confirmed) automatically. */
  autoConfirm: 'auto_confirm',
  /** Hook for after-sales: a refund request on an unshipped order unanswered → approved. */
  refundResponse: 'refund_response',
  /** Hook for after-sales: a request on a shipped order unanswered → approved. */
  afterSalesResponse: 'aftersales_response',
  /** Hook for after-sales: the buyer did not ship the return in time. */
  returnShip: 'return_ship',
  /** Hook for after-sales: the merchant did not confirm the returned parcel → refunded. */
  returnConfirm: 'return_confirm',
} as const;

export type DeadlineKind = (typeof DEADLINE)[keyof typeof DEADLINE];

/** Deadlines that run against an order (cancelled together when the order closes). */
export const ORDER_DEADLINES: readonly DeadlineKind[] = [DEADLINE.payBy, DEADLINE.shipBy, DEADLINE.autoConfirm];

/** Deadlines a merchant must act on, shown in its console as countdowns. */
export const MERCHANT_DEADLINES: readonly DeadlineKind[] = [DEADLINE.shipBy, DEADLINE.refundResponse, DEADLINE.afterSalesResponse, DEADLINE.returnConfirm];

export const DEADLINE_HOUR_MS = 60 * 60 * 1000;
export const DEADLINE_DAY_MS = 24 * DEADLINE_HOUR_MS;
