/** Videos: upload (checked, stored, poster), publish (draft → review → published, or waiting in review), remove, and reading one. */
import { join } from 'node:path';
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { hasRole } from '../accounts/index.js';
import { DomainError, forbidden, notFound, newId } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { indexVideos } from '../search/index.js';
import { enforceContent, type FieldHit } from '../governance/index.js';
import { checkAnchorIds, checkCaption, checkTitle, parseHashtags } from './text-rules.js';
import {
  assertVideoTransition,
  publishPath,
  reviewTarget,
  type VideoActor,
  type VideoReviewDecision,
  type VideoStatus,
} from './video-states.js';
import {
  checkPoster,
  extractPoster,
  inspectVideoFile,
  moveIntoVideos,
  postersDir,
  removeQuietly,
  writePoster,
} from './media-files.js';
import { titleCardSvg } from './title-card.js';
import { videoCards, type VideoCard, type VideoRow } from './video-cards.js';

export interface CreateVideoInput {
  /** The uploaded video, already on disk (a temp file; it is moved away on success). */
  filePath: string;
  /** An uploaded poster image, when the client sent one. */
  poster?: Buffer | null;
  title: string;
  caption?: string;
  productIds?: string[];
  hostKind?: 'creator' | 'shop';
  shopId?: string | null;
  publish?: boolean;
}

/** Who may post as what: creators as themselves; a shop's members for the shop (店播). */
function checkHost(actor: Actor, hostKind: 'creator' | 'shop', shopId: string | null | undefined): string | null {
  if (hostKind === 'shop') {
    if (!shopId)
      throw new DomainError('INVALID_INPUT', 'shopId is required when hostKind is shop', { field: 'shopId' });
    if (!actor.shops.has(shopId)) throw notFound('shop', shopId);
    return shopId;
  }
  if (shopId) throw new DomainError('INVALID_INPUT', 'shopId is only for hostKind shop', { field: 'shopId' });
  if (!hasRole(actor, 'creator')) throw forbidden('posting videos as a creator needs the creator role');
  return null;
}

/** Anchors must be listed products; returns them in the given order. */
async function checkAnchorsListed(db: Db | Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db
    .selectFrom('products')
    .select(['id', 'status'])
    .where('id', 'in', [...ids])
    .execute();
  const listed = new Set(rows.filter((r) => r.status === 'listed').map((r) => r.id));
  const missing = ids.filter((id) => !listed.has(id));
  if (missing.length)
    throw new DomainError('PRODUCT_UNAVAILABLE', 'a video can only carry listed products', { productIds: missing });
}

/** The name a video's title card shows: its shop's for a shop video, its uploader's otherwise. */
async function authorName(db: Db, actor: Actor, hostKind: string, shopId: string | null): Promise<string> {
  if (hostKind === 'shop' && shopId) {
    const shop = await db.selectFrom('shops').select('name').where('id', '=', shopId).executeTakeFirst();
    if (shop) return shop.name;
  }
  return actor.displayName;
}

/** Uploads a video: every check first, then the files, then one transaction; a failure leaves nothing behind. */
export async function createVideo(
  ctx: CoreContext,
  actor: Actor,
  input: CreateVideoInput,
): Promise<VideoCard & { warnings: FieldHit[] }> {
  const hostKind = input.hostKind ?? 'creator';
  const shopId = checkHost(actor, hostKind, input.shopId);
  const title = checkTitle(input.title);
  const caption = checkCaption(input.caption ?? '');
  const productIds = checkAnchorIds(input.productIds ?? []);
  // The rule book before anything is stored: reject → 422 CONTENT_REJECTED; review and warn come back as warnings.
  const warnings = await enforceContent(ctx, [
    { field: 'title', text: title },
    { field: 'caption', text: caption },
  ]);
  const poster = input.poster ? checkPoster(input.poster) : null;
  await checkAnchorsListed(ctx.db, productIds);
  const media = await inspectVideoFile(input.filePath);

  const now = ctx.clock.now();
  const id = newId('video', now);
  const fileName = `${id}.${media.ext}`;
  const stored = await moveIntoVideos(ctx.dataDir, input.filePath, fileName);
  let posterFile: string | null = null;
  try {
    if (input.poster && poster) {
      posterFile = `${id}.${poster.ext}`;
      await writePoster(ctx.dataDir, posterFile, input.poster);
    } else if (await extractPoster(ctx.dataDir, stored, `${id}.jpg`)) {
      posterFile = `${id}.jpg`;
    } else {
      // No ffmpeg (or no frame to take): a title card with the title and its author, never a blank tile.
      posterFile = `${id}.svg`;
      await writePoster(
        ctx.dataDir,
        posterFile,
        Buffer.from(titleCardSvg({ title, author: await authorName(ctx.db, actor, hostKind, shopId) })),
      );
    }
    const held = needsReview(warnings);
    const status: VideoStatus = !input.publish ? 'draft' : held ? 'review' : 'published';
    await ctx.db.transaction().execute(async (tx) => {
      await checkAnchorsListed(tx, productIds);
      await tx
        .insertInto('videos')
        .values({
          id,
          owner_id: actor.userId,
          host_kind: hostKind,
          shop_id: shopId,
          title,
          caption,
          hashtags: JSON.stringify(parseHashtags(caption)),
          status,
          file_name: fileName,
          content_type: media.type,
          bytes: media.bytes,
          duration_ms: media.durationMs,
          poster_file: posterFile,
          views: 0,
          likes: 0,
          comments: 0,
          shares: 0,
          completions: 0,
          created_at: now,
          published_at: status === 'published' ? now : null,
          updated_at: now,
        })
        .execute();
      await indexVideos(tx, [id], now);
      if (productIds.length)
        await tx
          .insertInto('video_anchors')
          .values(productIds.map((p, position) => ({ video_id: id, product_id: p, position })))
          .execute();
      if (status === 'published')
        await emit(
          tx,
          'video.published',
          id,
          { videoId: id, ownerId: actor.userId, by: 'reviewer', autoApproved: true } satisfies VideoMovedEvent,
          now,
        );
      if (status === 'review') {
        await emit(
          tx,
          'video.review',
          id,
          { videoId: id, ownerId: actor.userId, by: 'owner' } satisfies VideoMovedEvent,
          now,
        );
        await emit(tx, 'video.held', id, reviewEvent(id, actor.userId, title, caption, warnings), now);
      }
    });
  } catch (err) {
    await removeQuietly(stored);
    if (posterFile) await removeQuietly(join(postersDir(ctx.dataDir), posterFile));
    throw err;
  }
  return { ...(await getVideo(ctx.db, id, actor)), warnings };
}

async function loadRow(db: Db | Tx, videoId: string): Promise<VideoRow> {
  const row = await db.selectFrom('videos').selectAll().where('id', '=', videoId).executeTakeFirst();
  if (!row) throw notFound('video', videoId);
  return row;
}

/** The uploader, or (for a shop's own video) any member of that shop. */
export function managesVideo(actor: Actor, row: Pick<VideoRow, 'owner_id' | 'shop_id' | 'host_kind'>): boolean {
  return (
    row.owner_id === actor.userId || (row.host_kind === 'shop' && row.shop_id !== null && actor.shops.has(row.shop_id))
  );
}

/** True when this viewer may see the video: published ones for everyone, any other live state for its managers; removed for nobody. */
export function canSeeVideo(
  viewer: Actor | null,
  row: Pick<VideoRow, 'status' | 'owner_id' | 'shop_id' | 'host_kind'>,
): boolean {
  if (row.status === 'published') return true;
  if (row.status === 'removed') return false;
  return viewer !== null && managesVideo(viewer, row);
}

/** A video the viewer may see, else 404. */
export async function visibleVideo(db: Db | Tx, videoId: string, viewer: Actor | null): Promise<VideoRow> {
  const row = await loadRow(db, videoId);
  if (!canSeeVideo(viewer, row)) throw notFound('video', videoId);
  return row;
}

export async function getVideo(db: Db, videoId: string, viewer: Actor | null): Promise<VideoCard> {
  const row = await visibleVideo(db, videoId, viewer);
  return (await videoCards(db, [row], viewer?.userId ?? null))[0]!;
}

/** A term of severity review in the text holds a video in review for a person. */
function needsReview(hits: readonly FieldHit[]): boolean {
  return hits.some((h) => h.severity === 'review');
}

/** The payload of `video.<status>` events; `autoApproved` marks the automatic review's approval of clean text. */
export interface VideoMovedEvent {
  videoId: string;
  ownerId: string;
  by: VideoActor;
  autoApproved?: boolean;
}

/** The payload of `video.held` (after `video.review`) when the rule book holds a video for a person: the text and the hits (the evidence). */
export interface VideoHeldEvent {
  videoId: string;
  ownerId: string;
  by: 'owner';
  title: string;
  caption: string;
  hits: FieldHit[];
}

function reviewEvent(
  videoId: string,
  ownerId: string,
  title: string,
  caption: string,
  hits: readonly FieldHit[],
): VideoHeldEvent {
  return { videoId, ownerId, by: 'owner', title, caption, hits: hits.filter((h) => h.severity === 'review') };
}

async function moveTo(
  tx: Tx,
  row: VideoRow,
  to: VideoStatus,
  by: VideoActor,
  now: number,
  held?: VideoHeldEvent,
): Promise<void> {
  assertVideoTransition(row.status, to, by);
  const done = await tx
    .updateTable('videos')
    .set({ status: to, updated_at: now, ...(to === 'published' ? { published_at: now } : {}) })
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1)
    throw new DomainError('INVALID_TRANSITION', 'the video changed meanwhile; try again', { from: row.status, to });
  row.status = to;
  if (held && to === 'review') await emit(tx, 'video.held', row.id, held, now);
  await emit(
    tx,
    `video.${to}`,
    row.id,
    {
      videoId: row.id,
      ownerId: row.owner_id,
      by,
      ...(to === 'published' && by === 'reviewer' ? { autoApproved: true } : {}),
    } satisfies VideoMovedEvent,
    now,
  );
}

/**
 * The owner publishes: the text goes through the rule book again (the book may have changed since
 * the upload): reject → 422 CONTENT_REJECTED; a term of severity review → the video waits in review
 * (a `video.held` event carries the hits to the review queue); clean → published at once by the
 * automatic review (recorded as autoApproved on the `video.published` event).
 */
export async function publishVideo(
  ctx: CoreContext,
  actor: Actor,
  videoId: string,
): Promise<VideoCard & { warnings: FieldHit[] }> {
  const now = ctx.clock.now();
  const first = await loadRow(ctx.db, videoId);
  if (!managesVideo(actor, first) || first.status === 'removed') throw notFound('video', videoId);
  const warnings = await enforceContent(ctx, [
    { field: 'title', text: first.title },
    { field: 'caption', text: first.caption },
  ]);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await loadRow(tx, videoId);
    if (!managesVideo(actor, row) || row.status === 'removed') throw notFound('video', videoId);
    const held = needsReview(warnings)
      ? reviewEvent(row.id, row.owner_id, row.title, row.caption, warnings)
      : undefined;
    for (const step of publishPath(row.status, !held)) await moveTo(tx, row, step.to, step.by, now, held);
  });
  return { ...(await getVideo(ctx.db, videoId, actor)), warnings };
}

/**
 * A reviewer's decision on a video waiting in review (the review queue calls this inside its own
 * transaction): approve → published, reject → rejected (未通过). 409 INVALID_TRANSITION when the
 * video is no longer in review.
 */
export async function decideVideoReview(
  tx: Tx,
  videoId: string,
  decision: VideoReviewDecision,
  now: number,
): Promise<void> {
  const row = await loadRow(tx, videoId);
  await moveTo(tx, row, reviewTarget(decision), 'admin', now);
}

/** The platform takes a video down (a report upheld): removed for everyone. Already removed: nothing to do. */
export async function takeDownVideo(tx: Tx, videoId: string, now: number): Promise<void> {
  const row = await loadRow(tx, videoId);
  if (row.status === 'removed') return;
  await moveTo(tx, row, 'removed', 'admin', now);
}

/** What a reviewer reads of a video: its text and whose it is; null when there is no such video. */
export async function videoForReview(
  db: Db | Tx,
  videoId: string,
): Promise<{ ownerId: string; text: string; status: string } | null> {
  const row = await db
    .selectFrom('videos')
    .select(['owner_id', 'title', 'caption', 'status'])
    .where('id', '=', videoId)
    .executeTakeFirst();
  return row ? { ownerId: row.owner_id, text: `${row.title}\n${row.caption}`.trim(), status: row.status } : null;
}

/** The owner or an admin takes a video down; it is gone for everyone (404). */
export async function removeVideo(
  ctx: CoreContext,
  actor: Actor,
  videoId: string,
): Promise<{ id: string; status: 'removed' }> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const row = await loadRow(tx, videoId);
    const isAdmin = hasRole(actor, 'admin');
    const manages = managesVideo(actor, row);
    if ((!manages && !isAdmin) || row.status === 'removed') throw notFound('video', videoId);
    await moveTo(tx, row, 'removed', manages ? 'owner' : 'admin', now);
  });
  return { id: videoId, status: 'removed' };
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents extends Record<`video.${VideoStatus}`, VideoMovedEvent> {
    'video.held': VideoHeldEvent;
  }
}
