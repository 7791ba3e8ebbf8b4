/**
 * What the gateway asks of the core for one call, after the signature: the token's shop and the
 * acting person, the group check, the method itself, and the stored answer of a request id.
 * Services' DomainErrors become envelope codes here.
 */
import type { Actor, CoreContext } from '../context.js';
import { DomainError } from '../platform/index.js';
import { loadActor } from '../accounts/index.js';
import type { OpenAppsTable } from '../storage/index.js';
import { createToken, refreshToken, resolveAccessToken, type ResolvedToken } from './authorizations.js';
import { noPermission, OpenApiError, wireErrorOf, missingParam } from './envelope.js';
import { METHOD_HANDLERS, REQUEST_ID_FIELD } from './methods.js';
import { METHODS, type OpenMethod } from './rules.js';
import type { Params } from './params.js';

export interface Caller {
  token: ResolvedToken;
  actor: Actor;
}

/** The token's shop and its owner (narrowed to that shop); refused when the person no longer owns it. */
export async function resolveCaller(ctx: CoreContext, app: OpenAppsTable, accessToken: string): Promise<Caller> {
  const token = await resolveAccessToken(ctx, app, accessToken);
  const full = await loadActor(ctx.db, token.grantedBy);
  const role = full.shops.get(token.shopId);
  if (role !== 'owner') throw noPermission('dop.authorization-closed', '授权人已不是店铺主账号');
  return { token, actor: { ...full, shops: new Map([[token.shopId, role]]) } };
}

/** An app's groups as stored (a JSON array), parsed once per distinct text. */
const parsedGroups = new Map<string, readonly string[]>();
function groupsOf(json: string): readonly string[] {
  let g = parsedGroups.get(json);
  if (!g) {
    g = JSON.parse(json) as string[];
    if (parsedGroups.size >= 1_000) parsedGroups.clear();
    parsedGroups.set(json, g);
  }
  return g;
}

/** Runs a method for a caller (null for the token methods) and returns its `data`. */
export async function runMethod(
  ctx: CoreContext,
  app: OpenAppsTable,
  method: OpenMethod,
  caller: Caller | null,
  params: Params,
): Promise<unknown> {
  try {
    if (method === 'token.create') return await createToken(ctx, app, params);
    if (method === 'token.refresh') return await refreshToken(ctx, app, params);
    if (!caller) throw missingParam('isv.access-token-missing', 'access_token');
    const group = METHODS[method];
    const appGroups = groupsOf(app.groups);
    if (group && (!appGroups.includes(group) || !caller.token.groups.includes(group)))
      throw noPermission('isv.app-permissions-insufficient', `应用没有${method}的权限（${group}）`);
    const call = { ctx, app, shopId: caller.token.shopId, actor: caller.actor, params };
    const idField = REQUEST_ID_FIELD[method];
    const requestKey = idField && typeof params[idField] === 'string' ? (params[idField] as string).slice(0, 64) : null;
    if (requestKey) {
      const done = await ctx.db
        .selectFrom('open_requests')
        .select('response')
        .where('app_id', '=', app.id)
        .where('shop_id', '=', call.shopId)
        .where('method', '=', method)
        .where('request_key', '=', requestKey)
        .executeTakeFirst();
      if (done) return JSON.parse(done.response) as unknown;
    }
    const data = await METHOD_HANDLERS[method](call);
    if (requestKey) {
      await ctx.db
        .insertInto('open_requests')
        .values({
          app_id: app.id,
          shop_id: call.shopId,
          method,
          request_key: requestKey,
          fingerprint: '',
          response: JSON.stringify(data),
          created_at: ctx.clock.now(),
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    return data;
  } catch (err) {
    if (err instanceof DomainError) throw wireErrorOf(err);
    throw err;
  }
}

export { OpenApiError };
