/**
 * What a product's sale looks like under surge protection (pure). The merchant picks a policy per
 * product; it applies once the shop's pressure nears the limit. Whatever the policy, a product is
 * never sold with a promise the projection says cannot be met: past the limit a `warn` product is
 * sold as pre-sale with the projected date (a warning alone would sell a broken promise).
 */
import { HOUR_MS } from '../platform/index.js';

export const SURGE_POLICIES = ['warn', 'presale', 'pause'] as const;
export type SurgePolicy = (typeof SURGE_POLICIES)[number];
export const DEFAULT_SURGE_POLICY: SurgePolicy = 'warn';

/** Pressure from which the policy applies (the console warns from here too). */
export const NEAR_LIMIT = 0.8;

export type SalePromise = { kind: 'in_stock'; shipWithinHours: number } | { kind: 'presale'; shipBy: number };

export type SaleDecision = { sale: 'open'; promise: SalePromise; warning: boolean } | { sale: 'paused' };

export interface SaleInput {
  policy: SurgePolicy;
  /** The product's usual promise: ships within this many hours of payment. */
  shipByHours: number;
  now: number;
  /** From the projection: when an order placed now would ship, and the shop's pressure. */
  newOrderShipAt: number;
  pressure: number;
}

export function isSurgePolicy(v: unknown): v is SurgePolicy {
  return typeof v === 'string' && (SURGE_POLICIES as readonly string[]).includes(v);
}

export function decideSale(input: SaleInput): SaleDecision {
  const inStock: SalePromise = { kind: 'in_stock', shipWithinHours: input.shipByHours };
  // Payment comes after checkout, so the in-stock deadline is at least this late.
  const fits = input.newOrderShipAt <= input.now + input.shipByHours * HOUR_MS;
  const near = input.pressure >= NEAR_LIMIT || !fits;
  const presale: SaleDecision = {
    sale: 'open',
    promise: { kind: 'presale', shipBy: input.newOrderShipAt },
    warning: true,
  };
  if (!Number.isFinite(input.newOrderShipAt)) return { sale: 'paused' };
  switch (input.policy) {
    case 'pause':
      return near ? { sale: 'paused' } : { sale: 'open', promise: inStock, warning: false };
    case 'presale':
      return near ? presale : { sale: 'open', promise: inStock, warning: false };
    case 'warn':
      return fits ? { sale: 'open', promise: inStock, warning: near } : presale;
  }
}
