/**
 * The flash-sale payment deadline: when it passes, an unpaid order is cancelled (its stock
 * reservation released) and its units return to the sale and to the buyer's allowance; a paid
 * order's reservation becomes a sale. An order the buyer cancelled earlier returns its units here
 * too. Runs in the transaction that marks the timer done, so it happens exactly once.
 */
import type { CoreContext } from '../context.js';
import { releaseReservations } from '../inventory/index.js';
import { transitionOrder } from '../orders/index.js';
import type { TimerRegistry } from '../timers/index.js';
import { liveRuntime } from './runtime.js';
import { LIVE_SALE_PAY_BY } from './sale-writer.js';
import { LUCKY_DRAW, drawLuckyBag } from './lucky-bags.js';

const SYSTEM = { kind: 'system' as const, id: null };
const KEPT = ['paid', 'shipped', 'delivered', 'completed'];

export function registerLiveDeadlines(registry: TimerRegistry, ctx: CoreContext): TimerRegistry {
  registry.register(LIVE_SALE_PAY_BY, async (tx, timer, now) => {
    const so = await tx
      .selectFrom('live_sale_orders')
      .select(['order_id', 'sale_id', 'buyer_id', 'quantity', 'status'])
      .where('order_id', '=', timer.subjectId)
      .executeTakeFirst();
    if (so?.status !== 'reserved') return;
    // The sale's row first, then the SKU's (released below): the order the sale's writer locks them in,
    // so a lapse and a group of new orders in another process never wait for each other in a cycle.
    await tx
      .updateTable('live_flash_sales')
      .set((eb) => ({ remaining: eb.ref('remaining') }))
      .where('id', '=', so.sale_id)
      .execute();
    const order = await tx
      .selectFrom('orders')
      .select(['id', 'shop_id', 'status'])
      .where('id', '=', so.order_id)
      .executeTakeFirstOrThrow();
    let status = order.status;
    if (
      status === 'unpaid' &&
      (await transitionOrder(
        tx,
        { id: order.id, shopId: order.shop_id },
        'unpaid',
        'cancelled',
        SYSTEM,
        { code: 'flash_sale_not_paid_in_time' },
        now,
        { cancel_reason: 'not paid in time' },
      ))
    ) {
      await releaseReservations(tx, order.id, now);
      status = 'cancelled';
    }
    if (KEPT.includes(status)) {
      await tx
        .updateTable('live_sale_orders')
        .set({ status: 'committed', updated_at: now })
        .where('order_id', '=', so.order_id)
        .where('status', '=', 'reserved')
        .execute();
      return;
    }
    const flip = await tx
      .updateTable('live_sale_orders')
      .set({ status: 'released', updated_at: now })
      .where('order_id', '=', so.order_id)
      .where('status', '=', 'reserved')
      .executeTakeFirst();
    if (Number(flip.numUpdatedRows) !== 1) return;
    const q = Number(so.quantity);
    await tx
      .updateTable('live_flash_sales')
      .set((eb) => ({ remaining: eb('remaining', '+', q) }))
      .where('id', '=', so.sale_id)
      .execute();
    await tx
      .updateTable('live_sale_buyers')
      .set((eb) => ({ quantity: eb('quantity', '-', q) }))
      .where('sale_id', '=', so.sale_id)
      .where('buyer_id', '=', so.buyer_id)
      .where('quantity', '>=', q)
      .execute();
    // The gate learns at once; if this transaction rolls back the gate is only too generous, and the database still guards.
    void liveRuntime(ctx)
      .openDesk(so.sale_id)
      ?.then((desk) => desk?.returned(so.buyer_id, q));
  });
  registry.register(LUCKY_DRAW, async (tx, timer, now) => {
    await drawLuckyBag(tx, ctx, timer.subjectId, now);
  });
  return registry;
}
