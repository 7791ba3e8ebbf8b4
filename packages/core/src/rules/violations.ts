/** A shop's violation points (违规积分) in the fulfilment card's shape; the violations module keeps them. */
import type { Actor, Db } from '../context.js';
import { notFound } from '../platform/index.js';
import { shopPointRecords } from '../violations/index.js';

export interface ShopViolationsView {
  /** Total points in force (e.g. 0.3). */
  points: number;
  milliPoints: number;
  items: Array<{ rule: string; subjectId: string; points: number; detail: Record<string, unknown>; at: number }>;
}

/** A shop's violations, newest first (members of the shop and admins). */
export async function shopViolations(
  db: Db,
  actor: Actor,
  shopId: string,
  limit = 100,
  now: number = Date.now(),
): Promise<ShopViolationsView> {
  if (!actor.shops.has(shopId) && !actor.roles.has('admin')) throw notFound('shop', shopId);
  const r = await shopPointRecords(db, shopId, now, limit);
  return {
    points: r.milliPoints / 1000,
    milliPoints: r.milliPoints,
    items: r.items.map((i) => ({
      rule: i.rule,
      subjectId: i.refId,
      points: i.milliPoints / 1000,
      detail: i.detail,
      at: i.at,
    })),
  };
}
