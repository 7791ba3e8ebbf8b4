import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectUserStrings, isUserContent, rawKeys, untranslatedWords, withoutUserContent } from './untranslated.ts';

test('English UI words are reported; brands, units, ids, handles, emails and URLs are not', () => {
  assert.deepEqual(untranslatedWords('shipped in 1 parcel(s)'), ['shipped', 'in', 'parcel', 's']);
  assert.deepEqual(untranslatedWords('出错了：INVALID_CREDENTIALS'), ['INVALID_CREDENTIALS']);
  assert.deepEqual(untranslatedWords('支付成功 · payment captured'), ['payment', 'captured']);
  assert.deepEqual(untranslatedWords('种草 Zhongcao · GMV ¥1,234.00 · GPM 12 · SKU 3 · MCN 机构'), []);
  assert.deepEqual(untranslatedWords('订单号 ord_01jabc · 运单 SF1234567890 · 500g · 5 kg'), []);
  assert.deepEqual(untranslatedWords('@demo-creator · demo@example.com · https://zhongcao.example.com/x'), []);
  assert.deepEqual(untranslatedWords('Zhongcao Sandbox Pay · 确认支付 Pay'), ['Pay']);
  assert.deepEqual(untranslatedWords('Paid'), ['Paid']);
});

test('strings of an API answer are user content, except its vocabulary, ids and errors', () => {
  const into = new Set<string>();
  collectUserStrings(
    {
      items: [
        {
          id: 'ord_1',
          title: 'Fuji apples 5kg',
          status: 'paid',
          reason: 'payment captured',
          shopId: 'shp_1',
          shop: { name: 'Golden Orchard' },
        },
      ],
      error: { code: 'X', message: 'no' },
    },
    into,
  );
  assert.deepEqual([...into].sort(), ['Fuji apples 5kg', 'Golden Orchard']);
  const joined = [...into].join('\u0000');
  assert.equal(isUserContent('Fuji apples', joined), true);
  assert.equal(isUserContent('payment captured', joined), false);
  assert.equal(withoutUserContent('Golden Orchard · Owner', ['Fuji apples 5kg', 'Golden Orchard']).trim(), '· Owner');
  // A short user string inside a random id leaves the id whole (no one-letter remnant to flag).
  assert.deepEqual(untranslatedWords(withoutUserContent('afs_01m97bbyz3d64er7x3f56akqqk 售后', ['qq'])), []);
  assert.equal(withoutUserContent('qq 号 (a.b)', ['qq', '(a.b)']).trim(), '号');
});

test('raw i18n keys are found by their top-level name', () => {
  assert.deepEqual(rawKeys('状态 consoleUi.money.reason.foo 与 example.com', ['consoleUi', 'common']), [
    'consoleUi.money.reason.foo',
  ]);
  assert.deepEqual(rawKeys('v1.2.3 and a.b', ['consoleUi']), []);
});
