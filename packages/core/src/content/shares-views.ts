/** Shares (a link that opens the video) and view counts (once per viewer per video per 30 minutes). */
import { sql } from 'kysely';
import type { Actor, CoreContext } from '../context.js';
import { newId } from '../platform/index.js';
import { insertRows } from '../storage/index.js';
import { publishAfter } from '../signals/index.js';
import { visibleVideo } from './videos.js';

export const VIEW_WINDOW_MS = 30 * 60 * 1000;

export async function shareVideo(
  ctx: CoreContext,
  actor: Actor | null,
  videoId: string,
): Promise<{ shareUrl: string; shares: number }> {
  const now = ctx.clock.now();
  const id = newId('share', now);
  return publishAfter(
    ctx.db,
    ctx.db.transaction().execute(async (tx) => {
      await visibleVideo(tx, videoId, actor);
      await insertRows(tx, 'video_shares', [
        { id, video_id: videoId, user_id: actor?.userId ?? null, created_at: now },
      ]);
      await tx.updateTable('videos').set({ shares: sql`shares + 1` }).where('id', '=', videoId).execute();
      const row = await tx.selectFrom('videos').select('shares').where('id', '=', videoId).executeTakeFirstOrThrow();
      return { shareUrl: `/v/${videoId}?s=${id}`, shares: Number(row.shares) };
    }),
    () => (actor ? [{ actor: actor.userId, kind: 'share', videoId, at: now }] : []),
  );
}

/** The key a viewer is counted by: the signed-in person, else a client-chosen anonymous id, else nobody. */
export function viewerKey(actor: Actor | null, anonymousId: string | null | undefined): string | null {
  if (actor) return actor.userId;
  return anonymousId ? `anon:${anonymousId}` : null;
}

/**
 * Counts a view unless this viewer was counted for this video in the last 30 minutes. Anonymous
 * viewers without an id are not counted (the current count is still returned).
 */
export async function recordView(
  ctx: CoreContext,
  actor: Actor | null,
  videoId: string,
  anonymousId?: string | null,
): Promise<{ views: number; counted: boolean }> {
  const key = viewerKey(actor, anonymousId);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    await visibleVideo(tx, videoId, actor);
    let counted = false;
    if (key) {
      const inserted = await insertRows(
        tx,
        'video_views',
        [{ video_id: videoId, viewer_key: key, last_counted_at: now }],
        { onConflictDoNothing: ['video_id', 'viewer_key'] },
      );
      if (inserted) counted = true;
      else {
        const renewed = await tx
          .updateTable('video_views')
          .set({ last_counted_at: now })
          .where('video_id', '=', videoId)
          .where('viewer_key', '=', key)
          .where('last_counted_at', '<=', now - VIEW_WINDOW_MS)
          .executeTakeFirst();
        counted = Number(renewed.numUpdatedRows) === 1;
      }
      if (counted) await tx.updateTable('videos').set({ views: sql`views + 1` }).where('id', '=', videoId).execute();
    }
    const row = await tx.selectFrom('videos').select('views').where('id', '=', videoId).executeTakeFirstOrThrow();
    return { views: Number(row.views), counted };
  });
}
