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

export async function attributePayment(ctx: CoreContext, paymentId: string): Promise<number> {
  const pay = await ctx.db
    .selectFrom('payments')
    .select(['checkout_id', 'buyer_id', 'paid_at'])
    .where('id', '=', paymentId)
    .executeTakeFirst();
  if (!pay || pay.paid_at === null) return 0;
  const paidAt = Number(pay.paid_at);
  const orders = await ctx.db
    .selectFrom('orders')
    .select(['id', 'items_fen'])
    .where('checkout_id', '=', pay.checkout_id)
    .execute();
  let counted = 0;
  for (const o of orders) {
    const lines = await ctx.db.selectFrom('order_lines').select('product_id').where('order_id', '=', o.id).execute();
    const productIds = [...new Set(lines.map((l) => l.product_id))];
    if (productIds.length === 0) continue;
    const touches = await ctx.db
      .selectFrom('ad_serves')
      .select(['id', 'campaign_id', 'seen_at', 'clicked_at', 'click_status'])
      .where('viewer_key', '=', pay.buyer_id)
      .where('product_id', 'in', productIds)
      .where('status', '=', 'billed')
      .where('served_at', '>=', paidAt - CLICK_WINDOW_MS)
      .where('served_at', '<=', paidAt)
      .execute();
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
      if (
        !best ||
        (cand.touch === 'click' && best.touch === 'view') ||
        (cand.touch === best.touch && cand.at > best.at)
      )
        best = { serveId: t.id, campaignId: t.campaign_id, ...cand };
    }
    if (!best) continue;
    const won = best;
    const gmv = Number(o.items_fen);
    const inserted = await ctx.db.transaction().execute(async (tx) => {
      const r = await tx
        .insertInto('ad_conversions')
        .values({
          order_id: o.id,
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
    if (inserted) counted++;
  }
  return counted;
}

/** Attributes every paid checkout as the outbox delivers `payment.succeeded`. */
export function subscribeAdsOutbox(outbox: OutboxDispatcher, ctx: CoreContext): void {
  outbox.subscribe('payment.succeeded', async (event) => {
    await attributePayment(ctx, event.subjectId);
  });
}
