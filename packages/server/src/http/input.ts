/** Guards on every request's input that no schema expresses. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '@zhongcao/core';

/** Where a value holds a NUL character (in a string or a key), as a JSON-pointer-like path; null when none. */
export function findNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '/' : null;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value)) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character being escaped
    if (k.includes('\u0000')) return `${path}/${k.replace(/\u0000/g, '\\u0000')}`;
    const hit = findNul(v, `${path}/${k}`);
    if (hit) return hit;
  }
  return null;
}

/**
 * Text with NUL characters is refused before validation: PostgreSQL cannot store it in a text
 * column (the insert fails), and no name, address or note needs one.
 */
export function installInputGuards(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['body', request.body],
      ['querystring', request.query],
      ['params', request.params],
    ] as const) {
      const at = findNul(value);
      if (at) {
        throw new DomainError('VALIDATION_FAILED', `invalid ${part}: text must not contain NUL characters`, {
          part,
          issues: [{ path: at, message: 'must not contain NUL characters' }],
        });
      }
    }
  });
}

/**
 * The bytes of the one file in a multipart/form-data request. Limits answer 413 (FILE_TOO_LARGE
 * and the like); a body that is not multipart answers 415; a multipart body that cannot be read
 * (no or wrong boundary, cut short) answers 400 MALFORMED_MULTIPART instead of a crash.
 */
export async function readUploadedFile(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'send the file as multipart/form-data');
  let bytes: Buffer | null = null;
  try {
    const file = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (file) bytes = await file.toBuffer();
  } catch (err) {
    const e = err as { code?: unknown; statusCode?: unknown };
    if (
      typeof e.code === 'string' &&
      e.code.startsWith('FST_') &&
      typeof e.statusCode === 'number' &&
      e.statusCode < 500
    )
      throw err;
    throw new DomainError('MALFORMED_MULTIPART', 'the multipart/form-data body cannot be read');
  }
  if (!bytes) throw new DomainError('FILE_REQUIRED', 'the multipart body has no file');
  return bytes;
}
