/**
 * The deadline each case status runs (pure): who must act, by when, under the rules the line was
 * sold under. The timers are keyed by case id; the handlers are in deadlines.ts.
 */
import { DEADLINE, DEADLINE_DAY_MS, DEADLINE_HOUR_MS, type RuleProfile } from '../rules/index.js';
import { COUNTER_REPLY_TIMER, ESCALATION_WINDOW_MS } from './case-types.js';

export interface CaseDeadline {
  kind: string;
  dueAt: number;
  /** The merchant must act (shown among the shop's countdowns); otherwise the buyer. */
  merchant: boolean;
}

export function caseDeadline(type: string, status: string, rules: RuleProfile, now: number): CaseDeadline | null {
  switch (status) {
    case 'requested':
      return type === 'refund_unshipped'
        ? { kind: DEADLINE.refundResponse, dueAt: now + rules.refundResponseHours * DEADLINE_HOUR_MS, merchant: true }
        : {
            kind: DEADLINE.afterSalesResponse,
            dueAt: now + rules.afterSalesResponseHours * DEADLINE_HOUR_MS,
            merchant: true,
          };
    case 'countered':
      return { kind: COUNTER_REPLY_TIMER, dueAt: now + ESCALATION_WINDOW_MS, merchant: false };
    case 'awaiting_return':
      return { kind: DEADLINE.returnShip, dueAt: now + rules.returnShipDays * DEADLINE_DAY_MS, merchant: false };
    case 'return_shipped':
      return { kind: DEADLINE.returnConfirm, dueAt: now + rules.returnConfirmHours * DEADLINE_HOUR_MS, merchant: true };
    default:
      return null;
  }
}

/** The system action a passed deadline takes on a case in `status` (null: the deadline lost its race; nothing to do). */
export function lapseAction(
  kind: string,
  status: string,
): 'auto_approve' | 'counter_lapsed' | 'return_ship_lapsed' | 'return_confirm_lapsed' | null {
  if ((kind === DEADLINE.refundResponse || kind === DEADLINE.afterSalesResponse) && status === 'requested')
    return 'auto_approve';
  if (kind === COUNTER_REPLY_TIMER && status === 'countered') return 'counter_lapsed';
  if (kind === DEADLINE.returnShip && status === 'awaiting_return') return 'return_ship_lapsed';
  if (kind === DEADLINE.returnConfirm && status === 'return_shipped') return 'return_confirm_lapsed';
  return null;
}
