/**
 * Spending live coupons: a claimed coupon is used at checkout on products of its room's bag, once;
 * it is good while the room is live and for a day after it ends. An order cancelled before payment
 * gives the coupon back; a refund after payment does not (as on the big platforms).
 */
import type { Db, Tx } from '../context.js';
import { DomainError } from '../platform/index.js';
import { couponValidUntil as validUntil, type CouponTerms } from './coupon-terms.js';

export interface CouponForCheckout extends CouponTerms {
  couponId: string;
  roomId: string;
}

/** A buyer's claims with their coupon and its room. */
function claimsOf(db: Db | Tx, buyerId: string) {
  return db
    .selectFrom('live_coupon_claims as c')
    .innerJoin('live_coupons as k', 'k.id', 'c.coupon_id')
    .innerJoin('live_rooms as r', 'r.id', 'k.room_id')
    .select([
      'k.id',
      'k.room_id',
      'k.amount_fen',
      'k.min_spend_fen',
      'c.used_order_id',
      'r.title',
      'r.status',
      'r.ended_at',
    ])
    .where('c.user_id', '=', buyerId);
}

/** The buyer's claimed, unused coupon with the products it applies to; 404 when not theirs, 409 when used or expired. */
export async function couponForCheckout(
  tx: Tx,
  buyerId: string,
  couponId: string,
  now: number,
): Promise<CouponForCheckout> {
  const row = await claimsOf(tx, buyerId).where('c.coupon_id', '=', couponId).executeTakeFirst();
  if (!row) throw new DomainError('COUPON_NOT_CLAIMED', 'claim this coupon in its live room first', { couponId });
  if (row.used_order_id !== null)
    throw new DomainError('COUPON_USED', 'this coupon has already been used', { couponId });
  if (now > validUntil(row)) throw new DomainError('COUPON_EXPIRED', 'this coupon has expired', { couponId });
  const bag = await tx.selectFrom('live_bag_items').select('product_id').where('room_id', '=', row.room_id).execute();
  return {
    couponId: row.id,
    roomId: row.room_id,
    amountFen: Number(row.amount_fen),
    minSpendFen: Number(row.min_spend_fen),
    productIds: new Set(bag.map((b) => b.product_id)),
  };
}

/** Records the coupon as spent on the order; a concurrent checkout that spent it first makes this one fail (and roll back). */
export async function spendCoupon(
  tx: Tx,
  buyerId: string,
  couponId: string,
  orderId: string,
  now: number,
): Promise<void> {
  const res = await tx
    .updateTable('live_coupon_claims')
    .set({ used_order_id: orderId, used_at: now })
    .where('coupon_id', '=', couponId)
    .where('user_id', '=', buyerId)
    .where('used_order_id', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1)
    throw new DomainError('COUPON_USED', 'this coupon has already been used', { couponId });
}

/** The order was cancelled before payment: its coupon may be used again. */
export async function giveBackCoupon(tx: Tx, orderId: string): Promise<void> {
  await tx
    .updateTable('live_coupon_claims')
    .set({ used_order_id: null, used_at: null })
    .where('used_order_id', '=', orderId)
    .execute();
}

export interface MyLiveCoupon {
  couponId: string;
  roomId: string;
  roomTitle: string;
  amountFen: number;
  minSpendFen: number;
  productIds: string[];
  validUntil: number | null;
}

/** The buyer's claimed coupons that can still be spent, best first. */
export async function usableCoupons(db: Db, buyerId: string, now: number): Promise<MyLiveCoupon[]> {
  const rows = await claimsOf(db, buyerId)
    .where('c.used_order_id', 'is', null)
    .orderBy('c.claimed_at', 'desc')
    .limit(100)
    .execute();
  const live = rows.filter((r) => now <= validUntil(r));
  const roomIds = [...new Set(live.map((r) => r.room_id))];
  const bags = roomIds.length
    ? await db.selectFrom('live_bag_items').select(['room_id', 'product_id']).where('room_id', 'in', roomIds).execute()
    : [];
  return live
    .map((r) => {
      const until = validUntil(r);
      return {
        couponId: r.id,
        roomId: r.room_id,
        roomTitle: r.title,
        amountFen: Number(r.amount_fen),
        minSpendFen: Number(r.min_spend_fen),
        productIds: bags.filter((b) => b.room_id === r.room_id).map((b) => b.product_id),
        validUntil: Number.isFinite(until) ? until : null,
      };
    })
    .sort((a, b) => b.amountFen - a.amountFen);
}
