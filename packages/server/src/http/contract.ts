/**
 * The API contract: the route table (which routes declare a 2xx response schema) and, in test mode, a strict check
 * of every 2xx answer against the schema its route declares.
 *
 * Why strict: Fastify serialises a response with a schema through fast-json-stringify, which silently drops every
 * property the schema does not list. A schema that forgot a field would make the field vanish from the API. The
 * check validates the handler's object *before* serialisation, with `additionalProperties: false` on every object
 * schema that does not say otherwise, so the route tests prove each schema complete.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';

declare module 'fastify' {
  interface FastifyInstance {
    /** The route table and, in test mode, the responses that broke their schema. */
    contract: Contract;
  }
}

export interface RouteRecord {
  method: string;
  url: string;
  /** The status codes (or ranges: 2xx, default) with a 2xx answer schema. */
  successStatuses: string[];
  /** Hidden from the OpenAPI document (the document itself, the reference's assets). */
  hidden: boolean;
  websocket: boolean;
}

export interface ContractViolation {
  method: string;
  url: string;
  status: number;
  errors: string[];
}

export interface Contract {
  routes: RouteRecord[];
  violations: ContractViolation[];
}

const SUCCESS_KEY = /^(2\d\d|2xx|default)$/;

function successKeys(response: unknown): string[] {
  if (!response || typeof response !== 'object') return [];
  return Object.keys(response).filter((k) => SUCCESS_KEY.test(k));
}

/** A deep copy in which every object schema without its own `additionalProperties` gets `false` (allOf members are left open: they see only part of the object). */
export function strictSchema(schema: unknown, inAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => strictSchema(s, inAllOf));
  if (!schema || typeof schema !== 'object') return schema;
  const src = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    if (key === 'allOf' && Array.isArray(value)) out[key] = value.map((s) => strictSchema(s, true));
    else if (key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, strictSchema(v)]),
      );
    } else if (key === 'const' || key === 'enum' || key === 'default' || key === 'examples') out[key] = value;
    else out[key] = strictSchema(value);
  }
  const isObject = src.type === 'object' || (src.properties !== undefined && src.type === undefined);
  if (isObject && !inAllOf && !('additionalProperties' in src) && !('unevaluatedProperties' in src))
    out.additionalProperties = false;
  return out;
}

function pickSchema(response: Record<string, unknown>, status: number): unknown {
  const code = String(status);
  return response[code] ?? response[`${code[0]}xx`] ?? response.default;
}

/**
 * Records the route table and, when `check` is on, validates every 2xx answer strictly against its declared schema:
 * a mismatch is recorded and answered as a 500 CONTRACT_VIOLATION naming the paths, so the route's test fails.
 * Install before the routes are registered.
 */
export function installContract(app: FastifyInstance, check: boolean): Contract {
  const contract: Contract = { routes: [], violations: [] };
  app.decorate('contract', contract);
  app.addHook('onRoute', (route: RouteOptions & { websocket?: boolean }) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const schema = route.schema as { hide?: boolean; response?: unknown } | undefined;
    for (const method of methods) {
      if (method === 'HEAD') continue; // Fastify's automatic twin of a GET
      contract.routes.push({
        method,
        url: route.url,
        successStatuses: successKeys(schema?.response),
        hidden: schema?.hide === true,
        websocket: route.websocket === true,
      });
    }
  });
  if (!check) return contract;

  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    coerceTypes: false,
    useDefaults: false,
    removeAdditional: false,
    validateFormats: true,
  });
  (formatsPlugin as unknown as (a: Ajv) => Ajv)(ajv);
  let sharedAdded = false;
  const compiled = new WeakMap<object, ValidateFunction>();
  const validatorFor = (schema: object): ValidateFunction => {
    if (!sharedAdded) {
      sharedAdded = true;
      for (const shared of Object.values(app.getSchemas())) ajv.addSchema(strictSchema(shared) as object);
    }
    let v = compiled.get(schema);
    if (!v) {
      const { $id: _id, ...rest } = schema as Record<string, unknown>;
      v = ajv.compile(strictSchema(rest) as object);
      compiled.set(schema, v);
    }
    return v;
  };

  const checked = new WeakSet<FastifyRequest>();
  /** The broken answer to send instead, or null when the body matches the route's 2xx schema (or the route declares none). */
  const verdict = (request: FastifyRequest, status: number, body: () => unknown): Record<string, unknown> | null => {
    checked.add(request);
    if (status < 200 || status >= 300 || status === 204) return null;
    const response = (request.routeOptions.schema as { response?: Record<string, unknown> } | undefined)?.response;
    if (!response) return null;
    const schema = pickSchema(response, status);
    if (!schema || typeof schema !== 'object') return null;
    const declared = (schema as { content?: Record<string, { schema: object }> }).content;
    const target = declared ? declared['application/json']?.schema : schema;
    if (!target) return null;
    const validate = validatorFor(target);
    if (validate(body())) return null;
    const errors = (validate.errors ?? []).map(
      (e) =>
        `${e.instancePath || '/'} ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`,
    );
    const violation: ContractViolation = {
      method: request.method,
      url: request.routeOptions.url ?? request.url,
      status,
      errors,
    };
    contract.violations.push(violation);
    process.stderr.write(
      `response contract violated by ${violation.method} ${violation.url} (${status}):\n  ${errors.join('\n  ')}\n`,
    );
    return {
      error: {
        code: 'CONTRACT_VIOLATION',
        message: `the ${status} answer does not match the route's response schema`,
        details: { route: `${violation.method} ${violation.url}`, errors },
      },
    };
  };

  // Objects, before fast-json-stringify drops what the schema does not list (checked as they would travel: dates
  // become strings, undefined properties vanish).
  app.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const broken = verdict(request, reply.statusCode, () => JSON.parse(JSON.stringify(payload) ?? 'null') as unknown);
    if (!broken) return payload;
    reply.status(500);
    return broken;
  });
  // JSON the handler wrote itself (the feed's pre-serialised pages): nothing was dropped, it is checked as sent.
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (
      checked.has(request) ||
      typeof payload !== 'string' ||
      !String(reply.getHeader('content-type') ?? '').startsWith('application/json')
    )
      return payload;
    const broken = verdict(request, reply.statusCode, () => JSON.parse(payload) as unknown);
    if (!broken) return payload;
    reply.status(500);
    return JSON.stringify(broken);
  });
  return contract;
}
