import { test } from 'node:test';
import assert from 'node:assert/strict';
import { framedText } from './wire-frames.js';

test('broadcast messages become consecutive unmasked text frames, with the header each length needs', () => {
  const short = Buffer.from('{"t":"ended"}');
  const medium = Buffer.from('x'.repeat(300));
  const long = Buffer.from('y'.repeat(70_000));
  const framed = framedText([short, medium, long]);

  assert.deepEqual([...framed.subarray(0, 2)], [0x81, short.length]);
  assert.deepEqual(framed.subarray(2, 2 + short.length), short);
  let at = 2 + short.length;
  assert.deepEqual([...framed.subarray(at, at + 2)], [0x81, 126]);
  assert.equal(framed.readUInt16BE(at + 2), 300);
  assert.deepEqual(framed.subarray(at + 4, at + 4 + 300), medium);
  at += 4 + 300;
  assert.deepEqual([...framed.subarray(at, at + 2)], [0x81, 127]);
  assert.equal(framed.readBigUInt64BE(at + 2), 70_000n);
  assert.deepEqual(framed.subarray(at + 10), long);
});
