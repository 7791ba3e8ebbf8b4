/**
 * Review photos: uploaded by the buyer ahead of the review, type sniffed from the bytes and
 * size-limited like product images and after-sales evidence (JPEG, PNG, WebP, GIF; never SVG),
 * stored under the data directory, attached when the review (or its follow-up) is written with them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor, CoreContext } from '../context.js';
import { DomainError, newId } from '../platform/index.js';
import {
  deleteMediaFiles,
  KEEP_UNUSED_UPLOADS_MS,
  MAX_IMAGE_BYTES,
  mediaDir,
  sniffImageType,
  imageUrl,
} from '../catalog/index.js';

/** Photos a person may hold uploaded but not yet used in a review. */
export const MAX_UNUSED_REVIEW_PHOTOS = 30;

export async function uploadReviewPhoto(
  ctx: CoreContext,
  actor: Actor,
  bytes: Buffer,
): Promise<{ id: string; url: string }> {
  if (bytes.length > MAX_IMAGE_BYTES)
    throw new DomainError('FILE_TOO_LARGE', `images are at most ${MAX_IMAGE_BYTES} bytes`, { limit: MAX_IMAGE_BYTES });
  if (bytes.length === 0) throw new DomainError('UNSUPPORTED_FILE_TYPE', 'the file is empty');
  const kind = sniffImageType(bytes);
  if (!kind) throw new DomainError('UNSUPPORTED_FILE_TYPE', 'a review photo must be a JPEG, PNG, WebP or GIF image');
  const unused = await ctx.db
    .selectFrom('review_photos')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('uploader_id', '=', actor.userId)
    .where('review_id', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(unused.n) >= MAX_UNUSED_REVIEW_PHOTOS)
    throw new DomainError(
      'TOO_MANY_IMAGES',
      `at most ${MAX_UNUSED_REVIEW_PHOTOS} photos may wait unused; write the review with them first`,
    );
  const now = ctx.clock.now();
  const id = newId('reviewPhoto', now);
  const fileName = `${id}.${kind.ext}`;
  await mkdir(mediaDir(ctx.dataDir), { recursive: true });
  await writeFile(join(mediaDir(ctx.dataDir), fileName), bytes);
  await ctx.db
    .insertInto('review_photos')
    .values({
      id,
      uploader_id: actor.userId,
      review_id: null,
      part: null,
      sort: 0,
      file_name: fileName,
      content_type: kind.type,
      bytes: bytes.length,
      created_at: now,
    })
    .execute();
  return { id, url: imageUrl(fileName) };
}

/** Housekeeping: photos uploaded but never used in a review within a day are deleted, row and file. */
export async function purgeUnusedReviewPhotos(ctx: CoreContext, now: number): Promise<number> {
  const gone = await ctx.db
    .deleteFrom('review_photos')
    .where('review_id', 'is', null)
    .where('created_at', '<', now - KEEP_UNUSED_UPLOADS_MS)
    .returning('file_name')
    .execute();
  await deleteMediaFiles(
    ctx.dataDir,
    gone.map((r) => r.file_name),
  );
  return gone.length;
}
