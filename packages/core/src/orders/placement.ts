/**
 * Order placement, the one writer of new orders: checkout, the flash sale's group commit and
 * approved samples all hand their drafts to `placeOrders`, which writes, for the whole batch and
 * inside the caller's transaction: the checkouts, the orders and their lines (rule snapshots
 * included), the stock reservations (through the inventory module's writer), each order's first
 * transition, its outbox events and its first deadline (through the timers module's writer). A
 * rule added here reaches every door.
 *
 * One statement per table for the batch, whatever its size: a group of 400 flash-sale orders
 * costs what one order costs in statements.
 */
import type { Insertable } from 'kysely';
import type { Tx } from '../context.js';
import { newId } from '../platform/index.js';
import { emitMany, type OutboxEntry } from '../outbox/index.js';
import { reserveStockLines } from '../inventory/index.js';
import { scheduleTimers, type TimerInput } from '../timers/index.js';
import { DEADLINE } from '../rules/index.js';
import { shipByAtOf } from '../rules/index.js';
import type { RuleProfile } from '../rules/index.js';
import { insertRows } from '../storage/index.js';
import type { Database } from '../storage/index.js';
import type { ActorKind } from './order-states.js';
import { reasonColumns, type TransitionReason } from './transition-reasons.js';

/** A line as sold: what the buyer pays and the snapshot it is sold under (commission columns included). */
export type OrderLineDraft = Omit<
  Insertable<Database['order_lines']>,
  'id' | 'order_id' | 'shop_id' | 'created_at' | 'rules'
> & { rules: RuleProfile };

/** Orders are placed unpaid (to be paid before `payDeadline`) or already paid (a sample: nothing to pay). */
export type PlacedStatus = 'unpaid' | 'paid';

export interface OrderDraft {
  /** Made by the caller (newId('order')) when it must refer to the order before placing it. */
  id: string;
  checkoutId: string;
  shopId: string;
  buyerId: string;
  status: PlacedStatus;
  itemsFen: number;
  discountFen: number;
  shippingFeeFen: number;
  totalFen: number;
  address: Record<string, string>;
  buyerNote: string;
  /** The order's rules (rules/profile.ts `orderRules` of its lines). */
  rules: RuleProfile;
  /** Unpaid: when the payment window closes. Paid: the time it was paid (now). */
  payDeadline: number;
  /** A pre-sale date promised by surge protection, which becomes the ship-by deadline. */
  promisedShipByAt: number | null;
  lines: OrderLineDraft[];
  /** Who placed it and why (the first transition). */
  placedBy: { kind: ActorKind; id: string | null };
  reason: TransitionReason;
  /**
   * The deadline timer of an unpaid order: its kind (DEADLINE.payBy, or a door's own kind whose
   * handler also returns the door's units, e.g. a flash sale's) and payload. A paid order's
   * ship-by deadline is always DEADLINE.shipBy.
   */
  payByTimer?: { kind: string; payload?: Record<string, unknown> };
  /** Extra fields of the `order.created` event (e.g. the flash sale and room). */
  event?: Record<string, unknown>;
}

/**
 * The money of a draft adds up: its lines' totals make its items, items and shipping its total, no
 * amount negative or fractional. A door that priced wrongly fails here (a programming error, never
 * the buyer's), before anything is written.
 */
export function checkDraftMoney(d: OrderDraft): void {
  const amounts = [
    d.itemsFen,
    d.discountFen,
    d.shippingFeeFen,
    d.totalFen,
    ...d.lines.flatMap((l) => [l.unit_price_fen, l.line_total_fen, l.quantity]),
  ];
  const lineSum = d.lines.reduce((s, l) => s + l.line_total_fen, 0);
  if (
    d.lines.length === 0 ||
    amounts.some((a) => !Number.isSafeInteger(a) || a < 0) ||
    lineSum !== d.itemsFen ||
    d.itemsFen + d.shippingFeeFen !== d.totalFen
  ) {
    throw new Error(
      `order ${d.id}: its money does not add up (lines ${lineSum}, items ${d.itemsFen}, shipping ${d.shippingFeeFen}, total ${d.totalFen})`,
    );
  }
}

/**
 * Places a batch of orders in the caller's transaction. Stock is reserved (OUT_OF_STOCK rolls the
 * transaction back) and, for orders placed paid, committed at once. Checkouts are written once per
 * checkout id, their total the sum of their orders.
 */
export async function placeOrders(tx: Tx, drafts: readonly OrderDraft[], now: number): Promise<void> {
  if (drafts.length === 0) return;
  for (const d of drafts) checkDraftMoney(d);
  const checkouts = new Map<string, { id: string; buyer_id: string; total_fen: number; created_at: number }>();
  const orders: Array<Insertable<Database['orders']>> = [];
  const lines: Array<Insertable<Database['order_lines']>> = [];
  const reservations: Array<{ orderId: string; skuId: string; shopId: string; quantity: number; committed: boolean }> =
    [];
  const transitions: Array<Insertable<Database['order_transitions']>> = [];
  const events: OutboxEntry[] = [];
  const timers: TimerInput[] = [];
  for (const d of drafts) {
    const c = checkouts.get(d.checkoutId);
    if (c) c.total_fen += d.totalFen;
    else checkouts.set(d.checkoutId, { id: d.checkoutId, buyer_id: d.buyerId, total_fen: d.totalFen, created_at: now });
    const paid = d.status === 'paid';
    const shipByAt = paid ? shipByAtOf(d.rules, d.promisedShipByAt, now) : null;
    orders.push({
      id: d.id,
      checkout_id: d.checkoutId,
      shop_id: d.shopId,
      buyer_id: d.buyerId,
      status: d.status,
      items_fen: d.itemsFen,
      discount_fen: d.discountFen,
      shipping_fee_fen: d.shippingFeeFen,
      total_fen: d.totalFen,
      address: JSON.stringify(d.address),
      buyer_note: d.buyerNote,
      pay_deadline: d.payDeadline,
      rules: JSON.stringify(d.rules),
      promised_ship_by_at: d.promisedShipByAt,
      ship_by_at: shipByAt,
      created_at: now,
      paid_at: paid ? now : null,
      shipped_at: null,
      delivered_at: null,
      completed_at: null,
      cancelled_at: null,
      cancel_reason: null,
      updated_at: now,
    });
    for (const l of d.lines) {
      lines.push({
        ...l,
        id: newId('orderLine', now),
        order_id: d.id,
        shop_id: d.shopId,
        rules: JSON.stringify(l.rules),
        created_at: now,
      });
      reservations.push({ orderId: d.id, skuId: l.sku_id, shopId: d.shopId, quantity: l.quantity, committed: paid });
    }
    transitions.push({
      id: newId('transition', now),
      order_id: d.id,
      shop_id: d.shopId,
      from_status: '',
      to_status: d.status,
      actor_kind: d.placedBy.kind,
      actor_id: d.placedBy.id,
      ...reasonColumns(d.reason),
      at: now,
    });
    events.push({
      topic: 'order.created',
      subjectId: d.id,
      payload: {
        orderId: d.id,
        shopId: d.shopId,
        buyerId: d.buyerId,
        totalFen: d.totalFen,
        status: d.status,
        ...d.event,
      },
    });
    if (paid) {
      events.push({
        topic: 'order.paid',
        subjectId: d.id,
        payload: { orderId: d.id, shopId: d.shopId, from: '', to: 'paid', actor: d.placedBy },
      });
      timers.push({ kind: DEADLINE.shipBy, subjectId: d.id, scopeId: d.shopId, dueAt: shipByAt! });
    } else {
      timers.push({
        kind: d.payByTimer?.kind ?? DEADLINE.payBy,
        subjectId: d.id,
        scopeId: d.shopId,
        dueAt: d.payDeadline,
        payload: d.payByTimer?.payload,
      });
    }
  }
  await insertRows(tx, 'checkouts', [...checkouts.values()]);
  await insertRows(tx, 'orders', orders);
  await insertRows(tx, 'order_lines', lines);
  await reserveStockLines(tx, reservations, now);
  await insertRows(tx, 'order_transitions', transitions);
  await emitMany(tx, events, now);
  await scheduleTimers(tx, timers, now);
}
