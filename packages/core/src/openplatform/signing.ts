/**
 * Signing of the open platform's wire format (compatible with Doudian's): the string to sign,
 * HMAC-SHA256 and MD5 signatures, the push signature and the request timestamp. Pure.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type SignMethod = 'hmac-sha256' | 'md5';

export interface SignedFields {
  appKey: string;
  method: string;
  /** The param_json text exactly as sent (never re-serialised). */
  paramJson: string;
  timestamp: string;
  v: string;
}

/** secret + app_key… method… param_json… timestamp… v… + secret, names in alphabetical order, no separators. */
export function stringToSign(secret: string, f: SignedFields): string {
  return `${secret}app_key${f.appKey}method${f.method}param_json${f.paramJson}timestamp${f.timestamp}v${f.v}${secret}`;
}

/** The request signature in lowercase hex. */
export function signRequest(secret: string, f: SignedFields, method: SignMethod = 'hmac-sha256'): string {
  const s = stringToSign(secret, f);
  return method === 'md5'
    ? createHash('md5').update(s, 'utf8').digest('hex')
    : createHmac('sha256', Buffer.from(secret, 'utf8')).update(s, 'utf8').digest('hex');
}

/** `sign_method` as sent: hmac-sha256, md5, or absent (md5 by default); anything else is null. */
export function parseSignMethod(raw: string | undefined): SignMethod | null {
  if (raw === undefined || raw === '') return 'md5';
  const m = raw.toLowerCase();
  return m === 'hmac-sha256' || m === 'md5' ? m : null;
}

/** Compares a received signature with the expected one, case-insensitively and in constant time. */
export function signatureMatches(expected: string, received: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The `event-sign` header of a push: lowercase hex MD5(app_key + raw body + app_secret). */
export function signPush(appKey: string, body: string, secret: string): string {
  return createHash('md5').update(`${appKey}${body}${secret}`, 'utf8').digest('hex');
}

/** How far a request's timestamp may be from the server's clock, either way. */
export const TIMESTAMP_SKEW_MS = 10 * 60 * 1000;

const GMT8_MS = 8 * 3600 * 1000;
const FORMATTED = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** A request timestamp (Unix seconds, or `yyyy-MM-dd HH:mm:ss` in GMT+8) as epoch ms; null when neither. */
export function parseRequestTimestamp(raw: string): number | null {
  if (/^\d{9,11}$/.test(raw)) return Number(raw) * 1000;
  const m = FORMATTED.exec(raw);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - GMT8_MS;
  if (new Date(ms + GMT8_MS).getUTCDate() !== d) return null; // 2023-02-31
  return ms;
}

export type TimestampCheck = 'ok' | 'format' | 'stale';

export function checkTimestamp(raw: string, now: number, skewMs = TIMESTAMP_SKEW_MS): TimestampCheck {
  const at = parseRequestTimestamp(raw);
  if (at === null) return 'format';
  return Math.abs(now - at) <= skewMs ? 'ok' : 'stale';
}

/** Epoch ms as `yyyy-MM-dd HH:mm:ss` in GMT+8 (product.detail times, product.addV2's create_time). */
export function formatGmt8(ms: number): string {
  const d = new Date(ms + GMT8_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/**
 * param_json as the official SDKs build it: object keys sorted at every level, arrays in order,
 * compact, `< > & /` and non-ASCII literal. For clients (the SDK in the docs, tests, the benchmark).
 */
export function canonicalParamJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    // fromEntries defines own properties, so a key named `__proto__` stays a key (plain assignment would set the prototype)
    const entries: [string, unknown][] = [];
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) entries.push([k, sortKeys(x)]);
    }
    return Object.fromEntries(entries);
  }
  return v;
}
