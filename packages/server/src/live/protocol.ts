/**
 * The room channel's wire protocol (JSON text frames, field `t`). Client → server: comment, like,
 * ping. Server → client: state, comments, likes, viewers, pin, sale, coupon, luckybag, ended,
 * error, pong. Parsing is pure: a bad frame becomes an error code, never an exception.
 */
export const MAX_COMMENT_CHARS = 200;
export const MAX_LIKES_PER_MESSAGE = 100;
/** Frames above this are refused by the socket itself (closed with 1009). */
export const MAX_FRAME_BYTES = 2048;

export type ClientMessage = { t: 'comment'; text: string } | { t: 'like'; n: number } | { t: 'ping' };

export type ParseResult =
  | { ok: true; message: ClientMessage }
  | { ok: false; code: 'BAD_MESSAGE' | 'COMMENT_TOO_LONG' | 'COMMENT_EMPTY' };

export function parseClientMessage(raw: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'BAD_MESSAGE' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, code: 'BAD_MESSAGE' };
  const m = value as Record<string, unknown>;
  switch (m.t) {
    case 'comment': {
      if (typeof m.text !== 'string') return { ok: false, code: 'BAD_MESSAGE' };
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a comment must not carry
      const text = m.text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
      if (text.length === 0) return { ok: false, code: 'COMMENT_EMPTY' };
      if ([...text].length > MAX_COMMENT_CHARS) return { ok: false, code: 'COMMENT_TOO_LONG' };
      return { ok: true, message: { t: 'comment', text } };
    }
    case 'like': {
      const n = m.n === undefined ? 1 : m.n;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_LIKES_PER_MESSAGE)
        return { ok: false, code: 'BAD_MESSAGE' };
      return { ok: true, message: { t: 'like', n } };
    }
    case 'ping':
      return { ok: true, message: { t: 'ping' } };
    default:
      return { ok: false, code: 'BAD_MESSAGE' };
  }
}

/** A token bucket: `rate` per second, up to `burst` at once. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
