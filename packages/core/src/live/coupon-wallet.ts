/**
 * The buyer's coupon wallet (我 → 优惠券): every live coupon they claimed, in three tabs — usable
 * (可使用), used (已使用, with the order it went to) and expired (已过期) — each with its amount,
 * minimum spend, scope (the room, its host and the products of its bag) and validity. The same
 * validity rule as checkout (`coupons/coupon-terms.ts`): good while the room is live and for a day after.
 */
import type { Actor, Db } from '../context.js';
import { invalid, isIdOf } from '../platform/index.js';
import { COUPON_VALID_AFTER_ROOM_MS } from '../coupons/index.js';
import { hostViews, loadRoom, type HostView } from './rooms.js';

export const WALLET_TABS = ['usable', 'used', 'expired'] as const;
export type WalletTab = (typeof WALLET_TABS)[number];
export const WALLET_PAGE_MAX = 50;
/** How many of a coupon's products are named in the wallet; the rest are counted. */
export const WALLET_PRODUCTS_NAMED = 3;

export interface WalletCoupon {
  couponId: string;
  tab: WalletTab;
  amountFen: number;
  minSpendFen: number;
  scope: {
    roomId: string;
    roomTitle: string;
    host: HostView | null;
    /** The first products of the room's bag, by name. */
    products: Array<{ id: string; title: string }>;
    productCount: number;
  };
  claimedAt: number;
  /** Until when it can be spent; null while its room is still live (good until a day after it ends). */
  validUntil: number | null;
  roomLive: boolean;
  usedOrderId: string | null;
  usedAt: number | null;
}

/** Which tab a claim belongs in (pure). */
export function walletTab(
  claim: { usedOrderId: string | null },
  room: { status: string; endedAt: number | null },
  now: number,
): WalletTab {
  if (claim.usedOrderId !== null) return 'used';
  if (room.status === 'live') return 'usable';
  return room.endedAt !== null && now <= room.endedAt + COUPON_VALID_AFTER_ROOM_MS ? 'usable' : 'expired';
}

/** One tab of the buyer's wallet, newest coupon first, keyset-paginated by coupon id. */
export async function couponWallet(
  db: Db,
  actor: Actor,
  q: { tab: WalletTab; cursor?: string | undefined; limit?: number | undefined },
  now: number,
): Promise<{ items: WalletCoupon[]; nextCursor: string | null }> {
  if (!WALLET_TABS.includes(q.tab)) throw invalid(`tab must be one of ${WALLET_TABS.join(', ')}`, { field: 'tab' });
  const limit = q.limit ?? 20;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > WALLET_PAGE_MAX)
    throw invalid(`limit must be 1–${WALLET_PAGE_MAX}`, { field: 'limit' });
  if (q.cursor !== undefined && !isIdOf('liveCoupon', q.cursor))
    throw invalid('this cursor is not one we issued', { field: 'cursor' });
  const freshSince = now - COUPON_VALID_AFTER_ROOM_MS;
  let query = db
    .selectFrom('live_coupon_claims as c')
    .innerJoin('live_coupons as k', 'k.id', 'c.coupon_id')
    .innerJoin('live_rooms as r', 'r.id', 'k.room_id')
    .select([
      'k.id',
      'k.room_id',
      'k.amount_fen',
      'k.min_spend_fen',
      'c.claimed_at',
      'c.used_order_id',
      'c.used_at',
      'r.title',
      'r.status',
      'r.ended_at',
      'r.host_kind',
      'r.host_id',
    ])
    .where('c.user_id', '=', actor.userId);
  // The SQL form of walletTab, so that each tab pages on its own.
  if (q.tab === 'used') query = query.where('c.used_order_id', 'is not', null);
  else if (q.tab === 'usable')
    query = query
      .where('c.used_order_id', 'is', null)
      .where((eb) => eb.or([eb('r.status', '=', 'live'), eb('r.ended_at', '>=', freshSince)]));
  else
    query = query
      .where('c.used_order_id', 'is', null)
      .where('r.status', '<>', 'live')
      .where((eb) => eb.or([eb('r.ended_at', 'is', null), eb('r.ended_at', '<', freshSince)]));
  if (q.cursor !== undefined) query = query.where('k.id', '<', q.cursor);
  const rows = await query
    .orderBy('k.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const roomIds = [...new Set(page.map((r) => r.room_id))];
  const [hosts, bags] = await Promise.all([
    hostViews(db, page),
    roomIds.length
      ? db
          .selectFrom('live_bag_items as b')
          .innerJoin('products as p', 'p.id', 'b.product_id')
          .select(['b.room_id', 'p.id', 'p.title'])
          .where('b.room_id', 'in', roomIds)
          .orderBy('b.added_at')
          .execute()
      : Promise.resolve([]),
  ]);
  const items = page.map((r): WalletCoupon => {
    const bag = bags.filter((b) => b.room_id === r.room_id);
    const endedAt = r.ended_at === null ? null : Number(r.ended_at);
    const usedOrderId = r.used_order_id;
    return {
      couponId: r.id,
      tab: walletTab({ usedOrderId }, { status: r.status, endedAt }, now),
      amountFen: Number(r.amount_fen),
      minSpendFen: Number(r.min_spend_fen),
      scope: {
        roomId: r.room_id,
        roomTitle: r.title,
        host: hosts.get(r.host_id) ?? null,
        products: bag.slice(0, WALLET_PRODUCTS_NAMED).map((b) => ({ id: b.id, title: b.title })),
        productCount: bag.length,
      },
      claimedAt: Number(r.claimed_at),
      validUntil: r.status === 'live' ? null : (endedAt ?? 0) + COUPON_VALID_AFTER_ROOM_MS,
      roomLive: r.status === 'live',
      usedOrderId,
      usedAt: r.used_at === null ? null : Number(r.used_at),
    };
  });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? last.id : null };
}

/** The coupons of a room the buyer has claimed (used or not), so the room shows them as 已领取; 404 for an unknown room. */
export async function claimedInRoom(db: Db, actor: Actor, roomId: string): Promise<string[]> {
  await loadRoom(db, roomId);
  const rows = await db
    .selectFrom('live_coupon_claims as c')
    .innerJoin('live_coupons as k', 'k.id', 'c.coupon_id')
    .select('k.id')
    .where('c.user_id', '=', actor.userId)
    .where('k.room_id', '=', roomId)
    .orderBy('k.id', 'desc')
    .execute();
  return rows.map((r) => r.id);
}
