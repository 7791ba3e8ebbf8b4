/**
 * The payout provider interface (the money leaving the platform for a merchant's or creator's bank
 * account) and the providers' statements that reconciliation compares with the ledger. The ledger
 * owns payouts and reconciliation, so it owns these contracts; the payment providers' registry
 * (payments/provider.ts) carries them beside the cashiers, and the sandbox implements them.
 */

/**
 * The payout provider interface: sends money from the platform to a registered bank account
 * (idempotent by our payout id) and reports the outcome in signed asynchronous notifications.
 */
export interface PayoutRequest {
  payoutId: string; // our reference, the idempotency key at the provider
  amountFen: number;
  holderName: string;
  bank: string;
  accountNo: string;
  notifyUrl: string;
}

export type PayoutNotification = {
  eventId: string;
  kind: 'payout.succeeded' | 'payout.failed';
  payoutId: string;
  providerPayoutId: string;
  amountFen: number;
  reason: string | null;
  at: number;
};

/** One line of a provider's statement (对账单), what reconciliation compares with the ledger. */
export interface ProviderRecord {
  kind: 'payment' | 'refund' | 'payout';
  /** Our reference: payment id, refund id or payout id. */
  ref: string;
  providerId: string;
  amountFen: number;
  status: 'succeeded' | 'failed';
  at: number;
}

export interface PayoutProvider {
  readonly name: string;
  submitPayout(req: PayoutRequest): Promise<{ providerPayoutId: string }>;
  verifyPayoutNotification(headers: Record<string, string | string[] | undefined>, rawBody: string): PayoutNotification;
}

/** Where a provider's statement comes from (payments, refunds and payouts it processed). */
export interface ProviderStatementSource {
  readonly name: string;
  statement(until: number): Promise<ProviderRecord[]>;
}

/** Payout providers and provider statements, beside the payment providers. */
export interface MoneyProviders {
  payout(name: string): PayoutProvider | undefined;
  defaultPayout: PayoutProvider;
  statements: ProviderStatementSource[];
}

export function moneyProviders(payouts: PayoutProvider[], statements: ProviderStatementSource[]): MoneyProviders {
  const byName = new Map(payouts.map((p) => [p.name, p]));
  const first = payouts[0];
  if (!first) throw new Error('at least one payout provider is needed');
  return { payout: (name) => byName.get(name), defaultPayout: first, statements };
}
