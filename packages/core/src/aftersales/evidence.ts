/**
 * Evidence photos for after-sales cases: uploaded by anyone signed in (buyer, shop, admin), type
 * sniffed from the bytes like product images (JPEG, PNG, WebP, GIF; never SVG), size-limited,
 * stored under the data directory; attached to a case when the uploader files or writes with it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor, CoreContext, Tx } from '../context.js';
import { DomainError, newId } from '../platform/index.js';
import {
  deleteMediaFiles,
  KEEP_UNUSED_UPLOADS_MS,
  MAX_IMAGE_BYTES,
  mediaDir,
  sniffImageType,
  imageUrl,
} from '../catalog/index.js';

/** Photos a person may hold uploaded but not yet used in a case. */
export const MAX_UNUSED_EVIDENCE = 30;

export async function uploadEvidence(
  ctx: CoreContext,
  actor: Actor,
  bytes: Buffer,
): Promise<{ id: string; url: string }> {
  if (bytes.length > MAX_IMAGE_BYTES)
    throw new DomainError('FILE_TOO_LARGE', `images are at most ${MAX_IMAGE_BYTES} bytes`, { limit: MAX_IMAGE_BYTES });
  if (bytes.length === 0) throw new DomainError('UNSUPPORTED_FILE_TYPE', 'the file is empty');
  const kind = sniffImageType(bytes);
  if (!kind) throw new DomainError('UNSUPPORTED_FILE_TYPE', 'evidence must be a JPEG, PNG, WebP or GIF photo');
  const unused = await ctx.db
    .selectFrom('aftersales_evidence')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('uploader_id', '=', actor.userId)
    .where('case_id', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(unused.n) >= MAX_UNUSED_EVIDENCE)
    throw new DomainError(
      'TOO_MANY_IMAGES',
      `at most ${MAX_UNUSED_EVIDENCE} photos may wait unused; file or write with them first`,
    );
  const now = ctx.clock.now();
  const id = newId('afterSalesEvidence', now);
  const fileName = `${id}.${kind.ext}`;
  await mkdir(mediaDir(ctx.dataDir), { recursive: true });
  await writeFile(join(mediaDir(ctx.dataDir), fileName), bytes);
  await ctx.db
    .insertInto('aftersales_evidence')
    .values({
      id,
      uploader_id: actor.userId,
      case_id: null,
      event_id: null,
      file_name: fileName,
      content_type: kind.type,
      bytes: bytes.length,
      created_at: now,
    })
    .execute();
  return { id, url: imageUrl(fileName) };
}

/**
 * Hands photos the uploader has not used yet to another record (a violation appeal): their rows
 * leave this table, so housekeeping no longer purges them, and the files stay with the record
 * that took them. Returns them in the order asked; fewer than asked when some were not found.
 */
export async function takeUnusedEvidence(
  tx: Tx,
  uploaderId: string,
  ids: readonly string[],
): Promise<Array<{ id: string; url: string }>> {
  if (ids.length === 0) return [];
  const rows = await tx
    .deleteFrom('aftersales_evidence')
    .where('id', 'in', [...ids])
    .where('uploader_id', '=', uploaderId)
    .where('case_id', 'is', null)
    .returning(['id', 'file_name'])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r.file_name]));
  return ids.flatMap((id) => (byId.has(id) ? [{ id, url: imageUrl(byId.get(id)!) }] : []));
}

/** Housekeeping: evidence uploaded but never used in a case within a day is deleted, row and file. */
export async function purgeUnusedEvidence(ctx: CoreContext, now: number): Promise<number> {
  const gone = await ctx.db
    .deleteFrom('aftersales_evidence')
    .where('case_id', 'is', null)
    .where('created_at', '<', now - KEEP_UNUSED_UPLOADS_MS)
    .returning('file_name')
    .execute();
  await deleteMediaFiles(
    ctx.dataDir,
    gone.map((r) => r.file_name),
  );
  return gone.length;
}
