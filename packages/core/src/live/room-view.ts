/** Read models of a room: the full Room everyone in it sees, and the host's dashboard (大屏). */
import type { Actor, CoreContext } from '../context.js';
import { productCardsByIds, type ProductCard } from '../catalog/index.js';
import { roomCoupons, type LiveCouponView } from '../coupons/index.js';
import { roomSales } from './flash-sales.js';
import { roomLuckyBags, type LuckyBagView } from './lucky-bags.js';
import { notRoomHost, type RoomStatus } from './live-rules.js';
import { conversionOf, gpmOf, type RoomCounters, type SeriesPoint } from './room-stats.js';
import { endRoom, hostViews, isRoomHost, loadRoom, type HostView, type RoomRow } from './rooms.js';
import { liveRuntime } from './runtime.js';
import type { FlashSaleView } from './sale-info.js';
import { hlsUrlOf } from './stream.js';

export interface BagItem extends ProductCard {
  source: string;
  skus: Array<{ id: string; specValues: string[]; priceFen: number; originalPriceFen: number | null; stock: number }>;
}

export interface PublicStats {
  online: number;
  cumulativeViewers: number;
  comments: number;
  likes: number;
}

export interface RoomView {
  id: string;
  title: string;
  status: RoomStatus;
  host: HostView;
  playback: { hlsUrl: string | null; fallbackVideoUrl: string | null };
  bag: BagItem[];
  pinned: BagItem | null;
  sales: FlashSaleView[];
  coupons: LiveCouponView[];
  luckyBags: LuckyBagView[];
  stats: PublicStats;
  createdAt: number;
  openedAt: number | null;
  endedAt: number | null;
}

async function bagItems(ctx: CoreContext, roomId: string): Promise<BagItem[]> {
  const rows = await ctx.db
    .selectFrom('live_bag_items')
    .select(['product_id', 'source'])
    .where('room_id', '=', roomId)
    .orderBy('added_at')
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.product_id);
  const cards = await productCardsByIds(ctx.db, ids, false);
  const skus = await ctx.db
    .selectFrom('skus')
    .select(['id', 'product_id', 'spec_values', 'price_fen', 'original_price_fen', 'stock'])
    .where('product_id', 'in', ids)
    .orderBy('id')
    .execute();
  const sourceOf = new Map(rows.map((r) => [r.product_id, r.source]));
  return cards.map((c) => ({
    ...c,
    source: sourceOf.get(c.id) ?? 'shop',
    skus: skus
      .filter((s) => s.product_id === c.id)
      .map((s) => ({
        id: s.id,
        specValues: JSON.parse(s.spec_values) as string[],
        priceFen: Number(s.price_fen),
        originalPriceFen: s.original_price_fen === null ? null : Number(s.original_price_fen),
        stock: Number(s.stock),
      })),
  }));
}

function persistedStats(room: RoomRow): (Partial<RoomCounters> & { series?: SeriesPoint[] }) | null {
  if (!room.stats) return null;
  try {
    return JSON.parse(room.stats) as Partial<RoomCounters> & { series?: SeriesPoint[] };
  } catch {
    return null;
  }
}

function publicStats(ctx: CoreContext, room: RoomRow): PublicStats {
  const saved = persistedStats(room);
  if (room.status === 'ended' && saved)
    return {
      online: 0,
      cumulativeViewers: saved.cumulativeViewers ?? 0,
      comments: saved.comments ?? 0,
      likes: saved.likes ?? 0,
    };
  const c = liveRuntime(ctx).stats(room.id).counters();
  return { online: c.online, cumulativeViewers: c.cumulativeViewers, comments: c.comments, likes: c.likes };
}

export async function roomView(ctx: CoreContext, roomId: string): Promise<RoomView> {
  const room = await loadRoom(ctx.db, roomId);
  const [hosts, bag, sales, coupons, luckyBags] = await Promise.all([
    hostViews(ctx.db, [room]),
    bagItems(ctx, roomId),
    roomSales(ctx, ctx.db, roomId),
    roomCoupons(ctx.db, roomId),
    roomLuckyBags(ctx.db, roomId),
  ]);
  return {
    id: room.id,
    title: room.title,
    status: room.status as RoomStatus,
    host: hosts.get(room.host_id) ?? {
      kind: room.host_kind as 'creator' | 'shop',
      id: room.host_id,
      name: '',
      avatarUrl: null,
    },
    playback: {
      hlsUrl: room.publishing === 1 && room.status === 'live' ? hlsUrlOf(room.id) : null,
      fallbackVideoUrl: room.fallback_video_url,
    },
    bag,
    pinned: bag.find((b) => b.id === room.pinned_product_id) ?? null,
    sales,
    coupons,
    luckyBags,
    stats: publicStats(ctx, room),
    createdAt: Number(room.created_at),
    openedAt: room.opened_at === null ? null : Number(room.opened_at),
    endedAt: room.ended_at === null ? null : Number(room.ended_at),
  };
}

export interface RoomStats {
  online: number;
  cumulativeViewers: number;
  comments: number;
  likes: number;
  orders: number;
  gmvFen: number;
  /** GMV per thousand viewers, fen. */
  gpm: number;
  /** Buyers / viewers, 0–1. */
  conversion: number;
  perProduct: Array<{ productId: string; title: string; soldQty: number; gmvFen: number; remaining: number }>;
  series: SeriesPoint[];
}

/** Orders and GMV from the database: every flash-sale order of the room that was not released, per product. */
/**
 * What the room sold: every order line credited to the room (a flash-sale order, or a purchase
 * from its bag or pinned card) for a product of its bag, in orders not cancelled. Goods only, after
 * any coupon: shipping is not the room's GMV.
 */
async function salesFigures(
  ctx: CoreContext,
  roomId: string,
): Promise<{ orders: number; gmvFen: number; buyers: number; perProduct: RoomStats['perProduct'] }> {
  const credited = ctx.db
    .selectFrom('order_lines as l')
    .innerJoin('orders as o', 'o.id', 'l.order_id')
    .innerJoin('live_bag_items as b', (j) => j.onRef('b.product_id', '=', 'l.product_id').on('b.room_id', '=', roomId))
    .where('l.attr_source', '=', 'live')
    .where('l.attr_content_id', '=', roomId)
    .where('o.status', '!=', 'cancelled');
  const [rows, totals] = await Promise.all([
    credited
      .innerJoin('products as p', 'p.id', 'l.product_id')
      .select((eb) => [
        'l.product_id',
        'p.title',
        eb.fn.sum<number>('l.quantity').as('qty'),
        eb.fn.sum<number>('l.line_total_fen').as('gmv'),
      ])
      .groupBy(['l.product_id', 'p.title'])
      .execute(),
    credited
      .select((eb) => [
        eb.fn.count<number>('o.id').distinct().as('orders'),
        eb.fn.count<number>('o.buyer_id').distinct().as('buyers'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  // Remaining: a running flash sale's units, else the product's stock.
  const sales = await roomSales(ctx, ctx.db, roomId);
  const remainingOf = new Map<string, number>();
  for (const s of sales)
    if (s.status !== 'ended') remainingOf.set(s.productId, (remainingOf.get(s.productId) ?? 0) + s.remaining);
  const plain = rows.map((r) => r.product_id).filter((id) => !remainingOf.has(id));
  if (plain.length) {
    const stock = await ctx.db
      .selectFrom('skus')
      .select((eb) => ['product_id', eb.fn.sum<number>('stock').as('stock')])
      .where('product_id', 'in', plain)
      .groupBy('product_id')
      .execute();
    for (const s of stock) remainingOf.set(s.product_id, Number(s.stock ?? 0));
  }
  return {
    orders: Number(totals.orders),
    gmvFen: rows.reduce((s, r) => s + Number(r.gmv ?? 0), 0),
    buyers: Number(totals.buyers),
    perProduct: rows.map((r) => ({
      productId: r.product_id,
      title: r.title,
      soldQty: Number(r.qty ?? 0),
      gmvFen: Number(r.gmv ?? 0),
      remaining: remainingOf.get(r.product_id) ?? 0,
    })),
  };
}

async function liveFigures(ctx: CoreContext, room: RoomRow): Promise<RoomStats> {
  const tracker = liveRuntime(ctx).stats(room.id);
  const c = tracker.counters();
  const sold = await salesFigures(ctx, room.id);
  tracker.syncSales(sold.orders, sold.gmvFen);
  return {
    online: c.online,
    cumulativeViewers: c.cumulativeViewers,
    comments: c.comments,
    likes: c.likes,
    orders: sold.orders,
    gmvFen: sold.gmvFen,
    gpm: gpmOf(sold.gmvFen, c.cumulativeViewers),
    conversion: conversionOf(sold.buyers, c.cumulativeViewers),
    perProduct: sold.perProduct,
    series: tracker.series,
  };
}

/** The host's dashboard, refreshed every second by the screen; an ended room shows the figures persisted at its end. */
export async function roomDashboard(ctx: CoreContext, actor: Actor, roomId: string): Promise<RoomStats> {
  const room = await loadRoom(ctx.db, roomId);
  if (!isRoomHost(actor, room)) throw notRoomHost();
  const saved = persistedStats(room);
  if (room.status === 'ended' && saved) return saved as RoomStats;
  return liveFigures(ctx, room);
}

/** Ends a room, persisting its figures. */
export async function endLiveRoom(ctx: CoreContext, actor: Actor, roomId: string): Promise<void> {
  await endRoom(ctx, actor, roomId, async () => {
    const figures = await liveFigures(ctx, await loadRoom(ctx.db, roomId));
    return { ...figures, online: 0 };
  });
  liveRuntime(ctx).forgetRoom(roomId);
}
