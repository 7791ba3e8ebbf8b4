/**
 * Orders waiting to ship and when each is overdue: the one definition every screen reads (the
 * merchant's 首页 and 履约中心 alike). An order is overdue once it is still paid and unshipped
 * after its ship-by time (the promise stored on the order when it was paid, a pre-sale date
 * included); it stays overdue until it ships, also after the late-shipment rule was applied.
 */
import { sql } from 'kysely';
import type { Db } from '../context.js';

export interface ShipByFacts {
  status: string;
  shipByAt: number | null;
}

/** Milliseconds past the ship-by time (0 at the deadline itself), or null while not overdue or not waiting to ship. */
export function shipOverdueMs(o: ShipByFacts, now: number): number | null {
  if (o.status !== 'paid' || o.shipByAt === null) return null;
  const over = now - o.shipByAt;
  return over >= 0 ? over : null;
}

/** Whether the order is overdue to ship at `now`: still unshipped once its ship-by time has come (as the countdowns show it). */
export function isShipOverdue(o: ShipByFacts, now: number): boolean {
  return shipOverdueMs(o, now) !== null;
}

export interface AwaitingShipment {
  orderId: string;
  paidAt: number;
  totalFen: number;
  shipByAt: number | null;
  overdue: boolean;
}

/** A shop's paid, unshipped orders, most urgent first (earliest ship-by time, then oldest payment). */
export async function awaitingShipment(
  db: Db,
  shopId: string,
  now: number,
  limit: number,
): Promise<AwaitingShipment[]> {
  const rows = await db
    .selectFrom('orders')
    .select(['id', 'paid_at', 'total_fen', 'ship_by_at'])
    .where('shop_id', '=', shopId)
    .where('status', '=', 'paid')
    .orderBy(sql`coalesce(ship_by_at, paid_at)`)
    .orderBy('paid_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const shipByAt = r.ship_by_at === null ? null : Number(r.ship_by_at);
    return {
      orderId: r.id,
      paidAt: Number(r.paid_at ?? 0),
      totalFen: Number(r.total_fen),
      shipByAt,
      overdue: isShipOverdue({ status: 'paid', shipByAt }, now),
    };
  });
}

/** How many of a shop's paid, unshipped orders there are, and how many of them are overdue at `now`. */
export async function shipmentCounts(
  db: Db,
  shopId: string,
  now: number,
): Promise<{ toShip: number; overdue: number }> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      sql<
        number | string | null
      >`sum(case when ${sql.ref('ship_by_at')} <= ${now} then ${sql.lit(1)} else ${sql.lit(0)} end)`.as('late'),
    ])
    .where('shop_id', '=', shopId)
    .where('status', '=', 'paid')
    .executeTakeFirst();
  return { toShip: Number(row?.n ?? 0), overdue: Number(row?.late ?? 0) };
}
