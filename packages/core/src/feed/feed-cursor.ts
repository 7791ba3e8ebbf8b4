/**
 * The feed's opaque cursors, signed with an installation secret so a client cannot forge or edit
 * one (tampering answers 400 INVALID_CURSOR):
 *   recommend: `r1.<page>.<fds_ session id>.<shown filter>.<signature>`
 *   following: `f1.<publishedAt>.<vid_ last id>.<signature>` (keyset: newest first)
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../context.js';
import { DomainError, isIdOf, cachedInstallationSecret } from '../platform/index.js';
import { ShownFilter } from '../recommend/index.js';

export interface RecommendCursor {
  kind: 'recommend';
  page: number;
  sessionId: string;
  shown: ShownFilter;
}

export interface FollowingCursor {
  kind: 'following';
  publishedAt: number;
  lastId: string;
}

export type FeedCursor = RecommendCursor | FollowingCursor;

const SIG_BYTES = 16;
/** The signing key, read (or created) once per store and process. */
export async function cursorKey(db: Db): Promise<Buffer> {
  return Buffer.from(await cachedInstallationSecret(db, 'feed_cursor_secret'), 'utf8');
}

const signature = (key: Buffer, body: string): Buffer =>
  createHmac('sha256', key).update(body).digest().subarray(0, SIG_BYTES);

export function encodeCursor(key: Buffer, c: FeedCursor): string {
  const body =
    c.kind === 'recommend' ? `r1.${c.page}.${c.sessionId}.${c.shown.encode()}` : `f1.${c.publishedAt}.${c.lastId}`;
  return `${body}.${signature(key, body).toString('base64url')}`;
}

const invalid = (why: string): DomainError =>
  new DomainError('INVALID_CURSOR', `the cursor is not one this feed issued (${why}); start again without a cursor`);

export function decodeCursor(key: Buffer, text: string): FeedCursor {
  const dot = text.lastIndexOf('.');
  if (dot <= 0) throw invalid('malformed');
  const body = text.slice(0, dot);
  const sig = Buffer.from(text.slice(dot + 1), 'base64url');
  const expected = signature(key, body);
  if (sig.length !== SIG_BYTES || !timingSafeEqual(sig, expected)) throw invalid('bad signature');
  const parts = body.split('.');
  if (parts[0] === 'r1' && parts.length === 4) {
    const page = Number(parts[1]);
    const shown = ShownFilter.decode(parts[3]!);
    if (!Number.isSafeInteger(page) || page < 1 || !isIdOf('feedSession', parts[2]!) || !shown)
      throw invalid('malformed');
    return { kind: 'recommend', page, sessionId: parts[2]!, shown };
  }
  if (parts[0] === 'f1' && parts.length === 3) {
    const publishedAt = Number(parts[1]);
    if (!Number.isSafeInteger(publishedAt) || !isIdOf('video', parts[2]!)) throw invalid('malformed');
    return { kind: 'following', publishedAt, lastId: parts[2]! };
  }
  throw invalid('unknown kind');
}
