/**
 * A payout (提现) as a state machine: requested, handed to the provider (submitted), then paid or
 * returned. The provider's notification may overtake our own record of the submission, so it
 * settles a requested payout too. Pure.
 */
import { stateTable, type Transition } from '../platform/index.js';

import type { PayoutStatus } from '../storage/index.js';

export type { PayoutStatus };
export type PayoutAction = 'submit' | 'give_up' | 'succeed' | 'fail';
/** system: this platform's payout worker; provider: the payout provider's notification. */
export type PayoutParty = 'system' | 'provider';

export const PAYOUT_TRANSITIONS: readonly Transition<PayoutStatus, PayoutAction, PayoutParty>[] = [
  { from: 'requested', action: 'submit', to: 'submitted', who: ['system'] },
  { from: 'requested', action: 'give_up', to: 'failed', who: ['system'] }, // the provider never accepted it
  { from: 'requested', action: 'succeed', to: 'succeeded', who: ['provider'] },
  { from: 'submitted', action: 'succeed', to: 'succeeded', who: ['provider'] },
  { from: 'requested', action: 'fail', to: 'failed', who: ['provider'] },
  { from: 'submitted', action: 'fail', to: 'failed', who: ['provider'] },
];

export const PAYOUT_STATES = stateTable('payout', PAYOUT_TRANSITIONS);
