/** Comments on a video, threaded one level deep: a reply to a reply attaches to the top comment. */
import { sql } from 'kysely';
import { publishSignals } from '../signals/index.js';
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { invalid, notFound, newId } from '../platform/index.js';
import { checkCommentText } from './text-rules.js';
import { visibleVideo } from './videos.js';
import { enforceComment } from '../governance/index.js';

export const REPLIES_SHOWN = 3;

export interface CommentReply {
  id: string;
  text: string;
  author: { id: string; displayName: string };
  createdAt: number;
  parentId: string | null;
}

export interface CommentView extends CommentReply {
  replies: CommentReply[];
  replyCount: number;
}

export async function addComment(
  ctx: CoreContext,
  actor: Actor,
  videoId: string,
  input: { text: string; parentId?: string | null },
): Promise<CommentView> {
  // The rule book first: reject-severity terms answer 422 CONTENT_REJECTED, off-platform contacts are masked.
  const text = await enforceComment(ctx, checkCommentText(input.text));
  const now = ctx.clock.now();
  const id = newId('comment', now);
  let parentId: string | null = null;
  await ctx.db.transaction().execute(async (tx) => {
    await visibleVideo(tx, videoId, actor);
    if (input.parentId) {
      const parent = await tx
        .selectFrom('comments')
        .select(['id', 'parent_id', 'status'])
        .where('id', '=', input.parentId)
        .where('video_id', '=', videoId)
        .executeTakeFirst();
      if (parent?.status !== 'visible') throw notFound('comment', input.parentId);
      parentId = parent.parent_id ?? parent.id;
    }
    await tx
      .insertInto('comments')
      .values({
        id,
        video_id: videoId,
        author_id: actor.userId,
        parent_id: parentId,
        text,
        reply_count: 0,
        status: 'visible',
        created_at: now,
      })
      .execute();
    if (parentId)
      await tx.updateTable('comments').set({ reply_count: sql`reply_count + 1` }).where('id', '=', parentId).execute();
    await tx.updateTable('videos').set({ comments: sql`comments + 1` }).where('id', '=', videoId).execute();
  });
  publishSignals(ctx.db, [{ actor: actor.userId, kind: 'comment', videoId, at: now }]);
  return {
    id,
    text,
    author: { id: actor.userId, displayName: actor.displayName },
    createdAt: now,
    parentId,
    replies: [],
    replyCount: 0,
  };
}

/**
 * Top comments newest first by the time they were written, ties broken by id (newest id first), so
 * the order is stable page after page (cursor: the last comment id); each with its first replies
 * oldest first. Ids alone do not order comments by time: a comment imported or seeded with an
 * earlier time still gets an id after the ones issued before it.
 */
export async function listComments(
  db: Db,
  videoId: string,
  viewer: Actor | null,
  q: { cursor?: string | undefined; limit: number },
): Promise<{ items: CommentView[]; nextCursor: string | null }> {
  await visibleVideo(db, videoId, viewer);
  let after: { created_at: number; id: string } | undefined;
  if (q.cursor) {
    after = await db
      .selectFrom('comments')
      .select(['id', 'created_at'])
      .where('id', '=', q.cursor)
      .where('video_id', '=', videoId)
      .where('parent_id', 'is', null)
      .executeTakeFirst();
    if (!after) throw invalid('cursor is not a top comment of this video', { field: 'cursor' });
  }
  let query = db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.author_id')
    .select([
      'comments.id',
      'comments.text',
      'comments.author_id',
      'users.display_name',
      'comments.created_at',
      'comments.reply_count',
      'comments.parent_id',
    ])
    .where('comments.video_id', '=', videoId)
    .where('comments.parent_id', 'is', null)
    .where('comments.status', '=', 'visible')
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(q.limit + 1);
  if (after) {
    const at = Number(after.created_at);
    const id = after.id;
    query = query.where((eb) =>
      eb.or([
        eb('comments.created_at', '<', at),
        eb.and([eb('comments.created_at', '=', at), eb('comments.id', '<', id)]),
      ]),
    );
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const replies = await Promise.all(
    page.map((c) =>
      Number(c.reply_count) === 0
        ? Promise.resolve([])
        : db
            .selectFrom('comments')
            .innerJoin('users', 'users.id', 'comments.author_id')
            .select([
              'comments.id',
              'comments.text',
              'comments.author_id',
              'users.display_name',
              'comments.created_at',
              'comments.parent_id',
            ])
            .where('comments.video_id', '=', videoId)
            .where('comments.parent_id', '=', c.id)
            .where('comments.status', '=', 'visible')
            .orderBy('comments.created_at')
            .orderBy('comments.id')
            .limit(REPLIES_SHOWN)
            .execute(),
    ),
  );
  const view = (r: {
    id: string;
    text: string;
    author_id: string;
    display_name: string;
    created_at: number;
    parent_id: string | null;
  }): CommentReply => ({
    id: r.id,
    text: r.text,
    author: { id: r.author_id, displayName: r.display_name },
    createdAt: Number(r.created_at),
    parentId: r.parent_id,
  });
  return {
    items: page.map((c, i) => ({ ...view(c), replies: replies[i]!.map(view), replyCount: Number(c.reply_count) })),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

/** What a reviewer reads of a comment: its text and author; null when there is no such comment. */
export async function commentForReview(
  db: Db | Tx,
  commentId: string,
): Promise<{ ownerId: string; text: string; status: string } | null> {
  const row = await db
    .selectFrom('comments')
    .select(['author_id', 'text', 'status'])
    .where('id', '=', commentId)
    .executeTakeFirst();
  return row ? { ownerId: row.author_id, text: row.text, status: row.status } : null;
}

/** The platform hides a comment (a report upheld): it leaves every list; the video's count drops by one. */
export async function hideComment(tx: Tx, commentId: string): Promise<void> {
  const done = await tx
    .updateTable('comments')
    .set({ status: 'hidden' })
    .where('id', '=', commentId)
    .where('status', '=', 'visible')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) return;
  const row = await tx
    .selectFrom('comments')
    .select(['video_id', 'parent_id'])
    .where('id', '=', commentId)
    .executeTakeFirstOrThrow();
  if (row.parent_id)
    await tx
      .updateTable('comments')
      .set({ reply_count: sql`reply_count - 1` })
      .where('id', '=', row.parent_id)
      .where('reply_count', '>', 0)
      .execute();
  await tx
    .updateTable('videos')
    .set({ comments: sql`comments - 1` })
    .where('id', '=', row.video_id)
    .where('comments', '>', 0)
    .execute();
}
