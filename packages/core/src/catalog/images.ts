/** Product images: type sniffed from the bytes (not the client's word), size-limited, stored under the data directory. */
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor, CoreContext } from '../context.js';
import { DomainError, newId } from '../platform/index.js';
import { requireOwnProduct } from './products.js';
import { imageUrl } from './product-views.js';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGES_PER_PRODUCT = 9;

const SIGNATURES: Array<{ type: string; ext: string; test: (b: Buffer) => boolean }> = [
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/png',
    ext: 'png',
    test: (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    type: 'image/webp',
    ext: 'webp',
    test: (b) => b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
  {
    type: 'image/gif',
    ext: 'gif',
    test: (b) => b.length > 6 && (b.toString('latin1', 0, 6) === 'GIF87a' || b.toString('latin1', 0, 6) === 'GIF89a'),
  },
  { type: 'image/svg+xml', ext: 'svg', test: () => false }, // never accepted: scripts hide in SVG
];

export function sniffImageType(bytes: Buffer): { type: string; ext: string } | null {
  const hit = SIGNATURES.find((s) => s.test(bytes));
  return hit ? { type: hit.type, ext: hit.ext } : null;
}

export function mediaDir(dataDir: string): string {
  return join(dataDir, 'media');
}

export async function addProductImage(
  ctx: CoreContext,
  actor: Actor,
  productId: string,
  bytes: Buffer,
): Promise<{ id: string; url: string }> {
  const { shopId } = await requireOwnProduct(ctx, actor, productId);
  if (bytes.length > MAX_IMAGE_BYTES)
    throw new DomainError('FILE_TOO_LARGE', `images are at most ${MAX_IMAGE_BYTES} bytes`, { limit: MAX_IMAGE_BYTES });
  if (bytes.length === 0) throw new DomainError('UNSUPPORTED_FILE_TYPE', 'the file is empty');
  const kind = sniffImageType(bytes);
  if (!kind) throw new DomainError('UNSUPPORTED_FILE_TYPE', 'images must be JPEG, PNG, WebP or GIF');
  const count = await ctx.db
    .selectFrom('product_images')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_IMAGES_PER_PRODUCT)
    throw new DomainError('TOO_MANY_IMAGES', `a product has at most ${MAX_IMAGES_PER_PRODUCT} images`);
  const id = newId('image');
  const fileName = `${id}.${kind.ext}`;
  await mkdir(mediaDir(ctx.dataDir), { recursive: true });
  await writeFile(join(mediaDir(ctx.dataDir), fileName), bytes);
  await ctx.db
    .insertInto('product_images')
    .values({
      id,
      product_id: productId,
      shop_id: shopId,
      file_name: fileName,
      content_type: kind.type,
      bytes: bytes.length,
      sort: Number(count.n),
      created_at: ctx.clock.now(),
    })
    .execute();
  return { id, url: imageUrl(fileName) };
}

/** Uploads not used within this long are removed by housekeeping (evidence, supply photos). */
export const KEEP_UNUSED_UPLOADS_MS = 24 * 3600 * 1000;

/** Removes media files by name; a file already gone is fine. */
export async function deleteMediaFiles(dataDir: string, fileNames: readonly string[]): Promise<void> {
  for (const name of fileNames) {
    try {
      await unlink(join(mediaDir(dataDir), name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}
