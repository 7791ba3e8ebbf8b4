/**
 * Detectors that live in other modules and tell this one through the outbox:
 *
 * - a video an admin rejects in review (未通过) or takes down is rejected content (内容违规), a
 *   violation of its owner (the shop for a shop's video, else the creator);
 * - a report (举报) an admin upholds on a product, a live room or a comment is a confirmed report
 *   (举报成立) against whoever owns it (a product's shop, a room's host, a comment's author). A
 *   video taken down on reports counts once, as rejected content.
 *
 * Recording is idempotent per rule and subject, so a redelivered event changes nothing.
 */
import type { CoreContext, Tx } from '../context.js';
import type { DomainEvent, OutboxDispatcher } from '../outbox/index.js';
import { recordViolation } from './service.js';
import type { SubjectKind } from './rules.js';

type Owner = { kind: SubjectKind; id: string };

async function videoViolation(ctx: CoreContext, e: DomainEvent<'video.removed' | 'video.rejected'>): Promise<void> {
  if (e.payload.by !== 'admin') return;
  const video = await ctx.db
    .selectFrom('videos')
    .select(['id', 'owner_id', 'host_kind', 'shop_id', 'title'])
    .where('id', '=', e.subjectId)
    .executeTakeFirst();
  if (!video) return;
  const shop = video.host_kind === 'shop' && video.shop_id !== null;
  await ctx.db.transaction().execute((tx) =>
    recordViolation(
      tx,
      {
        subjectKind: shop ? 'shop' : 'creator',
        subjectId: shop ? video.shop_id! : video.owner_id,
        rule: 'content_rejected',
        refId: video.id,
        detail: { videoId: video.id, title: video.title, topic: e.topic },
      },
      ctx.clock.now(),
    ),
  );
}

/** Who answers for a reported subject (null: nobody with a ledger, or it is gone). */
async function ownerOf(tx: Tx, d: DomainEvent<'moderation.decided'>['payload']): Promise<Owner | null> {
  if (d.subjectKind === 'product') {
    const p = await tx.selectFrom('products').select('shop_id').where('id', '=', d.subjectId).executeTakeFirst();
    return p ? { kind: 'shop', id: p.shop_id } : null;
  }
  if (d.subjectKind === 'live_room') {
    const r = await tx
      .selectFrom('live_rooms')
      .select(['host_kind', 'host_id'])
      .where('id', '=', d.subjectId)
      .executeTakeFirst();
    return r ? { kind: r.host_kind === 'shop' ? 'shop' : 'creator', id: r.host_id } : null;
  }
  if (d.subjectKind === 'comment') {
    const c = await tx.selectFrom('comments').select('author_id').where('id', '=', d.subjectId).executeTakeFirst();
    return c ? { kind: 'creator', id: c.author_id } : null;
  }
  return null; // videos: the take-down's own `video.removed` records it
}

async function reportViolation(ctx: CoreContext, e: DomainEvent<'moderation.decided'>): Promise<void> {
  const d = e.payload;
  if (d.decision !== 'take_down' || d.source !== 'reports') return;
  await ctx.db.transaction().execute(async (tx) => {
    const owner = await ownerOf(tx, d);
    if (!owner) return;
    await recordViolation(
      tx,
      {
        subjectKind: owner.kind,
        subjectId: owner.id,
        rule: 'report_confirmed',
        refId: d.itemId,
        detail: { subjectKind: d.subjectKind, subjectId: d.subjectId, reason: d.reason },
      },
      ctx.clock.now(),
    );
  });
}

export function subscribeViolationsOutbox(outbox: OutboxDispatcher, ctx: CoreContext): void {
  outbox.subscribe('video.removed', (e) => videoViolation(ctx, e));
  outbox.subscribe('video.rejected', (e) => videoViolation(ctx, e));
  outbox.subscribe('moderation.decided', (e) => reportViolation(ctx, e));
}
