/** Violation points (违规积分) a shop collects when it breaks a platform rule; one row per rule and subject. */
import type { Actor, Db, Tx } from '../context.js';
import { notFound } from '../platform/errors.js';
import { insertRows } from '../storage/insert-rows.js';

/** Records a violation once per (shop, rule, subject); returns whether it was new. */
export async function addViolation(tx: Tx, v: { shopId: string; rule: string; subjectId: string; milliPoints: number; detail: Record<string, unknown> }, now: number): Promise<boolean> {
  const n = await insertRows(tx, 'shop_violations', [{ shop_id: v.shopId, rule: v.rule, subject_id: v.subjectId, milli_points: v.milliPoints, detail: JSON.stringify(v.detail), created_at: now }], { onConflictDoNothing: ['shop_id', 'rule', 'subject_id'] });
  return n === 1;
}

export interface ShopViolationsView {
  /** Total points (e.g. 0.3). */
  points: number;
  milliPoints: number;
  items: Array<{ rule: string; subjectId: string; points: number; detail: Record<string, unknown>; at: number }>;
}

/** A shop's violations, newest first (members of the shop and admins). */
export async function shopViolations(db: Db, actor: Actor, shopId: string, limit = 100): Promise<ShopViolationsView> {
  if (!actor.shops.has(shopId) && !actor.roles.has('admin')) throw notFound('shop', shopId);
  const [total, rows] = await Promise.all([
    db.selectFrom('shop_violations').select((eb) => eb.fn.sum<number>('milli_points').as('m')).where('shop_id', '=', shopId).executeTakeFirst(),
    db.selectFrom('shop_violations').selectAll().where('shop_id', '=', shopId).orderBy('created_at', 'desc').orderBy('subject_id', 'desc').limit(limit).execute(),
  ]);
  const milli = Number(total?.m ?? 0);
  return {
    points: milli / 1000,
    milliPoints: milli,
    items: rows.map((r) => ({ rule: r.rule, subjectId: r.subject_id, points: Number(r.milli_points) / 1000, detail: JSON.parse(r.detail) as Record<string, unknown>, at: Number(r.created_at) })),
  };
}
