/** The logistics companies of order.logisticsCompanyList: the wire code, and the carrier name Zhongcao ships with. Pure. */

export interface LogisticsCompany {
  id: number;
  name: string;
  /** The wire format's code (e.g. `zhongtong`). */
  code: string;
  /** The carrier as the orders module records it (the waybill table's names; `sandbox` is the tracked sandbox carrier). */
  carrier: string;
}

export const LOGISTICS_COMPANIES: readonly LogisticsCompany[] = [
  { id: 1, name: '顺丰速运', code: 'shunfeng', carrier: '顺丰速运' },
  { id: 7, name: '圆通速递', code: 'yuantong', carrier: '圆通速递' },
  { id: 12, name: '中通快递', code: 'zhongtong', carrier: '中通快递' },
  { id: 15, name: '韵达快递', code: 'yunda', carrier: '韵达快递' },
  { id: 16, name: '申通快递', code: 'shentong', carrier: '申通快递' },
  { id: 27, name: '京东物流', code: 'jd', carrier: '京东物流' },
  { id: 29, name: 'EMS', code: 'ems', carrier: 'EMS' },
  { id: 42, name: '极兔速递', code: 'jtexpress', carrier: '极兔速递' },
  { id: 900, name: '沙箱快递', code: 'sandbox', carrier: 'sandbox' },
];

/** A company by its wire code or by the carrier name (case-insensitive). */
export function carrierByCode(code: string): LogisticsCompany | undefined {
  const k = code.trim().toLowerCase();
  return LOGISTICS_COMPANIES.find((c) => c.code === k || c.carrier.toLowerCase() === k);
}
