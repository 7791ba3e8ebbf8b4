/**
 * Live coupons in the room: the host releases them while the room is live, each viewer may claim
 * one while it is live, and every viewer sees the coupon's remaining count change. The coupon's
 * rows and the claim rule are the coupons module's (`coupons/coupon-store.ts`); this file checks
 * who may act on which room and tells the room.
 */
import type { Actor, CoreContext } from '../context.js';
import { couponRoom, insertCoupon, takeCouponClaim, type LiveCouponView } from '../coupons/index.js';
import { checkCoupon, roomNotLive, type CouponInput } from './live-rules.js';
import { loadRoom, requireHost } from './rooms.js';
import { liveRuntime } from './runtime.js';

export async function createCoupon(
  ctx: CoreContext,
  actor: Actor,
  roomId: string,
  input: CouponInput,
): Promise<LiveCouponView> {
  const room = await requireHost(ctx.db, actor, roomId);
  if (room.status !== 'live') throw roomNotLive(room.status);
  checkCoupon(input);
  const view = await insertCoupon(ctx.db, roomId, input, ctx.clock.now());
  liveRuntime(ctx).publish({ roomId, kind: 'coupon', coupon: view });
  return view;
}

export async function claimCoupon(
  ctx: CoreContext,
  actor: Actor,
  couponId: string,
): Promise<LiveCouponView & { claimed: true }> {
  const now = ctx.clock.now();
  const roomId = await couponRoom(ctx.db, couponId);
  const room = await loadRoom(ctx.db, roomId);
  if (room.status !== 'live') throw roomNotLive(room.status);
  const view = await takeCouponClaim(ctx.db, couponId, actor.userId, now);
  liveRuntime(ctx).publish({ roomId, kind: 'coupon', coupon: view });
  return { ...view, claimed: true };
}
