/** People as content: profile counts, a person's videos, and the creator console's list with attributed orders and GMV. */
import type { Actor, Db } from '../context.js';
import { notFound } from '../platform/index.js';
import { followerCount, followingCount } from './social.js';
import { videoCards, type VideoCard } from './video-cards.js';

export interface Profile {
  id: string;
  displayName: string;
  followers: number;
  following: number;
  videos: number;
  followed: boolean;
  isCreator: boolean;
}

export interface ContentPageQuery {
  cursor?: string | undefined;
  limit: number;
}

export async function userProfile(db: Db, userId: string, viewer: Actor | null): Promise<Profile> {
  const user = await db.selectFrom('users').select(['id', 'display_name']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('user', userId);
  const self = viewer?.userId === userId;
  let videos = db
    .selectFrom('videos')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('owner_id', '=', userId);
  videos = self ? videos.where('status', '!=', 'removed') : videos.where('status', '=', 'published');
  const [followers, following, count, creator, followed] = await Promise.all([
    followerCount(db, userId),
    followingCount(db, userId),
    videos.executeTakeFirstOrThrow(),
    db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', userId)
      .where('role', '=', 'creator')
      .executeTakeFirst(),
    viewer && !self
      ? db
          .selectFrom('follows')
          .select('followee_id')
          .where('follower_id', '=', viewer.userId)
          .where('followee_id', '=', userId)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  return {
    id: user.id,
    displayName: user.display_name,
    followers,
    following,
    videos: Number(count.n),
    followed: Boolean(followed),
    isCreator: Boolean(creator),
  };
}

/** A person's videos, newest first: published ones, or every live one when it is you. */
export async function userVideos(
  db: Db,
  userId: string,
  viewer: Actor | null,
  q: ContentPageQuery,
): Promise<{ items: VideoCard[]; nextCursor: string | null }> {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('user', userId);
  const self = viewer?.userId === userId;
  let query = db
    .selectFrom('videos')
    .selectAll()
    .where('owner_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  query = self ? query.where('status', '!=', 'removed') : query.where('status', '=', 'published');
  if (q.cursor) query = query.where('id', '<', q.cursor);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  return {
    items: await videoCards(db, page, viewer?.userId ?? null),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

export type CreatorVideo = VideoCard & { orders: number; gmvFen: number };

/** Orders still standing after payment: what counts as attributed sales. */
export const ATTRIBUTED_ORDER_STATUSES = ['paid', 'shipped', 'delivered', 'completed'] as const;

/** Paid, not cancelled orders and their line totals attributed to each video (attribution content id). */
export async function attributedSales(
  db: Db,
  videoIds: readonly string[],
): Promise<Map<string, { orders: number; gmvFen: number }>> {
  const out = new Map<string, { orders: number; gmvFen: number }>();
  if (videoIds.length === 0) return out;
  const rows = await db
    .selectFrom('order_lines')
    .innerJoin('orders', 'orders.id', 'order_lines.order_id')
    .select((eb) => [
      'order_lines.attr_content_id',
      eb.fn.count<number>('order_lines.order_id').distinct().as('orders'),
      eb.fn.sum<number>('order_lines.line_total_fen').as('gmv'),
    ])
    .where('order_lines.attr_content_id', 'in', [...videoIds])
    .where('orders.status', 'in', [...ATTRIBUTED_ORDER_STATUSES])
    .groupBy('order_lines.attr_content_id')
    .execute();
  for (const r of rows)
    if (r.attr_content_id) out.set(r.attr_content_id, { orders: Number(r.orders), gmvFen: Number(r.gmv ?? 0) });
  return out;
}

/** The creator console: my videos (any live state), newest first, with attributed orders and GMV. */
export async function myVideos(
  db: Db,
  actor: Actor,
  q: ContentPageQuery,
): Promise<{ items: CreatorVideo[]; nextCursor: string | null }> {
  const page = await userVideos(db, actor.userId, actor, q);
  const sales = await attributedSales(
    db,
    page.items.map((v) => v.id),
  );
  return {
    items: page.items.map((v) => ({ ...v, ...(sales.get(v.id) ?? { orders: 0, gmvFen: 0 }) })),
    nextCursor: page.nextCursor,
  };
}
