/**
 * Photos of production bases and quality checks. Uploaded through the catalog's image machinery
 * (type sniffed from the bytes, size-limited, stored under the data directory), then attached
 * to one base or QC record in the transaction that saves it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import {
  deleteMediaFiles,
  KEEP_UNUSED_UPLOADS_MS,
  MAX_IMAGE_BYTES,
  mediaDir,
  sniffImageType,
  imageUrl,
} from '../catalog/index.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';

export interface SupplyPhoto {
  id: string;
  url: string;
}

export async function uploadSupplyPhoto(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  bytes: Buffer,
): Promise<SupplyPhoto> {
  requireShopMember(actor, shopId);
  if (bytes.length > MAX_IMAGE_BYTES)
    throw new DomainError('FILE_TOO_LARGE', `images are at most ${MAX_IMAGE_BYTES} bytes`, { limit: MAX_IMAGE_BYTES });
  if (bytes.length === 0) throw new DomainError('UNSUPPORTED_FILE_TYPE', 'the file is empty');
  const kind = sniffImageType(bytes);
  if (!kind) throw new DomainError('UNSUPPORTED_FILE_TYPE', 'photos must be JPEG, PNG, WebP or GIF');
  const now = ctx.clock.now();
  const id = newId('supplyPhoto', now);
  const fileName = `${id}.${kind.ext}`;
  await mkdir(mediaDir(ctx.dataDir), { recursive: true });
  await writeFile(join(mediaDir(ctx.dataDir), fileName), bytes);
  await ctx.db
    .insertInto('supply_photos')
    .values({
      id,
      shop_id: shopId,
      attached_to: null,
      file_name: fileName,
      content_type: kind.type,
      bytes: bytes.length,
      created_at: now,
    })
    .execute();
  return { id, url: imageUrl(fileName) };
}

/**
 * Attaches uploaded photos of the shop to a base or QC record. A photo of another shop (or none)
 * is NOT_FOUND; one attached elsewhere already is PHOTO_IN_USE.
 */
export async function attachPhotos(
  tx: Tx,
  shopId: string,
  photoIds: readonly string[],
  ownerId: string,
): Promise<void> {
  if (new Set(photoIds).size !== photoIds.length) throw invalid('a photo appears twice', { field: 'photoIds' });
  for (const id of photoIds) {
    const res = await tx
      .updateTable('supply_photos')
      .set({ attached_to: ownerId })
      .where('id', '=', id)
      .where('shop_id', '=', shopId)
      .where('attached_to', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) continue;
    const row = await tx
      .selectFrom('supply_photos')
      .select('attached_to')
      .where('id', '=', id)
      .where('shop_id', '=', shopId)
      .executeTakeFirst();
    if (!row) throw notFound('photo', id);
    if (row.attached_to !== ownerId)
      throw new DomainError('PHOTO_IN_USE', 'this photo belongs to another base or check already', { photoId: id });
  }
}

/** Detaches an owner's photos except `keep`; housekeeping then deletes them (row and file). */
export async function detachPhotos(tx: Tx, ownerId: string, keep: readonly string[]): Promise<void> {
  let q = tx.updateTable('supply_photos').set({ attached_to: null }).where('attached_to', '=', ownerId);
  if (keep.length) q = q.where('id', 'not in', [...keep]);
  await q.execute();
}

/** Photos by owner (base or QC record), oldest first. */
export async function photosOf(db: Db | Tx, ownerIds: readonly string[]): Promise<Map<string, SupplyPhoto[]>> {
  const out = new Map<string, SupplyPhoto[]>();
  if (ownerIds.length === 0) return out;
  const rows = await db
    .selectFrom('supply_photos')
    .select(['id', 'attached_to', 'file_name'])
    .where('attached_to', 'in', [...new Set(ownerIds)])
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.attached_to!) ?? [];
    list.push({ id: r.id, url: imageUrl(r.file_name) });
    out.set(r.attached_to!, list);
  }
  return out;
}

/** Housekeeping: photos not attached to a base or check for a day are deleted, row and file. */
export async function purgeUnattachedPhotos(ctx: CoreContext, now: number): Promise<number> {
  const gone = await ctx.db
    .deleteFrom('supply_photos')
    .where('attached_to', 'is', null)
    .where('created_at', '<', now - KEEP_UNUSED_UPLOADS_MS)
    .returning('file_name')
    .execute();
  await deleteMediaFiles(
    ctx.dataDir,
    gone.map((r) => r.file_name),
  );
  return gone.length;
}
