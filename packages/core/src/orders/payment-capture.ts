/**
 * An order is paid: what a captured payment does to the orders it covers, in the capture's
 * transaction. Payments applies the provider's notification to its own rows (payments/payments.ts)
 * and calls this step for a payment it captured; the entry points the server and the tests use
 * (`receiveNotification`, `applyNotification`) are here, so they always pass it.
 */
import type { CoreContext, Tx } from '../context.js';
import { commitReservations } from '../inventory/index.js';
import { recordCapture } from '../ledger/index.js';
import {
  type CapturedPayment,
  type NotificationOutcome,
  type ProviderNotification,
  applyProviderNotification,
  receiveProviderNotification,
  requestRefund,
} from '../payments/index.js';
import { compiledOnce } from '../storage/index.js';
import { transitionOrder } from './transition.js';

/** Verifies a provider's notification (signature, freshness, shape) and applies it; a captured payment pays its orders. */
export async function receiveNotification(
  ctx: CoreContext,
  providerName: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
): Promise<{ outcome: NotificationOutcome; reason?: string }> {
  return receiveProviderNotification(ctx, providerName, headers, rawBody, payOrders);
}

/** Applies a verified notification in one transaction; a captured payment pays its orders. */
export async function applyNotification(
  ctx: CoreContext,
  provider: string,
  n: ProviderNotification,
  rawBody: string,
): Promise<{ outcome: NotificationOutcome; reason?: string }> {
  return applyProviderNotification(ctx, provider, n, rawBody, payOrders);
}

/** The orders a payment covers, with the rule snapshot their payment starts the ship-by clock from. */
const ordersOfCheckout = compiledOnce((db, v) =>
  db
    .selectFrom('orders')
    .select(['id', 'shop_id', 'status', 'total_fen', 'rules', 'promised_ship_by_at'])
    .where('checkout_id', '=', v('checkoutId'))
    .orderBy('id'),
);

/** A paid order's units count as its products' sales. */
const countSales = compiledOnce((db, v) =>
  db
    .updateTable('products')
    .set((eb) => ({
      sales: eb(
        'sales',
        '+',
        eb
          .selectFrom('order_lines')
          .select((s) => s.fn.sum<number>('order_lines.quantity').as('q'))
          .where('order_lines.order_id', '=', v('orderId'))
          .whereRef('order_lines.product_id', '=', 'products.id'),
      ),
    }))
    .where('id', 'in', (eb) =>
      eb.selectFrom('order_lines').select('order_lines.product_id').where('order_lines.order_id', '=', v('orderId')),
    ),
);

/**
 * Every order of the payment's checkout: the captured money enters the ledger; an unpaid order
 * becomes paid (its reserved stock committed, its units counted as sales); an order closed
 * meanwhile gets its money back.
 */
async function payOrders(tx: Tx, p: CapturedPayment, provider: string, now: number): Promise<void> {
  const orders = await ordersOfCheckout.all(tx, { checkoutId: p.checkoutId });
  for (const o of orders) {
    const ref = { id: o.id, shopId: o.shop_id };
    // Every captured fen enters the ledger, whether the order is still open or not.
    await recordCapture(tx, o, provider, now);
    if (
      o.status === 'unpaid' &&
      (await transitionOrder(
        tx,
        ref,
        'unpaid',
        'paid',
        { kind: 'provider', id: provider },
        { code: 'payment_captured' },
        now,
        {},
        {
          snapshot: {
            rules: o.rules,
            promisedShipByAt: o.promised_ship_by_at === null ? null : Number(o.promised_ship_by_at),
          },
        },
      ))
    ) {
      await commitReservations(tx, o.id, now);
      await countSales.run(tx, { orderId: o.id }); // every line's product, in one statement
    } else {
      // Money arrived for an order that was closed meanwhile (e.g. the payment window ran out): give it back.
      await requestRefund(
        tx,
        {
          paymentId: p.id,
          orderId: o.id,
          amountFen: o.total_fen,
          reason: 'paid after the order was closed',
          requestKey: `late-payment:${o.id}`,
        },
        now,
      );
    }
  }
}
