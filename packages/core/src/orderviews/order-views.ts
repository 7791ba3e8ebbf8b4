/**
 * Read models of orders: the buyer's list, a shop's list, and one order's full detail. Each line
 * joins what other modules know of it (the catalogue's image, supply's batches, the after-sales
 * case), and the detail the payment, parcels, refunds and compensation, so the views sit above
 * all of them, aftersales the highest.
 */
import type { Actor, Db } from '../context.js';
import { notFound, maskPhone } from '../platform/index.js';
import { reasonOf, type TransitionReasonCode, type OrderStatus } from '../orders/index.js';
import { firstImages, type Page } from '../catalog/index.js';
import { parseOrderRules } from '../rules/index.js';
import { lineOrigins, type LineOrigin } from '../supply/index.js';
import { linesAfterSales, type LineAfterSales } from '../aftersales/index.js';
import type { CompensationKind, CompensationPayoutStatus } from '../storage/index.js';

export interface OrderLineView {
  id: string;
  productId: string;
  imageUrl: string | null;
  skuId: string;
  title: string;
  specValues: string[];
  unitPriceFen: number;
  quantity: number;
  /** What the buyer pays for the line (after its share of a coupon). */
  lineTotalFen: number;
  /** The line's share of a live coupon's discount. */
  discountFen: number;
  attribution: { source: string; contentId: string | null; creatorId: string | null };
  /** The batch(es) the line's units shipped from (溯源); empty before shipping or without batches. */
  origin: LineOrigin[];
  /** The line's after-sales case (the open one, else the latest), or null. */
  afterSales: LineAfterSales['afterSales'];
  /** Case types the buyer may file on this line now (empty for other viewers). */
  afterSalesEligible: LineAfterSales['afterSalesEligible'];
}

export interface OrderSummary {
  id: string;
  shopId: string;
  shopName: string;
  buyerName: string;
  status: string;
  /** The goods after any coupon discount (before it: itemsFen + discountFen). */
  itemsFen: number;
  discountFen: number;
  shippingFeeFen: number;
  totalFen: number;
  createdAt: number;
  payDeadline: number;
  lines: OrderLineView[];
}

export interface OrderDetail extends OrderSummary {
  paymentId: string | null;
  paymentStatus: string | null;
  address: Record<string, string>;
  note: string;
  paidAt: number | null;
  shippedAt: number | null;
  deliveredAt: number | null;
  completedAt: number | null;
  cancelledAt: number | null;
  cancelReason: string | null;
  /** What the buyer was promised at purchase (the order's rule snapshot) and where it stands. */
  promise: {
    shipByHours: number;
    /** Ship-by due time, set at payment; null before. */
    shipBy: number | null;
    /** When the order was found shipped late (compensation was booked), or null. */
    lateAt: number | null;
    /** The pre-sale date the buyer was promised before paying (surge protection), or null for the usual in-stock promise. */
    presaleShipBy: number | null;
    autoConfirmDays: number;
    sevenDayNoReason: boolean;
  };
  shipments: Array<{
    id: string;
    carrier: string;
    trackingNo: string;
    status: string;
    createdAt: number;
    deliveredAt: number | null;
    lineIds: string[];
  }>;
  /** `reason` is the English sentence; `reasonCode` and `reasonParams` are what clients word (orders/transition-reasons.ts). */
  transitions: Array<{
    from: string;
    to: string;
    actorKind: string;
    reason: string;
    reasonCode: TransitionReasonCode;
    reasonParams: Record<string, string | number>;
    at: number;
  }>;
  refunds: Array<{ id: string; amountFen: number; status: string; reason: string; createdAt: number }>;
  /** Compensation owed to the buyer (late shipment, return-shipping insurance, a merchant's or the platform's own) and whether the provider has paid it. */
  compensations: Array<{
    id: string;
    kind: CompensationKind;
    paidBy: 'merchant' | 'platform';
    amountFen: number;
    status: CompensationPayoutStatus;
    createdAt: number;
    completedAt: number | null;
  }>;
}

export interface OrderQuery {
  status?: OrderStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('orders')
    .innerJoin('shops', 'shops.id', 'orders.shop_id')
    .innerJoin('users', 'users.id', 'orders.buyer_id')
    .select([
      'orders.id',
      'orders.shop_id',
      'shops.name as shop_name',
      'users.display_name as buyer_name',
      'orders.status',
      'orders.items_fen',
      'orders.discount_fen',
      'orders.shipping_fee_fen',
      'orders.total_fen',
      'orders.created_at',
      'orders.pay_deadline',
    ]);
}

async function withLines(
  db: Db,
  rows: Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>,
  buyerNow?: number,
): Promise<OrderSummary[]> {
  const ids = rows.map((r) => r.id);
  const lines = ids.length
    ? await db.selectFrom('order_lines').selectAll().where('order_id', 'in', ids).orderBy('id').execute()
    : [];
  const images = await firstImages(
    db,
    lines.map((l) => l.product_id),
  );
  const origins = await lineOrigins(
    db,
    lines.map((l) => l.id),
  );
  const afterSales = await linesAfterSales(db, ids, buyerNow);
  return rows.map((r) => ({
    id: r.id,
    shopId: r.shop_id,
    shopName: r.shop_name,
    buyerName: r.buyer_name,
    status: r.status,
    itemsFen: r.items_fen,
    discountFen: Number(r.discount_fen),
    shippingFeeFen: r.shipping_fee_fen,
    totalFen: r.total_fen,
    createdAt: r.created_at,
    payDeadline: r.pay_deadline,
    lines: lines
      .filter((l) => l.order_id === r.id)
      .map((l) => ({
        ...lineView(l, images.get(l.product_id) ?? null),
        origin: origins.get(l.id) ?? [],
        afterSales: afterSales.get(l.id)?.afterSales ?? null,
        afterSalesEligible: afterSales.get(l.id)?.afterSalesEligible ?? [],
      })),
  }));
}

function lineView(
  l: {
    id: string;
    product_id: string;
    sku_id: string;
    title: string;
    spec_values: string;
    unit_price_fen: number;
    quantity: number;
    line_total_fen: number;
    discount_fen: number;
    attr_source: string;
    attr_content_id: string | null;
    attr_creator_id: string | null;
  },
  image: string | null,
): Omit<OrderLineView, 'origin' | 'afterSales' | 'afterSalesEligible'> {
  return {
    id: l.id,
    productId: l.product_id,
    imageUrl: image,
    skuId: l.sku_id,
    title: l.title,
    specValues: JSON.parse(l.spec_values) as string[],
    unitPriceFen: l.unit_price_fen,
    quantity: l.quantity,
    lineTotalFen: l.line_total_fen,
    discountFen: Number(l.discount_fen),
    attribution: { source: l.attr_source, contentId: l.attr_content_id, creatorId: l.attr_creator_id },
  };
}

async function page(
  db: Db,
  q: ReturnType<typeof baseQuery>,
  query: OrderQuery,
  buyerNow?: number,
): Promise<Page<OrderSummary>> {
  let qq = q.orderBy('orders.id', 'desc').limit(query.limit + 1);
  if (query.status) qq = qq.where('orders.status', '=', query.status);
  if (query.cursor) qq = qq.where('orders.id', '<', query.cursor);
  const rows = await qq.execute();
  const items = await withLines(db, rows.slice(0, query.limit), buyerNow);
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
}

/** The buyer's orders; with `now`, each line says which after-sales cases may be filed on it. */
export function buyerOrders(db: Db, actor: Actor, query: OrderQuery, now?: number): Promise<Page<OrderSummary>> {
  return page(db, baseQuery(db).where('orders.buyer_id', '=', actor.userId), query, now);
}

/** A shop's orders; only its members may list them (others get NOT_FOUND for the shop). */
export function shopOrders(db: Db, actor: Actor, shopId: string, query: OrderQuery): Promise<Page<OrderSummary>> {
  if (!actor.shops.has(shopId)) throw notFound('shop', shopId);
  return page(db, baseQuery(db).where('orders.shop_id', '=', shopId), query);
}

/** One order, for its buyer, its shop's members, or an admin; with `now`, the buyer sees which after-sales cases each line may file. */
export async function orderDetail(db: Db, actor: Actor, orderId: string, now?: number): Promise<OrderDetail> {
  const o = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!o || !(o.buyer_id === actor.userId || actor.shops.has(o.shop_id) || actor.roles.has('admin')))
    throw notFound('order', orderId);
  const [summary] = await withLines(
    db,
    await baseQuery(db).where('orders.id', '=', orderId).execute(),
    o.buyer_id === actor.userId ? now : undefined,
  );
  const [payment, shipments, shipmentLines, transitions, refunds, promise, compensations] = await Promise.all([
    db.selectFrom('payments').select(['id', 'status']).where('checkout_id', '=', o.checkout_id).executeTakeFirst(),
    db.selectFrom('shipments').selectAll().where('order_id', '=', orderId).orderBy('id').execute(),
    db.selectFrom('shipment_lines').selectAll().where('order_id', '=', orderId).execute(),
    db.selectFrom('order_transitions').selectAll().where('order_id', '=', orderId).orderBy('id').execute(),
    db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).orderBy('id').execute(),
    db
      .selectFrom('order_lines')
      .select((eb) => eb.fn.max('ship_by_hours').as('h'))
      .where('order_id', '=', orderId)
      .executeTakeFirst(),
    db
      .selectFrom('compensation_payouts')
      .select(['id', 'kind', 'paid_by', 'amount_fen', 'status', 'created_at', 'completed_at'])
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute(),
  ]);
  return {
    ...summary!,
    paymentId: payment?.id ?? null,
    paymentStatus: payment?.status ?? null,
    address: addressFor(JSON.parse(o.address) as Record<string, string>, o.buyer_id === actor.userId),
    note: o.buyer_note,
    paidAt: o.paid_at,
    shippedAt: o.shipped_at,
    deliveredAt: o.delivered_at,
    completedAt: o.completed_at,
    cancelledAt: o.cancelled_at,
    cancelReason: o.cancel_reason,
    promise: promiseOf(o, Number(promise?.h ?? 48)),
    shipments: shipments.map((s) => ({
      id: s.id,
      carrier: s.carrier,
      trackingNo: s.tracking_no,
      status: s.status,
      createdAt: s.created_at,
      deliveredAt: s.delivered_at,
      lineIds: shipmentLines.filter((l) => l.shipment_id === s.id).map((l) => l.order_line_id),
    })),
    transitions: transitions.map((t) => {
      const why = reasonOf(t);
      return {
        from: t.from_status,
        to: t.to_status,
        actorKind: t.actor_kind,
        reason: t.reason,
        reasonCode: why.code,
        reasonParams: why.params,
        at: t.at,
      };
    }),
    refunds: refunds.map((r) => ({
      id: r.id,
      amountFen: r.amount_fen,
      status: r.status,
      reason: r.reason,
      createdAt: r.created_at,
    })),
    compensations: compensations.map((c) => ({
      id: c.id,
      kind: c.kind,
      paidBy: c.paid_by,
      amountFen: Number(c.amount_fen),
      status: c.status,
      createdAt: Number(c.created_at),
      completedAt: c.completed_at === null ? null : Number(c.completed_at),
    })),
  };
}

/**
 * The shipping address as the viewer may see it: the buyer sees their own snapshot; the shop and
 * the platform see the name and the full address to ship to, and the phone masked (138****5678).
 */
function addressFor(address: Record<string, string>, isBuyer: boolean): Record<string, string> {
  if (isBuyer || typeof address.phone !== 'string') return address;
  return { ...address, phone: maskPhone(address.phone) };
}

function promiseOf(
  o: { rules: string; ship_by_at: number | null; late_at: number | null; promised_ship_by_at: number | null },
  lineShipByHours: number,
): OrderDetail['promise'] {
  const rules = parseOrderRules(o.rules);
  const snapshotted = o.rules !== '{}'; // orders placed before rule snapshots: the lines' hours
  return {
    shipByHours: snapshotted ? rules.shipByHours : lineShipByHours,
    shipBy: o.ship_by_at === null ? null : Number(o.ship_by_at),
    lateAt: o.late_at === null ? null : Number(o.late_at),
    presaleShipBy: o.promised_ship_by_at === null ? null : Number(o.promised_ship_by_at),
    autoConfirmDays: rules.autoConfirmDays,
    sevenDayNoReason: rules.sevenDayNoReason,
  };
}
