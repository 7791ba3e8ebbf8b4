/**
 * Session invalidations between processes. A process that logs a session out, or changes roles or
 * shop membership, tells every other process to drop what it cached. Tokens never cross the wire:
 * messages carry the token's SHA-256, the key the caches use.
 */
import { createHash } from 'node:crypto';

export type SessionInvalidation = { kind: 'forget'; key: string } | { kind: 'clear' };

export interface InvalidationBus {
  publish(message: SessionInvalidation): void;
  /** Messages from other processes (never this process's own). */
  subscribe(handler: (message: SessionInvalidation) => void): void;
}

export function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function encodeInvalidation(origin: string, message: SessionInvalidation): string {
  return JSON.stringify({ origin, ...message });
}

/** The message, or null when it came from `self` or is not one. */
export function decodeInvalidation(self: string, raw: string): SessionInvalidation | null {
  try {
    const m = JSON.parse(raw) as { origin?: unknown; kind?: unknown; key?: unknown };
    if (m.origin === self) return null;
    if (m.kind === 'clear') return { kind: 'clear' };
    if (m.kind === 'forget' && typeof m.key === 'string') return { kind: 'forget', key: m.key };
    return null;
  } catch {
    return null;
  }
}
