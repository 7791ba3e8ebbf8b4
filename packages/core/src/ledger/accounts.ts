/**
 * The chart of accounts. An account id is `<kind>` for the platform's own accounts and
 * `<kind>:<owner id>` for a party's (shop, person, provider). Balances are credit-positive:
 * a positive balance is what the platform owes the holder; the cash the platform holds at a
 * provider is an asset and so runs negative.
 */
export const ACCOUNT_KINDS = {
  provider_cash: '支付渠道资金 / cash held at the payment provider',
  clearing: '待结算货款 / buyer payments in clearing (the shop’s pending funds)',
  merchant_available: '商家可提现 / merchant available',
  creator_available: '达人可提现 / creator available',
  mcn_available: 'MCN 可提现 / MCN available',
  colonel_available: '团长可提现 / colonel available',
  platform_fee_revenue: '平台技术服务费 / platform fee revenue',
  refunds_payable: '待退款 / refunds payable to buyers',
  buyer_compensation_payable: '待付买家赔付 / buyer compensation payable',
  platform_compensation_expense: '平台赔付支出 / compensation paid by the platform',
  platform_insurance_expense: '退货运费险赔付 / return-shipping insurance paid by the platform',
  payouts_in_transit: '提现在途 / payouts in transit',
  ad_balance: '推广账户余额 / prepaid ad balance of a shop',
  creator_ad_balance: '达人推广账户余额 / prepaid ad balance of a creator',
  ad_revenue: '平台广告收入 / platform ad revenue',
} as const;

export type AccountKind = keyof typeof ACCOUNT_KINDS;

/** Kinds a party can withdraw from. */
export const PAYABLE_KINDS = ['merchant_available', 'creator_available', 'mcn_available', 'colonel_available'] as const;
export type PayableKind = (typeof PAYABLE_KINDS)[number];

export function accountId(kind: AccountKind, ownerId?: string | null): string {
  return ownerId ? `${kind}:${ownerId}` : kind;
}

export function parseAccountId(id: string): { kind: AccountKind; ownerId: string | null } | null {
  const at = id.indexOf(':');
  const kind = (at < 0 ? id : id.slice(0, at)) as AccountKind;
  if (!(kind in ACCOUNT_KINDS)) return null;
  return { kind, ownerId: at < 0 ? null : id.slice(at + 1) };
}
