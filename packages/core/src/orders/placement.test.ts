import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/checkout.js';
import { applyNotification } from '../payments/payments.js';
import { statementsExecuted } from '../storage/statement-count.js';
import { makePerson, makeShop, openTestCore } from '../test-support/harness.js';

/** Statements one call runs (nothing else may run meanwhile: the counter is per process). */
async function counted<T>(run: () => Promise<T>): Promise<{ value: T; statements: number }> {
  const before = statementsExecuted();
  const value = await run();
  return { value, statements: statementsExecuted() - before };
}

test('a paid checkout of one line runs a bounded number of SQL statements (checkout, then the payment notification)', async (t) => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'stmt-shop', 1000);
    const buyers = [await makePerson(core, 'stmt-buyer-0'), await makePerson(core, 'stmt-buyer-1')];
    const counts: Array<{ checkout: number; payment: number }> = [];
    for (const [i, buyer] of [...buyers, ...buyers].entries()) {
      const placed = await counted(() => checkout(core.ctx, buyer, { items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'feed' } }] }, `stmt-key-${i}-0000`));
      const pay = placed.value.body.payment;
      const paid = await counted(() => applyNotification(core.ctx, 'sandbox', { eventId: `stmt-${i}:paid`, kind: 'payment.succeeded', paymentId: pay.id, providerTxnId: `sbx_stmt_${i}`, amountFen: pay.amountFen, at: core.clock.now() }, '{}'));
      assert.equal(paid.value.outcome, 'applied');
      counts.push({ checkout: placed.statements, payment: paid.statements });
    }
    const last = counts.at(-1)!;
    t.diagnostic(`statements per paid order: checkout ${last.checkout}, payment notification ${last.payment}, total ${last.checkout + last.payment}`);
  } finally {
    await core.dispose();
  }
});
