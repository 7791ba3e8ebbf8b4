/**
 * Demo money history, loaded after the order history: commissions on some completed orders, the
 * refunds of cancelled orders paid back, every order past its after-sales window settled, one
 * settled order partly refunded (a clawback), and a payout for each shop with funds (one of them
 * to a frozen test account, so the demo shows a failed payout whose money came back).
 */
import type { Actor, CoreContext } from '../context.js';
import type { ManualClock } from '../platform/index.js';
import {
  providerRegistry,
  refundOrder,
  submitPendingRefunds,
  SandboxGateway,
  SandboxPayoutProvider,
  SANDBOX_FAILING_ACCOUNT_SUFFIX,
} from '../payments/index.js';
import {
  accountId,
  balanceOf,
  moneyProviders,
  receivePayoutNotification,
  registerPayoutAccount,
  requestPayout,
  submitPayouts,
  settleDueOrders,
} from '../ledger/index.js';
import { attributeDemoOrders } from './seed-affiliate.js';

export interface DemoMoneyInput {
  ctx: CoreContext;
  clock: ManualClock;
  people: Map<string, Actor>;
  /** The real time the seed ends at. */
  realNow: number;
  deliver: () => Promise<void>;
  progress: (stage: string, done: number, total: number) => void;
}

const withRole = (people: Map<string, Actor>, role: string): Actor | undefined =>
  [...people.values()].find((p) => p.roles.has(role));

export async function seedDemoMoney(input: DemoMoneyInput): Promise<void> {
  const { ctx, clock, people, realNow, deliver, progress } = input;
  clock.set(realNow - 2 * 60_000);
  const creator = withRole(people, 'creator');
  // Every other completed order credited to the creator's tracked links, with the snapshot the
  // affiliate module's own decision gives at the order's time (plans, MCN contract, colonel).
  const completed = await ctx.db
    .selectFrom('orders')
    .select(['id', 'shop_id'])
    .where('status', '=', 'completed')
    .orderBy('id')
    .execute();
  if (creator)
    await attributeDemoOrders(
      ctx,
      clock,
      people,
      creator,
      completed.filter((_, i) => i % 2 === 0).map((o) => o.id),
    );
  // Refunds of cancelled orders go back to the buyers; then everything past its window settles.
  await submitPendingRefunds(ctx, 1000);
  await deliver();
  const settled = await settleDueOrders(ctx, { limit: 100_000 });
  progress('settlements', settled, settled);

  const owners = new Map<string, Actor>();
  for (const p of people.values()) for (const [shopId, role] of p.shops) if (role === 'owner') owners.set(shopId, p);
  // One settled order partly refunded after settlement: clawed back from every party.
  const first = await ctx.db
    .selectFrom('ledger_settlements')
    .select(['order_id', 'shop_id', 'gross_fen'])
    .orderBy('order_id')
    .limit(1)
    .executeTakeFirst();
  const firstOwner = first ? owners.get(first.shop_id) : undefined;
  if (first && firstOwner && Number(first.gross_fen) >= 300) {
    await refundOrder(ctx, firstOwner, first.order_id, {
      amountFen: Math.floor(Number(first.gross_fen) / 3),
      reason: '演示：售后部分退款 / demo: partial refund after settlement',
      requestKey: 'demo-clawback',
    });
    await submitPendingRefunds(ctx, 1000);
    await deliver();
  }

  // Payouts through the sandbox payout provider (its notifications are applied in-process).
  const secret = 'demo-seed-payouts';
  const gateway = new SandboxGateway(ctx.db, secret, () => clock.now());
  const payoutCtx: CoreContext = {
    ...ctx,
    payments: providerRegistry(
      [ctx.payments.default],
      () => 'http://seed.invalid',
      moneyProviders([new SandboxPayoutProvider(ctx.db, gateway, secret, () => clock.now())], []),
    ),
  };
  let n = 0;
  for (const [shopId, owner] of [...owners].sort(([a], [b]) => a.localeCompare(b))) {
    const account = accountId('merchant_available', shopId);
    const available = await balanceOf(ctx.db, account);
    if (available < 200) continue;
    const frozen = n === 1;
    const to = await registerPayoutAccount(payoutCtx, owner, {
      ledgerAccountId: account,
      holderName: owner.displayName.slice(0, 40),
      bank: '招商银行',
      accountNo: frozen
        ? `62258888${SANDBOX_FAILING_ACCOUNT_SUFFIX}`
        : `6225888812${String(3456 + n).padStart(4, '0')}`,
    });
    await requestPayout(payoutCtx, owner, {
      payoutAccountId: to.id,
      amountFen: Math.floor(available / 2),
      requestKey: 'demo-payout',
    });
    n++;
  }
  await submitPayouts(payoutCtx, 1000);
  await gateway.deliverDue(1000, async (url, body, headers) => {
    if (!url.includes('/payouts/notify/')) return 500; // not ours: left for the platform's own delivery
    await receivePayoutNotification(payoutCtx, 'sandbox', headers, body);
    return 200;
  });
  progress('payouts', n, n);
}
