/** HMAC-SHA256 signatures with a timestamp, as gateways sign their notifications: `t=<ms>,v1=<hex>`. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../platform/index.js';

export const SIGNATURE_HEADER = 'x-zhongcao-signature';
export const SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

export function sign(secret: string, body: string, at: number): string {
  const mac = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex');
  return `t=${at},v1=${mac}`;
}

export function verifySignature(secret: string, header: string | undefined, body: string, now: number): void {
  if (!header) throw new DomainError('INVALID_SIGNATURE', 'the notification is not signed');
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.trim().split('=', 2) as [string, string]));
  const at = Number(parts.t);
  const given = parts.v1 ?? '';
  if (!Number.isSafeInteger(at) || !/^[0-9a-f]{64}$/.test(given))
    throw new DomainError('INVALID_SIGNATURE', 'malformed signature header');
  if (Math.abs(now - at) > SIGNATURE_TOLERANCE_MS)
    throw new DomainError('SIGNATURE_EXPIRED', 'the signature timestamp is outside the allowed window');
  const expected = createHmac('sha256', secret).update(`${at}.${body}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex')))
    throw new DomainError('INVALID_SIGNATURE', 'the signature does not match');
}
