import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASE_TRANSITIONS, nextStatus, tableActions } from './case-transitions.js';
import {
  ACTIONS_OF,
  CASE_STATUSES,
  CASE_TYPES,
  caseSortKey,
  FINAL_STATUSES,
  OPEN_STATUSES,
  type Party,
} from './case-types.js';

/** Every allowed move, written out by hand: "type status party action → to". Everything else is refused. */
const EXPECTED = `
refund_unshipped requested merchant approve refunded
refund_unshipped requested merchant reject rejected
refund_unshipped requested system fast_refund refunded
refund_unshipped requested system auto_approve refunded
refund_unshipped requested buyer cancel cancelled
refund_unshipped rejected buyer escalate escalated
refund_unshipped escalated admin arbitrate_refund refunded
refund_unshipped escalated admin arbitrate_reject closed
refund_only requested merchant approve refunded
refund_only requested merchant reject rejected
refund_only requested system auto_approve refunded
refund_only requested buyer cancel cancelled
refund_only rejected buyer escalate escalated
refund_only escalated admin arbitrate_refund refunded
refund_only escalated admin arbitrate_reject closed
fresh_claim requested merchant approve refunded
fresh_claim requested merchant reject rejected
fresh_claim requested merchant counter countered
fresh_claim requested system auto_approve refunded
fresh_claim requested buyer cancel cancelled
fresh_claim countered buyer accept_counter refunded
fresh_claim countered buyer escalate escalated
fresh_claim countered buyer cancel cancelled
fresh_claim countered system counter_lapsed closed
fresh_claim rejected buyer escalate escalated
fresh_claim escalated admin arbitrate_refund refunded
fresh_claim escalated admin arbitrate_reject closed
return_refund requested merchant approve awaiting_return
return_refund requested merchant reject rejected
return_refund requested system auto_approve awaiting_return
return_refund requested buyer cancel cancelled
return_refund awaiting_return buyer ship_return return_shipped
return_refund awaiting_return buyer cancel cancelled
return_refund awaiting_return system return_ship_lapsed closed
return_refund return_shipped merchant confirm_return refunded
return_refund return_shipped merchant reject_return rejected
return_refund return_shipped system return_confirm_lapsed refunded
return_refund rejected buyer escalate escalated
return_refund escalated admin arbitrate_refund refunded
return_refund escalated admin arbitrate_reject closed
exchange requested merchant approve awaiting_return
exchange requested merchant reject rejected
exchange requested system auto_approve awaiting_return
exchange requested buyer cancel cancelled
exchange awaiting_return buyer ship_return return_shipped
exchange awaiting_return buyer cancel cancelled
exchange awaiting_return system return_ship_lapsed closed
exchange return_shipped merchant reship completed
exchange return_shipped merchant reject_return rejected
exchange return_shipped system return_confirm_lapsed refunded
exchange rejected buyer escalate escalated
exchange escalated admin arbitrate_refund refunded
exchange escalated admin arbitrate_reject closed
`
  .trim()
  .split('\n')
  .map((l) => l.trim().split(/\s+/) as [string, string, Party, string, string]);

const PARTIES: Party[] = ['buyer', 'merchant', 'admin', 'system'];

test('the transition table allows exactly the listed moves, by the listed party; every other combination is refused', () => {
  const expected = new Map(
    EXPECTED.map(([type, from, party, action, to]) => [`${type} ${from} ${party} ${action}`, to]),
  );
  assert.equal(expected.size, EXPECTED.length, 'no line is listed twice');
  let checked = 0;
  for (const type of CASE_TYPES) {
    for (const from of CASE_STATUSES) {
      for (const party of PARTIES) {
        for (const action of Object.values(ACTIONS_OF).flat()) {
          const key = `${type} ${from} ${party} ${action}`;
          assert.equal(nextStatus(type, from, action, party), expected.get(key) ?? null, key);
          checked++;
        }
      }
    }
  }
  assert.equal(
    checked,
    CASE_TYPES.length * CASE_STATUSES.length * PARTIES.length * Object.values(ACTIONS_OF).flat().length,
  );
  // Unknown types, statuses and actions are refused too.
  assert.equal(nextStatus('gift', 'requested', 'approve', 'merchant'), null);
  assert.equal(nextStatus('refund_only', 'pending', 'approve', 'merchant'), null);
  assert.equal(nextStatus('refund_only', 'requested', 'accept', 'merchant'), null);
});

test('each row is an action of its own party, final statuses lead nowhere, and every open status has a way out for someone other than the buyer', () => {
  for (const t of CASE_TRANSITIONS)
    assert.ok(ACTIONS_OF[t.party].includes(t.action), `${t.action} belongs to ${t.party}`);
  for (const type of CASE_TYPES) {
    for (const s of FINAL_STATUSES)
      for (const p of PARTIES) assert.deepEqual(tableActions(type, s, p), [], `${type} ${s} ${p}`);
    for (const s of OPEN_STATUSES) {
      const reachable = CASE_TRANSITIONS.some((t) => t.types.includes(type) && t.to === s) || s === 'requested';
      if (!reachable) continue;
      const outs = PARTIES.filter((p) => p !== 'buyer').flatMap((p) => tableActions(type, s, p));
      assert.ok(outs.length > 0, `${type} ${s}: the merchant, a timer or an admin can always move it on`);
    }
  }
  assert.deepEqual(tableActions('fresh_claim', 'requested', 'merchant'), ['approve', 'reject', 'counter']);
  assert.deepEqual(tableActions('return_refund', 'return_shipped', 'merchant'), ['confirm_return', 'reject_return']);
  assert.deepEqual(tableActions('exchange', 'awaiting_return', 'buyer'), ['ship_return', 'cancel']);
});

test('the listing key puts running deadlines first (soonest first), then other open cases newest first, then closed ones', () => {
  const k = (id: string, status: string, deadlineAt: number | null, createdAt: number, updatedAt = createdAt) =>
    caseSortKey({ id: `afs_${id.padEnd(26, '0')}`, status, deadlineAt, createdAt, updatedAt });
  const keys = [
    k('a', 'refunded', null, 1_700_000_000_000, 1_700_000_900_000),
    k('b', 'requested', 1_700_000_500_000, 1_700_000_000_000),
    k('c', 'escalated', null, 1_700_000_100_000),
    k('d', 'return_shipped', 1_700_000_400_000, 1_700_000_000_000),
    k('e', 'escalated', null, 1_700_000_200_000),
    k('f', 'cancelled', null, 1_700_000_000_000, 1_700_000_950_000),
  ];
  const order = [...keys].sort().map((key) => key.slice(17, 22));
  assert.deepEqual(order, ['afs_d', 'afs_b', 'afs_e', 'afs_c', 'afs_f', 'afs_a']);
  for (const key of keys) assert.match(key, /^[0-2][0-9]{16}[a-z]{3}_[0-9a-z]{26}$/);
});
