import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestCore } from '../test-support/index.js';
import { actOnCase, fileCase } from './cases.js';
import { delivered, world } from './test-support/fixtures.js';

const codeOf = (r: PromiseSettledResult<unknown>): string =>
  r.status === 'fulfilled' ? 'ok' : String((r.reason as { code?: string }).code);

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
      const codes = answers.map(codeOf);
      assert.ok(
        codes.every((c) => ['ok', 'ACTION_NOT_ALLOWED'].includes(c)),
        JSON.stringify(codes),
      );
      // The answers race from 'requested', where each excludes the others. Only one pair can both
      // stand, and only one after the other: a return approved (→ awaiting_return) may then be
      // withdrawn by the buyer (→ cancelled) when the buyer's request arrives after the approval.
      const isReturn = filed[1]!.status === 'fulfilled';
      const won = codes.flatMap((c, i) => (c === 'ok' ? [['approve', 'reject', 'cancel'][i]!] : []));
      const status = (
        await core.ctx.db
          .selectFrom('aftersales_cases')
          .select('status')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).status;
      if (won.length === 2) {
        assert.ok(
          isReturn && won.join() === 'approve,cancel' && status === 'cancelled',
          `${JSON.stringify(codes)} ends ${status}`,
        );
      } else {
        assert.equal(won.length, 1, JSON.stringify(codes));
      }
      const events = await core.ctx.db
        .selectFrom('aftersales_events')
        .select('kind')
        .where('case_id', '=', caseId)
        .execute();
      assert.equal(
        events.filter((e) => e.kind !== 'filed' && e.kind !== 'refunded').length,
        won.length,
        'each answer that stood is on the timeline, once',
      );
      const refunds = await core.ctx.db.selectFrom('refunds').select('id').where('order_id', '=', b.orderId).execute();
      assert.ok(refunds.length <= 1);
    }
  } finally {
    await core.dispose();
  }
});
