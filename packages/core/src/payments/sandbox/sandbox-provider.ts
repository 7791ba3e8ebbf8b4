/**
 * The platform's side of the sandbox gateway: implements PaymentProvider by calling the gateway
 * (in-process, through its own API surface) and verifying its signed notifications.
 */
import type {
  CreatePaymentRequest,
  PaymentProvider,
  ProviderNotification,
  RefundRequest,
  TransferRequest,
} from '../provider.js';
import { DomainError } from '../../platform/index.js';
import { SIGNATURE_HEADER, verifySignature } from '../signature.js';
import type { SandboxGateway } from './sandbox-gateway.js';

export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox';

  constructor(
    private readonly gateway: SandboxGateway,
    private readonly secret: string,
    private readonly now: () => number,
  ) {}

  async createPayment(req: CreatePaymentRequest): Promise<{ providerTxnId: string; cashierUrl: string }> {
    const txn = await this.gateway.createTransaction({
      merchantRef: req.paymentId,
      amountFen: req.amountFen,
      description: req.description,
      expiresAt: req.expiresAt,
      notifyUrl: req.notifyUrl,
      returnUrl: req.returnUrl,
    });
    return { providerTxnId: txn.id, cashierUrl: `/sandbox/cashier/${txn.id}` };
  }

  async refund(req: RefundRequest): Promise<{ providerRefundId: string }> {
    const r = await this.gateway.refund({
      txnId: req.providerTxnId,
      amountFen: req.amountFen,
      requestKey: req.refundId,
      notifyUrl: req.notifyUrl,
    });
    return { providerRefundId: r.id };
  }

  async transfer(req: TransferRequest): Promise<{ providerTransferId: string }> {
    const t = await this.gateway.transfer({
      txnId: req.providerTxnId,
      amountFen: req.amountFen,
      requestKey: req.transferId,
      notifyUrl: req.notifyUrl,
    });
    return { providerTransferId: t.id };
  }

  verifyNotification(headers: Record<string, string | string[] | undefined>, rawBody: string): ProviderNotification {
    const header = headers[SIGNATURE_HEADER];
    verifySignature(this.secret, Array.isArray(header) ? header[0] : header, rawBody, this.now());
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      throw new DomainError('INVALID_NOTIFICATION', 'the notification body is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new DomainError('INVALID_NOTIFICATION', 'the notification body is not a JSON object');
    return parseNotification(body as Record<string, unknown>);
  }
}

// Identifiers from the provider: printable ASCII only (no control characters), at most 128 long.
const str = (v: unknown): v is string => typeof v === 'string' && /^[\x21-\x7e]{1,128}$/.test(v);
const fen = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export function parseNotification(b: Record<string, unknown>): ProviderNotification {
  const at = typeof b.at === 'number' ? b.at : 0;
  if (
    (b.kind === 'payment.succeeded' || b.kind === 'payment.failed') &&
    str(b.eventId) &&
    str(b.merchantRef) &&
    str(b.txnId) &&
    fen(b.amountFen)
  ) {
    return {
      eventId: b.eventId,
      kind: b.kind,
      paymentId: b.merchantRef,
      providerTxnId: b.txnId,
      amountFen: b.amountFen,
      at,
    };
  }
  if (
    b.kind === 'refund.succeeded' &&
    str(b.eventId) &&
    str(b.requestKey) &&
    str(b.refundId) &&
    str(b.txnId) &&
    fen(b.amountFen)
  ) {
    return {
      eventId: b.eventId,
      kind: 'refund.succeeded',
      refundId: b.requestKey,
      providerRefundId: b.refundId,
      providerTxnId: b.txnId,
      amountFen: b.amountFen,
      at,
    };
  }
  if (
    b.kind === 'transfer.succeeded' &&
    str(b.eventId) &&
    str(b.requestKey) &&
    str(b.transferId) &&
    str(b.txnId) &&
    fen(b.amountFen)
  ) {
    return {
      eventId: b.eventId,
      kind: 'transfer.succeeded',
      transferId: b.requestKey,
      providerTransferId: b.transferId,
      providerTxnId: b.txnId,
      amountFen: b.amountFen,
      at,
    };
  }
  throw new DomainError('INVALID_NOTIFICATION', 'unknown or incomplete notification');
}
