import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERROR_CODE_LIST, ERROR_CODES, isErrorCode } from '@zhongcao/core/error-codes';
import { ApiError } from '../api/client';
import { errorSentenceKey } from './error-sentence';
import { resources } from './resources';

const zh = resources['zh-CN'].translation as Record<string, unknown>;
const en = resources.en.translation as Record<string, unknown>;

function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

function lookup(tree: Record<string, unknown>, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      tree,
    );
}

test('zh-CN and en have exactly the same keys, and no string is empty', () => {
  const zhKeys = leaves(zh).sort();
  const enKeys = new Set(leaves(en));
  const onlyZh = zhKeys.filter((k) => !enKeys.has(k));
  const zhSet = new Set(zhKeys);
  const onlyEn = [...enKeys].filter((k) => !zhSet.has(k)).sort();
  assert.deepEqual({ onlyZh, onlyEn }, { onlyZh: [], onlyEn: [] });
  for (const key of zhKeys) {
    for (const [lang, tree] of [
      ['zh-CN', zh],
      ['en', en],
    ] as const) {
      const value = lookup(tree, key);
      assert.ok(typeof value === 'string' && value.trim().length > 0, `${lang} ${key} is a non-empty string`);
    }
  }
});

// ---- every error code the API can answer with has a sentence in both languages ----

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const SOURCES = ['packages/core/src', 'packages/server/src'];

/** The reconciliation's discrepancy kinds: not errors, but shown in 平台管理 · 结算与对账. */
const RECONCILIATION_CODES = ['MISSING_IN_LEDGER', 'MISSING_AT_PROVIDER', 'AMOUNT_DIFFERS', 'STATUS_DIFFERS'];

/**
 * Upper-case string literals in the server's code that are not error codes: HTTP methods, file
 * signatures, system error names, the SQLite driver's codes, carrier codes and a sample tracking
 * number, the Unicode normal form, and the reconciliation's discrepancy kinds (worded under
 * consoleUi.money.reconCode, checked below).
 */
const NOT_ERROR_CODES = new Set([
  'TIMEOUT', // the NATS client's error code for a request with no reply in time (engine-client.ts)
  'ZHONGCAO', // the JetStream stream's name
  'UNSEEDED', // the flash-sale hot counter's internal verdict (live/hot-counter.ts): the sale goes to the database path, never to a client
  // Redis commands in the flash-sale hot counter's Lua scripts (server/src/shared/redis-sale-counter.ts)
  'HGET',
  'HSET',
  'HDEL',
  'HINCRBY',
  'DECRBY',
  'INCRBY',
  'ZADD',
  'ZREM',
  'ZRANGE',
  'ZRANGEBYSCORE',
  'EXISTS',
  'DEL',
  'RENAME',
  'SET',
  'PEXPIREAT',
  'KEEPTTL',
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'IDAT',
  'IEND',
  'IHDR',
  'RIFF',
  'WEBP',
  'ENOENT',
  'EXDEV',
  'SIGKILL',
  'NFKC',
  // system error codes and signals the scaled mode reads (a database that is briefly away; processes it stops)
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'SIGTERM',
  'UTF8',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_CONSTRAINT_UNIQUE',
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'CS',
  'DG',
  'HX',
  'LC',
  'SF',
  'SF0000000001',
  // carriers' codes and the sample waybill numbers of their formats (logistics/waybill-formats.ts)
  'ZTO',
  'YTO',
  'YD',
  'STO',
  'JD',
  'EMS',
  'JT',
  'SF1428301675942',
  'YT6702938471526',
  'JDVA20938475610',
  'JT5019283746501',
  // the details of ADDRESS_REGION_MISMATCH (which level does not belong), worded by that sentence
  'UNKNOWN_PROVINCE',
  'CITY_NOT_IN_PROVINCE',
  'DISTRICT_NOT_IN_CITY',
  // the rule each red-line term breaks (governance/default-book.ts; worded with the term in the rule book)
  'AD_LAW_9_ABSOLUTE',
  'AD_LAW_9_AUTHORITY',
  'PLATFORM_FALSE_URGENCY',
  'AD_LAW_17_MEDICAL',
  'FOOD_SAFETY_73_CLAIM',
  'AD_LAW_18_HEALTH_FOOD',
  'PLATFORM_DIVERSION',
  'PLATFORM_BAIT',
  'PLATFORM_PROHIBITED_ITEM',
  // the ledger check's findings on compensation (printed by `zhongcao ledger check`, not sent to clients)
  'BOOKED_WITHOUT_PAYOUT',
  'PAYOUT_NOT_BOOKED',
  'PAID_STATUS_DIFFERS',
  'ORDER_PAYABLE_DIFFERS',
  'PAYABLE_BALANCE_DIFFERS',
  // why a compensation payout failed, kept on its row
  'NO_PAYMENT',
  'UNKNOWN_TRANSFER',
  ...RECONCILIATION_CODES,
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const root of SOURCES) {
    for (const file of sourceFiles(join(repo, root))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)'/g)) {
        const code = m[1]!;
        if (code.length >= 2 && !NOT_ERROR_CODES.has(code) && !found.has(code))
          found.set(code, file.slice(repo.length));
      }
    }
  }
  return found;
}

test('every code of the registry (ERROR_CODES) has a sentence in zh-CN and en, and every sentence a code', () => {
  assert.ok(
    ERROR_CODE_LIST.length > 100 && isErrorCode('OUT_OF_STOCK') && !isErrorCode('NOT_A_CODE'),
    `the registry has the codes (${ERROR_CODE_LIST.length})`,
  );
  const missing = ERROR_CODE_LIST.filter((code) => !lookup(zh, `errors.${code}`) || !lookup(en, `errors.${code}`));
  assert.deepEqual(missing, [], 'add these to packages/web/src/i18n/errors.zh-CN.ts and errors.en.ts');
  const stale = Object.keys(lookup(zh, 'errors') as Record<string, string>).filter(
    (key) => !isErrorCode(key) && key !== 'NETWORK_ERROR' && key !== 'unknown',
  );
  assert.deepEqual(stale, [], 'sentences for codes the server no longer has');
  for (const key of ['errors.unknown', 'errors.NETWORK_ERROR']) assert.ok(lookup(zh, key) && lookup(en, key), key);
  for (const [code, { status }] of Object.entries(ERROR_CODES))
    assert.ok(Number.isInteger(status) && status >= 400 && status <= 599, `${code}: ${status}`);
});

test('every upper-case code in packages/core and packages/server is in the registry (codes that travel in-band too)', () => {
  const codes = codesInSource();
  assert.ok(codes.size > 100, `the scan finds the codes (${codes.size})`);
  assert.ok(codes.has('INVALID_CREDENTIALS') && codes.has('OUT_OF_STOCK') && codes.has('VALIDATION_FAILED'));
  const unknown = [...codes].filter(([code]) => !isErrorCode(code)).map(([code, file]) => `${code} (${file})`);
  assert.deepEqual(
    unknown,
    [],
    'add these to ERROR_CODES (packages/core/src/platform/error-codes.ts), or to NOT_ERROR_CODES here when they are not error codes',
  );
});

test('an error becomes its code’s sentence key, a network failure the network sentence, anything else the generic one', () => {
  const has = (key: string) => lookup(zh, key) !== undefined;
  assert.equal(
    errorSentenceKey(new ApiError(401, 'INVALID_CREDENTIALS', 'wrong login or password'), has),
    'errors.INVALID_CREDENTIALS',
  );
  assert.equal(errorSentenceKey(new ApiError(0, 'NETWORK_ERROR', 'Failed to fetch'), has), 'errors.NETWORK_ERROR');
  assert.equal(
    errorSentenceKey(new ApiError(418, 'SOMETHING_NEW', 'a code no client knows yet'), has),
    'errors.unknown',
  );
  assert.equal(errorSentenceKey(new TypeError('x is undefined'), has), 'errors.unknown');
  assert.equal(errorSentenceKey('SALE_SOLD_OUT', has), 'errors.SALE_SOLD_OUT');
});

test('the reconciliation’s discrepancy kinds and record statuses, and every ledger entry kind, are worded in both languages', () => {
  const rules = readFileSync(join(repo, 'packages/core/src/ledger/reconciliation-rules.ts'), 'utf8');
  for (const code of RECONCILIATION_CODES)
    assert.ok(rules.includes(`'${code}'`), `${code} is still a reconciliation code`);
  for (const code of RECONCILIATION_CODES)
    assert.ok(lookup(zh, `consoleUi.money.mmCodes.${code}`) && lookup(en, `consoleUi.money.mmCodes.${code}`), code);
  for (const status of ['succeeded', 'failed', 'pending'])
    assert.ok(
      lookup(zh, `consoleUi.money.recordStatus.${status}`) && lookup(en, `consoleUi.money.recordStatus.${status}`),
      status,
    );
  const ledger = sourceFiles(join(repo, 'packages/core/src'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const reasons = new Set(
    [
      ...ledger.matchAll(/postJournal\(\s*tx,\s*\{\s*reason:\s*'([a-z_]+)'/g),
      ...ledger.matchAll(/reason:\s*to === 'succeeded'\s*\?\s*'([a-z_]+)'\s*:\s*'([a-z_]+)'/g),
    ].flatMap((m) => m.slice(1).filter(Boolean) as string[]),
  );
  for (const m of ledger.matchAll(/journals\.push\(\s*\{\s*reason:\s*'([a-z_]+)'/g)) reasons.add(m[1]!);
  assert.ok(
    reasons.has('capture') && reasons.has('settlement') && reasons.has('payout_paid'),
    `the scan finds the entry kinds (${[...reasons].join(', ')})`,
  );
  for (const r of reasons)
    assert.ok(
      lookup(zh, `consoleUi.money.reason.${r}`) && lookup(en, `consoleUi.money.reason.${r}`),
      `entry kind ${r}`,
    );
  for (const s of ['open', 'closed'])
    assert.ok(lookup(zh, `consoleUi.status.${s}`) && lookup(en, `consoleUi.status.${s}`), `shop status ${s}`);
});

test('every order-transition reason code has words in both languages', () => {
  const text = readFileSync(join(repo, 'packages/core/src/orders/transition-reasons.ts'), 'utf8');
  const codes = [...text.matchAll(/\{ code: '([a-z_]+)'/g)].map((m) => m[1]!);
  assert.ok(codes.length >= 10 && codes.includes('shipped'), 'the scan finds the reason codes');
  for (const code of codes.filter((c) => c !== 'legacy')) {
    assert.ok(lookup(zh, `orderReason.${code}`) && lookup(en, `orderReason.${code}`), `orderReason.${code}`);
  }
  assert.match(lookup(zh, 'orderReason.shipped') as string, /\{\{parcels\}\}/);
  assert.match(lookup(en, 'orderReason.shipped') as string, /\{\{parcels\}\}/);
});
