/**
 * Zhongcao's own states in the wire format's numbers: order status, after-sales status, type and
 * refund status, and the after-sales operation types. Pure tables.
 */
import type { OrderStatus } from '../orders/index.js';
import type { CaseStatus, CaseType, MerchantAction } from '../aftersales/index.js';

export type WireOrderStatus = 1 | 105 | 2 | 101 | 3 | 4 | 5;
export type WireMainStatus = WireOrderStatus | 103 | 21 | 22 | 39;

export const ORDER_STATUS_DESC: Readonly<Record<WireMainStatus, string>> = {
  1: '待支付',
  105: '已支付',
  2: '备货中',
  101: '部分发货',
  3: '已发货',
  4: '已取消',
  5: '已完成',
  103: '部分支付',
  21: '发货前退款完结',
  22: '发货后退款完结',
  39: '收货后退款完结',
};

/** The order's `order_status`: a paid order with some parcels out is partly shipped (101). */
export function wireOrderStatus(status: OrderStatus, partlyShipped = false): WireOrderStatus {
  switch (status) {
    case 'unpaid':
      return 1;
    case 'paid':
      return partlyShipped ? 101 : 2;
    case 'shipped':
    case 'delivered':
      return 3;
    case 'completed':
      return 5;
    case 'cancelled':
      return 4;
  }
}

/** The order's `main_status`: a cancelled order that had been paid was refunded before shipment (21). */
export function wireMainStatus(status: OrderStatus, partlyShipped: boolean, wasPaid: boolean): WireMainStatus {
  if (status === 'cancelled' && wasPaid) return 21;
  return wireOrderStatus(status, partlyShipped);
}

/** Zhongcao statuses an `order_status` filter stands for (101 and 2 are both `paid`, told apart by parcels). */
export const ORDER_STATUS_FILTER: Readonly<Record<number, readonly OrderStatus[]>> = {
  1: ['unpaid'],
  105: ['paid'],
  2: ['paid'],
  101: ['paid'],
  3: ['shipped', 'delivered'],
  4: ['cancelled'],
  5: ['completed'],
};

export type WireAfterSaleStatus = 6 | 7 | 8 | 11 | 12 | 13 | 14 | 27 | 28 | 29;

export const AFTERSALE_STATUS: Readonly<Record<CaseStatus, WireAfterSaleStatus>> = {
  requested: 6,
  countered: 6,
  escalated: 6,
  awaiting_return: 7,
  return_shipped: 11,
  refunded: 12,
  completed: 12,
  rejected: 27,
  closed: 28,
  cancelled: 28,
};

/** A completed exchange is "exchange succeeded" (14) rather than "succeeded" (12). */
export function wireAfterSaleStatus(type: CaseType, status: CaseStatus): WireAfterSaleStatus {
  if (type === 'exchange' && status === 'completed') return 14;
  return AFTERSALE_STATUS[status];
}

/** 0 return+refund, 1 refund only after shipment, 2 refund only before shipment, 3 exchange. */
export const AFTERSALE_TYPE: Readonly<Record<CaseType, 0 | 1 | 2 | 3>> = {
  return_refund: 0,
  refund_only: 1,
  fresh_claim: 1,
  refund_unshipped: 2,
  exchange: 3,
};

/** refund_status: 1 waiting, 3 refunded, 4 failed (refused or closed without a refund). */
export function wireRefundStatus(status: CaseStatus): 1 | 3 | 4 {
  if (status === 'refunded') return 3;
  if (status === 'rejected' || status === 'closed' || status === 'cancelled') return 4;
  return 1;
}

/** afterSale.operate `type` → the merchant's action on the case. 201/202 are confirmed by the spec; the rest follow its likely values. */
export const OPERATE_TYPES: Readonly<Record<number, MerchantAction>> = {
  101: 'approve', // agree to a return
  102: 'reject', // reject a return
  111: 'confirm_return', // goods came back: refund
  112: 'reject_return', // goods came back wrong
  201: 'approve', // agree to refund only
  202: 'reject', // reject refund only
  301: 'reship', // resend
  311: 'reship', // exchange: ship the replacement
};

/** Operation types that need a reason or remark (rejections). */
export const OPERATE_NEEDS_REASON: ReadonlySet<number> = new Set([102, 112, 202]);
/** Operation types that need a `logistics` object. */
export const OPERATE_NEEDS_LOGISTICS: ReadonlySet<number> = new Set([301, 311]);
