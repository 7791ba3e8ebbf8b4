/**
 * Who may see and move which ledger account: a shop's accounts belong to its members (only the
 * owner withdraws), a person's creator / MCN / colonel accounts to that person, and admins see
 * everything (but withdraw nobody's money). Anything else answers NOT_FOUND, like an unknown id.
 */
import type { Actor } from '../context.js';
import { notFound } from '../platform/index.js';
import { PAYABLE_KINDS, parseAccountId, type PayableKind } from './accounts.js';

const SHOP_KINDS = new Set(['clearing', 'merchant_available', 'ad_balance']);
const PERSON_KINDS = new Set(['creator_available', 'mcn_available', 'colonel_available', 'creator_ad_balance']);

export function canView(actor: Actor, account: string): boolean {
  const a = parseAccountId(account);
  if (!a) return false;
  if (actor.roles.has('admin')) return true;
  if (!a.ownerId) return false;
  if (SHOP_KINDS.has(a.kind)) return actor.shops.has(a.ownerId);
  if (PERSON_KINDS.has(a.kind)) return a.ownerId === actor.userId;
  return false;
}

/** The account if the actor may withdraw from it (shop owner, or the person themself). */
export function requireWithdrawable(actor: Actor, account: string): { kind: PayableKind; ownerId: string } {
  const a = parseAccountId(account);
  if (!a?.ownerId || !(PAYABLE_KINDS as readonly string[]).includes(a.kind)) throw notFound('account', account);
  const ok = a.kind === 'merchant_available' ? actor.shops.get(a.ownerId) === 'owner' : a.ownerId === actor.userId;
  if (!ok) throw notFound('account', account);
  return { kind: a.kind as PayableKind, ownerId: a.ownerId };
}

export function requireViewable(actor: Actor, account: string): void {
  if (!canView(actor, account)) throw notFound('account', account);
}

/** The accounts an actor holds (whether or not they have moved yet). */
export function accountsOf(actor: Actor): string[] {
  const out: string[] = [];
  for (const shopId of [...actor.shops.keys()].sort()) out.push(`clearing:${shopId}`, `merchant_available:${shopId}`);
  if (actor.roles.has('creator')) out.push(`creator_available:${actor.userId}`);
  if (actor.roles.has('mcn')) out.push(`mcn_available:${actor.userId}`);
  if (actor.roles.has('colonel')) out.push(`colonel_available:${actor.userId}`);
  return out;
}
