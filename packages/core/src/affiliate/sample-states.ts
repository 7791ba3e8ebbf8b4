/** A creator's sample request as a state machine: the merchant answers it, or the creator withdraws it while it waits. Pure. */
import { stateTable, type Transition } from '../platform/index.js';
import type { SampleStatus } from '../storage/index.js';

export type { SampleStatus };
export type SampleAction = 'approve' | 'reject' | 'cancel';
export type SampleParty = 'merchant' | 'creator';

export const SAMPLE_STATUSES: readonly SampleStatus[] = ['requested', 'approved', 'rejected', 'cancelled'];
export const isSampleStatus = (s: string): s is SampleStatus => (SAMPLE_STATUSES as readonly string[]).includes(s);

export const SAMPLE_TRANSITIONS: readonly Transition<SampleStatus, SampleAction, SampleParty>[] = [
  { from: 'requested', action: 'approve', to: 'approved', who: ['merchant'] }, // a zero-price order is created
  { from: 'requested', action: 'reject', to: 'rejected', who: ['merchant'] }, // with a reason
  { from: 'requested', action: 'cancel', to: 'cancelled', who: ['creator'] },
];

/** Answered or withdrawn requests refuse with SAMPLE_NOT_WAITING. */
export const SAMPLE_STATES = stateTable('sample request', SAMPLE_TRANSITIONS, 'SAMPLE_NOT_WAITING');
