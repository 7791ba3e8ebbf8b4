/**
 * The after-sales state machines, one per case type, as one table of transitions: in this
 * status, this party may take this action, and the case moves to that status. Pure.
 */
import { stateTable, type StateTable } from '../platform/index.js';
import { CASE_TYPES, type CaseAction, type CaseStatus, type CaseType, type Party } from './case-types.js';

export interface CaseTransition {
  types: readonly CaseType[];
  from: CaseStatus;
  action: CaseAction;
  party: Party;
  to: CaseStatus;
}

const ALL = CASE_TYPES;
/** Types where approval means money at once. */
const REFUNDS: readonly CaseType[] = ['refund_unshipped', 'refund_only', 'fresh_claim'];
/** Types where the goods come back first. */
const RETURNS: readonly CaseType[] = ['return_refund', 'exchange'];

export const CASE_TRANSITIONS: readonly CaseTransition[] = [
  // The buyer asked; the merchant answers (or the deadline answers for it).
  { types: REFUNDS, from: 'requested', action: 'approve', party: 'merchant', to: 'refunded' },
  { types: RETURNS, from: 'requested', action: 'approve', party: 'merchant', to: 'awaiting_return' },
  { types: ALL, from: 'requested', action: 'reject', party: 'merchant', to: 'rejected' },
  { types: ['fresh_claim'], from: 'requested', action: 'counter', party: 'merchant', to: 'countered' },
  { types: ['refund_unshipped'], from: 'requested', action: 'fast_refund', party: 'system', to: 'refunded' },
  { types: REFUNDS, from: 'requested', action: 'auto_approve', party: 'system', to: 'refunded' },
  { types: RETURNS, from: 'requested', action: 'auto_approve', party: 'system', to: 'awaiting_return' },
  { types: ALL, from: 'requested', action: 'cancel', party: 'buyer', to: 'cancelled' },
  // A counter-offer (fresh-produce claims): the buyer takes it, escalates or withdraws; unanswered it lapses.
  { types: ['fresh_claim'], from: 'countered', action: 'accept_counter', party: 'buyer', to: 'refunded' },
  { types: ['fresh_claim'], from: 'countered', action: 'escalate', party: 'buyer', to: 'escalated' },
  { types: ['fresh_claim'], from: 'countered', action: 'cancel', party: 'buyer', to: 'cancelled' },
  { types: ['fresh_claim'], from: 'countered', action: 'counter_lapsed', party: 'system', to: 'closed' },
  // Returns: the buyer ships the goods back in time, or the case closes.
  { types: RETURNS, from: 'awaiting_return', action: 'ship_return', party: 'buyer', to: 'return_shipped' },
  { types: RETURNS, from: 'awaiting_return', action: 'cancel', party: 'buyer', to: 'cancelled' },
  { types: RETURNS, from: 'awaiting_return', action: 'return_ship_lapsed', party: 'system', to: 'closed' },
  // The returned parcel: the merchant confirms it (refund) or reships (exchange), or rejects it with a reason; unanswered, the buyer is refunded.
  { types: ['return_refund'], from: 'return_shipped', action: 'confirm_return', party: 'merchant', to: 'refunded' },
  { types: ['exchange'], from: 'return_shipped', action: 'reship', party: 'merchant', to: 'completed' },
  { types: RETURNS, from: 'return_shipped', action: 'reject_return', party: 'merchant', to: 'rejected' },
  { types: RETURNS, from: 'return_shipped', action: 'return_confirm_lapsed', party: 'system', to: 'refunded' },
  // A rejection may be escalated to the platform, which decides for good.
  { types: ALL, from: 'rejected', action: 'escalate', party: 'buyer', to: 'escalated' },
  { types: ALL, from: 'escalated', action: 'arbitrate_refund', party: 'admin', to: 'refunded' },
  { types: ALL, from: 'escalated', action: 'arbitrate_reject', party: 'admin', to: 'closed' },
];

/** Each case type's machine, read from the table (the rows of its type, with the party as `who`). */
export const CASE_STATES: Readonly<Record<CaseType, StateTable<CaseStatus, CaseAction, Party>>> = Object.fromEntries(
  CASE_TYPES.map((type) => [
    type,
    stateTable<CaseStatus, CaseAction, Party>(
      `${type} case`,
      CASE_TRANSITIONS.filter((x) => x.types.includes(type)).map((x) => ({
        from: x.from,
        action: x.action,
        to: x.to,
        who: [x.party],
      })),
      'ACTION_NOT_ALLOWED',
    ),
  ]),
) as Record<CaseType, StateTable<CaseStatus, CaseAction, Party>>;

const machineOf = (type: string): StateTable<CaseStatus, CaseAction, Party> | undefined =>
  Object.hasOwn(CASE_STATES, type) ? CASE_STATES[type as CaseType] : undefined;

/** The status the action leads to, or null when the table does not allow it. */
export function nextStatus(type: string, from: string, action: string, party: Party): CaseStatus | null {
  return machineOf(type)?.next(from, action as CaseAction, party) ?? null;
}

/** Actions the table allows this party in this status (in table order, no repeats). */
export function tableActions(type: string, status: string, party: Party): CaseAction[] {
  return machineOf(type)?.allowedActions(status, party) ?? [];
}
