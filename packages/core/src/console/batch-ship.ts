/** 批量发货: one shipment per CSV row, each row its own transaction; a bad row never stops the others. */
import type { Actor, CoreContext } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import { DomainError, csvDocument } from '../platform/index.js';
import { parseShipmentCsv } from './csv.js';
import { decodeCsvBytes } from './csv-decode.js';
import { shipOrder } from '../logistics/index.js';

export type BatchShipResult =
  | { row: number; orderId: string; ok: true; shipmentId: string }
  | { row: number; orderId: string; ok: false; code: string; message: string };

export interface BatchShipReport {
  results: BatchShipResult[];
  shipped: number;
  failed: number;
}

const ORDER_ID = /^ord_[0-9a-z]{26}$/;

/** `csv` is the uploaded file's bytes (UTF-8 with or without BOM, or GBK/GB18030 as Excel saves it) or already-decoded text. */
export async function batchShip(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  csv: string | Uint8Array,
): Promise<BatchShipReport> {
  requireShopMember(actor, shopId);
  const rows = parseShipmentCsv(typeof csv === 'string' ? csv : decodeCsvBytes(csv).text);
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

/** At most this many orders in one template: the batch upload takes 500 rows. */
const TEMPLATE_ROWS = 500;

/**
 * 批量发货模板: the shop's orders waiting to ship (oldest first), one row each with the carrier and
 * tracking number left empty for the merchant, plus the recipient and the goods to pack by;
 * the upload reads orderId, carrier and trackingNo and ignores the other columns.
 */
export async function batchShipTemplateCsv(ctx: CoreContext, actor: Actor, shopId: string): Promise<string> {
  requireShopMember(actor, shopId);
  const orders = await ctx.db
    .selectFrom('orders')
    .select(['id', 'address', 'paid_at'])
    .where('shop_id', '=', shopId)
    .where('status', '=', 'paid')
    .orderBy('id', 'asc')
    .limit(TEMPLATE_ROWS)
    .execute();
  const lines =
    orders.length === 0
      ? []
      : await ctx.db
          .selectFrom('order_lines')
          .select(['order_id', 'title', 'spec_values', 'quantity'])
          .where(
            'order_id',
            'in',
            orders.map((o) => o.id),
          )
          .orderBy('id', 'asc')
          .execute();
  const goods = new Map<string, string[]>();
  for (const l of lines) {
    const spec = Object.values(safeJson<Record<string, string>>(l.spec_values, {})).join('/');
    const list = goods.get(l.order_id) ?? [];
    list.push(`${l.title}${spec ? ` (${spec})` : ''} ×${l.quantity}`);
    goods.set(l.order_id, list);
  }
  const rows: Array<Array<string | number | null>> = [
    [
      'orderId',
      'carrier',
      'trackingNo',
      '收件人 recipient',
      '电话 phone',
      '地址 address',
      '商品 goods',
      '付款时间 paid at (UTC)',
    ],
  ];
  for (const o of orders) {
    const a = safeJson<Record<string, string>>(o.address, {});
    const where = [a.province, a.city, a.district, a.detail].filter((x) => typeof x === 'string' && x !== '').join(' ');
    rows.push([
      o.id,
      '',
      '',
      a.name ?? '',
      a.phone ?? '',
      where,
      (goods.get(o.id) ?? []).join('; '),
      o.paid_at ? new Date(Number(o.paid_at)).toISOString() : '',
    ]);
  }
  return csvDocument(rows);
}

function safeJson<T>(text: string, fallback: T): T {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}
