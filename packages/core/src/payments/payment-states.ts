/**
 * A payment and a refund as state machines. A payment waits for the provider's word that the
 * money was captured (a failed attempt leaves it pending: the buyer may try again). A refund waits
 * for the provider's confirmation, or fails when the provider refuses it. Pure.
 */
import { stateTable, type Transition } from '../platform/index.js';
import type { RefundStatus } from '../storage/index.js';

export type PaymentStatus = 'pending' | 'succeeded';
export type { RefundStatus };
/** provider: the provider's notification or answer; system: this platform's refund worker. */
export type MoneyParty = 'provider' | 'system';

export const PAYMENT_TRANSITIONS: readonly Transition<PaymentStatus, 'capture', MoneyParty>[] = [
  { from: 'pending', action: 'capture', to: 'succeeded', who: ['provider'] },
];

export const REFUND_TRANSITIONS: readonly Transition<RefundStatus, 'confirm' | 'refuse', MoneyParty>[] = [
  { from: 'pending', action: 'confirm', to: 'succeeded', who: ['provider'] },
  { from: 'pending', action: 'refuse', to: 'failed', who: ['system'] }, // the provider rejected the refund request
];

export const PAYMENT_STATES = stateTable('payment', PAYMENT_TRANSITIONS);
export const REFUND_STATES = stateTable('refund', REFUND_TRANSITIONS);
