/** The merchant console's 首页: today's figures, the last 7 days and the oldest orders waiting to ship. */
import { sql } from 'kysely';
import type { Actor, Db } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import { awaitingShipment, shipmentCounts, type AwaitingShipment } from '../rules/index.js';
import { dayLabel, lastDays, shanghaiDayStart, DAY_MS } from './shanghai-days.js';

export interface ShopDashboard {
  /** toShip and overdue are all the shop's paid, unshipped orders (not only today's); overdue as 履约中心 counts it. */
  today: { orders: number; paidOrders: number; gmvFen: number; toShip: number; overdue: number; refundsFen: number };
  last7Days: Array<{ day: string; orders: number; gmvFen: number }>;
  /** The most urgent paid, unshipped orders first; shipByAt is the promise stored on the order (a pre-sale date included). */
  toShipOldest: AwaitingShipment[];
}

const URGENT_LIMIT = 5;

/** Day number (Asia/Shanghai) of an epoch-ms column, computed in SQL on both dialects. */
const dayOf = (column: 'created_at' | 'paid_at') =>
  sql<number>`(${sql.ref(column)} + ${sql.lit(8 * 3_600_000)}) / ${sql.lit(DAY_MS)}`;

export async function shopDashboard(db: Db, actor: Actor, shopId: string, now: number): Promise<ShopDashboard> {
  requireShopMember(actor, shopId);
  const days = lastDays(now, 7);
  const since = shanghaiDayStart(now) - 6 * DAY_MS;
  const todayStart = shanghaiDayStart(now);

  const created = await db
    .selectFrom('orders')
    .select([dayOf('created_at').as('day'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('shop_id', '=', shopId)
    .where('created_at', '>=', since)
    .groupBy(dayOf('created_at'))
    .execute();
  const paid = await db
    .selectFrom('orders')
    .select([
      dayOf('paid_at').as('day'),
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('total_fen').as('fen'),
    ])
    .where('shop_id', '=', shopId)
    .where('paid_at', '>=', since)
    .where('status', '!=', 'cancelled')
    .groupBy(dayOf('paid_at'))
    .execute();
  const toShip = await shipmentCounts(db, shopId, now);
  const refunds = await db
    .selectFrom('refunds')
    .innerJoin('orders', 'orders.id', 'refunds.order_id')
    .select((eb) => eb.fn.sum<number>('refunds.amount_fen').as('fen'))
    .where('orders.shop_id', '=', shopId)
    .where('refunds.created_at', '>=', todayStart)
    .where('refunds.status', '!=', 'failed')
    .executeTakeFirst();
  const urgent = await awaitingShipment(db, shopId, now, URGENT_LIMIT);

  const createdBy = new Map(created.map((r) => [Number(r.day), Number(r.n)]));
  const paidBy = new Map(paid.map((r) => [Number(r.day), { n: Number(r.n), fen: Number(r.fen ?? 0) }]));
  const today = days[days.length - 1]!;
  return {
    today: {
      orders: createdBy.get(today) ?? 0,
      paidOrders: paidBy.get(today)?.n ?? 0,
      gmvFen: paidBy.get(today)?.fen ?? 0,
      toShip: toShip.toShip,
      overdue: toShip.overdue,
      refundsFen: Number(refunds?.fen ?? 0),
    },
    last7Days: days.map((d) => ({ day: dayLabel(d), orders: createdBy.get(d) ?? 0, gmvFen: paidBy.get(d)?.fen ?? 0 })),
    toShipOldest: urgent,
  };
}
