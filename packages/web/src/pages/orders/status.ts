/** Which order statuses each tab of 我的订单 shows, and which actions an order offers. Pure. */
import type { OrderStatus } from '../../api/shopper-types';

export const ORDER_TABS = ['all', 'unpaid', 'paid', 'shipped', 'completed'] as const;
export type OrderTab = (typeof ORDER_TABS)[number];

/** 待支付 unpaid · 待发货 paid · 待收货 shipped + delivered · 已完成 completed; 全部 adds cancelled. */
export function statusesOf(tab: OrderTab): OrderStatus[] | null {
  switch (tab) {
    case 'all':
      return null;
    case 'unpaid':
      return ['unpaid'];
    case 'paid':
      return ['paid'];
    case 'shipped':
      return ['shipped', 'delivered'];
    case 'completed':
      return ['completed'];
  }
}

export function toTab(value: string | null): OrderTab {
  return (ORDER_TABS as readonly string[]).includes(value ?? '') ? (value as OrderTab) : 'all';
}

export interface OrderActions {
  pay: boolean;
  cancel: boolean;
  confirmReceipt: boolean;
}

/** What the buyer may do with an order in this status (the server answers statuses as strings). */
export function actionsFor(status: string): OrderActions {
  return {
    pay: status === 'unpaid',
    cancel: status === 'unpaid' || status === 'paid',
    confirmReceipt: status === 'shipped' || status === 'delivered',
  };
}
