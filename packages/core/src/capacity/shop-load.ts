/**
 * Reading what the projection needs: the declared capacity, the orders still to ship and the
 * orders shipped today. `saleTermsOf` turns them into the terms a product is sold under now
 * (used by checkout inside its transaction and by the product page).
 */
import type { Db, Tx } from '../context.js';
import { DEFAULT_WAREHOUSE } from './capacity-constants.js';
import { pressureOf, slotShipAt } from './projection.js';
import { startOfShanghaiDay, HOUR_MS } from '../platform/index.js';
import { decideSale, DEFAULT_SURGE_POLICY, isSurgePolicy, type SaleDecision } from './surge-policy.js';

/** The in-stock window the pressure figure is measured against (the platform default promise). */
export const PRESSURE_WINDOW_MS = 48 * HOUR_MS;

export interface ShopLoad {
  capacityPerDay: number;
  shippedToday: number;
  paid: number;
  unpaid: number;
}

export async function capacityOf(db: Db | Tx, shopId: string): Promise<number | null> {
  const row = await db
    .selectFrom('shop_capacity')
    .select('per_day')
    .where('shop_id', '=', shopId)
    .where('warehouse', '=', DEFAULT_WAREHOUSE)
    .executeTakeFirst();
  return row ? Number(row.per_day) : null;
}

export async function loadShopLoad(
  db: Db | Tx,
  shopId: string,
  capacityPerDay: number,
  now: number,
): Promise<ShopLoad> {
  const [open, shipped] = await Promise.all([
    db
      .selectFrom('orders')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('shop_id', '=', shopId)
      .where('status', 'in', ['unpaid', 'paid'])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('shop_id', '=', shopId)
      .where('shipped_at', '>=', startOfShanghaiDay(now))
      .executeTakeFirst(),
  ]);
  const count = (s: string) => Number(open.find((r) => r.status === s)?.n ?? 0);
  return { capacityPerDay, shippedToday: Number(shipped?.n ?? 0), paid: count('paid'), unpaid: count('unpaid') };
}

/** When an order placed now would ship, and the shop's pressure, from the counts alone. */
export function queueEnd(load: ShopLoad, now: number): { newOrderShipAt: number; pressure: number } {
  const open = load.paid + load.unpaid;
  const args = {
    now,
    capacityPerDay: load.capacityPerDay,
    shippedToday: load.shippedToday,
    promiseWindowMs: PRESSURE_WINDOW_MS,
  };
  return {
    newOrderShipAt: slotShipAt(open, now, load.capacityPerDay, load.shippedToday),
    pressure: pressureOf(open, args),
  };
}

export function saleTermsOf(
  policy: string | null,
  shipByHours: number,
  load: ShopLoad | null,
  now: number,
): SaleDecision {
  if (!load) return { sale: 'open', promise: { kind: 'in_stock', shipWithinHours: shipByHours }, warning: false };
  return decideSale({
    policy: isSurgePolicy(policy) ? policy : DEFAULT_SURGE_POLICY,
    shipByHours,
    now,
    ...queueEnd(load, now),
  });
}

/** The sale terms of one product now (the product page). */
export async function productSaleTerms(
  db: Db,
  product: { id: string; shopId: string; shipByHours: number },
  now: number,
): Promise<SaleDecision> {
  const perDay = await capacityOf(db, product.shopId);
  if (perDay === null) return saleTermsOf(null, product.shipByHours, null, now);
  const [load, policy] = await Promise.all([
    loadShopLoad(db, product.shopId, perDay, now),
    db.selectFrom('product_surge_policies').select('policy').where('product_id', '=', product.id).executeTakeFirst(),
  ]);
  return saleTermsOf(policy?.policy ?? null, product.shipByHours, load, now);
}
