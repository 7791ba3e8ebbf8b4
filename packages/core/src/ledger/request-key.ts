/**
 * The idempotency key a client sends with a money command (a payout, a refund, a compensation):
 * the same key never moves money twice. One rule for every such command and for the HTTP edge. Pure.
 */
import { invalid } from '../platform/index.js';

export const MAX_REQUEST_KEY_CHARS = 64;
/** 1–64 letters, digits, "_" and "-". */
export const REQUEST_KEY_PATTERN = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_REQUEST_KEY_CHARS}}$`);

/** The key as sent, or INVALID_INPUT naming `requestKey`. */
export function checkRequestKey(value: unknown): string {
  if (typeof value !== 'string' || !REQUEST_KEY_PATTERN.test(value))
    throw invalid(`requestKey must be 1–${MAX_REQUEST_KEY_CHARS} letters, digits, "_" or "-"`, { field: 'requestKey' });
  return value;
}
