/**
 * The buyer changes where an order goes, to another address of their address book, while
 * nothing of it has shipped (unpaid, or paid with no parcel yet). One transaction: the order's
 * address, the audit row, and the `order.address_changed` event (the open platform's tag 105).
 */
import type { Actor, CoreContext } from '../context.js';
import { DomainError, notFound, newId } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import type { OrderStatus } from './order-states.js';

/** The states in which the address may still change (before any parcel leaves). Pure. */
export const ADDRESS_CHANGEABLE: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['unpaid', 'paid']);

export async function changeOrderAddress(
  ctx: CoreContext,
  actor: Actor,
  orderId: string,
  addressId: string,
): Promise<{ address: Record<string, string> }> {
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const order = await tx
      .selectFrom('orders')
      .select(['id', 'shop_id', 'buyer_id', 'status', 'address'])
      .where('id', '=', orderId)
      .executeTakeFirst();
    if (!order || order.buyer_id !== actor.userId) throw notFound('order', orderId);
    const shipped = await tx
      .selectFrom('shipment_lines')
      .select('order_line_id')
      .where('order_id', '=', orderId)
      .limit(1)
      .executeTakeFirst();
    if (!ADDRESS_CHANGEABLE.has(order.status as OrderStatus) || shipped) {
      throw new DomainError('ADDRESS_LOCKED', 'the address can change only before the order ships', {
        status: order.status,
      });
    }
    const a = await tx
      .selectFrom('addresses')
      .select(['name', 'phone', 'province', 'city', 'district', 'detail'])
      .where('id', '=', addressId)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (!a) throw notFound('address', addressId);
    const address = {
      name: a.name,
      phone: a.phone,
      province: a.province,
      city: a.city,
      district: a.district,
      detail: a.detail,
    };
    const text = JSON.stringify(address);
    if (text === order.address) return { address };
    // Conditional on the state read: an order shipped meanwhile keeps its address.
    const moved = await tx
      .updateTable('orders')
      .set({ address: text, updated_at: now })
      .where('id', '=', orderId)
      .where('status', '=', order.status)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw new DomainError('ORDER_CHANGED', 'the order changed meanwhile; reload and try again', { orderId });
    await tx
      .insertInto('order_address_changes')
      .values({
        id: newId('orderAddressChange', now),
        order_id: orderId,
        old_address: order.address,
        new_address: text,
        actor_id: actor.userId,
        at: now,
      })
      .execute();
    await emit(tx, 'order.address_changed', orderId, { orderId, shopId: order.shop_id }, now);
    return { address };
  });
}
