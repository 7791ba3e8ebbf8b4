/**
 * Bad input never gets past the edge: every operation under /api/v1 that the OpenAPI document
 * lists (so a new route is covered as soon as it exists) is sent malformed JSON, missing fields,
 * wrong types, out-of-range integers, unknown, malformed and other tenants' ids, oversize bodies
 * and bad uploads. Every answer must be a 4xx with a stable UPPER_SNAKE error code, another
 * shop's id must answer exactly like an unknown id, and afterwards nothing may have been written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { Ajv } from 'ajv';
import { sql } from 'kysely';
import { ERROR_CODE_LIST, errorStatus, isErrorCode, newId, sign, SIGNATURE_HEADER } from '@zhongcao/core';
import { makePerson, openTestCore } from '@zhongcao/core/test-support';
import { buildServer } from './app.js';
import { startTestServer, type TestServer } from './test-support/server-harness.js';
import { makeTenants, multipartBody, TINY_PNG, type Tenants } from './test-support/tenants.js';

// ---------------------------------------------------------------------------------------------
// The OpenAPI document, as far as this test reads it

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  nullable?: boolean;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

interface Param {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}

interface Operation {
  method: string;
  path: string;
  params: Param[];
  /** The JSON request body's schema, when the operation takes one. */
  body: Schema | null;
  /** A file upload (multipart/form-data): documents 413 and 415 answers. */
  upload: boolean;
  label: string;
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Param[];
        requestBody?: { content: Record<string, { schema: Schema }> };
        responses?: Record<string, unknown>;
      }
    >
  >;
}

function operations(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody?.content['application/json']?.schema ?? null;
      // Image uploads document 415; the video upload is walked with its own cases in content-routes.test.ts.
      const upload = Boolean(op.responses?.['415']) && !body && path !== '/api/v1/videos';
      ops.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body,
        upload,
        label: `${method.toUpperCase()} ${path}`,
      });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
// Values: ids, valid-looking samples, and what a schema accepts

const ID_PATTERN = /^\^([a-z]{3})_\[0-9a-z\]\{26\}\$$/;
/** The id prefix of a schema like `^shp_[0-9a-z]{26}$`, or null when it is not an id. */
const idPrefix = (s: Schema): string | null => (s.pattern ? (ID_PATTERN.exec(s.pattern)?.[1] ?? null) : null);
/** A well-formed id that names nothing. */
const unknownId = (prefix: string): string =>
  `${prefix}_${[...randomBytes(26)].map((b) => '0123456789abcdefghijklmnopqrstuvwxyz'[b % 36]).join('')}`;

/** Real ids by prefix: the caller's own rows (valid-looking bodies) and the other shop's rows. */
interface IdBook {
  own: Record<string, string>;
  /** Valid values of path parameters that are not ids, by name (e.g. the payment provider). */
  named: Record<string, string>;
  others: Record<string, string[]>;
  /** Other shops' rows anyone may see (a listed product): a person may keep them in their own space (/api/v1/me/…, e.g. favourites). */
  publicOthers: Set<string>;
}

/** The branch of a union that carries the shape (not the null). */
const shape = (s: Schema): Schema => s.anyOf?.find((b) => b.type !== 'null' && !b.enum) ?? s.anyOf?.[0] ?? s;

/** The JSON types a schema accepts. */
function accepts(s: Schema): Set<string> {
  const out = new Set<string>();
  if (s.anyOf) for (const b of s.anyOf) for (const t of accepts(b)) out.add(t);
  if (s.type) out.add(s.type);
  if (s.type === 'integer') out.add('number-if-whole');
  if (s.nullable) out.add('null');
  return out;
}
const acceptsNumbers = (s: Schema): boolean => accepts(s).has('integer') || accepts(s).has('number');
const enumValues = (s: Schema): unknown[] | null =>
  s.enum ?? (s.anyOf?.every((b) => b.enum) ? s.anyOf.flatMap((b) => b.enum!) : null);
const integerSchema = (s: Schema): Schema | null =>
  s.type === 'integer' ? s : (s.anyOf?.find((b) => b.type === 'integer') ?? null);

const STRING_CANDIDATES = [
  'abcdef12',
  '13800001111',
  'AB-123456',
  'sandbox',
  'vid_00000000000000000000000000',
  '7000000000000000001',
  '/merchant/ads',
];

function sampleString(s: Schema, ids: IdBook): string {
  const prefix = idPrefix(s);
  if (prefix) return ids.own[prefix] ?? unknownId(prefix);
  const min = s.minLength ?? 1;
  const max = s.maxLength ?? Infinity;
  const fits = (v: string) => v.length >= min && v.length <= max && (!s.pattern || new RegExp(s.pattern).test(v));
  const found = ['x'.repeat(Math.max(min, 2)), ...STRING_CANDIDATES].find(fits);
  if (found === undefined) throw new Error(`no sample string for ${JSON.stringify(s)}: add one to STRING_CANDIDATES`);
  return found;
}

/** A valid-looking value: required properties only, the fewest array items, in-range numbers, own ids. */
function sample(s: Schema, ids: IdBook): unknown {
  const e = enumValues(s);
  if (e) return e[0];
  const t = shape(s);
  switch (t.type) {
    case 'object':
      return Object.fromEntries((t.required ?? []).map((k) => [k, sample(t.properties![k]!, ids)]));
    case 'array':
      return Array.from({ length: t.minItems ?? 0 }, () => sample(t.items!, ids));
    case 'integer':
    case 'number':
      return Math.min(Math.max(1, t.minimum ?? 1), t.maximum ?? Infinity);
    case 'boolean':
      return false;
    case 'string':
      return sampleString(t, ids);
    default:
      throw new Error(`no sample for ${JSON.stringify(s)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Body mutations: each changes one thing in the valid-looking base body

type Key = string | number;
interface Spot {
  path: Key[];
  schema: Schema;
  required: boolean;
}

/** Every place in a body: the body itself, each property, each array's first item, recursively. */
function spots(s: Schema, path: Key[] = [], required = false): Spot[] {
  const out: Spot[] = [{ path, schema: s, required }];
  const t = shape(s);
  if (t.type === 'object')
    for (const [k, p] of Object.entries(t.properties ?? {}))
      out.push(...spots(p, [...path, k], (t.required ?? []).includes(k)));
  if (t.type === 'array' && t.items) out.push(...spots(t.items, [...path, 0], false));
  return out;
}

const DELETE = Symbol('delete');

interface Mutation {
  name: string;
  applies(s: Schema, spot: Spot): boolean;
  value(s: Schema, ids: IdBook): unknown;
}

/**
 * What is wrong with a value, by kind. A mutation applies only where the schema really refuses the
 * value (e.g. -1 is not sent where a minimum below zero allows it); integers without bounds still
 * get -1 and 1e12, which the services must refuse themselves.
 */
const MUTATIONS: Mutation[] = [
  { name: 'required field missing', applies: (_s, spot) => spot.required, value: () => DELETE },
  {
    name: 'string instead of number',
    applies: (s) => acceptsNumbers(s) && !accepts(s).has('string'),
    value: () => '1',
  },
  { name: 'number instead of string', applies: (s) => accepts(s).has('string') && !acceptsNumbers(s), value: () => 1 },
  {
    name: 'array instead of object',
    applies: (s) => accepts(s).has('object') && !accepts(s).has('array'),
    value: () => [],
  },
  {
    name: 'object instead of array',
    applies: (s) => accepts(s).has('array') && !accepts(s).has('object'),
    value: () => ({}),
  },
  {
    name: 'string instead of boolean',
    applies: (s) => accepts(s).has('boolean') && !accepts(s).has('string'),
    value: () => 'true',
  },
  { name: 'null', applies: (s) => !accepts(s).has('null'), value: () => null },
  {
    name: 'fraction for an integer',
    applies: (s) => integerSchema(s) !== null && !accepts(s).has('number'),
    value: () => 1.5,
  },
  {
    name: 'integer -1',
    applies: (s) => {
      const i = integerSchema(s);
      return i !== null && !(i.minimum !== undefined && i.minimum <= -1);
    },
    value: () => -1,
  },
  {
    name: 'integer 1e12',
    applies: (s) => {
      const i = integerSchema(s);
      return i !== null && !(i.maximum !== undefined && i.maximum >= 1e12);
    },
    value: () => 1e12,
  },
  {
    name: 'integer 2**53',
    applies: (s) => {
      const i = integerSchema(s);
      return i !== null && !(i.maximum !== undefined && i.maximum >= 2 ** 53);
    },
    value: () => 2 ** 53,
  },
  {
    name: 'string over maxLength',
    applies: (s) => shape(s).type === 'string' && shape(s).maxLength !== undefined,
    value: (s) => 'x'.repeat(shape(s).maxLength! + 1),
  },
  {
    name: 'empty string',
    applies: (s) => shape(s).type === 'string' && (shape(s).minLength ?? 0) > 0,
    value: () => '',
  },
  {
    name: 'NUL character in text',
    applies: (s) => shape(s).type === 'string',
    value: (s, ids) => `${String(sample(s, ids))}\u0000`,
  },
  { name: 'value outside the enum', applies: (s) => enumValues(s) !== null, value: () => 'no-such-value' },
  {
    name: 'string breaking the pattern',
    applies: (s) =>
      shape(s).type === 'string' &&
      !idPrefix(shape(s)) &&
      Boolean(shape(s).pattern) &&
      !new RegExp(shape(s).pattern!).test('!!'),
    value: () => '!!',
  },
  { name: 'unknown id', applies: (s) => idPrefix(shape(s)) !== null, value: (s) => unknownId(idPrefix(shape(s))!) },
  {
    name: 'malformed id',
    applies: (s) => idPrefix(shape(s)) !== null,
    value: (s) => `${idPrefix(shape(s))}_NOT-AN-ID'--`,
  },
  {
    name: 'id of another kind',
    applies: (s) => idPrefix(shape(s)) !== null,
    value: (s) => unknownId(idPrefix(shape(s)) === 'sku' ? 'prd' : 'sku'),
  },
  { name: 'empty array', applies: (s) => shape(s).type === 'array' && (shape(s).minItems ?? 0) > 0, value: () => [] },
  {
    name: 'array over maxItems',
    applies: (s) => shape(s).type === 'array' && shape(s).maxItems !== undefined,
    value: (s, ids) => Array.from({ length: shape(s).maxItems! + 1 }, () => sample(shape(s).items!, ids)),
  },
  {
    name: 'unexpected property',
    applies: (s) => shape(s).type === 'object' && shape(s).additionalProperties === false,
    value: (s, ids) => ({ ...(sample(s, ids) as object), unexpectedProperty: 1 }),
  },
];

/** The base body with one value replaced (or removed); missing parents are filled with samples. */
function changed(base: unknown, root: Schema, path: Key[], value: unknown, ids: IdBook): unknown {
  if (path.length === 0) return value;
  const body = structuredClone(base) as Record<Key, unknown>;
  let node = body;
  let schema = root;
  for (const [i, key] of path.entries()) {
    const t = shape(schema);
    schema = typeof key === 'number' ? t.items! : t.properties![key]!;
    if (i === path.length - 1) break;
    node[key] ??= sample(schema, ids);
    node = node[key] as Record<Key, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return body;
}

/** Wrong values for a query string or header (they are coerced from text, so '1' would be a number). */
function paramMutations(s: Schema): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  const i = integerSchema(s);
  if (i) {
    out.push({ name: 'not a number', value: 'abc' }, { name: 'fraction', value: '1.5' });
    if (!(i.minimum !== undefined && i.minimum <= -1)) out.push({ name: '-1', value: '-1' });
    if (!(i.maximum !== undefined && i.maximum >= 1e12)) out.push({ name: '1e12', value: '1000000000000' });
    if (!(i.maximum !== undefined && i.maximum >= 2 ** 53)) out.push({ name: '2**53', value: String(2 ** 53) });
  }
  if (enumValues(s)) out.push({ name: 'outside the enum', value: 'no-such-value' });
  const t = shape(s);
  if (t.type === 'string' && t.pattern && !new RegExp(t.pattern).test('!! x'))
    out.push({ name: 'breaking the pattern', value: '!! x' });
  if (t.type === 'string' && t.maxLength !== undefined)
    out.push({ name: 'over maxLength', value: 'x'.repeat(t.maxLength + 1) });
  return out;
}

/** Malformed path values: wrong shape, wrong case, wrong length, injection, too long for the router. */
function malformedPathValues(s: Schema): string[] {
  const prefix = idPrefix(s);
  const values = prefix
    ? [
        'not-an-id',
        `${prefix}_${'0'.repeat(25)}`,
        `${prefix}_${'0'.repeat(27)}`,
        `${prefix}_${'A'.repeat(26)}`,
        `${prefix.toUpperCase()}_${'0'.repeat(26)}`,
        unknownId(prefix === 'sku' ? 'prd' : 'sku'),
        `${prefix}_' OR '1'='1`,
        'x'.repeat(500),
      ]
    : ['NOT VALID', '!', '../../etc/passwd', 'x'.repeat(500)];
  return values.filter((v) => !(s.pattern && new RegExp(s.pattern).test(v)));
}

// ---------------------------------------------------------------------------------------------
// Requests

interface Req {
  /** What is being tried, for the failure report. */
  what: string;
  method: string;
  url: string;
  payload?: string | Buffer;
  headers?: Record<string, string>;
}

interface Case {
  kind:
    | 'malformed JSON'
    | 'empty object'
    | 'body'
    | 'path: unknown id'
    | 'path: malformed'
    | 'path: other tenant'
    | 'query'
    | 'header'
    | 'too large'
    | 'upload';
  req: Req;
  /** An exact status (and code) the answer must have, beyond being a 4xx. */
  expect?: { status: number; code?: string };
  /** Only signed in (anonymous callers are refused first, with 401). */
  signedInOnly?: boolean;
  /** For other tenants' ids: the unknown-id case of the same parameter, whose answer must be the same. */
  sameAs?: Req;
}

const json = (body: unknown): Pick<Req, 'payload' | 'headers'> => ({
  payload: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

function urlOf(op: Operation, values: Record<string, string>, query = ''): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(values[name]!)) + query;
}

/** Own ids in the path, and the base body (or a small valid image for uploads). */
function baseRequest(
  op: Operation,
  ids: IdBook,
): { pathValues: Record<string, string>; body: unknown; payload: Pick<Req, 'payload' | 'headers'> } {
  const pathValues = Object.fromEntries(
    op.params.filter((p) => p.in === 'path').map((p) => [p.name, ids.named[p.name] ?? sampleString(p.schema, ids)]),
  );
  const body = op.body ? sample(op.body, ids) : undefined;
  const payload = op.body
    ? json(body)
    : op.upload
      ? multipartBody({ name: 'pixel.png', bytes: TINY_PNG, contentType: 'image/png' })
      : {};
  return { pathValues, body, payload };
}

function casesFor(op: Operation, ids: IdBook): Case[] {
  const cases: Case[] = [];
  const { pathValues, body: base, payload } = baseRequest(op, ids);
  const url = urlOf(op, pathValues);
  const mutating = op.method !== 'GET';

  if (mutating) {
    cases.push({
      kind: 'malformed JSON',
      req: {
        what: 'malformed JSON',
        method: op.method,
        url,
        payload: '{"items": [',
        headers: { 'content-type': 'application/json' },
      },
      ...(op.body ? { expect: { status: 400, code: 'MALFORMED_JSON' } } : {}),
    });
    const big = JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 1024) });
    cases.push({
      kind: 'too large',
      req: {
        what: `a ${big.length}-byte JSON body`,
        method: op.method,
        url,
        payload: big,
        headers: { 'content-type': 'application/json' },
      },
      expect: { status: 413 },
    });
  }

  if (op.body) {
    if ((shape(op.body).required ?? []).length > 0)
      cases.push({ kind: 'empty object', req: { what: 'empty object', method: op.method, url, ...json({}) } });
    for (const spot of spots(op.body)) {
      for (const m of MUTATIONS) {
        if (!m.applies(spot.schema, spot)) continue;
        const body = changed(base, op.body, spot.path, m.value(spot.schema, ids), ids);
        cases.push({
          kind: 'body',
          req: {
            what: `body ${spot.path.length ? spot.path.join('.') : '(whole)'}: ${m.name}`,
            method: op.method,
            url,
            ...json(body),
          },
        });
      }
    }
  }

  for (const p of op.params) {
    if (p.in === 'path') {
      const prefix = idPrefix(p.schema);
      const unknown: Req | undefined = prefix
        ? {
            what: `path ${p.name}: unknown id`,
            method: op.method,
            url: urlOf(op, { ...pathValues, [p.name]: unknownId(prefix) }),
            ...payload,
          }
        : undefined;
      if (unknown) cases.push({ kind: 'path: unknown id', req: unknown });
      for (const v of malformedPathValues(p.schema)) {
        cases.push({
          kind: 'path: malformed',
          req: {
            what: `path ${p.name}: malformed ${JSON.stringify(v.length > 40 ? `${v.slice(0, 10)}…(${v.length})` : v)}`,
            method: op.method,
            url: urlOf(op, { ...pathValues, [p.name]: v }),
            ...payload,
          },
        });
      }
      const badEscape = urlOf(op, { ...pathValues, [p.name]: '\u0000' }).replace('%00', '%E0%A4%A');
      cases.push({
        kind: 'path: malformed',
        req: { what: `path ${p.name}: broken percent-encoding`, method: op.method, url: badEscape, ...payload },
      });
      for (const other of ((prefix && ids.others[prefix]) || []).filter(
        (id) => !(op.path.startsWith('/api/v1/me/') && ids.publicOthers.has(id)),
      )) {
        cases.push({
          kind: 'path: other tenant',
          req: {
            what: `path ${p.name}: another shop's ${other}`,
            method: op.method,
            url: urlOf(op, { ...pathValues, [p.name]: other }),
            ...payload,
          },
          sameAs: unknown,
        });
      }
    } else if (p.in === 'query' || p.in === 'header') {
      for (const m of paramMutations(p.schema)) {
        const req: Req =
          p.in === 'query'
            ? {
                what: `query ${p.name}: ${m.name}`,
                method: op.method,
                url: urlOf(op, pathValues, `?${p.name}=${encodeURIComponent(m.value)}`),
                ...payload,
              }
            : ({
                what: `header ${p.name}: ${m.name}`,
                method: op.method,
                url,
                payload: payload.payload,
                headers: { ...payload.headers, [p.name]: m.value },
              } as Req);
        cases.push({ kind: p.in, req });
      }
    }
  }

  if (op.upload) {
    const png6mb = Buffer.concat([TINY_PNG, Buffer.alloc(6 * 1024 * 1024)]);
    const uploads: Array<[string, Pick<Req, 'payload' | 'headers'>, { status: number; code?: string }]> = [
      ['a 6 MB image', multipartBody({ name: 'big.png', bytes: png6mb, contentType: 'image/png' }), { status: 413 }],
      [
        'a text file',
        multipartBody({
          name: 'notes.txt',
          bytes: Buffer.from('just some words, not an image\n'),
          contentType: 'text/plain',
        }),
        { status: 415 },
      ],
      [
        'an SVG calling itself PNG',
        multipartBody({
          name: 'x.png',
          bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          contentType: 'image/png',
        }),
        { status: 415 },
      ],
      [
        'an empty file',
        multipartBody({ name: 'empty.png', bytes: Buffer.alloc(0), contentType: 'image/png' }),
        { status: 415 },
      ],
      ['a JSON body', json({ file: 'iVBORw0KGgo=' }), { status: 415 }],
      ['multipart without a file', multipartBody(null, { caption: 'hello' }), { status: 400 }],
      ...malformedMultipart().map(
        ([what, body]) =>
          [what, body, { status: 400, code: 'MALFORMED_MULTIPART' }] as [
            string,
            Pick<Req, 'payload' | 'headers'>,
            { status: number; code?: string },
          ],
      ),
    ];
    for (const [what, body, expect] of uploads)
      cases.push({
        kind: 'upload',
        req: { what: `upload: ${what}`, method: op.method, url, ...body },
        expect,
        signedInOnly: true,
      });
  }
  return cases;
}

/** Multipart bodies that cannot be read: another part's boundary, no boundary, cut short, not multipart at all. */
function malformedMultipart(): Array<[string, Pick<Req, 'payload' | 'headers'>]> {
  const good = multipartBody({ name: 'pixel.png', bytes: TINY_PNG, contentType: 'image/png' });
  const other = multipartBody({ name: 'pixel.png', bytes: TINY_PNG, contentType: 'image/png' });
  return [
    ['multipart with the wrong boundary', { payload: good.payload, headers: other.headers }],
    ['multipart without a boundary', { payload: good.payload, headers: { 'content-type': 'multipart/form-data' } }],
    ['multipart cut short', { payload: good.payload.subarray(0, good.payload.length - 20), headers: good.headers }],
    ['multipart that is plain text', { payload: 'hello world', headers: good.headers }],
  ];
}

// ---------------------------------------------------------------------------------------------
// The walk

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

function send(s: TestServer, req: Req, token: string | null): Promise<LightMyRequestResponse> {
  return s.app.inject({
    method: req.method as InjectOptions['method'],
    url: req.url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(req.headers ?? {}) },
    ...(req.payload !== undefined ? { payload: req.payload } : {}),
  });
}

/** Problems with one answer: not a 4xx, not the error shape, not the expected status or code. */
function judge(res: LightMyRequestResponse, expect?: { status: number; code?: string }): string | null {
  if (res.statusCode < 400 || res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body.slice(0, 200)}`;
  let body: { error?: { code?: unknown; message?: unknown; details?: unknown } };
  try {
    body = res.json();
  } catch {
    return `answered ${res.statusCode} with a body that is not JSON: ${res.body.slice(0, 120)}`;
  }
  const e = body.error;
  if (
    !e ||
    typeof e.code !== 'string' ||
    !UPPER_SNAKE.test(e.code) ||
    typeof e.message !== 'string' ||
    typeof e.details !== 'object' ||
    e.details === null
  ) {
    return `answered ${res.statusCode} without a {"error":{"code","message","details"}} body: ${res.body.slice(0, 200)}`;
  }
  if (!isErrorCode(e.code)) return `answered ${res.statusCode} ${e.code}, a code that is not in ERROR_CODES`;
  if (res.statusCode !== errorStatus(e.code))
    return `answered ${res.statusCode} ${e.code}, but ERROR_CODES gives ${e.code} the status ${errorStatus(e.code)}`;
  if (expect && (res.statusCode !== expect.status || (expect.code && e.code !== expect.code))) {
    return `answered ${res.statusCode} ${e.code}, expected ${expect.status}${expect.code ? ` ${expect.code}` : ''}`;
  }
  return null;
}

function errorCode(res: LightMyRequestResponse): string {
  try {
    return String((res.json() as { error?: { code?: string } }).error?.code ?? '?');
  } catch {
    return '(not JSON)';
  }
}

/** Row counts and the values that a half-done request could have changed. */
async function snapshot(s: TestServer): Promise<Record<string, unknown>> {
  const db = s.core.ctx.db;
  const tables = [
    'orders',
    'order_lines',
    'order_transitions',
    'stock_reservations',
    'payments',
    'refunds',
    'shipments',
    'shipment_lines',
    'checkouts',
    'idempotency_keys',
    'cart_items',
    'users',
    'addresses',
    'shops',
    'shop_members',
    'categories',
    'products',
    'skus',
    'product_images',
    'outbox',
    'favourites',
  ];
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    counts[t] = Number(rows[0]!.n);
  }
  return {
    counts,
    skus: await db
      .selectFrom('skus')
      .select(['id', 'stock', 'price_fen', 'original_price_fen'])
      .orderBy('id')
      .execute(),
    orders: await db.selectFrom('orders').select(['id', 'status', 'total_fen']).orderBy('id').execute(),
    products: await db
      .selectFrom('products')
      .select(['id', 'status', 'title', 'category_id', 'min_price_fen'])
      .orderBy('id')
      .execute(),
    shops: await db
      .selectFrom('shops')
      .select(['id', 'name', 'shipping_fee_fen', 'free_shipping_over_fen'])
      .orderBy('id')
      .execute(),
    categories: await db
      .selectFrom('categories')
      .select(['id', 'name', 'ship_by_hours', 'fee_rate_bp'])
      .orderBy('id')
      .execute(),
    sessions: await db.selectFrom('sessions').select(['id', 'revoked_at']).orderBy('id').execute(),
  };
}

function idBook(t: Tenants): IdBook {
  return {
    own: {
      shp: t.a.shopId,
      prd: t.a.productId,
      sku: t.a.skuIds[0]!,
      ord: t.orderA.id,
      oln: t.orderA.lineIds[0]!,
      cat: t.a.categoryId,
      adr: t.addressA,
    },
    named: { provider: 'sandbox' },
    others: {
      shp: [t.b.shopId],
      prd: [t.b.productId, t.b.draftProductId],
      sku: [t.b.skuIds[0]!],
      ord: [t.orderB.id],
      shm: [t.orderB.shipmentId],
      pay: [t.orderB.paymentId],
    },
    publicOthers: new Set([t.b.productId]),
  };
}

/** Ad campaigns: one of shop A (own), one of shop B and one of a creator (others'), for the campaign routes of merchants and creators. */
async function adCampaigns(s: TestServer, t: Tenants, ids: IdBook): Promise<void> {
  const now = s.core.clock.now();
  const creator = await makePerson(s.core, 'bad-input-ad-creator', ['creator'], false);
  const add = async (ownerKind: 'shop' | 'creator', ownerId: string): Promise<string> => {
    const id = newId('adCampaign', now);
    await s.core.ctx.db
      .insertInto('ad_campaigns')
      .values({
        id,
        owner_kind: ownerKind,
        owner_id: ownerId,
        name: '推广',
        promote: 'video',
        video_id: null,
        product_id: null,
        live_room_id: null,
        goal: 'orders',
        bid_kind: 'cost_cap',
        cost_cap_fen: 3000,
        roi_target_centi: null,
        daily_budget_fen: 300_00,
        schedule: 'f'.repeat(84),
        pacing: 'even',
        target_categories: '[]',
        target_regions: '[]',
        target_lookalike: 0,
        audience_size: 0,
        audience_at: null,
        status: 'active',
        impressions: 0,
        clicks: 0,
        conversions: 0,
        gmv_fen: 0,
        spent_mfen: 0,
        created_by: ownerId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  };
  ids.own.adc = await add('shop', t.a.shopId);
  ids.others.adc = [await add('shop', t.b.shopId), await add('creator', creator.userId)];
}

test('every /api/v1 operation answers bad input with a 4xx error code and writes nothing', async (tc) => {
  const s = await startTestServer();
  try {
    const t = await makeTenants(s);
    const ids = idBook(t);
    await adCampaigns(s, t, ids);
    const docRes = await s.call('GET', '/api/openapi.json');
    assert.equal(docRes.statusCode, 200);
    const ops = operations(docRes.json() as OpenApiDoc);
    const errorBody = (
      docRes.json() as {
        components: {
          schemas: Record<string, { properties: { error: { properties: { code: { enum?: string[] } } } } }>;
        };
      }
    ).components.schemas.ErrorBody;
    assert.deepEqual(
      errorBody?.properties.error.properties.code.enum,
      ERROR_CODE_LIST,
      'the document lists every error code',
    );
    assert.ok(ops.length >= 25, `the OpenAPI document lists only ${ops.length} operations under /api/v1`);
    assert.ok(
      ops.some((o) => o.upload),
      'the image upload route is recognised (it documents 415)',
    );

    // The generator's own check: every base body is valid against its schema, so each case differs from a valid request by one thing.
    const ajv = new Ajv({ strict: false });
    for (const op of ops.filter((o) => o.body)) {
      const valid = ajv.compile(op.body!);
      const { body } = baseRequest(op, ids);
      assert.ok(
        valid(body),
        `${op.label}: the base body ${JSON.stringify(body)} is not valid: ${ajv.errorsText(valid.errors)}`,
      );
    }

    // A real upload works (so the bad uploads below are refused for what they are, not for a broken multipart body).
    const upload = ops.find((o) => o.upload)!;
    const good = await send(
      s,
      {
        what: 'a valid image',
        method: upload.method,
        url: urlOf(upload, baseRequest(upload, ids).pathValues),
        ...baseRequest(upload, ids).payload,
      },
      t.ownerA.token,
    );
    assert.equal(good.statusCode, 201, good.body);

    const before = await snapshot(s);
    const problems: string[] = [];
    let sent = 0;
    const publicReads = new Set<string>();
    const tally = new Map<string, number>();

    for (const op of ops) {
      const cases = casesFor(op, ids);
      for (const [who, token] of [
        ['owner of shop A', t.ownerA.token],
        ['anonymous', null],
      ] as const) {
        const unknownAnswers = new Map<Req, LightMyRequestResponse>();
        for (const c of cases) {
          if (c.kind === 'path: other tenant' && op.method === 'GET') {
            // Another shop's listed product is public: only rows an anonymous caller cannot read must be hidden.
            const anon = await send(s, c.req, null);
            sent++;
            if (anon.statusCode < 300) {
              publicReads.add(c.req.url);
              continue;
            }
          }
          const res = await send(s, c.req, token);
          sent++;
          if (c.kind === 'path: unknown id') unknownAnswers.set(c.req, res);
          const where = `${op.label} [${who}] ${c.req.what}`;
          const key = `${c.kind} → ${res.statusCode}${res.statusCode >= 400 ? ` ${errorCode(res)}` : ''}`;
          tally.set(key, (tally.get(key) ?? 0) + 1);
          // BAD_INPUT_DEBUG='<regex over "kind → status CODE">' prints the matching requests and answers.
          if (process.env.BAD_INPUT_DEBUG && new RegExp(process.env.BAD_INPUT_DEBUG).test(key))
            tc.diagnostic(`${where} → ${res.statusCode} ${res.body.slice(0, 300)}`);
          const problem = judge(res, c.signedInOnly && !token ? undefined : c.expect);
          if (problem) {
            problems.push(`${where}: ${problem}`);
            continue;
          }
          if (c.kind === 'path: other tenant' && c.sameAs) {
            const unknown = unknownAnswers.get(c.sameAs);
            if (unknown && (unknown.statusCode !== res.statusCode || errorCode(unknown) !== errorCode(res))) {
              problems.push(
                `${where}: answered ${res.statusCode} ${errorCode(res)} but an unknown id answers ${unknown.statusCode} ${errorCode(unknown)}`,
              );
            }
            if (token && res.statusCode !== 404 && res.statusCode !== 403)
              problems.push(`${where}: answered ${res.statusCode} ${errorCode(res)}, expected 404 NOT_FOUND`);
          }
        }
      }
    }

    tc.diagnostic(
      `${sent} requests over ${ops.length} operations; answers by case: ${[...tally]
        .sort()
        .map(([k, n]) => `${k} ×${n}`)
        .join('; ')}`,
    );
    const me = await s.call('GET', '/api/v1/me', { token: t.ownerA.token });
    assert.equal(me.statusCode, 200, 'the walk did not log the owner out');
    assert.deepEqual(
      problems,
      [],
      `${problems.length} of ${sent} bad requests were not refused properly:\n${problems.join('\n')}`,
    );
    assert.ok(sent > 1000, `only ${sent} requests were sent`);
    assert.ok(publicReads.size >= 1, 'the public product page of shop B was recognised as public');
    assert.deepEqual(await snapshot(s), before, 'bad requests changed stored rows');
  } finally {
    await s.close();
  }
});

test('too many requests answer 429 RATE_LIMITED in the error shape', async () => {
  const core = await openTestCore();
  const app = await buildServer({ core, logLevel: 'silent' });
  try {
    const statuses: number[] = [];
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 31; i++) {
      last = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {} });
      statuses.push(last.statusCode);
    }
    assert.deepEqual(
      new Set(statuses.slice(0, 30)),
      new Set([400]),
      'the first 30 logins per minute are let through (and refused as invalid)',
    );
    assert.equal(last!.statusCode, 429);
    assert.equal(judge(last!, { status: 429, code: 'RATE_LIMITED' }), null);
  } finally {
    await app.close();
    await core.dispose();
  }
});

/** Sends each raw body to the sandbox provider's notification route, validly signed; lists answers that are not a 4xx error. */
async function signedNotificationProblems(raws: string[]): Promise<string[]> {
  const s = await startTestServer();
  try {
    const problems: string[] = [];
    for (const raw of raws) {
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/v1/payments/notify/sandbox',
        payload: raw,
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: sign(s.core.sandboxSecret, raw, s.core.clock.now()),
        },
      });
      const problem = judge(res);
      if (problem) problems.push(`${raw}: ${problem}`);
    }
    return problems;
  } finally {
    await s.close();
  }
}

test('validly signed provider notifications with a body that is not a notification answer 4xx', async () => {
  assert.deepEqual(
    await signedNotificationProblems([
      '[]',
      '42',
      '"text"',
      '{}',
      '{"kind":"payment.succeeded"}',
      '{"kind":"refund.succeeded","eventId":"e2","requestKey":"k","refundId":"r","txnId":"t","amountFen":1}',
    ]),
    [],
  );
});

// Regression: a JSON `null` body once reached property reads (500), and a NUL character in an
// event id once reached a PostgreSQL insert (500 there).
test('validly signed notifications whose body is null or holds a NUL character answer 4xx', async () => {
  assert.deepEqual(
    await signedNotificationProblems([
      'null',
      '{"kind":"payment.succeeded","eventId":"evt-\\u0000","merchantRef":"pay_x","txnId":"t","amountFen":1}',
    ]),
    [],
  );
});
