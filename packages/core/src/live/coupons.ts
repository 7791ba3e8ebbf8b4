/**
 * Live coupons: the host releases a number of coupons (an amount off above a minimum spend) in
 * the room; each viewer may claim one while the room is live. Claims are a unique row plus a
 * conditional decrement, so a coupon is never given out more often than its quantity.
 */
import type { Actor, CoreContext, Db } from '../context.js';
import { DomainError, newId } from '../platform/index.js';
import { insertRows } from '../storage/index.js';
import { checkCoupon, roomNotLive, type CouponInput } from './live-rules.js';
import { loadRoom, requireHost } from './rooms.js';
import { liveRuntime } from './runtime.js';

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

export async function createCoupon(
  ctx: CoreContext,
  actor: Actor,
  roomId: string,
  input: CouponInput,
): Promise<LiveCouponView> {
  const room = await requireHost(ctx.db, actor, roomId);
  if (room.status !== 'live') throw roomNotLive(room.status);
  checkCoupon(input);
  const now = ctx.clock.now();
  const row = {
    id: newId('liveCoupon', now),
    room_id: roomId,
    amount_fen: input.amountFen,
    min_spend_fen: input.minSpendFen,
    quantity: input.quantity,
    remaining: input.quantity,
    created_at: now,
  };
  await ctx.db.insertInto('live_coupons').values(row).execute();
  const view = toView(row);
  liveRuntime(ctx).publish({ roomId, kind: 'coupon', coupon: view });
  return view;
}

export async function claimCoupon(
  ctx: CoreContext,
  actor: Actor,
  couponId: string,
): Promise<LiveCouponView & { claimed: true }> {
  const now = ctx.clock.now();
  const coupon = await ctx.db.selectFrom('live_coupons').selectAll().where('id', '=', couponId).executeTakeFirst();
  if (!coupon) throw new DomainError('NOT_FOUND', 'coupon not found', { what: 'coupon', id: couponId });
  const room = await loadRoom(ctx.db, coupon.room_id);
  if (room.status !== 'live') throw roomNotLive(room.status);
  const view = await ctx.db.transaction().execute(async (tx) => {
    const claimed = await insertRows(
      tx,
      'live_coupon_claims',
      [{ coupon_id: couponId, user_id: actor.userId, claimed_at: now }],
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
  liveRuntime(ctx).publish({ roomId: coupon.room_id, kind: 'coupon', coupon: view });
  return { ...view, claimed: true };
}
