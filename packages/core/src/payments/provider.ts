/**
 * The payment provider interface. A provider creates a payment at its cashier, refunds through its
 * API, and tells us what happened in signed asynchronous notifications, which we verify and
 * normalise here. The built-in `sandbox` provider behaves like a real gateway; real ones
 * (WeChat Pay, Alipay, Douyin Pay) implement the same interface.
 */

export interface CreatePaymentRequest {
  paymentId: string; // our reference (merchant_ref / out_trade_no)
  amountFen: number;
  description: string;
  expiresAt: number;
  notifyUrl: string;
  returnUrl: string;
}

export interface RefundRequest {
  refundId: string; // our reference, the idempotency key at the provider
  providerTxnId: string;
  amountFen: number;
  notifyUrl: string;
}

export type ProviderNotification =
  | { eventId: string; kind: 'payment.succeeded'; paymentId: string; providerTxnId: string; amountFen: number; at: number }
  | { eventId: string; kind: 'payment.failed'; paymentId: string; providerTxnId: string; amountFen: number; at: number }
  | { eventId: string; kind: 'refund.succeeded'; refundId: string; providerRefundId: string; providerTxnId: string; amountFen: number; at: number };

export interface PaymentProvider {
  readonly name: string;
  createPayment(req: CreatePaymentRequest): Promise<{ providerTxnId: string; cashierUrl: string }>;
  refund(req: RefundRequest): Promise<{ providerRefundId: string }>;
  /** Verifies the signature and freshness of a notification and parses it; throws INVALID_SIGNATURE / INVALID_NOTIFICATION. */
  verifyNotification(headers: Record<string, string | string[] | undefined>, rawBody: string): ProviderNotification;
}

export interface PaymentProviders {
  get(name: string): PaymentProvider | undefined;
  default: PaymentProvider;
  /** Public base URL the providers call back to, e.g. http://127.0.0.1:3000. */
  baseUrl(): string;
}

export function providerRegistry(providers: PaymentProvider[], baseUrl: () => string): PaymentProviders {
  const byName = new Map(providers.map((p) => [p.name, p]));
  const first = providers[0];
  if (!first) throw new Error('at least one payment provider is needed');
  return { get: (name) => byName.get(name), default: first, baseUrl };
}
