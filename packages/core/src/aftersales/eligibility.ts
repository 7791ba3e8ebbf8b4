/**
 * Which case types a buyer may file on an order line now (pure): from the order's state, whether
 * the line shipped, what remains refundable, and the rules the line was sold under (its rule
 * snapshot: perishable, 7-day no-reason, the fresh-claim window, the after-sales window).
 */
import { type RuleProfile, parseOrderRules } from '../rules/index.js';
import { CASE_TYPES, NO_REASON_WINDOW_MS, type CaseType } from './case-types.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface LineFacts {
  orderStatus: string;
  deliveredAt: number | null;
  completedAt: number | null;
  lineShipped: boolean;
  refundableFen: number;
  perishable: boolean;
  rules: RuleProfile;
  /** Another case on this line is open. */
  openCase: boolean;
  /** A fresh-produce claim was filed on this line before (one claim per line, ever). */
  hadFreshClaim: boolean;
}

export type Verdict =
  | { ok: true }
  | { ok: false; code: 'NOT_ELIGIBLE' | 'CLAIM_WINDOW_CLOSED' | 'CASE_EXISTS'; message: string };

const OK: Verdict = { ok: true };
const no = (code: 'NOT_ELIGIBLE' | 'CLAIM_WINDOW_CLOSED' | 'CASE_EXISTS', message: string): Verdict => ({
  ok: false,
  code,
  message,
});

const SHIPPED_STATES = ['shipped', 'delivered', 'completed'];

/** May the buyer file a case of this type (with this reason, when known) on the line at `now`? */
export function checkEligibility(type: CaseType, reasonCode: string | null, f: LineFacts, now: number): Verdict {
  if (!['paid', ...SHIPPED_STATES].includes(f.orderStatus))
    return no('NOT_ELIGIBLE', `a ${f.orderStatus} order has no after-sales`);
  if (f.openCase) return no('CASE_EXISTS', 'this line already has an open after-sales case');
  if (type === 'fresh_claim' && f.hadFreshClaim)
    return no('CASE_EXISTS', 'a fresh-produce claim was already made on this line');
  if (f.refundableFen <= 0) return no('NOT_ELIGIBLE', 'this line has been refunded in full');
  if (type === 'refund_unshipped') {
    return f.orderStatus === 'paid' && !f.lineShipped
      ? OK
      : no('NOT_ELIGIBLE', 'the line has shipped: ask for a refund after shipping instead');
  }
  const shipped = f.lineShipped || SHIPPED_STATES.includes(f.orderStatus);
  if (!shipped) return no('NOT_ELIGIBLE', 'the line has not shipped: ask for a refund before shipping instead');
  if (
    f.orderStatus === 'completed' &&
    f.completedAt !== null &&
    now > f.completedAt + f.rules.settleWindowDays * DAY_MS
  ) {
    return no('CLAIM_WINDOW_CLOSED', 'the after-sales window of this order has passed');
  }
  if (type === 'fresh_claim') {
    if (!f.perishable) return no('NOT_ELIGIBLE', 'fresh-produce claims are for perishable goods only');
    if (reasonCode === 'no_reason') return no('NOT_ELIGIBLE', 'a fresh-produce claim needs a reason');
    if (f.deliveredAt === null) return no('NOT_ELIGIBLE', 'the goods have not been delivered yet');
    if (now > f.deliveredAt + f.rules.freshClaimHours * HOUR_MS)
      return no('CLAIM_WINDOW_CLOSED', `claims are accepted within ${f.rules.freshClaimHours} h of delivery`);
    return OK;
  }
  if (reasonCode === 'no_reason') {
    if (type === 'refund_only') return no('NOT_ELIGIBLE', 'a refund without return needs a reason');
    if (f.perishable || !f.rules.sevenDayNoReason)
      return no('NOT_ELIGIBLE', 'this item is not eligible for 7-day no-reason returns');
    if (f.deliveredAt === null) return no('NOT_ELIGIBLE', 'the goods have not been delivered yet');
    if (now > f.deliveredAt + NO_REASON_WINDOW_MS)
      return no('CLAIM_WINDOW_CLOSED', '7-day no-reason returns end 7 days after delivery');
  }
  return OK;
}

/** The types the buyer may file on the line now (for the order page's "申请售后" button). */
export function eligibleTypes(f: LineFacts, now: number): CaseType[] {
  return CASE_TYPES.filter((t) => checkEligibility(t, null, f, now).ok);
}

/** The rules a line was sold under: its own snapshot, else its order's (orders from before line snapshots); perishable goods never get 7-day no-reason returns. */
export function lineRuleProfile(
  lineRules: string | null,
  orderRules: string | null,
  perishableColumn: number,
): { rules: RuleProfile; perishable: boolean } {
  const rules = parseOrderRules(lineRules && lineRules !== '{}' ? lineRules : orderRules);
  const perishable = Number(perishableColumn) === 1 || rules.perishable;
  if (perishable) rules.sevenDayNoReason = false;
  return { rules, perishable };
}
