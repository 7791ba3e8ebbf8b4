/**
 * Live coupons' rows: the host releases a number of coupons (an amount off above a minimum spend) in
 * a room; each viewer may claim one. Claims are a unique row plus a conditional decrement, so a
 * coupon is never given out more often than its quantity. Whether the caller may release or claim
 * (the host, the room live) and telling the room's viewers is the live room's part (`live/coupons.ts`).
 */
import type { Db } from '../context.js';
import { DomainError, newId } from '../platform/index.js';
import { insertRows } from '../storage/index.js';

export interface LiveCouponView {
  id: string;
  roomId: string;
  amountFen: number;
  minSpendFen: number;
  quantity: number;
  remaining: number;
}

const toView = (r: {
  id: string;
  room_id: string;
  amount_fen: number;
  min_spend_fen: number;
  quantity: number;
  remaining: number;
}): LiveCouponView => ({
  id: r.id,
  roomId: r.room_id,
  amountFen: Number(r.amount_fen),
  minSpendFen: Number(r.min_spend_fen),
  quantity: Number(r.quantity),
  remaining: Number(r.remaining),
});

export async function roomCoupons(db: Db, roomId: string): Promise<LiveCouponView[]> {
  const rows = await db
    .selectFrom('live_coupons')
    .selectAll()
    .where('room_id', '=', roomId)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return rows.map(toView);
}

/** Writes a released coupon (terms already checked, the room already checked to be the caller's and live). */
export async function insertCoupon(
  db: Db,
  roomId: string,
  terms: { amountFen: number; minSpendFen: number; quantity: number },
  now: number,
): Promise<LiveCouponView> {
  const row = {
    id: newId('liveCoupon', now),
    room_id: roomId,
    amount_fen: terms.amountFen,
    min_spend_fen: terms.minSpendFen,
    quantity: terms.quantity,
    remaining: terms.quantity,
    created_at: now,
  };
  await db.insertInto('live_coupons').values(row).execute();
  return toView(row);
}

/** The coupon's room; 404 when there is no such coupon. */
export async function couponRoom(db: Db, couponId: string): Promise<string> {
  const coupon = await db.selectFrom('live_coupons').select('room_id').where('id', '=', couponId).executeTakeFirst();
  if (!coupon) throw new DomainError('NOT_FOUND', 'coupon not found', { what: 'coupon', id: couponId });
  return coupon.room_id;
}

/** One claim per person, never beyond the quantity (409 COUPON_ALREADY_CLAIMED, COUPON_GONE); the coupon after it. */
export async function takeCouponClaim(db: Db, couponId: string, userId: string, now: number): Promise<LiveCouponView> {
  return db.transaction().execute(async (tx) => {
    const claimed = await insertRows(
      tx,
      'live_coupon_claims',
      [{ coupon_id: couponId, user_id: userId, claimed_at: now }],
      { onConflictDoNothing: ['coupon_id', 'user_id'] },
    );
    if (claimed !== 1) throw new DomainError('COUPON_ALREADY_CLAIMED', 'you already claimed this coupon');
    const res = await tx
      .updateTable('live_coupons')
      .set((eb) => ({ remaining: eb('remaining', '-', 1) }))
      .where('id', '=', couponId)
      .where('remaining', '>=', 1)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError('COUPON_GONE', 'all coupons have been claimed');
    return toView(await tx.selectFrom('live_coupons').selectAll().where('id', '=', couponId).executeTakeFirstOrThrow());
  });
}
