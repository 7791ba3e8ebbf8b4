/**
 * Surge protection services: a shop declares its daily capacity, the merchant picks a policy per
 * product, the console reads the projection, and the interest engine reads a throttling signal.
 */
import type { Actor, CoreContext, Db } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import { requireOwnProduct } from '../catalog/index.js';
import { invalid } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { DEFAULT_WAREHOUSE, MAX_CAPACITY_PER_DAY } from './capacity-constants.js';
import { pressureOf, projectCapacity } from './projection.js';
import { capacityOf, loadShopLoad, PRESSURE_WINDOW_MS } from './shop-load.js';
import { DEFAULT_SURGE_POLICY, isSurgePolicy, NEAR_LIMIT, SURGE_POLICIES, type SurgePolicy } from './surge-policy.js';

export interface ShopCapacityView {
  shopId: string;
  warehouse: string;
  /** Orders shipped per day; null until declared (no surge protection). */
  capacityPerDay: number | null;
}

export interface CapacityProjectionView {
  capacityPerDay: number | null;
  backlog: number;
  /** Unpaid orders, each holding a slot after the paid ones. */
  pending: number;
  shippedToday: number;
  projectedClearAt: number | null;
  atRisk: Array<{ orderId: string; shipBy: number; projectedShipAt: number }>;
  newOrderShipAt: number | null;
  pressure: number;
  /** Pressure at or above the level where product policies apply. */
  nearLimit: boolean;
  nearLimitAt: number;
  products: Array<{ productId: string; title: string; policy: SurgePolicy }>;
}

export async function getShopCapacity(ctx: CoreContext, actor: Actor, shopId: string): Promise<ShopCapacityView> {
  requireShopMember(actor, shopId);
  return { shopId, warehouse: DEFAULT_WAREHOUSE, capacityPerDay: await capacityOf(ctx.db, shopId) };
}

export async function setShopCapacity(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  input: { capacityPerDay: number },
): Promise<ShopCapacityView> {
  requireShopMember(actor, shopId);
  const perDay = input.capacityPerDay;
  if (!Number.isSafeInteger(perDay) || perDay < 1 || perDay > MAX_CAPACITY_PER_DAY)
    throw invalid(`capacityPerDay must be 1–${MAX_CAPACITY_PER_DAY}`, { field: 'capacityPerDay' });
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    await tx
      .insertInto('shop_capacity')
      .values({ shop_id: shopId, warehouse: DEFAULT_WAREHOUSE, per_day: perDay, updated_at: now })
      .onConflict((oc) => oc.columns(['shop_id', 'warehouse']).doUpdateSet({ per_day: perDay, updated_at: now }))
      .execute();
    await emit(
      tx,
      'shop.capacity_changed',
      shopId,
      { shopId, warehouse: DEFAULT_WAREHOUSE, capacityPerDay: perDay, by: actor.userId },
      now,
    );
  });
  return { shopId, warehouse: DEFAULT_WAREHOUSE, capacityPerDay: perDay };
}

export async function setSurgePolicy(
  ctx: CoreContext,
  actor: Actor,
  productId: string,
  policy: string,
): Promise<{ productId: string; policy: SurgePolicy }> {
  if (!isSurgePolicy(policy)) throw invalid(`policy must be one of ${SURGE_POLICIES.join(', ')}`, { field: 'policy' });
  const { shopId } = await requireOwnProduct(ctx, actor, productId);
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    await tx
      .insertInto('product_surge_policies')
      .values({ product_id: productId, shop_id: shopId, policy, updated_at: now })
      .onConflict((oc) => oc.column('product_id').doUpdateSet({ policy, updated_at: now }))
      .execute();
    await emit(tx, 'product.surge_policy_changed', productId, { productId, shopId, policy, by: actor.userId }, now);
  });
  return { productId, policy };
}

async function productPolicies(db: Db, shopId: string): Promise<CapacityProjectionView['products']> {
  const rows = await db
    .selectFrom('products')
    .leftJoin('product_surge_policies', 'product_surge_policies.product_id', 'products.id')
    .select(['products.id', 'products.title', 'product_surge_policies.policy'])
    .where('products.shop_id', '=', shopId)
    .where('products.status', '=', 'listed')
    .orderBy('products.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    productId: r.id,
    title: r.title,
    policy: isSurgePolicy(r.policy) ? r.policy : DEFAULT_SURGE_POLICY,
  }));
}

/** The projection for the merchant console: paid-but-unshipped orders against the capacity. */
export async function shopProjection(ctx: CoreContext, actor: Actor, shopId: string): Promise<CapacityProjectionView> {
  requireShopMember(actor, shopId);
  const now = ctx.clock.now();
  const [perDay, products] = await Promise.all([capacityOf(ctx.db, shopId), productPolicies(ctx.db, shopId)]);
  const base = { nearLimitAt: NEAR_LIMIT, products };
  if (perDay === null)
    return {
      ...base,
      capacityPerDay: null,
      backlog: 0,
      pending: 0,
      shippedToday: 0,
      projectedClearAt: null,
      atRisk: [],
      newOrderShipAt: null,
      pressure: 0,
      nearLimit: false,
    };
  const [load, backlog] = await Promise.all([
    loadShopLoad(ctx.db, shopId, perDay, now),
    ctx.db
      .selectFrom('orders')
      .select(['id', 'ship_by_at'])
      .where('shop_id', '=', shopId)
      .where('status', '=', 'paid')
      .execute(),
  ]);
  const p = projectCapacity({
    now,
    capacityPerDay: perDay,
    shippedToday: load.shippedToday,
    backlog: backlog.map((o) => ({
      orderId: o.id,
      shipBy: o.ship_by_at === null ? Number.POSITIVE_INFINITY : Number(o.ship_by_at),
    })),
    pendingCount: load.unpaid,
    promiseWindowMs: PRESSURE_WINDOW_MS,
  });
  return {
    ...base,
    capacityPerDay: perDay,
    backlog: p.backlog,
    pending: load.unpaid,
    shippedToday: load.shippedToday,
    projectedClearAt: p.projectedClearAt,
    atRisk: p.atRisk,
    newOrderShipAt: p.newOrderShipAt,
    pressure: p.pressure,
    nearLimit: p.pressure >= NEAR_LIMIT,
  };
}

/** Throttling signal for the interest engine: 0 (idle or no capacity declared) .. 1 (full). */
export async function capacityPressure(db: Db, shopId: string, now: number): Promise<number> {
  const perDay = await capacityOf(db, shopId);
  if (perDay === null) return 0;
  const load = await loadShopLoad(db, shopId, perDay, now);
  return pressureOf(load.paid + load.unpaid, {
    now,
    capacityPerDay: perDay,
    shippedToday: load.shippedToday,
    promiseWindowMs: PRESSURE_WINDOW_MS,
  });
}

/** The products the interest engine should show less of: every listed product of a shop near its limit. */
export async function throttleSignal(
  db: Db,
  shopId: string,
  now: number,
): Promise<{ shopId: string; pressure: number; throttle: string[] }> {
  const pressure = await capacityPressure(db, shopId, now);
  if (pressure < NEAR_LIMIT) return { shopId, pressure, throttle: [] };
  const rows = await db
    .selectFrom('products')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('status', '=', 'listed')
    .orderBy('id')
    .execute();
  return { shopId, pressure, throttle: rows.map((r) => r.id) };
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'shop.capacity_changed': { shopId: string; warehouse: string; capacityPerDay: number | null; by: string };
    'product.surge_policy_changed': { productId: string; shopId: string; policy: unknown; by: string };
  }
}
