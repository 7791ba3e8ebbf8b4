/** 批量发货: one shipment per CSV row, each row its own transaction; a bad row never stops the others. */
import type { Actor, CoreContext } from '../context.js';
import { requireShopMember } from '../accounts/roles.js';
import { DomainError } from '../platform/errors.js';
import { shipOrder } from '../orders/order-commands.js';
import { parseShipmentCsv } from './csv.js';

export type BatchShipResult =
  | { row: number; orderId: string; ok: true; shipmentId: string }
  | { row: number; orderId: string; ok: false; code: string; message: string };

export interface BatchShipReport {
  results: BatchShipResult[];
  shipped: number;
  failed: number;
}

const ORDER_ID = /^ord_[0-9a-z]{26}$/;

export async function batchShip(ctx: CoreContext, actor: Actor, shopId: string, csvText: string): Promise<BatchShipReport> {
  requireShopMember(actor, shopId);
  const rows = parseShipmentCsv(csvText);
  const results: BatchShipResult[] = [];
  for (const r of rows) {
    const orderId = r.orderId.slice(0, 64);
    const fail = (code: string, message: string) => results.push({ row: r.row, orderId, ok: false, code, message });
    if (!ORDER_ID.test(r.orderId)) {
      fail('INVALID_INPUT', r.orderId ? 'orderId is not an order id (ord_…)' : 'orderId is empty');
      continue;
    }
    // Only this shop's orders: another shop's id is "not found", even when the caller belongs to both.
    const order = await ctx.db.selectFrom('orders').select('shop_id').where('id', '=', r.orderId).executeTakeFirst();
    if (!order || order.shop_id !== shopId) {
      fail('NOT_FOUND', `order ${r.orderId} not found in this shop`);
      continue;
    }
    try {
      const shipped = await shipOrder(ctx, actor, r.orderId, [{ carrier: r.carrier, trackingNo: r.trackingNo }]);
      results.push({ row: r.row, orderId, ok: true, shipmentId: shipped.shipmentIds[0]! });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      fail(err.code, err.message);
    }
  }
  const shipped = results.filter((x) => x.ok).length;
  return { results, shipped, failed: results.length - shipped };
}
