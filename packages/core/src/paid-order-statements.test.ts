/**
 * The SQL cost of a paid order, end to end: the checkout, the payment notification, and its share
 * of the outbox round that delivers their events after commit (ads attribution, the interest
 * engine's purchases, the open platform's push). The counter is per process, so nothing else may
 * run meanwhile. This is the regression guard of `bench checkout`'s statements per paid order: a
 * change that adds statements to any of these fails it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from './checkout/index.js';
import { applyNotification } from './orders/index.js';
import { onSignals } from './signals/index.js';
import { statementsExecuted } from './storage/index.js';
import { makePerson, makeShop, openTestCore } from './test-support/index.js';

/**
 * A one-line checkout and its payment notification: 16 + 18 (orders/placement.test.ts budgets
 * each alone, with the checkout's 17 from before the shop's penalty was read with its prices).
 */
const CHECKOUT_AND_PAYMENT = 16 + 18;
/**
 * What one outbox round adds for the paid orders it delivers, whatever their number: marking them
 * delivered, and one read each for ads attribution, the engine's purchases and the push's subscribers.
 */
const AFTER_COMMIT_PER_ROUND = 5;

async function counted<T>(run: () => Promise<T>): Promise<{ value: T; statements: number }> {
  const before = statementsExecuted();
  const value = await run();
  return { value, statements: statementsExecuted() - before };
}

test('a paid order runs a bounded number of statements, the after-commit work of its events included, and that work does not grow with the orders of a round', async (t) => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'paid-stmt-shop', 1000);
    const buyers = [await makePerson(core, 'paid-stmt-buyer-0'), await makePerson(core, 'paid-stmt-buyer-1')];
    // A running engine listens to signals: the purchases are read and published as in a server.
    const purchases: string[] = [];
    const stop = onSignals(core.ctx.db, (signals) => {
      for (const s of signals) if (s.kind === 'purchase') purchases.push(s.actor);
    });
    let n = 0;
    /** Places and pays `orders` orders, then runs one round of background work; the statements of each part. */
    const round = async (orders: number) => {
      let inRequests = 0;
      for (let k = 0; k < orders; k++, n++) {
        const placed = await counted(() =>
          checkout(
            core.ctx,
            buyers[n % 2]!,
            { items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'feed' } }] },
            `paid-stmt-${n}-0000`,
          ),
        );
        const pay = placed.value.body.payment;
        const paid = await counted(() =>
          applyNotification(
            core.ctx,
            'sandbox',
            {
              eventId: `paid-stmt-${n}:paid`,
              kind: 'payment.succeeded',
              paymentId: pay.id,
              providerTxnId: `sbx_paid_stmt_${n}`,
              amountFen: pay.amountFen,
              at: core.clock.now(),
            },
            '{}',
          ),
        );
        assert.equal(paid.value.outcome, 'applied');
        inRequests += placed.statements + paid.statements;
      }
      const tick = await counted(() => core.tick());
      return { inRequests, tick: tick.statements };
    };
    await round(0); // the first round sets its cursors
    const idle = (await round(0)).tick;
    const one = await round(1);
    const many = await round(8);
    const afterOne = one.tick - idle;
    const afterMany = many.tick - idle;
    t.diagnostic(
      `statements: an idle round ${idle}; a paid order ${one.inRequests} in its requests; after commit ${afterOne} for 1 paid order, ${afterMany} for 8 (${(afterMany / 8).toFixed(2)} per order)`,
    );
    assert.equal(purchases.length, 9, 'every paid order reached the engine as a purchase');
    assert.equal((await round(0)).tick, idle, 'a round with nothing to deliver costs what it did before');
    assert.ok(
      one.inRequests <= CHECKOUT_AND_PAYMENT,
      `a checkout and its payment notification run ${one.inRequests} statements, more than ${CHECKOUT_AND_PAYMENT}`,
    );
    assert.ok(many.inRequests <= 8 * CHECKOUT_AND_PAYMENT, `8 paid orders run ${many.inRequests} in their requests`);
    for (const [orders, after] of [
      [1, afterOne],
      [8, afterMany],
    ] as const)
      assert.ok(
        after <= AFTER_COMMIT_PER_ROUND,
        `the round delivering ${orders} paid order(s) ran ${after} statements more than an idle one, more than ${AFTER_COMMIT_PER_ROUND}`,
      );
    stop();
  } finally {
    await core.dispose();
  }
});
