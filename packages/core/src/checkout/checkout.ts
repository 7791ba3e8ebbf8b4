/**
 * Checkout: one transaction that prices on the server, splits into one order per shop, reserves
 * stock by conditional updates, opens a pending payment, and honours Idempotency-Key. Any
 * failure (out of stock, unavailable product) rolls back everything: never a half-written order.
 */
import { penaltyRefusal, shopPenaltyEndColumn } from '../violations/index.js';
import type { Actor, CoreContext, Tx } from '../context.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';
import { isBuyable } from '../catalog/index.js';
import { checkAttribution, MAX_LINE_QUANTITY } from './attribution.js';
import { claimKey, checkKey, requestHash, storeResponse } from './idempotency.js';
import { mergeLines, priceOrders, type PricedSku, type RequestedLine, type ShopShipping } from './pricing.js';
import { compiledOnce } from '../storage/index.js';
import { placeOrders, type OrderDraft } from '../orders/index.js';
import { orderRules, type RuleProfile, profileOfCategory } from '../rules/index.js';
import { surgePromises, DEFAULT_WAREHOUSE } from '../capacity/index.js';
import { resolveCommissions } from '../affiliate/index.js';
import { applyCoupon } from './coupon-pricing.js';
import { couponForCheckout, spendCoupon } from '../coupons/index.js';
import { openPayments } from '../payments/index.js';

export const MAX_CHECKOUT_LINES = 50;

/** The buyer's note to the shop, in characters after trimming. */
export const MAX_CHECKOUT_NOTE_CHARS = 200;

export interface CheckoutInput {
  /** Buy these now; when absent, the whole cart is checked out. */
  items?: RequestedLine[] | undefined;
  addressId?: string | undefined;
  note?: string | undefined;
  /** A live coupon the buyer claimed (coupons/coupon-use.ts). */
  couponId?: string | undefined;
}

export interface CheckoutResult {
  checkoutId: string;
  orders: Array<{
    id: string;
    shopId: string;
    status: 'unpaid';
    itemsFen: number;
    discountFen: number;
    shippingFeeFen: number;
    totalFen: number;
  }>;
  totalFen: number;
  payment: { id: string; amountFen: number; cashierUrl: string; expiresAt: number };
}

export async function checkout(
  ctx: CoreContext,
  actor: Actor,
  input: CheckoutInput,
  idempotencyKey?: string,
): Promise<{ statusCode: number; body: CheckoutResult }> {
  if (idempotencyKey !== undefined) checkKey(idempotencyKey);
  const note = (input.note ?? '').trim();
  if (note.length > MAX_CHECKOUT_NOTE_CHARS)
    throw invalid(`note is at most ${MAX_CHECKOUT_NOTE_CHARS} characters`, { field: 'note' });
  const fromCart = input.items === undefined;
  const requested = fromCart ? await cartLines(ctx, actor) : checkLines(input.items!);
  const hash = requestHash({
    items: input.items ?? 'cart',
    addressId: input.addressId ?? null,
    note,
    couponId: input.couponId ?? null,
  });

  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    if (idempotencyKey !== undefined) {
      const stored = await claimKey(tx, actor.userId, 'checkout', idempotencyKey, hash, now);
      if (stored) return stored as { statusCode: number; body: CheckoutResult };
    }
    const address = await pickAddress(tx, actor, input.addressId);
    const { skus, shops, rules, capacity, policies, clearedOutUntil } = await loadPricing(
      tx,
      requested.map((l) => l.skuId),
      now,
    );
    const orders = priceOrders(requested, skus, shops);
    // A shop cleared out for violation points takes no new orders (its open orders go on): read with the prices.
    for (const o of orders) {
      const until = clearedOutUntil.get(o.shopId);
      if (until !== undefined) throw penaltyRefusal('SHOP_CLEARED_OUT', o.shopId, until);
    }
    const coupon = input.couponId === undefined ? null : await couponForCheckout(tx, actor.userId, input.couponId, now);
    const applied = coupon ? applyCoupon(orders, coupon) : null;
    if (coupon && !applied)
      throw new DomainError(
        'COUPON_MIN_SPEND_NOT_MET',
        'the items from this coupon’s live room do not reach its minimum spend',
        { couponId: coupon.couponId, minSpendFen: coupon.minSpendFen },
      );
    // Attribution and commission snapshot of every line (affiliate/resolver.ts): one or two batched queries.
    const commissions = await resolveCommissions(
      tx,
      actor.userId,
      orders.flatMap((o) => o.lines),
      now,
    );
    // Surge protection: paused products answer 409, pre-sale orders carry their projected date.
    const promisedShipBy = capacity.size === 0 ? [] : await surgePromises(tx, orders, capacity, policies, now);
    const checkoutId = newId('checkout', now);
    const paymentId = newId('payment', now);
    const totalFen = orders.reduce((s, o) => s + o.totalFen, 0);
    // The rules each line is sold under, snapshotted: a later rule change never rewrites this promise.
    const ruleOf = (skuId: string): RuleProfile => rules.get(skuId)!;
    const orderRuleSets = orders.map((o) => orderRules(o.lines.map((l) => ruleOf(l.skuId))));
    // One payment covers the checkout: it waits as long as the strictest of its orders allows.
    const payDeadline = now + Math.min(...orderRuleSets.map((r) => r.unpaidCancelMinutes)) * 60_000;
    const result: CheckoutResult = {
      checkoutId,
      orders: [],
      totalFen,
      payment: {
        id: paymentId,
        amountFen: totalFen,
        cashierUrl: `/api/v1/payments/${paymentId}/cashier`,
        expiresAt: payDeadline,
      },
    };
    const drafts: OrderDraft[] = orders.map((o, i) => ({
      id: newId('order', now),
      checkoutId,
      shopId: o.shopId,
      buyerId: actor.userId,
      status: 'unpaid',
      itemsFen: o.itemsFen,
      discountFen: o.discountFen ?? 0,
      shippingFeeFen: o.shippingFeeFen,
      totalFen: o.totalFen,
      address,
      buyerNote: note,
      rules: orderRuleSets[i]!,
      payDeadline,
      promisedShipByAt: promisedShipBy[i] ?? null,
      placedBy: { kind: 'buyer', id: actor.userId },
      reason: { code: 'order_placed' },
      lines: o.lines.map((l) => ({
        product_id: l.productId,
        sku_id: l.skuId,
        category_id: l.categoryId,
        title: l.title,
        spec_values: JSON.stringify(l.specValues),
        unit_price_fen: l.priceFen,
        quantity: l.quantity,
        line_total_fen: l.lineTotalFen,
        discount_fen: l.discountFen ?? 0,
        ship_by_hours: l.shipByHours,
        fee_rate_bp: l.feeRateBp,
        perishable: l.perishable ? 1 : 0,
        rules: ruleOf(l.skuId),
        ...commissions.get(l.skuId)!,
      })),
    }));
    await placeOrders(tx, drafts, now); // rows, lines, stock, first transition, order.created, the unpaid deadline
    for (const [i, d] of drafts.entries()) {
      if (coupon && applied?.orderIndex === i) await spendCoupon(tx, actor.userId, coupon.couponId, d.id, now);
      result.orders.push({
        id: d.id,
        shopId: d.shopId,
        status: 'unpaid',
        itemsFen: d.itemsFen,
        discountFen: d.discountFen,
        shippingFeeFen: d.shippingFeeFen,
        totalFen: d.totalFen,
      });
    }
    await openPayments(
      tx,
      [
        {
          id: paymentId,
          checkoutId,
          buyerId: actor.userId,
          provider: ctx.payments.default.name,
          amountFen: totalFen,
          expiresAt: payDeadline,
        },
      ],
      now,
    );
    if (fromCart)
      await tx
        .deleteFrom('cart_items')
        .where('user_id', '=', actor.userId)
        .where(
          'sku_id',
          'in',
          requested.map((l) => l.skuId),
        )
        .execute();
    const response = { statusCode: 201, body: result };
    if (idempotencyKey !== undefined) await storeResponse(tx, actor.userId, 'checkout', idempotencyKey, response);
    return response;
  });
}

function checkLines(items: RequestedLine[]): RequestedLine[] {
  if (!Array.isArray(items) || items.length < 1 || items.length > MAX_CHECKOUT_LINES)
    throw invalid(`a checkout has 1–${MAX_CHECKOUT_LINES} items`, { field: 'items' });
  for (const [i, item] of items.entries()) {
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_LINE_QUANTITY)
      throw invalid(`quantity must be 1–${MAX_LINE_QUANTITY}`, { field: 'quantity', index: i });
    checkAttribution(item.attribution ?? { source: 'shelf' });
  }
  const merged = mergeLines(items.map((i) => ({ ...i, attribution: i.attribution ?? { source: 'shelf' } })));
  for (const l of merged)
    if (l.quantity > MAX_LINE_QUANTITY)
      throw invalid(`quantity must be 1–${MAX_LINE_QUANTITY}`, { field: 'quantity', skuId: l.skuId });
  return merged;
}

/** The cart's lines ticked for 结算 that can be bought; the rest stay in the cart. */
async function cartLines(ctx: CoreContext, actor: Actor): Promise<RequestedLine[]> {
  const all = await ctx.db
    .selectFrom('cart_items')
    .innerJoin('skus', 'skus.id', 'cart_items.sku_id')
    .innerJoin('products', 'products.id', 'skus.product_id')
    .select([
      'cart_items.sku_id',
      'cart_items.quantity',
      'cart_items.attribution',
      'cart_items.updated_at',
      'cart_items.selected',
      'products.status',
      'skus.stock',
    ])
    .where('cart_items.user_id', '=', actor.userId)
    .orderBy('cart_items.added_at')
    .execute();
  if (all.length === 0) throw new DomainError('CART_EMPTY', 'the cart is empty');
  const rows = all.filter((r) => Number(r.selected) === 1 && isBuyable(r));
  if (rows.length === 0) throw new DomainError('CART_NOTHING_SELECTED', 'select the items to check out');
  // The card that added the item was touched when the item was last put in the cart.
  return rows.map((r) => ({
    skuId: r.sku_id,
    quantity: r.quantity,
    attribution: { ...(JSON.parse(r.attribution) as RequestedLine['attribution']), at: Number(r.updated_at) },
  }));
}

const ADDRESS_COLUMNS = ['name', 'phone', 'province', 'city', 'district', 'detail'] as const;
const namedAddress = compiledOnce((db, v) =>
  db
    .selectFrom('addresses')
    .select(ADDRESS_COLUMNS)
    .where('user_id', '=', v('userId'))
    .where('id', '=', v('addressId')),
);
const defaultAddress = compiledOnce((db, v) =>
  db
    .selectFrom('addresses')
    .select(ADDRESS_COLUMNS)
    .where('user_id', '=', v('userId'))
    .orderBy('is_default', 'desc')
    .orderBy('id', 'desc')
    .limit(1),
);

async function pickAddress(tx: Tx, actor: Actor, addressId: string | undefined): Promise<Record<string, string>> {
  const row = addressId
    ? await namedAddress.takeFirst(tx, { userId: actor.userId, addressId })
    : await defaultAddress.takeFirst(tx, { userId: actor.userId });
  if (!row) {
    if (addressId) throw notFound('address', addressId);
    throw new DomainError('ADDRESS_REQUIRED', 'add a shipping address before checking out');
  }
  return row;
}

interface LoadedPricing {
  skus: Map<string, PricedSku>;
  shops: Map<string, ShopShipping>;
  rules: Map<string, RuleProfile>;
  /** Daily capacity of the shops that declared one, and the surge policy of each product. */
  capacity: Map<string, number>;
  policies: Map<string, string | null>;
  /** The shops cleared out for violation points, with the end of the penalty. */
  clearedOutUntil: Map<string, number>;
}

/** The pricing query for `n` SKUs, compiled once per count (a checkout has at most MAX_CHECKOUT_LINES). */
const pricingQueries = new Map<number, ReturnType<typeof pricingQuery>>();
const pricingQuery = (n: number) =>
  compiledOnce((db, v) =>
    db
      .selectFrom('skus')
      .innerJoin('products', 'products.id', 'skus.product_id')
      .innerJoin('shops', 'shops.id', 'skus.shop_id')
      .innerJoin('categories', 'categories.id', 'products.category_id')
      .leftJoin('shop_capacity', (j) =>
        j.onRef('shop_capacity.shop_id', '=', 'skus.shop_id').on('shop_capacity.warehouse', '=', DEFAULT_WAREHOUSE),
      )
      .leftJoin('product_surge_policies', 'product_surge_policies.product_id', 'skus.product_id')
      .select([
        'shop_capacity.per_day',
        'product_surge_policies.policy as surge_policy',
        'skus.id as sku_id',
        'skus.product_id',
        'skus.shop_id',
        'skus.spec_values',
        'skus.price_fen',
        'products.title',
        'products.status',
        'products.category_id',
        'shops.status as shop_status',
        'shops.shipping_fee_fen',
        'shops.free_shipping_over_fen',
        'categories.ship_by_hours',
        'categories.fee_rate_bp',
        'categories.perishable',
        'categories.settle_window_days',
        'categories.rules',
        shopPenaltyEndColumn('skus.shop_id', 'SHOP_CLEARED_OUT', v('now')).as('cleared_out_until'),
      ])
      .where(
        'skus.id',
        'in',
        Array.from({ length: n }, (_, i) => v(`sku${i}`)),
      ),
  );

async function loadPricing(tx: Tx, skuIds: string[], now: number): Promise<LoadedPricing> {
  let query = pricingQueries.get(skuIds.length);
  if (!query) pricingQueries.set(skuIds.length, (query = pricingQuery(skuIds.length)));
  const rows = await query.all(tx, { now, ...Object.fromEntries(skuIds.map((id, i) => [`sku${i}`, id])) });
  const clearedOutUntil = new Map<string, number>();
  const skus = new Map<string, PricedSku>();
  const shops = new Map<string, ShopShipping>();
  const rules = new Map<string, RuleProfile>();
  const capacity = new Map<string, number>();
  const policies = new Map<string, string | null>();
  for (const r of rows) {
    if (r.status !== 'listed' || r.shop_status !== 'open')
      throw new DomainError('PRODUCT_UNAVAILABLE', 'this product is not on sale', { skuId: r.sku_id });
    skus.set(r.sku_id, {
      skuId: r.sku_id,
      productId: r.product_id,
      shopId: r.shop_id,
      categoryId: r.category_id,
      title: r.title,
      specValues: JSON.parse(r.spec_values) as string[],
      priceFen: r.price_fen,
      shipByHours: r.ship_by_hours,
      feeRateBp: r.fee_rate_bp,
      perishable: r.perishable === 1,
    });
    shops.set(r.shop_id, {
      shopId: r.shop_id,
      shippingFeeFen: r.shipping_fee_fen,
      freeShippingOverFen: r.free_shipping_over_fen,
    });
    rules.set(r.sku_id, profileOfCategory(r));
    if (r.per_day !== null) capacity.set(r.shop_id, Number(r.per_day));
    policies.set(r.product_id, r.surge_policy);
    if (r.cleared_out_until !== null) clearedOutUntil.set(r.shop_id, Number(r.cleared_out_until));
  }
  for (const id of skuIds) if (!skus.has(id)) throw notFound('sku', id);
  return { skus, shops, rules, capacity, policies, clearedOutUntil };
}
