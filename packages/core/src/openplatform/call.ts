/** What a method runs with: the core, the calling app, the authorised shop and the shop owner acting through the app. */
import type { Actor, CoreContext } from '../context.js';
import type { OpenAppsTable } from '../storage/index.js';
import type { Params } from './params.js';

export interface OpenCall {
  ctx: CoreContext;
  app: OpenAppsTable;
  shopId: string;
  /** The person who authorised the app, narrowed to this one shop: every write goes through the services as them. */
  actor: Actor;
  params: Params;
}

export type MethodHandler = (call: OpenCall) => Promise<unknown>;
