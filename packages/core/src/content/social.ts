/** Likes and follows: idempotent (a second like changes nothing), counters kept in step with rows in one transaction. */
import { sql } from 'kysely';
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { conflict, notFound } from '../platform/index.js';
import { insertRows } from '../storage/index.js';
import { publishAfter } from '../signals/index.js';
import { visibleVideo } from './videos.js';

async function likesOf(tx: Tx, videoId: string): Promise<number> {
  const row = await tx.selectFrom('videos').select('likes').where('id', '=', videoId).executeTakeFirstOrThrow();
  return Number(row.likes);
}

export async function likeVideo(
  ctx: CoreContext,
  actor: Actor,
  videoId: string,
): Promise<{ liked: true; likes: number }> {
  let added = 0;
  return publishAfter(
    ctx.db,
    ctx.db.transaction().execute(async (tx) => {
      await visibleVideo(tx, videoId, actor);
      added = await insertRows(
        tx,
        'video_likes',
        [{ video_id: videoId, user_id: actor.userId, created_at: ctx.clock.now() }],
        { onConflictDoNothing: ['video_id', 'user_id'] },
      );
      if (added) await tx.updateTable('videos').set({ likes: sql`likes + 1` }).where('id', '=', videoId).execute();
      return { liked: true as const, likes: await likesOf(tx, videoId) };
    }),
    () => (added ? [{ actor: actor.userId, kind: 'like', videoId, at: ctx.clock.now() }] : []),
  );
}

export async function unlikeVideo(
  ctx: CoreContext,
  actor: Actor,
  videoId: string,
): Promise<{ liked: false; likes: number }> {
  let removedLike = false;
  return publishAfter(
    ctx.db,
    ctx.db.transaction().execute(async (tx) => {
      await visibleVideo(tx, videoId, actor);
      const removed = await tx
        .deleteFrom('video_likes')
        .where('video_id', '=', videoId)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      removedLike = Number(removed.numDeletedRows) > 0;
      if (removedLike)
        await tx
          .updateTable('videos')
          .set({ likes: sql`likes - 1` })
          .where('id', '=', videoId)
          .where('likes', '>', 0)
          .execute();
      return { liked: false as const, likes: await likesOf(tx, videoId) };
    }),
    () => (removedLike ? [{ actor: actor.userId, kind: 'unlike', videoId, at: ctx.clock.now() }] : []),
  );
}

export async function followerCount(db: Db | Tx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('follows')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('followee_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function followingCount(db: Db | Tx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('follows')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('follower_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function requireUser(db: Db | Tx, userId: string): Promise<void> {
  const u = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!u) throw notFound('user', userId);
}

export async function followUser(
  ctx: CoreContext,
  actor: Actor,
  userId: string,
): Promise<{ followed: true; followers: number }> {
  if (userId === actor.userId) throw conflict('CANNOT_FOLLOW_SELF', 'you cannot follow yourself');
  let added = 0;
  return publishAfter(
    ctx.db,
    ctx.db.transaction().execute(async (tx) => {
      await requireUser(tx, userId);
      added = await insertRows(
        tx,
        'follows',
        [{ follower_id: actor.userId, followee_id: userId, created_at: ctx.clock.now() }],
        { onConflictDoNothing: ['follower_id', 'followee_id'] },
      );
      return { followed: true as const, followers: await followerCount(tx, userId) };
    }),
    () => (added ? [{ actor: actor.userId, kind: 'follow', creatorId: userId, at: ctx.clock.now() }] : []),
  );
}

export async function unfollowUser(
  ctx: CoreContext,
  actor: Actor,
  userId: string,
): Promise<{ followed: false; followers: number }> {
  if (userId === actor.userId) throw conflict('CANNOT_FOLLOW_SELF', 'you cannot follow yourself');
  return publishAfter(
    ctx.db,
    ctx.db.transaction().execute(async (tx) => {
      await requireUser(tx, userId);
      await tx
        .deleteFrom('follows')
        .where('follower_id', '=', actor.userId)
        .where('followee_id', '=', userId)
        .execute();
      return { followed: false as const, followers: await followerCount(tx, userId) };
    }),
    () => [{ actor: actor.userId, kind: 'unfollow', creatorId: userId, at: ctx.clock.now() }],
  );
}
