/**
 * The one mapping from an API error to a sentence: `errors.<CODE>` (errors.zh-CN.ts /
 * errors.en.ts) for every code the API answers with, `errors.NETWORK_ERROR` when the server
 * could not be reached, `errors.unknown` for anything else. People see the sentence, never the
 * code or the server's English message.
 */
import { ApiError } from '../api/client';

/** The i18n key of the sentence for `error`; `has` tells whether a key exists. */
export function errorSentenceKey(error: unknown, has: (key: string) => boolean): string {
  const code =
    error instanceof ApiError
      ? error.status === 0
        ? 'NETWORK_ERROR'
        : error.code
      : typeof error === 'string'
        ? error
        : null;
  if (code && has(`errors.${code}`)) return `errors.${code}`;
  return 'errors.unknown';
}

/** The error's code, for a data attribute (never shown as text). */
export function errorCodeOf(error: unknown): string | undefined {
  return error instanceof ApiError ? error.code : undefined;
}
