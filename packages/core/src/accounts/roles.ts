import { forbidden, notFound } from '../platform/index.js';
import type { Actor } from '../context.js';

export const GLOBAL_ROLES = ['shopper', 'creator', 'mcn', 'colonel', 'admin'] as const;
export type GlobalRole = (typeof GLOBAL_ROLES)[number];
export type Role = GlobalRole | 'merchant';

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.has(role);
}

export function requireRole(actor: Actor, role: Role): void {
  if (!actor.roles.has(role)) throw forbidden(`this needs the ${role} role`);
}

/**
 * A shop's rows are visible only to its members. Another shop's id answers NOT_FOUND, exactly as
 * an id that does not exist, so tenants cannot probe each other.
 */
export function requireShopMember(actor: Actor, shopId: string, what = 'shop'): 'owner' | 'staff' {
  const role = actor.shops.get(shopId);
  if (!role) throw notFound(what, shopId);
  return role;
}

export function requireShopOwner(actor: Actor, shopId: string): void {
  if (requireShopMember(actor, shopId) !== 'owner') throw forbidden('only the shop owner may do this');
}
