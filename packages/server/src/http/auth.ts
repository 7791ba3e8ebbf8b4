/** Sessions: an httpOnly SameSite cookie for browsers (CSRF token required on mutations) or a bearer token for API clients. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type Actor, type AuthenticatedSession, type CoreContext } from '@zhongcao/core';
import { sessionKey, type InvalidationBus } from '../shared/invalidation.js';
import { SessionLookups } from './session-lookups.js';

export const SESSION_COOKIE = 'zc_session';
export const CSRF_HEADER = 'x-csrf-token';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthenticatedSession | null;
    sessionToken: string | null;
  }
}

const BEARER = /^Bearer\s+/i;

/** True when the request carries its session as a bearer token (not the ambient cookie a browser adds by itself). */
function bearerRequest(request: FastifyRequest): boolean {
  return BEARER.test(request.headers.authorization ?? '');
}

export function sessionToken(request: FastifyRequest): string | null {
  if (bearerRequest(request)) return request.headers.authorization!.replace(BEARER, '').trim() || null;
  return request.cookies[SESSION_COOKIE] ?? null;
}

/**
 * Resolved sessions are kept for a moment so a busy client does not cost two queries a request.
 * Logging out and changes of roles or shop membership in this process clear it at once; with an
 * invalidation bus (scaled mode) every other process drops them too, and even a message lost while
 * the bus is away stops mattering after SCALED_SESSION_CACHE_MS. Entries are keyed by the token's hash.
 */
export const SESSION_CACHE_MS = 2000;
export const SCALED_SESSION_CACHE_MS = 1000;
const SESSION_CACHE_MAX = 50_000;

export class SessionCache {
  private readonly entries = new Map<string, { session: AuthenticatedSession; at: number }>();
  private bus: InvalidationBus | null = null;
  private ttlMs = SESSION_CACHE_MS;

  /** Shares invalidations with the other processes. */
  connect(bus: InvalidationBus): void {
    this.bus = bus;
    this.ttlMs = SCALED_SESSION_CACHE_MS;
    bus.subscribe((m) => (m.kind === 'clear' ? this.entries.clear() : this.entries.delete(m.key)));
  }

  get(token: string): AuthenticatedSession | undefined {
    const key = sessionKey(token);
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (performance.now() - hit.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.session;
  }

  set(token: string, session: AuthenticatedSession): void {
    if (this.entries.size >= SESSION_CACHE_MAX) this.entries.clear();
    this.entries.set(sessionKey(token), { session, at: performance.now() });
  }

  forget(token: string): void {
    const key = sessionKey(token);
    this.entries.delete(key);
    this.bus?.publish({ kind: 'forget', key });
  }

  /** Roles or memberships changed: resolve every session afresh. */
  clear(): void {
    this.entries.clear();
    this.bus?.publish({ kind: 'clear' });
  }
}

export function installAuth(app: FastifyInstance, ctx: CoreContext, cache: SessionCache): void {
  const lookups = new SessionLookups(ctx);
  app.decorateRequest('auth', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = sessionToken(request);
    if (!token || token.length > 200) return;
    let session = cache.get(token) ?? null;
    if (!session) {
      session = await lookups.lookup(token);
      if (session) cache.set(token, session);
    }
    if (!session) return;
    request.auth = session;
    request.sessionToken = token;
    // Only a token the client chose to send is exempt: any other Authorization header leaves the cookie ambient.
    if (session.kind === 'cookie' && MUTATING.has(request.method) && !bearerRequest(request)) {
      if (request.headers[CSRF_HEADER] !== session.csrfToken) {
        throw new DomainError(
          'CSRF_TOKEN_INVALID',
          `mutations with a session cookie need the ${CSRF_HEADER} header from login or GET /api/v1/me`,
        );
      }
    }
  });
}

/** The signed-in person, or 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw new DomainError('UNAUTHENTICATED', 'log in first');
  return request.auth.actor;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: number, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure,
    expires: new Date(expiresAt),
  });
}
