import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCsvBytes } from './csv-decode.js';
import { parseShipmentCsv } from './csv.js';
import { csvDocument, csvField } from '../platform/index.js';

// Bytes as Excel (Chinese Windows, "CSV (逗号分隔)") writes them: GBK, CRLF. Encoded by an
// independent codec, not by the decoder under test.
const GBK_HEADER = Buffer.from('b6a9b5a5bac52cbfecb5ddb9abcbbe2cd4cbb5a5bac50d0a', 'hex'); // 订单号,快递公司,运单号\r\n
const GBK_ROW_TAIL = Buffer.from('2ccbb3b7e1cbd9d4cb2c5346373030303030303030390d0a', 'hex'); // ,顺丰速运,SF7000000009\r\n

test('GBK bytes from Excel are decoded as GB18030 and read as a shipment file', () => {
  const bytes = Buffer.concat([GBK_HEADER, Buffer.from('ord_01aaaaaaaaaaaaaaaaaaaaaaaa'), GBK_ROW_TAIL]);
  const decoded = decodeCsvBytes(bytes);
  assert.equal(decoded.encoding, 'gb18030');
  assert.equal(decoded.text, '订单号,快递公司,运单号\r\nord_01aaaaaaaaaaaaaaaaaaaaaaaa,顺丰速运,SF7000000009\r\n');
  assert.deepEqual(parseShipmentCsv(decoded.text), [
    { row: 2, orderId: 'ord_01aaaaaaaaaaaaaaaaaaaaaaaa', carrier: '顺丰速运', trackingNo: 'SF7000000009' },
  ]);
  // GB18030's four-byte sequences (characters beyond GBK) too.
  assert.equal(decodeCsvBytes(Buffer.from('d6d0cda8bfecb5dd2c9534b235', 'hex')).text, '中通快递,𠮷');
});

test('UTF-8 with and without BOM is read as UTF-8; the BOM is dropped; plain ASCII is UTF-8', () => {
  const text = '订单号,快递公司,运单号\nord_1,中通快递,ZT1\n';
  assert.deepEqual(decodeCsvBytes(Buffer.from(text, 'utf8')), { text, encoding: 'utf-8' });
  assert.deepEqual(decodeCsvBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])), {
    text,
    encoding: 'utf-8',
  });
  assert.deepEqual(decodeCsvBytes(Buffer.from('orderId,carrier,trackingNo\n')), {
    text: 'orderId,carrier,trackingNo\n',
    encoding: 'utf-8',
  });
  // A file that says UTF-8 by its BOM stays UTF-8 even with a broken byte (replacement character).
  assert.equal(decodeCsvBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xff])).text, 'a\ufffd');
});

test('csvField quotes, escapes quotes and neutralises formulas but keeps numbers numbers', () => {
  assert.equal(csvField('顺丰, 速运'), '"顺丰, 速运"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(' padded'), '" padded"');
  assert.equal(csvField('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
  assert.equal(csvField('+1+1'), "'+1+1");
  assert.equal(csvField('-2+3'), "'-2+3");
  assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvField('\tcmd'), `'\tcmd`);
  assert.equal(csvField('-12.50'), '-12.50');
  assert.equal(csvField(-3), '-3');
  assert.equal(csvField(null), '');
  assert.equal(csvField('ord_01abc'), 'ord_01abc');
});

test('csvDocument starts with a BOM and ends every row with CRLF', () => {
  const doc = csvDocument([
    ['订单号', '金额'],
    ['ord_1', '-1.00'],
    ['a\r\nb', '=1'],
  ]);
  assert.equal(doc, '\ufeff订单号,金额\r\nord_1,-1.00\r\n"a\r\nb",\'=1\r\n');
  assert.ok(doc.startsWith('\ufeff'));
  assert.ok(doc.endsWith('\r\n'));
});
