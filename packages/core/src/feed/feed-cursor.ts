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
/** One Buffer per secret, so the texts it signed or verified can be remembered against it. */
const keysBySecret = new Map<string, Buffer>();
/** The signing key, read (or created) once per store and process. */
export async function cursorKey(db: Db): Promise<Buffer> {
  const secret = await cachedInstallationSecret(db, 'feed_cursor_secret');
  let key = keysBySecret.get(secret);
  if (!key) keysBySecret.set(secret, (key = Buffer.from(secret, 'utf8')));
  return key;
}

/**
 * The last cursor texts each key signed or verified: a scroll brings back the cursor it was just
 * given, so its signature need not be computed again. Only whole texts are remembered (a text is
 * either exactly one the key vouched for or checked afresh); the body is still parsed each time,
 * so every caller gets its own ShownFilter.
 */
const VOUCHED_MAX = 1_024;
const vouchedByKey = new WeakMap<Buffer, Set<string>>();
function vouch(key: Buffer, text: string): void {
  let texts = vouchedByKey.get(key);
  if (!texts) vouchedByKey.set(key, (texts = new Set()));
  if (texts.size >= VOUCHED_MAX) texts.delete(texts.values().next().value as string);
  texts.add(text);
}
const vouched = (key: Buffer, text: string): boolean => vouchedByKey.get(key)?.has(text) === true;

const signature = (key: Buffer, body: string): Buffer =>
  createHmac('sha256', key).update(body).digest().subarray(0, SIG_BYTES);

export function encodeCursor(key: Buffer, c: FeedCursor): string {
  const body =
    c.kind === 'recommend' ? `r1.${c.page}.${c.sessionId}.${c.shown.encode()}` : `f1.${c.publishedAt}.${c.lastId}`;
  const text = `${body}.${signature(key, body).toString('base64url')}`;
  vouch(key, text);
  return text;
}

const invalid = (why: string): DomainError =>
  new DomainError('INVALID_CURSOR', `the cursor is not one this feed issued (${why}); start again without a cursor`);

export function decodeCursor(key: Buffer, text: string): FeedCursor {
  const dot = text.lastIndexOf('.');
  if (dot <= 0) throw invalid('malformed');
  const body = text.slice(0, dot);
  if (!vouched(key, text)) {
    const sig = Buffer.from(text.slice(dot + 1), 'base64url');
    if (sig.length !== SIG_BYTES || !timingSafeEqual(sig, signature(key, body))) throw invalid('bad signature');
    vouch(key, text);
  }
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
