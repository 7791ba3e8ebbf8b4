import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore } from '../test-support/harness.js';
import { actOnCase, fileCase } from './cases.js';
import { delivered, world } from './test-support/fixtures.js';

const codeOf = (r: PromiseSettledResult<unknown>): string => (r.status === 'fulfilled' ? 'ok' : String((r.reason as { code?: string }).code));

test('concurrent requests: one case per line, and of two answers to one case exactly one wins', async () => {
  const core = await openTestCore();
  try {
    const w = await world(core, 'cc', { perishable: false });
    for (let round = 0; round < 3; round++) {
      const b = await delivered(w);
      const filed = await Promise.allSettled([
        fileCase(core.ctx, w.buyer, b.orderId, { type: 'refund_only', orderLineId: b.lineId, reasonCode: 'missing' }),
        fileCase(core.ctx, w.buyer, b.orderId, { type: 'return_refund', orderLineId: b.lineId, reasonCode: 'quality' }),
      ]);
      assert.deepEqual(filed.map(codeOf).sort(), ['CASE_EXISTS', 'ok']);
      const caseId = (filed.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<string>).value;
      const answers = await Promise.allSettled([
        actOnCase(core.ctx, w.shop.owner, caseId, { action: 'approve' }),
        actOnCase(core.ctx, w.shop.owner, caseId, { action: 'reject', reason: '不同意' }),
        actOnCase(core.ctx, w.buyer, caseId, { action: 'cancel' }),
      ]);
      assert.equal(answers.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(answers.map(codeOf)));
      assert.ok(answers.every((r) => ['ok', 'ACTION_NOT_ALLOWED'].includes(codeOf(r))), JSON.stringify(answers.map(codeOf)));
      const events = await core.ctx.db.selectFrom('aftersales_events').select('kind').where('case_id', '=', caseId).execute();
      assert.equal(events.filter((e) => e.kind !== 'filed' && e.kind !== 'refunded').length, 1, 'one answer on the timeline');
      const refunds = await core.ctx.db.selectFrom('refunds').select('id').where('order_id', '=', b.orderId).execute();
      assert.ok(refunds.length <= 1);
    }
  } finally {
    await core.dispose();
  }
});
