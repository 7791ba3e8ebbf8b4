import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalParamJson,
  checkTimestamp,
  parseRequestTimestamp,
  parseSignMethod,
  signatureMatches,
  signPush,
  signRequest,
  stringToSign,
} from './signing.js';
import {
  decideRefresh,
  resolveMethod,
  appKeyFrom,
  APP_KEY_PATTERN,
  ACCESS_TOKEN_TTL_MS,
  REFRESH_TOKEN_TTL_MS,
} from './rules.js';
import { errorEnvelope, successEnvelope, trafficLimited } from './envelope.js';
import { numberFor } from './open-ids.js';
import { tagsFor } from './push-tags.js';
import { wireOrderStatus, wireMainStatus, wireAfterSaleStatus } from './status-map.js';

const APP_KEY = '7000000000000000001';
const SECRET = 'demo_secret_abc123';
const fields = (method: string, paramJson: string, timestamp: string) => ({
  appKey: APP_KEY,
  method,
  paramJson,
  timestamp,
  v: '2',
});

test('vector A: order.searchList — canonical param_json, the string to sign, HMAC-SHA256 and MD5', () => {
  const paramJson = canonicalParamJson({ size: 20, page: 0, order_by: 'create_time', create_time_start: 1700000000 });
  assert.equal(paramJson, '{"create_time_start":1700000000,"order_by":"create_time","page":0,"size":20}');
  const f = fields('order.searchList', paramJson, '1700003600');
  assert.equal(
    stringToSign(SECRET, f),
    'demo_secret_abc123app_key7000000000000000001methodorder.searchListparam_json{"create_time_start":1700000000,"order_by":"create_time","page":0,"size":20}timestamp1700003600v2demo_secret_abc123',
  );
  assert.equal(
    signRequest(SECRET, f, 'hmac-sha256'),
    '1af2428fd443ee9bead9dd4bf5e5f9878113c3ffdd1db29a86bf5900fa99c6ca',
  );
  assert.equal(signRequest(SECRET, f, 'md5'), 'a184fe26cfc26d1fbfb6d6a2af4be3e9');
});

test('vector B: order.addOrderRemark — UTF-8 text, a formatted timestamp; escaped text signs differently', () => {
  const raw = '{"is_add_star":"true","order_id":"6900000000000000001","remark":"加急/优先","star":"5"}';
  assert.equal(
    canonicalParamJson({ star: '5', remark: '加急/优先', order_id: '6900000000000000001', is_add_star: 'true' }),
    raw,
  );
  const f = fields('order.addOrderRemark', raw, '2023-11-15 07:13:20');
  assert.equal(signRequest(SECRET, f), '071df0a82c47c0b73f46a4016d43cddb25b6c04a21c6360f717a92a26d1c3340');
  assert.equal(signRequest(SECRET, f, 'md5'), '42e4bd3b5b86c0451a09d3b897660254');
  const escaped = raw.replace('加急/优先', '\\u52a0\\u6025/\\u4f18\\u5148');
  assert.equal(
    signRequest(SECRET, { ...f, paramJson: escaped }),
    'dc95f2ace644926d7464f7ae1810a93e620edf68d128997f8d79f0c865a969d6',
  );
});

test('vectors C, D, E: nested objects sorted, empty params, token.create', () => {
  const c = canonicalParamJson({
    type: 201,
    items: [
      {
        remark: 'ok',
        logistics: { receiver_address_id: 12, company_code: 'zhongtong' },
        aftersale_id: '7100000000000000001',
      },
    ],
  });
  assert.equal(
    c,
    '{"items":[{"aftersale_id":"7100000000000000001","logistics":{"company_code":"zhongtong","receiver_address_id":12},"remark":"ok"}],"type":201}',
  );
  assert.equal(
    signRequest(SECRET, fields('afterSale.operate', c, '1700003600')),
    '1a2a451a992f96ca52d5a1b1872c86daafad8c4b8d286649cc0d48e7fe08837a',
  );
  assert.equal(
    signRequest(SECRET, fields('order.logisticsCompanyList', canonicalParamJson({}), '1700003600')),
    '4bc8b243bdab04ae9ac327b3d1158897ccda980b1077297b47c3b269018ebd45',
  );
  const e = canonicalParamJson({ shop_id: '12345678', grant_type: 'authorization_self', code: '' });
  assert.equal(
    signRequest(SECRET, fields('token.create', e, '1700003600')),
    'ddaa8d255b166a3a6420730f9868dbc70f925809d3803a48b139ae6a35df314a',
  );
});

test('push signature vector: MD5(app_key + body + secret)', () => {
  const body =
    '[{"tag":"101","msg_id":"7300000000000000001","data":"{\\"biz\\":2,\\"order_status\\":105,\\"order_type\\":0,\\"p_id\\":6900000000000000001,\\"pay_amount\\":9900,\\"pay_time\\":1700003000,\\"pay_type\\":1,\\"s_ids\\":[6900000000000000002],\\"shop_id\\":12345678}"}]';
  assert.equal(signPush(APP_KEY, body, SECRET), 'ea9d93f8e61c751665138496c84048aa');
});

test('signatures compare case-insensitively; sign_method defaults to md5 and refuses others', () => {
  assert.ok(signatureMatches('abcdef', 'ABCDEF'));
  assert.ok(!signatureMatches('abcdef', 'abcde0'));
  assert.ok(!signatureMatches('abcdef', 'abc'));
  assert.equal(parseSignMethod(undefined), 'md5');
  assert.equal(parseSignMethod('HMAC-SHA256'), 'hmac-sha256');
  assert.equal(parseSignMethod('sha1'), null);
});

test('timestamps: Unix seconds or GMT+8 text; stale and malformed ones are told apart', () => {
  assert.equal(parseRequestTimestamp('1700003600'), 1_700_003_600_000);
  assert.equal(parseRequestTimestamp('2023-11-15 07:13:20'), Date.UTC(2023, 10, 14, 23, 13, 20));
  assert.equal(parseRequestTimestamp('2023-02-31 00:00:00'), null);
  assert.equal(parseRequestTimestamp('yesterday'), null);
  assert.equal(checkTimestamp('1700003600', 1_700_003_600_000 + 60_000), 'ok');
  assert.equal(checkTimestamp('1700003600', 1_700_003_600_000 + 3_600_000), 'stale');
  assert.equal(checkTimestamp('17000036x0', 1_700_003_600_000), 'format');
});

test('the envelope always has the seven fields', () => {
  const ok = successEnvelope({ a: 1 }, 'log1');
  assert.deepEqual(Object.keys(ok).sort(), [
    'code',
    'data',
    'err_no',
    'log_id',
    'message',
    'msg',
    'sub_code',
    'sub_msg',
  ]);
  assert.equal(ok.code, 10000);
  assert.equal(ok.err_no, 0);
  const bad = errorEnvelope(trafficLimited(), 'log2');
  assert.equal(bad.code, 60000);
  assert.equal(bad.sub_code, 'isv.traffic-limited');
  assert.notEqual(bad.err_no, 0);
});

test('methods route without regard to case; app keys are 19 digits', () => {
  assert.equal(resolveMethod('/afterSale/Operate'), 'afterSale.operate');
  assert.equal(resolveMethod('ORDER/SEARCHLIST'), 'order.searchList');
  assert.equal(resolveMethod('order/nothing'), null);
  assert.match(appKeyFrom(Buffer.from([1, 2, 3, 250, 99])), APP_KEY_PATTERN);
});

test('token refresh: same tokens until the last hour, new ones after, nothing after the refresh token expires', () => {
  const t0 = 1_000_000;
  const exp = t0 + ACCESS_TOKEN_TTL_MS;
  const rexp = t0 + REFRESH_TOKEN_TTL_MS;
  assert.equal(decideRefresh(t0 + 1000, exp, rexp), 'same');
  assert.equal(decideRefresh(exp - 3_600_000 - 1, exp, rexp), 'same');
  assert.equal(decideRefresh(exp - 1000, exp, rexp), 'renew_keep_old');
  assert.equal(decideRefresh(exp + 1000, exp, rexp), 'renew_drop_old');
  assert.equal(decideRefresh(rexp, exp, rexp), 'refresh_expired');
});

test('wire ids: 19 digits for orders and after-sales, safe integers for products and SKUs', () => {
  const order = numberFor('order', 'ord_01hq3x8z9k0000000000000000');
  assert.match(order, /^6\d{18}$/);
  assert.match(numberFor('aftersale', 'afs_01hq3x8z9k0000000000000000'), /^7\d{18}$/);
  const sku = numberFor('sku', 'sku_01hq3x8z9k0000000000000000');
  assert.ok(Number.isSafeInteger(Number(sku)));
  assert.notEqual(numberFor('order', 'ord_x', 0), numberFor('order', 'ord_x', 1));
});

test('status tables and push tags', () => {
  assert.equal(wireOrderStatus('paid'), 2);
  assert.equal(wireOrderStatus('paid', true), 101);
  assert.equal(wireOrderStatus('delivered'), 3);
  assert.equal(wireMainStatus('cancelled', false, true), 21);
  assert.equal(wireAfterSaleStatus('exchange', 'completed'), 14);
  assert.equal(wireAfterSaleStatus('refund_only', 'requested'), 6);
  assert.deepEqual(tagsFor({ topic: 'order.paid', payload: {} }), ['101']);
  assert.deepEqual(tagsFor({ topic: 'aftersales.refunded', payload: { to: 'refunded', action: 'approve' } }), [
    '201',
    '206',
  ]);
  assert.deepEqual(
    tagsFor({ topic: 'aftersales.rejected', payload: { to: 'rejected', action: 'reject', type: 'refund_only' } }),
    ['204'],
  );
  assert.deepEqual(tagsFor({ topic: 'video.published', payload: {} }), []);
});
