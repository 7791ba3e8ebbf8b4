/**
 * Handlers of the after-sales deadlines (timers keyed by case id): a refund or after-sales
 * request the merchant did not answer is approved, a return the buyer did not ship closes the
 * case, a returned parcel the merchant did not confirm is refunded, a counter-offer the buyer
 * did not answer lapses. Each re-checks the case: a deadline that lost its race does nothing.
 */
import type { TimerRegistry } from '../timers/index.js';
import { DEADLINE } from '../rules/index.js';
import { applyAction } from './case-engine.js';
import { lapseAction } from './case-deadlines.js';
import { COUNTER_REPLY_TIMER } from './case-types.js';
import { loadCase } from './case-store.js';

export const AFTERSALES_TIMER_KINDS: readonly string[] = [
  DEADLINE.refundResponse,
  DEADLINE.afterSalesResponse,
  DEADLINE.returnShip,
  DEADLINE.returnConfirm,
  COUNTER_REPLY_TIMER,
];

/** Registers the after-sales deadline handlers (once per registry). */
export function registerAftersalesDeadlines(registry: TimerRegistry): TimerRegistry {
  for (const kind of AFTERSALES_TIMER_KINDS) {
    registry.register(kind, async (tx, timer, now) => {
      const c = await loadCase(tx, timer.subjectId);
      if (!c) return;
      const action = lapseAction(kind, c.status);
      if (action) await applyAction(tx, c, action, 'system', null, {}, now);
    });
  }
  return registry;
}
