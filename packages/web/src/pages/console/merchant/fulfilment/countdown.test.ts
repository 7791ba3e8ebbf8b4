import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deadlineCounts, formatCountdown, toLiveDeadlines, URGENT_MS } from './countdown';

const S = 1000;
const H = 3600 * S;

test('formatCountdown shows time left to the second, with days when a whole day remains', () => {
  assert.deepEqual(formatCountdown(3 * H + 4 * 60 * S + 5 * S, 'zh-CN'), {
    span: '03:04:05',
    overdue: false,
    urgent: false,
  });
  assert.deepEqual(formatCountdown(26 * H + 1 * S, 'zh-CN'), { span: '1天 02:00:01', overdue: false, urgent: false });
  assert.deepEqual(formatCountdown(26 * H + 1 * S, 'en'), { span: '1d 02:00:01', overdue: false, urgent: false });
  assert.equal(formatCountdown(48 * H, 'zh-CN').span, '2天 00:00:00');
  // Part of a second left still shows as a second: 00:00:00 is reached exactly at the deadline.
  assert.equal(formatCountdown(1, 'en').span, '00:00:01');
  assert.equal(formatCountdown(59 * S + 1, 'en').span, '00:01:00');
});

test('formatCountdown turns red under two hours and counts up once overdue', () => {
  assert.equal(formatCountdown(URGENT_MS, 'zh-CN').urgent, false);
  assert.equal(formatCountdown(URGENT_MS - 1, 'zh-CN').urgent, true);
  assert.deepEqual(formatCountdown(0, 'zh-CN'), { span: '00:00:00', overdue: true, urgent: true });
  assert.deepEqual(formatCountdown(-(5 * 60 * S + 12 * S + 999), 'zh-CN'), {
    span: '00:05:12',
    overdue: true,
    urgent: true,
  });
  assert.deepEqual(formatCountdown(-(25 * H), 'en'), { span: '1d 01:00:00', overdue: true, urgent: true });
});

test('toLiveDeadlines places deadlines on the local clock, most urgent first, whatever the server clock says', () => {
  const serverSkew = 10 * 60 * 1000; // the server's clock is ten minutes ahead of this browser's
  const receivedAt = 1_800_000_000_000;
  const items = [
    { orderId: 'ord_b', kind: 'ship_by', dueAt: receivedAt + serverSkew + 5 * H, remainingMs: 5 * H },
    { orderId: 'ord_c', kind: 'auto_confirm', dueAt: receivedAt + serverSkew - 1, remainingMs: -1 },
    { orderId: 'ord_a', kind: 'ship_by', dueAt: receivedAt + serverSkew + 5 * H, remainingMs: 5 * H },
    { orderId: 'ord_d', kind: 'pay_by', dueAt: receivedAt + serverSkew + H, remainingMs: H },
  ];
  const live = toLiveDeadlines(items, receivedAt);
  assert.deepEqual(
    live.map((d) => d.orderId),
    ['ord_c', 'ord_d', 'ord_a', 'ord_b'],
  );
  assert.deepEqual(
    live.map((d) => d.localDueAt - receivedAt),
    [-1, H, 5 * H, 5 * H],
  );
  assert.deepEqual(deadlineCounts(live, receivedAt), { overdue: 1, urgent: 1, total: 4 });
  assert.deepEqual(deadlineCounts(live, receivedAt + 4 * H), { overdue: 2, urgent: 2, total: 4 });
});
