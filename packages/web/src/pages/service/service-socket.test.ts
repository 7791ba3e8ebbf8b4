import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage } from '../../api/service';
import { contiguousSeq, mergeMessages } from './service-socket';

const m = (seq: number, text = `m${seq}`): ChatMessage => ({
  id: `csm_${seq}`,
  conversationId: 'cnv_1',
  seq,
  side: 'buyer',
  senderId: 'u',
  kind: 'text',
  body: { text },
  auto: false,
  masked: false,
  clientId: null,
  createdAt: seq,
});

test('messages merge by sequence number: duplicates collapse, order is by seq', () => {
  const merged = mergeMessages([m(1), m(3)], [m(2), m(3, 'again'), m(4)]);
  assert.deepEqual(
    merged.map((x) => x.seq),
    [1, 2, 3, 4],
  );
  assert.equal(merged[2]!.body.text, 'again');
});

test('the resume point stops before the first hole', () => {
  assert.equal(contiguousSeq([m(1), m(2), m(4)], 0), 2);
  assert.equal(contiguousSeq([m(5), m(6)], 4), 6);
  assert.equal(contiguousSeq([], 7), 7);
});
