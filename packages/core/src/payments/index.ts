/** The payments module's public API: other modules import only from here. */
export { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_MS, sign, verifySignature } from './signature.js';
export {
  type CreatePaymentRequest,
  type RefundRequest,
  type TransferRequest,
  type ProviderNotification,
  type PaymentProvider,
  type PaymentProviders,
  providerRegistry,
} from './provider.js';
export { type SandboxTxnView, SandboxGateway, sandboxStatement } from './sandbox/sandbox-gateway.js';
export { SandboxPayoutProvider, SANDBOX_FAILING_ACCOUNT_SUFFIX } from './sandbox/sandbox-payouts.js';
export { SandboxProvider, parseNotification } from './sandbox/sandbox-provider.js';
export {
  notifyPath,
  type PaymentView,
  paymentView,
  openCashier,
  type CapturedPayment,
  type OnPaymentCaptured,
  receiveProviderNotification,
  type NotificationOutcome,
  applyProviderNotification,
  requestRefund,
  submitPendingRefunds,
} from './payments.js';
export {
  type CompensationKind,
  type CompensationPayoutStatus,
  type BookCompensationInput,
  bookBuyerCompensation,
  compensationRetryDelayMs,
  submitPendingCompensations,
  applyTransferNotification,
} from './buyer-compensation.js';
export { openPayments, type PaymentToOpen } from './payments.js';
export {
  type RefundOrderInput,
  refundOrder,
  type CompensationInput,
  compensateBuyer,
  MONEY_REASON_MAX,
} from './money-commands.js';
export {
  PAYMENT_STATES,
  REFUND_STATES,
  PAYMENT_TRANSITIONS,
  REFUND_TRANSITIONS,
  type PaymentStatus,
  type MoneyParty,
} from './payment-states.js';
