/**
 * The engine's start-up: videos published in the last WARM_VIDEO_DAYS, then the stored
 * signals of the last WARM_SIGNAL_DAYS (follows of any age), replayed in time order, so a
 * restart does not forget everyone. Bounded in rows per table, so the time and memory it takes
 * do not grow with the platform's age.
 */
import type { Signal } from '@zhongcao/recsys';
import type { CoreContext } from '../context.js';
import { idFloor } from '../platform/index.js';
import type { EngineHost } from './engine-host.js';
import { forEachVideoMetaSince } from './video-meta.js';
import { clientEventSignal } from './stored-signals.js';
import { SignalColumns } from './signal-columns.js';

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

/** Client events read per statement (newest first, by id). */
const EVENT_PAGE = 20_000;

/**
 * The stored signals since `since` (follows of any age), at most MAX_ROWS per table, in time order
 * (signals at the same time in the order of the tables below, each table's newest first), held as
 * columns: each table is read and its rows dropped before the next, the client events a page at a
 * time, so the store's row objects alive at once are one table's or one page's.
 */
export async function storedSignalColumns(ctx: Pick<CoreContext, 'db'>, since: number): Promise<SignalColumns> {
  const { db } = ctx;
  const cols = new SignalColumns();
  for (const r of await db
    .selectFrom('follows')
    .select(['follower_id', 'followee_id', 'created_at'])
    .orderBy('created_at', 'desc')
    .limit(MAX_ROWS)
    .execute())
    cols.add('creator', { actor: r.follower_id, kind: 'follow', creatorId: r.followee_id, at: Number(r.created_at) });
  for (const r of await db
    .selectFrom('video_likes')
    .select(['user_id', 'video_id', 'created_at'])
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(MAX_ROWS)
    .execute())
    cols.add('video', { actor: r.user_id, kind: 'like', videoId: r.video_id, at: Number(r.created_at) });
  for (const r of await db
    .selectFrom('comments')
    .select(['author_id', 'video_id', 'created_at'])
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(MAX_ROWS)
    .execute())
    cols.add('video', { actor: r.author_id, kind: 'comment', videoId: r.video_id, at: Number(r.created_at) });
  for (const r of await db
    .selectFrom('video_shares')
    .select(['user_id', 'video_id', 'created_at'])
    .where('created_at', '>=', since)
    .where('user_id', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(MAX_ROWS)
    .execute())
    cols.add('video', { actor: r.user_id!, kind: 'share', videoId: r.video_id, at: Number(r.created_at) });
  for (const r of await db
    .selectFrom('cart_items')
    .innerJoin('skus', 'skus.id', 'cart_items.sku_id')
    .select(['cart_items.user_id', 'skus.product_id', 'cart_items.added_at'])
    .where('cart_items.added_at', '>=', since)
    .limit(MAX_ROWS)
    .execute())
    cols.add('product', { actor: r.user_id, kind: 'add_to_cart', productId: r.product_id, at: Number(r.added_at) });
  const video = (id: string | null): string | null => (id?.startsWith('vid_') ? id : null);
  for (const r of await db
    .selectFrom('orders')
    .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
    .select(['orders.buyer_id', 'orders.paid_at', 'order_lines.product_id', 'order_lines.attr_content_id'])
    .where('orders.paid_at', '>=', since)
    .orderBy('orders.paid_at', 'desc')
    .limit(MAX_ROWS)
    .execute())
    cols.add('order', {
      actor: r.buyer_id,
      kind: 'purchase',
      productId: r.product_id,
      videoId: video(r.attr_content_id),
      at: Number(r.paid_at),
    });
  for (const r of await db
    .selectFrom('refunds')
    .innerJoin('orders', 'orders.id', 'refunds.order_id')
    .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
    .select(['orders.buyer_id', 'refunds.completed_at', 'order_lines.product_id', 'order_lines.attr_content_id'])
    .where('refunds.status', '=', 'succeeded')
    .where('refunds.completed_at', '>=', since)
    .limit(MAX_ROWS)
    .execute())
    cols.add('order', {
      actor: r.buyer_id,
      kind: 'refund',
      productId: r.product_id,
      videoId: video(r.attr_content_id),
      at: Number(r.completed_at),
    });
  // Client events by id (ids sort by receipt time): the newest MAX_ROWS of the window, a page at a time.
  let before: string | null = null;
  for (let read = 0; read < MAX_ROWS; ) {
    let q = db
      .selectFrom('events')
      .select(['id', 'actor_key', 'user_id', 'type', 'video_id', 'product_id', 'watch_ms', 'duration_ms', 'at'])
      .where('id', '>=', idFloor('event', since));
    if (before !== null) q = q.where('id', '<', before);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(Math.min(EVENT_PAGE, MAX_ROWS - read))
      .execute();
    for (const r of rows) {
      const s = clientEventSignal(r);
      if (s) cols.add('client', s);
    }
    read += rows.length;
    if (rows.length < EVENT_PAGE) break;
    before = rows[rows.length - 1]!.id;
  }
  return cols;
}

/**
 * The stored signals since `since` (follows of any age), at most MAX_ROWS per table, in time order;
 * only those `keep` accepts are made into signal objects (all by default).
 */
export async function storedSignals(
  ctx: Pick<CoreContext, 'db'>,
  since: number,
  keep: (s: Signal) => boolean = () => true,
): Promise<Signal[]> {
  const cols = await storedSignalColumns(ctx, since);
  const out: Signal[] = [];
  for (const row of cols.timeOrder()) {
    const s = cols.signal(row);
    if (keep(s)) out.push(s);
  }
  return out;
}

/**
 * Signals go to the engine in pages of this many (one message each when it runs on a thread), and
 * the next page is made only once the engine has learnt the one before it: what is in flight at
 * once is two pages, not every stored signal.
 */
export const WARM_PAGE = 20_000;

/** Loads videos and replays stored signals into the engine; resolves when the engine has learnt them all. */
export async function warmEngine(ctx: CoreContext, engine: EngineHost): Promise<WarmReport> {
  const started = Date.now();
  const now = ctx.clock.now();
  const poolSince = now - POOL_ENTRY_DAYS * DAY;
  const videos = await forEachVideoMetaSince(ctx.db, now - WARM_VIDEO_DAYS * DAY, MAX_VIDEOS, (metas) =>
    engine.upsertVideos(metas, poolSince, null),
  );
  const cols = await storedSignalColumns(ctx, now - WARM_SIGNAL_DAYS * DAY);
  const order = cols.timeOrder();
  let learnt: Promise<void> = Promise.resolve();
  for (let i = 0; i < order.length; i += WARM_PAGE) {
    const page: Signal[] = [];
    for (const row of order.subarray(i, i + WARM_PAGE)) page.push(cols.signal(row));
    engine.observe(page);
    const previous = learnt;
    learnt = engine.settled();
    await previous;
  }
  await learnt;
  return { videos, signals: cols.length, ms: Date.now() - started };
}
