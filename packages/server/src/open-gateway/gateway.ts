/**
 * The open platform's gateway (Doudian-compatible): `/{group}/{method}` at the root and under
 * `/open`, GET or POST, always HTTP 200 with the seven-field envelope. The signature is checked
 * against the exact bytes received, so this scope reads every body raw, whatever its content type.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  appByKey,
  APP_KEY_PATTERN,
  APP_QPS,
  badPlatformParam,
  checkTimestamp,
  errorEnvelope,
  METHOD_QPS,
  missingParam,
  noPermission,
  OpenApiError,
  apiOff,
  parseSignMethod,
  resolveCaller,
  resolveMethod,
  runMethod,
  signatureMatches,
  signRequest,
  successBody,
  trafficLimited,
  serviceError,
  type Caller,
  type Core,
  type OpenAppsTable,
  type Params,
} from '@zhongcao/core';
import { RateLimiter } from './rate-limit.js';
import { readWireRequest } from './wire-request.js';
import { newLogId } from './log-id.js';

/** Root paths the gateway answers (groups of the wire format); anything else under /open. */
const ROOT_GROUPS = ['order', 'sku', 'product', 'afterSale', 'aftersale', 'token', 'shop', 'address'];
const BODY_LIMIT = 512 * 1024;
const CALLER_CACHE_MS = 2_000;

/** An app as the gateway keeps it: its row and its IP allow-list parsed once. */
interface KnownApp {
  row: OpenAppsTable;
  allow: string[];
}

export interface GatewayOptions {
  /** Per-app and per-method calls a second (tests lower them to see the limit). */
  appQps?: number;
  methodQps?: number;
}

export interface Gateway {
  /** Forget cached token lookups (an authorisation was revoked in this process). */
  forgetCallers(): void;
}

export function openGateway(app: FastifyInstance, core: Core, options: GatewayOptions = {}): Gateway {
  const perApp = new RateLimiter(options.appQps ?? APP_QPS);
  const perMethod = new RateLimiter(options.methodQps ?? METHOD_QPS);
  const callers = new Map<string, { caller: Caller; until: number }>();
  const apps = new Map<string, { app: KnownApp | undefined; until: number }>();

  /** The app of a key with its IP allow-list parsed, kept a second. */
  async function appOf(appKey: string, now: number): Promise<KnownApp | undefined> {
    const hit = apps.get(appKey);
    if (hit && hit.until > now) return hit.app;
    const row = await appByKey(core.ctx.db, appKey);
    const known = row && { row, allow: JSON.parse(row.ip_allow) as string[] };
    if (apps.size > 10_000) apps.clear();
    apps.set(appKey, { app: known, until: now + 1_000 });
    return known;
  }

  async function callerOf(row: OpenAppsTable, token: string, now: number): Promise<Caller> {
    const key = `${row.id}\u0000${token}`;
    const hit = callers.get(key);
    if (hit && hit.until > now) return hit.caller;
    const caller = await resolveCaller(core.ctx, row, token);
    if (callers.size > 50_000) callers.clear();
    callers.set(key, { caller, until: Math.min(now + CALLER_CACHE_MS, caller.token.usableUntil) });
    return caller;
  }

  async function handle(request: FastifyRequest, path: string): Promise<unknown> {
    const now = core.ctx.clock.now();
    const wire = readWireRequest(request.query as Record<string, unknown>, request.body as Buffer | undefined);
    const method = resolveMethod(path);
    if (!method) throw apiOff(path.replace(/^\//, '').replace(/\//g, '.'));
    if (!wire.appKey) throw missingParam('isv.app-id-missing', 'app_key');
    if (!APP_KEY_PATTERN.test(wire.appKey))
      throw badPlatformParam('isv.app-id-invalid', 'app_key格式不正确，应为19位纯数字');
    if (!wire.sign) throw missingParam('isv.signature-missing', 'sign');
    if (!wire.timestamp) throw badPlatformParam('isv.timestamp-format-error', '缺少timestamp');
    const signedMethod = wire.method ?? path.replace(/^\//, '').replace(/\//g, '.');
    if (resolveMethod(signedMethod) !== method) throw badPlatformParam('isv.method-invalid', 'method与请求路径不一致');
    const known = await appOf(wire.appKey, now);
    if (!known) throw badPlatformParam('isv.app-id-invalid', 'app_key不存在');
    const { row, allow } = known;
    if (row.status !== 'approved') throw noPermission('dop.app-forbidden', '应用未通过审核或已被停用');
    if (allow.length > 0 && !allow.includes(request.ip))
      throw new OpenApiError(30002, 'isv.ip-not-whitelisted', `IP ${request.ip} 不在白名单内`);
    const ts = checkTimestamp(wire.timestamp, now);
    if (ts === 'format') throw badPlatformParam('isv.timestamp-format-error', 'timestamp格式不正确');
    if (ts === 'stale') throw badPlatformParam('isv.timestamp-invalid', 'timestamp与服务器时间相差超过10分钟');
    const signMethod = parseSignMethod(wire.signMethod);
    if (!signMethod) throw badPlatformParam('isv.signature-invalid', 'sign_method只能为hmac-sha256或md5');
    const expected = signRequest(
      row.secret,
      {
        appKey: wire.appKey,
        method: signedMethod,
        paramJson: wire.paramJson,
        timestamp: wire.timestamp,
        v: wire.v ?? '',
      },
      signMethod,
    );
    if (!signatureMatches(expected, wire.sign)) throw badPlatformParam('isv.signature-invalid', '签名校验失败');
    if (!perApp.take(row.id, now) || !perMethod.take(`${row.id}\u0000${method}`, now)) throw trafficLimited();
    let params: Params;
    try {
      const parsed: unknown = JSON.parse(wire.paramJson);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      params = parsed as Params;
    } catch {
      throw badPlatformParam('isv.parameter-format-invalid', 'param_json不是合法的JSON对象');
    }
    let caller: Caller | null = null;
    if (method !== 'token.create' && method !== 'token.refresh') {
      if (!wire.accessToken) throw missingParam('isv.access-token-missing', 'access_token');
      caller = await callerOf(row, wire.accessToken, now);
    }
    return runMethod(core.ctx, row, method, caller, params);
  }

  async function answer(request: FastifyRequest, reply: FastifyReply, path: string): Promise<void> {
    const logId = newLogId(core.ctx.clock.now());
    let body: string | Buffer;
    try {
      body = successBody(await handle(request, path), logId);
    } catch (err) {
      if (!(err instanceof OpenApiError)) request.log.error({ err, path, logId }, 'open gateway call failed');
      body = JSON.stringify(errorEnvelope(err instanceof OpenApiError ? err : serviceError(1), logId));
    }
    void reply.code(200).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  void app.register(async (scope) => {
    // No child logger per call (pino builds one per request otherwise): the gateway logs only its
    // failures, and those carry the call's path and the log_id the client was answered.
    scope.setChildLoggerFactory((logger) => logger);
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((err, request, reply) => {
      // A body over the limit, a cut-short upload…: still the envelope, never a 5xx.
      const e = err as { statusCode?: number; status?: number };
      const status = e.statusCode ?? e.status ?? 500;
      const wire =
        status === 413
          ? new OpenApiError(40003, 'isv.parameter-format-invalid', '请求体过大')
          : status >= 400 && status < 500
            ? new OpenApiError(40003, 'isv.parameter-format-invalid', '请求参数格式不正确')
            : serviceError(2);
      if (status >= 500) request.log.error({ err }, 'open gateway request failed');
      void reply
        .code(200)
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify(errorEnvelope(wire, '')));
    });
    const route = { schema: { hide: true } };
    for (const group of ROOT_GROUPS) {
      scope.route({
        method: ['GET', 'POST'],
        url: `/${group}/*`,
        ...route,
        handler: (req, reply) => answer(req, reply, req.url.split('?')[0]!),
      });
    }
    scope.route({
      method: ['GET', 'POST'],
      url: '/open/*',
      ...route,
      handler: (req, reply) => answer(req, reply, req.url.split('?')[0]!.slice('/open'.length)),
    });
  });
  return {
    forgetCallers: () => callers.clear(),
  };
}
