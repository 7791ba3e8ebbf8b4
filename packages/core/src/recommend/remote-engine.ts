/**
 * Scaled mode: the engine runs in engine-role processes and an api process asks one for each page.
 * An api process registers its client here; the personalised feed then asks it instead of running
 * an engine of its own. An answer of null (no reply in time, no replica serving) means a
 * non-personalised page.
 */
import type { CoreContext, Db } from '../context.js';
import type { ShownFilter } from './shown-filter.js';
import type { EnginePage } from './engine-page.js';
import { runtimePart, runtimeOf } from '../platform/index.js';

/** Which model version an engine serves (the admins' model page). */
export interface EngineModelState {
  /** The replica's index; null: the engine of this process. */
  replica: number | null;
  /** The retrained version it serves (null: online learning only). */
  version: string | null;
  /** False when a replica did not answer (this process's engine: while it is not running warm). */
  reachable: boolean;
}

export interface RemoteEngine {
  /** The page; with `creatives` (personalisation on), their heads for the actor in the same reply. */
  recommend(
    actorKey: string,
    limit: number,
    shown: ShownFilter,
    creatives?: readonly string[],
  ): Promise<EnginePage | null>;
  /** Each replica's model version (asked with a short deadline). */
  engines?(): Promise<EngineModelState[]>;
}

/** The engine service's client this api process asks (null: the engine runs in this process). */
const remotePart = runtimePart<RemoteEngine | null, Db>('recommend.remote-engine', () => null);

export function useRemoteEngine(ctx: CoreContext, remote: RemoteEngine): void {
  runtimeOf(ctx.db).set(remotePart, remote);
}

export function remoteEngine(ctx: CoreContext): RemoteEngine | null {
  return runtimeOf(ctx.db).peek(remotePart) ?? null;
}
