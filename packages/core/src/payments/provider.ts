import type { MoneyProviders } from '../ledger/index.js';

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

/**
 * A transfer to the payer of a captured payment, outside its refundable amount: how compensation
 * (late shipment, return-shipping insurance) reaches the buyer's original payment method, as the
 * platforms' own 赔付 do. Idempotent at the provider by our transfer id.
 */
export interface TransferRequest {
  transferId: string;
  providerTxnId: string;
  amountFen: number;
  memo: string;
  notifyUrl: string;
}

export type ProviderNotification =
  | {
      eventId: string;
      kind: 'payment.succeeded';
      paymentId: string;
      providerTxnId: string;
      amountFen: number;
      at: number;
    }
  | { eventId: string; kind: 'payment.failed'; paymentId: string; providerTxnId: string; amountFen: number; at: number }
  | {
      eventId: string;
      kind: 'refund.succeeded';
      refundId: string;
      providerRefundId: string;
      providerTxnId: string;
      amountFen: number;
      at: number;
    }
  | {
      eventId: string;
      kind: 'transfer.succeeded';
      transferId: string;
      providerTransferId: string;
      providerTxnId: string;
      amountFen: number;
      at: number;
    };

export interface PaymentProvider {
  readonly name: string;
  createPayment(req: CreatePaymentRequest): Promise<{ providerTxnId: string; cashierUrl: string }>;
  refund(req: RefundRequest): Promise<{ providerRefundId: string }>;
  /** Throws PROVIDER_TRANSFER_REJECTED when the provider refuses for good (e.g. the payment is not captured). */
  transfer(req: TransferRequest): Promise<{ providerTransferId: string }>;
  /** Verifies the signature and freshness of a notification and parses it; throws INVALID_SIGNATURE / INVALID_NOTIFICATION. */
  verifyNotification(headers: Record<string, string | string[] | undefined>, rawBody: string): ProviderNotification;
}

export interface PaymentProviders {
  get(name: string): PaymentProvider | undefined;
  default: PaymentProvider;
  /** Public base URL the providers call back to, e.g. http://127.0.0.1:3000. */
  baseUrl(): string;
  /** Payout providers and provider statements (absent where nothing pays out, e.g. the demo seed's context). */
  money?: MoneyProviders;
}

export function providerRegistry(
  providers: PaymentProvider[],
  baseUrl: () => string,
  money?: MoneyProviders,
): PaymentProviders {
  const byName = new Map(providers.map((p) => [p.name, p]));
  if (byName.size !== providers.length) throw new Error('two payment providers share a name');
  const first = providers[0];
  if (!first) throw new Error('at least one payment provider is needed');
  return { get: (name) => byName.get(name), default: first, baseUrl, ...(money ? { money } : {}) };
}
