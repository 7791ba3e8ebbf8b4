/** An MCN contract as a state machine: proposed by the MCN, accepted or declined by the creator (or withdrawn by the MCN), ended by either side. Pure. */
import { stateTable, type Transition } from '../platform/index.js';
import type { ContractStatus } from '../storage/index.js';

export type { ContractStatus };
export type ContractAction = 'accept' | 'decline' | 'withdraw' | 'end';
export type ContractParty = 'mcn' | 'creator';

export const CONTRACT_TRANSITIONS: readonly Transition<ContractStatus, ContractAction, ContractParty>[] = [
  { from: 'proposed', action: 'accept', to: 'active', who: ['creator'] },
  { from: 'proposed', action: 'decline', to: 'declined', who: ['creator'] },
  { from: 'proposed', action: 'withdraw', to: 'declined', who: ['mcn'] },
  { from: 'active', action: 'end', to: 'ended', who: ['mcn', 'creator'] },
];

export const CONTRACT_STATES = stateTable('contract', CONTRACT_TRANSITIONS);
