/**
 * Detectors that live in other modules and tell this one through the outbox: a video an admin
 * takes down is rejected content (内容违规), a violation of its owner (the shop for a shop's
 * video, else the creator). Recording is idempotent per video, so a redelivered event changes
 * nothing.
 */
import type { CoreContext } from '../context.js';
import type { OutboxDispatcher } from '../outbox/outbox.js';
import { recordViolation } from './service.js';

export function subscribeViolationsOutbox(outbox: OutboxDispatcher, ctx: CoreContext): void {
  outbox.subscribe('video.removed', async (e) => {
    const payload = e.payload as { by?: string };
    if (payload.by !== 'admin') return;
    const video = await ctx.db.selectFrom('videos').select(['id', 'owner_id', 'host_kind', 'shop_id', 'title']).where('id', '=', e.subjectId).executeTakeFirst();
    if (!video) return;
    const shop = video.host_kind === 'shop' && video.shop_id !== null;
    await ctx.db.transaction().execute((tx) =>
      recordViolation(tx, { subjectKind: shop ? 'shop' : 'creator', subjectId: shop ? video.shop_id! : video.owner_id, rule: 'content_rejected', refId: video.id, detail: { videoId: video.id, title: video.title } }, ctx.clock.now()),
    );
  });
}
