import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SHIPMENT_ROWS, parseCsv, parseShipmentCsv } from './csv.js';
import { dayLabel, lastDays, shanghaiDayStart } from './shanghai-days.js';

test('parseCsv reads BOM, CRLF, quoted fields with commas, quotes and line breaks, and skips blank lines', () => {
  const text =
    '\uFEFForderId,carrier,trackingNo\r\n\r\nord_1,"顺丰, 速运","SF""1"\r\n"a\r\nb",x,y\n  ,  \nlast,row,here';
  const records = parseCsv(text);
  assert.deepEqual(
    records.map((r) => r.line),
    [1, 3, 4, 7],
  );
  assert.deepEqual(records[0]!.fields, ['orderId', 'carrier', 'trackingNo']);
  assert.deepEqual(records[1]!.fields, ['ord_1', '顺丰, 速运', 'SF"1']);
  assert.deepEqual(records[2]!.fields, ['a\nb', 'x', 'y']);
  assert.deepEqual(records[3]!.fields, ['last', 'row', 'here']);
});

test('parseCsv: an unterminated quote is a 400 CSV_MALFORMED; a lone CR ends a line', () => {
  assert.throws(() => parseCsv('a,b\n"open,x\n'), { code: 'CSV_MALFORMED', status: 400 });
  assert.deepEqual(
    parseCsv('a\rb\r').map((r) => [r.line, r.fields]),
    [
      [1, ['a']],
      [2, ['b']],
    ],
  );
  assert.deepEqual(parseCsv(''), []);
});

test('parseShipmentCsv checks the header (any order, Chinese names), counts rows and keeps row numbers', () => {
  const rows = parseShipmentCsv('运单号,订单号,快递公司\nSF1234567,ord_a,顺丰速运\n\nZT7654321,ord_b,中通\nshort\n');
  assert.deepEqual(rows, [
    { row: 2, orderId: 'ord_a', carrier: '顺丰速运', trackingNo: 'SF1234567' },
    { row: 4, orderId: 'ord_b', carrier: '中通', trackingNo: 'ZT7654321' },
    { row: 5, orderId: '', carrier: '', trackingNo: 'short' },
  ]);
  assert.throws(() => parseShipmentCsv(''), { code: 'CSV_EMPTY' });
  assert.throws(() => parseShipmentCsv('orderId,carrier,trackingNo\r\n'), { code: 'CSV_EMPTY' });
  assert.throws(
    () => parseShipmentCsv('orderId,carrier\nord_a,x\n'),
    (e: { code: string; details: { missing: string[] } }) =>
      e.code === 'CSV_HEADER_INVALID' && e.details.missing.join() === 'trackingNo',
  );
  const many = [
    'orderId,carrier,trackingNo',
    ...Array.from({ length: MAX_SHIPMENT_ROWS + 1 }, (_, i) => `ord_${i},c,t`),
  ].join('\n');
  assert.throws(() => parseShipmentCsv(many), { code: 'TOO_MANY_ROWS', status: 400 });
  assert.equal(
    parseShipmentCsv(
      many
        .split('\n')
        .slice(0, MAX_SHIPMENT_ROWS + 1)
        .join('\n'),
    ).length,
    MAX_SHIPMENT_ROWS,
  );
});

test('Asia/Shanghai days: midnight is 16:00 UTC the day before', () => {
  const at = Date.UTC(2026, 10, 23, 15, 59); // 23:59 in Shanghai on 11-23
  assert.equal(shanghaiDayStart(at), Date.UTC(2026, 10, 22, 16, 0));
  assert.equal(shanghaiDayStart(at + 60_000), Date.UTC(2026, 10, 23, 16, 0));
  const days = lastDays(at + 60_000, 7).map(dayLabel);
  assert.deepEqual([days[0], days[6], days.length], ['2026-11-18', '2026-11-24', 7]);
});
