import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  actionButtons,
  arbitrationProblem,
  claimFen,
  claimProblem,
  counterProblem,
  deadlineParty,
  fenToYuanText,
  formatCountdown,
  formOf,
  isOpen,
  reasonsFor,
  yuanTextToFen,
  type ClaimDraft,
} from './case-rules.ts';

const NOW = 1_700_000_000_000;
const MIN = 60_000;
const HOUR = 60 * MIN;

test('countdowns show days and hours, hours and minutes, or minutes and seconds; red under two hours', () => {
  assert.deepEqual(formatCountdown(NOW + 27 * HOUR + 5 * MIN, NOW, 'zh-CN'), {
    text: '剩余 1天3小时',
    urgent: false,
    overdue: false,
  });
  assert.deepEqual(formatCountdown(NOW + 3 * HOUR + 12 * MIN, NOW, 'en'), {
    text: '3h 12m left',
    urgent: false,
    overdue: false,
  });
  assert.deepEqual(formatCountdown(NOW + HOUR + 59 * MIN, NOW, 'zh-CN'), {
    text: '剩余 1小时59分',
    urgent: true,
    overdue: false,
  });
  assert.deepEqual(formatCountdown(NOW + 5 * MIN + 7_000, NOW, 'zh-CN'), {
    text: '剩余 5分7秒',
    urgent: true,
    overdue: false,
  });
  assert.deepEqual(formatCountdown(NOW - 90 * MIN, NOW, 'zh-CN'), {
    text: '已超时 1小时30分',
    urgent: true,
    overdue: true,
  });
  assert.deepEqual(formatCountdown(NOW - 2 * 86_400_000, NOW, 'en'), {
    text: 'overdue 2d 0h',
    urgent: true,
    overdue: true,
  });
});

test('the return-ship deadline waits for the buyer, the others for the merchant', () => {
  assert.equal(deadlineParty('return_ship'), 'buyer');
  assert.equal(deadlineParty('aftersales_counter_reply'), 'buyer');
  assert.equal(deadlineParty('aftersales_response'), 'merchant');
  assert.equal(deadlineParty('return_confirm'), 'merchant');
  assert.equal(deadlineParty('refund_response'), 'merchant');
});

test('open and final statuses', () => {
  assert.equal(isOpen('requested'), true);
  assert.equal(isOpen('escalated'), true);
  assert.equal(isOpen('rejected'), false);
  assert.equal(isOpen('refunded'), false);
  assert.equal(isOpen('cancelled'), false);
});

test('reasons fit the case type; 7天无理由 only where it applies', () => {
  assert.deepEqual(reasonsFor('fresh_claim', true), ['spoiled', 'damaged', 'quality', 'other']);
  assert.equal(reasonsFor('return_refund', true)[0], 'no_reason');
  assert.ok(!reasonsFor('return_refund', false).includes('no_reason'));
  assert.ok(!reasonsFor('exchange', true).includes('no_reason'));
  assert.ok(reasonsFor('refund_unshipped', false).includes('changed_mind'));
});

test('a fresh claim asks for the rounded share of what is refundable', () => {
  assert.equal(claimFen(3990, 30), 1197);
  assert.equal(claimFen(3990, 25), 998); // 997.5 rounds up
  assert.equal(claimFen(3990, 100), 3990);
  assert.equal(claimFen(1, 1), 1); // at least 1 fen
  assert.equal(claimFen(0, 50), 0);
});

test('claim forms: reason, photos and share for fresh claims, amount within refundable otherwise', () => {
  const fresh: ClaimDraft = {
    type: 'fresh_claim',
    reasonCode: 'spoiled',
    refundableFen: 3990,
    amountFen: null,
    spoiledPercent: 30,
    photos: 1,
    uploading: false,
    note: '',
  };
  assert.equal(claimProblem(fresh), null);
  assert.equal(claimProblem({ ...fresh, reasonCode: null }), 'needReason');
  assert.equal(claimProblem({ ...fresh, photos: 0 }), 'needPhoto');
  assert.equal(claimProblem({ ...fresh, uploading: true }), 'stillUploading');
  assert.equal(claimProblem({ ...fresh, spoiledPercent: 0 }), 'badPercent');
  assert.equal(claimProblem({ ...fresh, spoiledPercent: 101 }), 'badPercent');
  assert.equal(claimProblem({ ...fresh, refundableFen: 0, spoiledPercent: 1 }), 'badAmount');
  assert.equal(claimProblem({ ...fresh, note: 'x'.repeat(501) }), 'noteTooLong');
  const refund: ClaimDraft = { ...fresh, type: 'refund_only', reasonCode: 'missing', amountFen: 3990, photos: 0 };
  assert.equal(claimProblem(refund), null);
  assert.equal(claimProblem({ ...refund, amountFen: 3991 }), 'badAmount');
  assert.equal(claimProblem({ ...refund, amountFen: 0 }), 'badAmount');
  assert.equal(claimProblem({ ...refund, amountFen: null }), 'badAmount');
  assert.equal(claimProblem({ ...refund, type: 'exchange', amountFen: null }), null);
});

test('a counter-offer is below what was asked and within what is refundable', () => {
  assert.equal(counterProblem(500, 1197, 3990), null);
  assert.equal(counterProblem(1197, 1197, 3990), 'counterNotBelow');
  assert.equal(counterProblem(0, 1197, 3990), 'badAmount');
  assert.equal(counterProblem(null, 1197, 3990), 'badAmount');
  assert.equal(counterProblem(900, 1197, 800), 'counterAboveRefundable');
});

test('arbitration needs a reason, and a refund between 1 fen and the refundable amount', () => {
  assert.equal(arbitrationProblem('reject', null, 100, '证据不足'), null);
  assert.equal(arbitrationProblem('reject', null, 100, '  '), 'needReasonText');
  assert.equal(arbitrationProblem('refund', 100, 100, '商品确有损坏'), null);
  assert.equal(arbitrationProblem('refund', 101, 100, '商品确有损坏'), 'badAmount');
  assert.equal(arbitrationProblem('refund', null, 100, '商品确有损坏'), 'badAmount');
});

test('action buttons follow allowedActions in a stable order, per side', () => {
  assert.deepEqual(
    actionButtons(['escalate', 'accept_counter', 'cancel'], 'buyer').map((b) => b.action),
    ['accept_counter', 'escalate', 'cancel'],
  );
  const buyer = actionButtons(['cancel', 'accept_counter'], 'buyer');
  assert.deepEqual(buyer[0], { action: 'accept_counter', primary: true, danger: false });
  assert.deepEqual(buyer[1], { action: 'cancel', primary: false, danger: true });
  assert.deepEqual(
    actionButtons(['reject', 'counter', 'approve', 'unknown'], 'merchant').map((b) => b.action),
    ['approve', 'counter', 'reject'],
  );
  assert.equal(actionButtons(['reject'], 'merchant')[0]?.primary, false);
  assert.deepEqual(actionButtons(['approve'], 'admin'), []);
  assert.deepEqual(actionButtons([], 'buyer'), []);
});

test('each action asks for what it needs', () => {
  assert.equal(formOf('counter'), 'amount');
  assert.equal(formOf('reject'), 'reason');
  assert.equal(formOf('reject_return'), 'reason');
  assert.equal(formOf('ship_return'), 'parcel');
  assert.equal(formOf('reship'), 'parcel');
  assert.equal(formOf('cancel'), 'confirm');
  assert.equal(formOf('something_else'), 'none');
});

test('yuan text and fen convert both ways without floating point', () => {
  assert.equal(yuanTextToFen('12.5'), 1250);
  assert.equal(yuanTextToFen('0.07'), 7);
  assert.equal(yuanTextToFen(' 39 '), 3900);
  assert.equal(yuanTextToFen('1.234'), null);
  assert.equal(yuanTextToFen('-1'), null);
  assert.equal(yuanTextToFen(''), null);
  assert.equal(fenToYuanText(1197), '11.97');
  assert.equal(fenToYuanText(5), '0.05');
});
