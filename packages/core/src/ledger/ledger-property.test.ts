import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { accountId } from './accounts.js';
import { checkLedger } from './check.js';
import { compensateBuyer, refundOrder } from '../payments/index.js';
import { registerPayoutAccount, requestPayout } from './payouts.js';
import { settleDueOrders } from './settlement.js';
import { splitLine, type LineParts, type LineRates } from './split-rules.js';
import { bal, completeOrder, paidOrder, setCommission } from './test-support/money-fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
type Op =
  | { op: 'order'; qty: number; creatorRateBp: number; mcnShareBp: number; colonelFeeBp: number }
  | { op: 'refund'; pick: number; per10k: number }
  | { op: 'settle'; pick: number }
  | { op: 'compensate'; fen: number }
  | { op: 'payout'; fen: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('order' as const),
    qty: fc.integer({ min: 2, max: 3 }),
    creatorRateBp: fc.integer({ min: 0, max: 5000 }),
    mcnShareBp: fc.integer({ min: 0, max: 10000 }),
    colonelFeeBp: fc.integer({ min: 0, max: 2000 }),
  }),
  fc.record({ op: fc.constant('refund' as const), pick: fc.nat(), per10k: fc.integer({ min: 1, max: 10000 }) }),
  fc.record({ op: fc.constant('settle' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('compensate' as const), fen: fc.integer({ min: 1, max: 3000 }) }),
  fc.record({ op: fc.constant('payout' as const), fen: fc.integer({ min: 50, max: 20000 }) }),
);

const add = (a: LineParts, b: LineParts, sign = 1): LineParts => ({
  merchant: a.merchant + sign * b.merchant,
  creator: a.creator + sign * b.creator,
  mcn: a.mcn + sign * b.mcn,
  colonel: a.colonel + sign * b.colonel,
  fee: a.fee + sign * b.fee,
});
const zero: LineParts = { merchant: 0, creator: 0, mcn: 0, colonel: 0, fee: 0 };

test('random orders, partial refunds, settlements, compensations and payouts: always balanced, never overdrawn by a payout, each party gets what the rules say', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 14 }), async (ops) => {
      const core = await openTestCore();
      try {
        const shop = await makeShop(core, 'prop-shop', 1000);
        const buyer = await makePerson(core, 'prop-buyer');
        const creator = await makePerson(core, 'prop-creator', ['creator'], false);
        const mcn = await makePerson(core, 'prop-mcn', ['mcn'], false);
        const colonel = await makePerson(core, 'prop-colonel', ['colonel'], false);
        const payTo = await registerPayoutAccount(core.ctx, shop.owner, {
          ledgerAccountId: accountId('merchant_available', shop.shopId),
          holderName: '店主',
          bank: '建设银行',
          accountNo: '6217000011112222',
        });
        const orders: Array<{
          id: string;
          line: number;
          rates: LineRates;
          refunded: number;
          refundedAtSettle: number | null;
          completed: boolean;
        }> = [];
        let expected = { ...zero };
        let compensated = 0;
        let paidOut = 0;
        for (const [i, step] of ops.entries()) {
          if (step.op === 'order') {
            const o = await paidOrder(core, buyer, shop.skuIds[1]!, step.qty); // ≥ ¥99: free shipping, one line
            const rates = {
              feeRateBp: 200,
              creatorRateBp: step.creatorRateBp,
              mcnShareBp: step.mcnShareBp,
              colonelFeeBp: step.colonelFeeBp,
            };
            await setCommission(core, o.orderId, {
              creatorId: creator.userId,
              creatorRateBp: rates.creatorRateBp,
              mcnId: mcn.userId,
              mcnShareBp: rates.mcnShareBp,
              colonelId: colonel.userId,
              colonelFeeBp: rates.colonelFeeBp,
            });
            orders.push({
              id: o.orderId,
              line: o.totalFen,
              rates,
              refunded: 0,
              refundedAtSettle: null,
              completed: false,
            });
          } else if (step.op === 'refund' && orders.length) {
            const o = orders[step.pick % orders.length]!;
            const left = o.line - o.refunded;
            const amount = Math.max(1, Math.floor((left * step.per10k) / 10000));
            if (left === 0) {
              await assert.rejects(
                refundOrder(core.ctx, shop.owner, o.id, { amountFen: 1, reason: 'x', requestKey: `r${i}` }),
                { code: 'REFUND_EXCEEDS_REMAINDER' },
              );
              continue;
            }
            await refundOrder(core.ctx, shop.owner, o.id, {
              amountFen: amount,
              reason: '部分退款',
              requestKey: `r${i}`,
            });
            if (o.refundedAtSettle !== null)
              expected = add(
                expected,
                add(splitLine(o.refunded + amount, o.rates), splitLine(o.refunded, o.rates), -1),
                -1,
              );
            o.refunded += amount;
          } else if (step.op === 'settle' && orders.length) {
            const o = orders[step.pick % orders.length]!;
            if (o.completed || o.refunded === o.line) continue;
            await completeOrder(core, shop.owner, buyer, o.id);
            o.completed = true;
            core.clock.advance(8 * DAY);
            await core.ctx.db
              .updateTable('refunds')
              .set({ status: 'succeeded' })
              .where('status', '=', 'pending')
              .execute(); // no open case
            await settleDueOrders(core.ctx);
            for (const x of orders)
              if (x.completed && x.refundedAtSettle === null) {
                x.refundedAtSettle = x.refunded;
                expected = add(expected, splitLine(x.line - x.refunded, x.rates));
              }
          } else if (step.op === 'compensate' && orders.length) {
            await compensateBuyer(core.ctx, shop.owner, orders[0]!.id, {
              amountFen: step.fen,
              paidBy: 'merchant',
              reason: '赔付',
              requestKey: `c${i}`,
            });
            compensated += step.fen;
          } else if (step.op === 'payout') {
            const available = await bal(core, accountId('merchant_available', shop.shopId));
            const attempt = requestPayout(core.ctx, shop.owner, {
              payoutAccountId: payTo.id,
              amountFen: step.fen,
              requestKey: `p${i}`,
            });
            if (step.fen < 100) await assert.rejects(attempt, { code: 'BELOW_MINIMUM_PAYOUT' });
            else if (step.fen > available) await assert.rejects(attempt, { code: 'INSUFFICIENT_FUNDS' });
            else {
              await attempt;
              paidOut += step.fen;
            }
          }
        }
        assert.equal(
          await bal(core, accountId('merchant_available', shop.shopId)),
          expected.merchant - compensated - paidOut,
        );
        assert.equal(await bal(core, accountId('creator_available', creator.userId)), expected.creator);
        assert.equal(await bal(core, accountId('mcn_available', mcn.userId)), expected.mcn);
        assert.equal(await bal(core, accountId('colonel_available', colonel.userId)), expected.colonel);
        assert.equal(await bal(core, accountId('platform_fee_revenue')), expected.fee);
        const held = orders.filter((o) => o.refundedAtSettle === null).reduce((a, o) => a + o.line - o.refunded, 0);
        assert.equal(await bal(core, accountId('clearing', shop.shopId)), held);
        const report = await checkLedger(core.ctx.db);
        assert.ok(report.ok, JSON.stringify(report));
      } finally {
        await core.dispose();
      }
    }),
    { numRuns: 15 },
  );
});
