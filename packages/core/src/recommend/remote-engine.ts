/**
 * Scaled mode: the engine runs in engine-role processes and an api process asks one for each page.
 * An api process registers its client here; the personalised feed then asks it instead of running
 * an engine of its own. An answer of null (no reply in time, no replica serving) means a
 * non-personalised page.
 */
import type { Recommended } from '@zhongcao/recsys';
import type { CoreContext, Db } from '../context.js';
import type { ShownFilter } from './shown-filter.js';

export interface RemoteEngine {
  recommend(actorKey: string, limit: number, shown: ShownFilter): Promise<Recommended[] | null>;
}

const remotes = new WeakMap<Db, RemoteEngine>();

export function useRemoteEngine(ctx: CoreContext, remote: RemoteEngine): void {
  remotes.set(ctx.db, remote);
}

export function remoteEngine(ctx: CoreContext): RemoteEngine | null {
  return remotes.get(ctx.db) ?? null;
}
