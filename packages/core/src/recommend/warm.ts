/**
 * The engine's start-up: videos published in the last WARM_VIDEO_DAYS, then the stored
 * signals of the last WARM_SIGNAL_DAYS (follows of any age), replayed in time order, so a
 * restart does not forget everyone. Bounded in rows per table, so the time and memory it takes
 * do not grow with the platform's age.
 */
import type { Signal } from '@zhongcao/recsys';
import type { CoreContext } from '../context.js';
import { newId } from '../platform/index.js';
import type { EngineHost } from './engine-host.js';
import { forEachVideoMetaSince } from './video-meta.js';
import { clientEventSignal } from './stored-signals.js';

const DAY = 24 * 3600_000;
export const WARM_VIDEO_DAYS = 180;
export const WARM_SIGNAL_DAYS = 14;
/** New videos younger than this enter the traffic pool at start-up (older ones had their chance). */
export const POOL_ENTRY_DAYS = 7;
const MAX_VIDEOS = 300_000;
const MAX_ROWS = 500_000;

export interface WarmReport {
  videos: number;
  signals: number;
  ms: number;
}

/** The stored signals since `since` (follows of any age), at most MAX_ROWS per table, in time order. */
export async function storedSignals(ctx: Pick<CoreContext, 'db'>, since: number): Promise<Signal[]> {
  const { db } = ctx;
  const [follows, likes, comments, shares, carts, lines, refunds] = await Promise.all([
    db
      .selectFrom('follows')
      .select(['follower_id', 'followee_id', 'created_at'])
      .orderBy('created_at', 'desc')
      .limit(MAX_ROWS)
      .execute(),
    db
      .selectFrom('video_likes')
      .select(['user_id', 'video_id', 'created_at'])
      .where('created_at', '>=', since)
      .orderBy('created_at', 'desc')
      .limit(MAX_ROWS)
      .execute(),
    db
      .selectFrom('comments')
      .select(['author_id', 'video_id', 'created_at'])
      .where('created_at', '>=', since)
      .orderBy('created_at', 'desc')
      .limit(MAX_ROWS)
      .execute(),
    db
      .selectFrom('video_shares')
      .select(['user_id', 'video_id', 'created_at'])
      .where('created_at', '>=', since)
      .where('user_id', 'is not', null)
      .orderBy('created_at', 'desc')
      .limit(MAX_ROWS)
      .execute(),
    db
      .selectFrom('cart_items')
      .innerJoin('skus', 'skus.id', 'cart_items.sku_id')
      .select(['cart_items.user_id', 'skus.product_id', 'cart_items.added_at'])
      .where('cart_items.added_at', '>=', since)
      .limit(MAX_ROWS)
      .execute(),
    db
      .selectFrom('orders')
      .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
      .select(['orders.buyer_id', 'orders.paid_at', 'order_lines.product_id', 'order_lines.attr_content_id'])
      .where('orders.paid_at', '>=', since)
      .orderBy('orders.paid_at', 'desc')
      .limit(MAX_ROWS)
      .execute(),
    db
      .selectFrom('refunds')
      .innerJoin('orders', 'orders.id', 'refunds.order_id')
      .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
      .select(['orders.buyer_id', 'refunds.completed_at', 'order_lines.product_id', 'order_lines.attr_content_id'])
      .where('refunds.status', '=', 'succeeded')
      .where('refunds.completed_at', '>=', since)
      .limit(MAX_ROWS)
      .execute(),
  ]);
  const video = (id: string | null): string | null => (id?.startsWith('vid_') ? id : null);
  const out: Signal[] = [];
  for (const r of follows)
    out.push({ actor: r.follower_id, kind: 'follow', creatorId: r.followee_id, at: Number(r.created_at) });
  for (const r of likes) out.push({ actor: r.user_id, kind: 'like', videoId: r.video_id, at: Number(r.created_at) });
  for (const r of comments)
    out.push({ actor: r.author_id, kind: 'comment', videoId: r.video_id, at: Number(r.created_at) });
  for (const r of shares) out.push({ actor: r.user_id!, kind: 'share', videoId: r.video_id, at: Number(r.created_at) });
  for (const r of carts)
    out.push({ actor: r.user_id, kind: 'add_to_cart', productId: r.product_id, at: Number(r.added_at) });
  for (const r of lines)
    out.push({
      actor: r.buyer_id,
      kind: 'purchase',
      productId: r.product_id,
      videoId: video(r.attr_content_id),
      at: Number(r.paid_at),
    });
  for (const r of refunds)
    out.push({
      actor: r.buyer_id,
      kind: 'refund',
      productId: r.product_id,
      videoId: video(r.attr_content_id),
      at: Number(r.completed_at),
    });
  // Client events by id (ids sort by receipt time): the newest MAX_ROWS of the window.
  const events = await db
    .selectFrom('events')
    .select(['actor_key', 'user_id', 'type', 'video_id', 'product_id', 'watch_ms', 'duration_ms', 'at'])
    .where('id', '>=', newId('event', since))
    .orderBy('id', 'desc')
    .limit(MAX_ROWS)
    .execute();
  for (const r of events) {
    const s = clientEventSignal(r);
    if (s) out.push(s);
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Signals go to the engine in chunks of this many (one message each when it runs on a thread). */
const SIGNAL_CHUNK = 50_000;

/** Loads videos and replays stored signals into the engine; resolves when the engine has learnt them all. */
export async function warmEngine(ctx: CoreContext, engine: EngineHost): Promise<WarmReport> {
  const started = Date.now();
  const now = ctx.clock.now();
  const poolSince = now - POOL_ENTRY_DAYS * DAY;
  const videos = await forEachVideoMetaSince(ctx.db, now - WARM_VIDEO_DAYS * DAY, MAX_VIDEOS, (metas) =>
    engine.upsertVideos(metas, poolSince, null),
  );
  const signals = await storedSignals(ctx, now - WARM_SIGNAL_DAYS * DAY);
  for (let i = 0; i < signals.length; i += SIGNAL_CHUNK) engine.observe(signals.slice(i, i + SIGNAL_CHUNK));
  await engine.settled();
  return { videos, signals: signals.length, ms: Date.now() - started };
}
