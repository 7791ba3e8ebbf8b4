/**
 * Attribution: when a checkout is paid, each of its orders counts for the campaign whose ad the
 * buyer last touched for one of the order's products — a click within 7 days, else a billed view
 * within 1 day (the 7-day click / 1-day view windows of Shop Ads reporting). An order counts once
 * (its id is the key). This only reports: the order's own attribution (a creator's touch and its
 * commission) is left as the checkout recorded it.
 */
import { sql } from 'kysely';
import type { CoreContext } from '../context.js';
import type { OutboxDispatcher } from '../outbox/index.js';
import { CLICK_WINDOW_MS, VIEW_WINDOW_MS } from './ad-rules.js';
import type { AdTouch } from './ad-types.js';

/** Payments read per statement (their buyers and products go into one `in` list each). */
const CHUNK = 200;

export async function attributePayment(ctx: CoreContext, paymentId: string): Promise<number> {
  return attributePayments(ctx, [paymentId]);
}

/**
 * Attributes these paid checkouts (a dispatch round's `payment.succeeded` events) with two reads
 * per CHUNK of payments, whatever their number: their orders' lines, then the billed ads their
 * buyers were served for those products in the click window; each order is then decided as alone.
 */
export async function attributePayments(ctx: CoreContext, paymentIds: readonly string[]): Promise<number> {
  let counted = 0;
  for (let i = 0; i < paymentIds.length; i += CHUNK)
    counted += await attributeChunk(ctx, paymentIds.slice(i, i + CHUNK));
  return counted;
}

async function attributeChunk(ctx: CoreContext, paymentIds: readonly string[]): Promise<number> {
  const ids = [...new Set(paymentIds)];
  const rows = await ctx.db
    .selectFrom('payments')
    .innerJoin('orders', 'orders.checkout_id', 'payments.checkout_id')
    .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
    .select([
      'payments.id as payment_id',
      'payments.buyer_id',
      'payments.paid_at',
      'orders.id as order_id',
      'orders.items_fen',
      'order_lines.product_id',
    ])
    .where('payments.id', 'in', ids)
    .where('payments.paid_at', 'is not', null)
    .orderBy('orders.id')
    .execute();
  if (rows.length === 0) return 0;
  // Each payment's orders (in id order) with their products, payments in the order given.
  const orders = new Map<
    string,
    { buyerId: string; paidAt: number; orderId: string; itemsFen: number; productIds: Set<string> }
  >();
  for (const r of rows) {
    const o = orders.get(r.order_id);
    if (o) o.productIds.add(r.product_id);
    else
      orders.set(r.order_id, {
        buyerId: r.buyer_id,
        paidAt: Number(r.paid_at),
        orderId: r.order_id,
        itemsFen: Number(r.items_fen),
        productIds: new Set([r.product_id]),
      });
  }
  const byPayment = new Map<string, string[]>();
  for (const r of rows) {
    const list = byPayment.get(r.payment_id) ?? [];
    if (!list.includes(r.order_id)) list.push(r.order_id);
    byPayment.set(r.payment_id, list);
  }
  const all = [...orders.values()];
  const paidTimes = all.map((o) => o.paidAt);
  const serves = await ctx.db
    .selectFrom('ad_serves')
    .select(['id', 'viewer_key', 'product_id', 'served_at', 'campaign_id', 'seen_at', 'clicked_at', 'click_status'])
    .where('viewer_key', 'in', [...new Set(all.map((o) => o.buyerId))])
    .where('product_id', 'in', [...new Set(all.flatMap((o) => [...o.productIds]))])
    .where('status', '=', 'billed')
    .where('served_at', '>=', Math.min(...paidTimes) - CLICK_WINDOW_MS)
    .where('served_at', '<=', Math.max(...paidTimes))
    .orderBy('id')
    .execute();
  const servesOf = new Map<string, typeof serves>();
  for (const t of serves) {
    const list = servesOf.get(t.viewer_key) ?? [];
    list.push(t);
    servesOf.set(t.viewer_key, list);
  }
  let counted = 0;
  for (const id of ids) {
    for (const orderId of byPayment.get(id) ?? []) {
      if (await attributeOrder(ctx, orders.get(orderId)!, servesOf.get(orders.get(orderId)!.buyerId) ?? [])) counted++;
    }
  }
  return counted;
}

/** Decides one paid order from its buyer's billed serves (any products, any times): the same rule as for one payment read alone. */
async function attributeOrder(
  ctx: CoreContext,
  o: { paidAt: number; orderId: string; itemsFen: number; productIds: Set<string> },
  buyerServes: ReadonlyArray<{
    id: string;
    product_id: string | null;
    served_at: number;
    campaign_id: string;
    seen_at: number | null;
    clicked_at: number | null;
    click_status: string | null;
  }>,
): Promise<boolean> {
  const paidAt = o.paidAt;
  const touches = buyerServes.filter(
    (t) =>
      t.product_id !== null &&
      o.productIds.has(t.product_id) &&
      Number(t.served_at) >= paidAt - CLICK_WINDOW_MS &&
      Number(t.served_at) <= paidAt,
  );
  let best: { serveId: string; campaignId: string; touch: AdTouch; at: number } | null = null;
  for (const t of touches) {
    const clicked =
      t.click_status === 'valid' && t.clicked_at !== null && paidAt - Number(t.clicked_at) <= CLICK_WINDOW_MS
        ? Number(t.clicked_at)
        : null;
    const viewed = t.seen_at !== null && paidAt - Number(t.seen_at) <= VIEW_WINDOW_MS ? Number(t.seen_at) : null;
    const cand =
      clicked !== null
        ? { touch: 'click' as const, at: clicked }
        : viewed !== null
          ? { touch: 'view' as const, at: viewed }
          : null;
    if (!cand) continue;
    // A click beats a view; among equals the latest wins.
    if (!best || (cand.touch === 'click' && best.touch === 'view') || (cand.touch === best.touch && cand.at > best.at))
      best = { serveId: t.id, campaignId: t.campaign_id, ...cand };
  }
  if (!best) return false;
  const won = best;
  const gmv = o.itemsFen;
  const inserted = await ctx.db.transaction().execute(async (tx) => {
    const r = await tx
      .insertInto('ad_conversions')
      .values({
        order_id: o.orderId,
        campaign_id: won.campaignId,
        serve_id: won.serveId,
        touch: won.touch,
        gmv_fen: gmv,
        created_at: paidAt,
      })
      .onConflict((oc) => oc.column('order_id').doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0n) !== 1) return false;
    await tx
      .updateTable('ad_campaigns')
      .set({ conversions: sql`conversions + 1`, gmv_fen: sql`gmv_fen + ${gmv}` })
      .where('id', '=', won.campaignId)
      .execute();
    return true;
  });
  return inserted;
}

/** Attributes every paid checkout as the outbox delivers `payment.succeeded` (a dispatch round's at once). */
export function subscribeAdsOutbox(outbox: OutboxDispatcher, ctx: CoreContext): void {
  outbox.subscribeBatch('payment.succeeded', async (events) => {
    await attributePayments(
      ctx,
      events.map((e) => e.subjectId),
    );
  });
}
