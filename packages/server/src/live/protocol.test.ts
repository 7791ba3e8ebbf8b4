import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseClientMessage, TokenBucket } from './protocol.js';

test('client messages: comments, likes and pings pass; anything else is a stable error code', () => {
  assert.deepEqual(parseClientMessage('{"t":"comment","text":"  好看 \\n "}'), {
    ok: true,
    message: { t: 'comment', text: '好看' },
  });
  assert.deepEqual(parseClientMessage('{"t":"like","n":5}'), { ok: true, message: { t: 'like', n: 5 } });
  assert.deepEqual(parseClientMessage('{"t":"like"}'), { ok: true, message: { t: 'like', n: 1 } });
  assert.deepEqual(parseClientMessage('{"t":"ping"}'), { ok: true, message: { t: 'ping' } });
  for (const bad of [
    '',
    'null',
    '[]',
    '{"t":"comment"}',
    '{"t":"comment","text":5}',
    '{"t":"like","n":0}',
    '{"t":"like","n":101}',
    '{"t":"like","n":1.5}',
    '{"t":"pin"}',
    '{"t":"comment","text":"x"',
  ]) {
    assert.deepEqual(parseClientMessage(bad), { ok: false, code: 'BAD_MESSAGE' }, bad);
  }
  assert.deepEqual(parseClientMessage('{"t":"comment","text":"   "}'), { ok: false, code: 'COMMENT_EMPTY' });
  assert.deepEqual(parseClientMessage(JSON.stringify({ t: 'comment', text: '好'.repeat(201) })), {
    ok: false,
    code: 'COMMENT_TOO_LONG',
  });
  assert.equal(parseClientMessage(JSON.stringify({ t: 'comment', text: '好'.repeat(200) })).ok, true);
});

test('a token bucket allows the burst, then the rate', () => {
  const b = new TokenBucket(1, 3, 0);
  assert.deepEqual([b.take(0), b.take(0), b.take(0), b.take(0)], [true, true, true, false]);
  assert.equal(b.take(500), false);
  assert.equal(b.take(1000), true);
  assert.equal(b.take(1000), false);
});
