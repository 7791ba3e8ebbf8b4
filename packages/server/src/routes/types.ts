import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '@zhongcao/core';
import type { SessionCache } from '../http/auth.js';

export type App = FastifyInstance;

export interface RouteDeps {
  core: Core;
  /** Cookies get the Secure flag (behind HTTPS). */
  secureCookies: boolean;
  /** Wake the background worker (e.g. a gateway notification is waiting). */
  kickWorker: () => void;
  /** Resolved sessions; cleared when roles or memberships change. */
  sessions: SessionCache;
  /** Drops the open gateway's cached token lookups (after a revocation). */
  forgetOpenCallers?: () => void;
}

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<TypeBoxTypeProvider>();
}
