// The API contract: every route declares its 2xx answer, the strict check catches a schema that does not match,
// and the web app's generated types are those of the current document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { Type } from 'typebox';
import { generateSchemaTypes, SCHEMA_FILE } from '../../../scripts/contract.ts';
import { installContract, strictSchema } from './http/contract.js';
import { startTestServer } from './test-support/server-harness.js';

test('every API route declares its 2xx answer', async (t) => {
  const s = await startTestServer();
  try {
    const routes = s.app.contract.routes.filter((r) => !r.hidden && !r.websocket);
    assert.ok(routes.length > 250, `the route table has ${routes.length} routes`);
    const missing = routes.filter((r) => r.successStatuses.length === 0).map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(missing, [], 'these routes must declare a 2xx response schema');
    t.diagnostic(`all ${routes.length} routes have 2xx response schemas`);
  } finally {
    await s.close();
  }
});

test('strictSchema closes every object that does not say otherwise, and leaves allOf members open', () => {
  const open = Type.Object({ a: Type.String() }, { additionalProperties: true });
  const schema = Type.Object({
    inner: Type.Object({ x: Type.Integer() }),
    open,
    list: Type.Array(Type.Object({ y: Type.Boolean() })),
  });
  const strict = strictSchema(schema) as Record<string, any>;
  assert.equal(strict.additionalProperties, false);
  assert.equal(strict.properties.inner.additionalProperties, false);
  assert.equal(strict.properties.open.additionalProperties, true);
  assert.equal(strict.properties.list.items.additionalProperties, false);
  const all = strictSchema({
    allOf: [
      { type: 'object', properties: { a: {} } },
      { type: 'object', properties: { b: {} } },
    ],
  }) as Record<string, any>;
  assert.equal(all.allOf[0].additionalProperties, undefined);
  assert.equal(
    (schema as Record<string, any>).additionalProperties,
    undefined,
    "the route's own schema is not changed",
  );
});

test('an answer with a property its schema does not list, or without one it requires, fails as CONTRACT_VIOLATION', async () => {
  const app = Fastify();
  const contract = installContract(app, true);
  const Answer = {
    200: Type.Object({ id: Type.String(), count: Type.Integer(), note: Type.Union([Type.String(), Type.Null()]) }),
  };
  let answer: Record<string, unknown> = {};
  app.get('/x', { schema: { response: Answer } }, async () => answer);
  app.get('/free', async () => ({ anything: 1 }));
  await app.ready();

  answer = { id: 'a', count: 1, note: null };
  assert.equal((await app.inject({ url: '/x' })).statusCode, 200);
  answer = { id: 'a', count: 1, note: null, secret: 'dropped by the serializer' };
  const extra = await app.inject({ url: '/x' });
  assert.equal(extra.statusCode, 500);
  assert.equal(extra.json().error.code, 'CONTRACT_VIOLATION');
  assert.match(extra.json().error.details.errors.join(), /secret/);
  answer = { id: 'a', note: 'n' };
  assert.match((await app.inject({ url: '/x' })).json().error.details.errors.join(), /count/);
  answer = { id: 'a', count: 1.5, note: 'n' };
  assert.equal((await app.inject({ url: '/x' })).statusCode, 500);
  assert.equal(
    (await app.inject({ url: '/free' })).statusCode,
    200,
    "a route without a schema is the route table test's business",
  );
  assert.equal(contract.violations.length, 3);
  assert.deepEqual(
    contract.violations.map((v) => `${v.method} ${v.url} ${v.status}`),
    ['GET /x 200', 'GET /x 200', 'GET /x 200'],
  );
  await app.close();
});

test('JSON text a handler wrote itself is checked as sent', async () => {
  const app = Fastify();
  const contract = installContract(app, true);
  let text = '';
  app.get(
    '/text',
    { schema: { response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String() })) }) } } },
    async (_req, reply) => reply.type('application/json; charset=utf-8').send(text),
  );
  await app.ready();
  text = '{"items":[{"id":"a"}]}';
  assert.equal((await app.inject({ url: '/text' })).statusCode, 200);
  text = '{"items":[{"id":"a","extra":1}]}';
  const broken = await app.inject({ url: '/text' });
  assert.equal(broken.statusCode, 500);
  assert.match(broken.json().error.details.errors.join(), /\/items\/0 .*extra/);
  assert.equal(contract.violations.length, 1);
  await app.close();
});

test("the web app's API types (packages/web/src/api/schema.d.ts) are those of the current OpenAPI document (npm run contract)", async () => {
  const committed = readFileSync(SCHEMA_FILE, 'utf8');
  const fresh = await generateSchemaTypes();
  assert.ok(committed === fresh, 'schema.d.ts is out of date: run npm run contract');
});
