/** Test fixtures of the money flow: paid orders through the real sandbox gateway, and shortcuts. */
import { checkout } from '../../checkout/index.js';
import { openCashier, submitPendingRefunds } from '../../payments/index.js';
import { confirmReceipt, receiveNotification } from '../../orders/index.js';
import type { Actor } from '../../context.js';
import type { TestCore } from '../../test-support/index.js';
import { balanceOf } from '../journal.js';
import { receivePayoutNotification } from '../payouts.js';
import { shipOrder } from '../../logistics/index.js';

/** Delivers the sandbox gateway's queued notifications straight into the platform. */
export async function deliverAll(core: TestCore): Promise<void> {
  await core.sandbox.deliverDue(1000, async (_url, body, headers) => {
    await receiveNotification(core.ctx, 'sandbox', headers, body);
    return 200;
  });
}

/** A paid order of `quantity` of one SKU; returns the order and its payment. */
export async function paidOrder(
  core: TestCore,
  buyer: Actor,
  skuId: string,
  quantity = 1,
): Promise<{ orderId: string; totalFen: number; paymentId: string; txnId: string }> {
  const c = (await checkout(core.ctx, buyer, { items: [{ skuId, quantity, attribution: { source: 'shelf' } }] })).body;
  const txnId = (await openCashier(core.ctx, buyer, c.payment.id)).cashierUrl.split('/').pop()!;
  await core.sandbox.complete(txnId, 'paid');
  await deliverAll(core);
  return { orderId: c.orders[0]!.id, totalFen: c.totalFen, paymentId: c.payment.id, txnId };
}

/** Ships, and the buyer confirms receipt: the order completes and its settlement is scheduled. */
export async function completeOrder(core: TestCore, owner: Actor, buyer: Actor, orderId: string): Promise<void> {
  await shipOrder(core.ctx, owner, orderId, [{ carrier: 'SF', trackingNo: `SF${orderId.slice(-12)}` }]);
  await confirmReceipt(core.ctx, buyer, orderId);
}

/** Sets the commission snapshot of every line of an order (the Creator economy issue's job). */
export async function setCommission(
  core: TestCore,
  orderId: string,
  s: {
    creatorId: string;
    creatorRateBp: number;
    mcnId?: string;
    mcnShareBp?: number;
    colonelId?: string;
    colonelFeeBp?: number;
  },
): Promise<void> {
  await core.ctx.db
    .updateTable('order_lines')
    .set({
      attr_creator_id: s.creatorId,
      creator_rate_bp: s.creatorRateBp,
      mcn_id: s.mcnId ?? null,
      mcn_share_bp: s.mcnShareBp ?? 0,
      colonel_id: s.colonelId ?? null,
      colonel_fee_bp: s.colonelFeeBp ?? 0,
    })
    .where('order_id', '=', orderId)
    .execute();
}

export async function sendRefunds(core: TestCore): Promise<void> {
  await submitPendingRefunds(core.ctx);
  await deliverAll(core);
}

export const bal = (core: TestCore, account: string): Promise<number> => balanceOf(core.ctx.db, account);

/** Delivers payment and payout notifications alike (they share the gateway's queue). */
export async function deliverAllMoney(core: TestCore): Promise<void> {
  await core.sandbox.deliverDue(1000, async (url, body, headers) => {
    if (url.includes('/payouts/notify/')) await receivePayoutNotification(core.ctx, 'sandbox', headers, body);
    else await receiveNotification(core.ctx, 'sandbox', headers, body);
    return 200;
  });
}
