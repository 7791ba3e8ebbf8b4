/** Late-shipment compensation (pure): a share of the paid amount, between a floor and a cap, never above what was paid. */
import type { LateShipmentRule } from './profile.js';

/** Fen owed to the buyer of an order paid `paidFen` that shipped late. Rounds half up. */
export function lateShipmentCompensationFen(paidFen: number, rule: LateShipmentRule): number {
  if (!Number.isSafeInteger(paidFen) || paidFen <= 0) return 0;
  const share = Math.floor((paidFen * rule.compensationBp + 5_000) / 10_000);
  const bounded = Math.min(rule.maxFen, Math.max(rule.minFen, share));
  return Math.min(bounded, paidFen);
}
