import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChatMessage } from './chat-protocol.js';

const conv = 'cnv_01hzzzzzzzzzzzzzzzzzzzzzzz';

test('chat frames: good ones parse, malformed ones are BAD_MESSAGE and never throw', () => {
  assert.deepEqual(
    parseChatMessage(JSON.stringify({ t: 'send', conversationId: conv, clientId: 'a1', kind: 'text', text: '你好' })),
    { ok: true, message: { t: 'send', conversationId: conv, clientId: 'a1', kind: 'text', text: '你好' } },
  );
  assert.deepEqual(parseChatMessage(JSON.stringify({ t: 'sync', cursors: [{ c: conv, s: 3 }] })), {
    ok: true,
    message: { t: 'sync', cursors: [{ c: conv, s: 3 }] },
  });
  assert.deepEqual(parseChatMessage('{"t":"ping"}'), { ok: true, message: { t: 'ping' } });
  for (const raw of [
    '',
    'null',
    '[]',
    '{"t":"nope"}',
    '{"t":"send"}',
    JSON.stringify({ t: 'send', conversationId: 'cnv_x', clientId: 'a', kind: 'text' }),
    JSON.stringify({ t: 'send', conversationId: conv, clientId: 'bad id', kind: 'text' }),
    JSON.stringify({ t: 'send', conversationId: conv, clientId: 'a', kind: 'video' }),
    JSON.stringify({ t: 'send', conversationId: conv, clientId: 'a', kind: 'text', text: 5 }),
    JSON.stringify({ t: 'read', conversationId: conv, seq: -1 }),
    JSON.stringify({ t: 'sync', cursors: 'x' }),
    JSON.stringify({ t: 'sync', cursors: Array.from({ length: 51 }, () => ({ c: conv, s: 0 })) }),
  ]) {
    assert.deepEqual(parseChatMessage(raw), { ok: false, code: 'BAD_MESSAGE' }, raw);
  }
});
