/**
 * Signals from what is stored: client event rows, and the rows of paid orders and refunds.
 * Shared by the live path (right after commit) and the start-up warm-up, so both teach the
 * engine the same thing.
 */
import type { Signal, SignalKind } from '@zhongcao/recsys';
import type { Db } from '../context.js';

const CLIENT_KINDS: Record<string, SignalKind> = {
  impression: 'impression',
  view_progress: 'view_progress',
  complete: 'complete',
  product_tap: 'product_tap',
  like: 'like',
  share: 'share',
  follow: 'follow',
  not_interested: 'not_interested',
};

/** Likes, shares and follows of a signed-in person arrive as domain actions; their client events would count them twice. */
const DOMAIN_CARRIED = new Set(['like', 'share', 'follow']);

export interface EventRowLike {
  actor_key: string;
  user_id: string | null;
  type: string;
  video_id: string | null;
  product_id: string | null;
  watch_ms: number | null;
  duration_ms: number | null;
  at: number;
}

export function clientEventSignal(r: EventRowLike): Signal | null {
  const kind = CLIENT_KINDS[r.type];
  if (!kind || (r.user_id && DOMAIN_CARRIED.has(r.type))) return null;
  return {
    actor: r.actor_key,
    kind,
    videoId: r.video_id,
    productId: r.product_id,
    watchMs: r.watch_ms == null ? null : Number(r.watch_ms),
    durationMs: r.duration_ms == null ? null : Number(r.duration_ms),
    at: Number(r.at),
  };
}

/** The attributed video of an order line, when the purchase came from one. */
const videoOf = (contentId: string | null): string | null => (contentId?.startsWith('vid_') ? contentId : null);

/** Purchase signals of the paid orders of a checkout payment (one per line). */
export async function paymentSignals(db: Db, paymentId: string): Promise<Signal[]> {
  return paymentsSignals(db, [paymentId]);
}

/** Payments read per statement. */
const PAYMENT_CHUNK = 500;

/** Purchase signals of several checkout payments (a dispatch round's), in one read per PAYMENT_CHUNK, payment after payment in the order given. */
export async function paymentsSignals(db: Db, paymentIds: readonly string[]): Promise<Signal[]> {
  const out: Signal[] = [];
  for (let i = 0; i < paymentIds.length; i += PAYMENT_CHUNK) {
    const ids = paymentIds.slice(i, i + PAYMENT_CHUNK);
    const rows = await db
      .selectFrom('payments')
      .innerJoin('orders', 'orders.checkout_id', 'payments.checkout_id')
      .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
      .select([
        'payments.id as payment_id',
        'orders.buyer_id',
        'orders.paid_at',
        'order_lines.product_id',
        'order_lines.attr_content_id',
      ])
      .where('payments.id', 'in', [...new Set(ids)])
      .where('orders.paid_at', 'is not', null)
      .execute();
    const byPayment = new Map<string, typeof rows>();
    for (const r of rows) {
      const list = byPayment.get(r.payment_id) ?? [];
      list.push(r);
      byPayment.set(r.payment_id, list);
    }
    for (const id of ids)
      for (const r of byPayment.get(id) ?? [])
        out.push({
          actor: r.buyer_id,
          kind: 'purchase' as const,
          productId: r.product_id,
          videoId: videoOf(r.attr_content_id),
          at: Number(r.paid_at),
        });
  }
  return out;
}

/** Refund signals of a refunded order (one per line). */
export async function refundSignals(db: Db, refundId: string): Promise<Signal[]> {
  const rows = await db
    .selectFrom('refunds')
    .innerJoin('orders', 'orders.id', 'refunds.order_id')
    .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
    .select([
      'orders.buyer_id',
      'refunds.completed_at',
      'refunds.created_at',
      'order_lines.product_id',
      'order_lines.attr_content_id',
    ])
    .where('refunds.id', '=', refundId)
    .execute();
  return rows.map((r) => ({
    actor: r.buyer_id,
    kind: 'refund' as const,
    productId: r.product_id,
    videoId: videoOf(r.attr_content_id),
    at: Number(r.completed_at ?? r.created_at),
  }));
}
