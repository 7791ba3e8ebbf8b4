/** Properties of the pure parts: signatures, timestamps, wire ids, refresh decisions, status tables. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  canonicalParamJson,
  checkTimestamp,
  formatGmt8,
  parseRequestTimestamp,
  signatureMatches,
  signRequest,
} from './signing.js';
import { decideRefresh, REFRESH_WINDOW_MS } from './rules.js';
import { numberFor, type OpenIdKind } from './open-ids.js';
import { wireOrderStatus, ORDER_STATUS_FILTER } from './status-map.js';
import { ORDER_STATUSES } from '../orders/index.js';

const fields = fc.record({
  appKey: fc.stringMatching(/^\d{19}$/),
  method: fc.constantFrom('order.searchList', 'sku.syncStock', 'token.create'),
  paramJson: fc.json(),
  timestamp: fc.stringMatching(/^\d{10}$/),
  v: fc.constant('2'),
});

test('a signature matches only its own fields: any one changed byte fails (both algorithms)', () => {
  fc.assert(
    fc.property(
      fc.string({ minLength: 1 }),
      fields,
      fc.constantFrom('hmac-sha256' as const, 'md5' as const),
      fc.nat(),
      (secret, f, alg, at) => {
        const sign = signRequest(secret, f, alg);
        assert.ok(signatureMatches(sign, sign.toUpperCase()));
        const i = at % f.paramJson.length;
        const changed = f.paramJson.slice(0, i) + (f.paramJson[i] === 'x' ? 'y' : 'x') + f.paramJson.slice(i + 1);
        assert.ok(!signatureMatches(sign, signRequest(secret, { ...f, paramJson: changed }, alg)));
        assert.ok(!signatureMatches(sign, signRequest(`${secret}!`, f, alg)));
      },
    ),
    { numRuns: 200 },
  );
});

test('canonical param_json does not depend on key order and parses back to the same value', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      assert.equal(canonicalParamJson(obj), canonicalParamJson(reversed));
      assert.deepEqual(JSON.parse(canonicalParamJson(obj)), JSON.parse(JSON.stringify(obj)));
    }),
    { examples: [[JSON.parse('{"":{"__proto__":0}}')], [JSON.parse('{"__proto__":{"b":1,"a":2}}')]] },
  );
});

test('a GMT+8 text timestamp reads back to its second, and is accepted within the window only', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1_500_000_000, max: 2_500_000_000 }),
      fc.integer({ min: -3600, max: 3600 }),
      (sec, skew) => {
        const text = formatGmt8(sec * 1000);
        assert.equal(parseRequestTimestamp(text), sec * 1000);
        assert.equal(checkTimestamp(String(sec), (sec + skew) * 1000), Math.abs(skew) <= 600 ? 'ok' : 'stale');
      },
    ),
  );
});

test('wire ids have their shape for any id and try', () => {
  const lengths: Record<OpenIdKind, number> = {
    order: 19,
    aftersale: 19,
    product: 16,
    sku: 16,
    shop: 16,
    category: 16,
  };
  fc.assert(
    fc.property(
      fc.constantFrom(...(Object.keys(lengths) as OpenIdKind[])),
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.nat(30),
      (kind, id, attempt) => {
        const n = numberFor(kind, id, attempt);
        assert.match(n, /^\d+$/);
        assert.equal(n.length, lengths[kind]);
        if (lengths[kind] === 16) assert.ok(Number.isSafeInteger(Number(n)));
      },
    ),
  );
});

test('refresh: never "same" within the last hour, never new tokens before it, nothing once the refresh token expired', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: -1e9, max: 1e9 }), (expires, offset) => {
      const now = expires + offset;
      const refreshExpires = expires + 7 * 86_400_000;
      const d = decideRefresh(now, expires, refreshExpires);
      if (now >= refreshExpires) assert.equal(d, 'refresh_expired');
      else if (now < expires - REFRESH_WINDOW_MS) assert.equal(d, 'same');
      else if (now < expires) assert.equal(d, 'renew_keep_old');
      else assert.equal(d, 'renew_drop_old');
    }),
  );
});

test('every order status has a wire code whose filter finds it again', () => {
  for (const s of ORDER_STATUSES)
    for (const partly of [false, true]) assert.ok(ORDER_STATUS_FILTER[wireOrderStatus(s, partly)]!.includes(s));
});
