/**
 * Thin fetch wrapper for the same-origin /api/v1 API: JSON in and out, the session cookie
 * sent with every call, the CSRF token added to every mutating call, and API errors
 * (`{"error":{"code","message","details"}}`) turned into ApiError.
 */
import type { ErrorCode } from '@zhongcao/core/error-codes';

/** A code the server answers with (its registry, ERROR_CODES), or the client's own for an unreachable server. */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR';

export class ApiError extends Error {
  readonly status: number;
  /** Usually an ApiErrorCode; a server newer than this app, or a body that is not ours (HTTP_<status>), may send another. */
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Is this the error `code` (checked against the server's registry by the compiler)? */
  is(code: ApiErrorCode): boolean {
    return this.code === code;
  }
}

let csrfToken: string | null = null;

/** Remember the CSRF token from the login response or GET /me (null after logout). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The current CSRF token, for requests made outside api() (e.g. keepalive event flushes). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | null | undefined>;
  headers?: Record<string, string>;
}

export const API_BASE = '/api/v1';

export async function api<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(API_BASE + path, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== null && value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(url.pathname + url.search, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) throw toApiError(response, data);
  return data as T;
}

function toApiError(response: Response, data: unknown): ApiError {
  const error = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string') {
    const details =
      error.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {};
    return new ApiError(
      response.status,
      error.code,
      typeof error.message === 'string' ? error.message : error.code,
      details,
    );
  }
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`);
}
