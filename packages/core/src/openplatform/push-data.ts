/** The `data` of each push message, read when the event is dispatched; int64 ids as JSON numbers, written exactly. */
import type { Db } from '../context.js';
import type { EventUnder } from '../outbox/index.js';
import type { CaseStatus, CaseType } from '../aftersales/index.js';
import { openIdsOf } from './open-ids.js';
import type { OrderStatus } from '../orders/index.js';
import { AFTERSALE_TYPE, wireAfterSaleStatus, wireOrderStatus } from './status-map.js';
import { carrierByCode } from './carriers.js';
import type { PushTag, PushTopicPrefix } from './push-tags.js';
import { msToSec } from './params.js';

const INT64 = '\u0000int64:';
/** A 19-digit id that must go out as a JSON number (beyond 2^53, so it is written from its digits). */
const int64 = (digits: string): string => `${INT64}${digits}`;

/** JSON text with int64 markers turned into bare numbers. */
export function jsonWithInt64(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000int64:(\d+)"/g, '$1');
}

const ORDER_STATUS_OF_TAG: Partial<Record<PushTag, number>> = { '100': 1, '101': 105, '102': 3, '103': 5, '106': 4 };

export interface BuiltMessage {
  msgId: string;
  data: string;
  orderKey: string;
}

/** An event the push listens to. */
export type PushEvent = EventUnder<PushTopicPrefix>;

export async function pushData(db: Db, tag: PushTag, e: PushEvent): Promise<BuiltMessage | null> {
  const msgId = `${e.id}:`;
  if (tag.startsWith('1')) {
    const orderId = ('orderId' in e.payload ? e.payload.orderId : undefined) ?? e.subjectId;
    const o = await db
      .selectFrom('orders')
      .select([
        'id',
        'shop_id',
        'status',
        'total_fen',
        'created_at',
        'paid_at',
        'completed_at',
        'cancelled_at',
        'cancel_reason',
        'updated_at',
        'address',
      ])
      .where('id', '=', orderId)
      .executeTakeFirst();
    if (!o) return null;
    const lines = await db.selectFrom('order_lines').select('id').where('order_id', '=', o.id).orderBy('id').execute();
    const [nums, shop] = await Promise.all([
      openIdsOf(db, 'order', [o.id, ...lines.map((l) => l.id)]),
      openIdsOf(db, 'shop', [o.shop_id]),
    ]);
    const data: Record<string, unknown> = {
      biz: 2,
      create_time: msToSec(o.created_at),
      order_status:
        ORDER_STATUS_OF_TAG[tag] ?? wireOrderStatus(o.status as OrderStatus, tag === '104' && o.status === 'paid'),
      order_type: 0,
      p_id: int64(nums.get(o.id)!),
      s_ids: lines.map((l) => int64(nums.get(l.id)!)),
      shop_id: Number(shop.get(o.shop_id)),
    };
    if (tag === '101')
      Object.assign(data, { pay_amount: Number(o.total_fen), pay_time: msToSec(o.paid_at), pay_type: 1 });
    if (tag === '102' || tag === '104') {
      // 104: the edited parcel; 102: the last parcel of the order.
      const edited =
        tag === '104' ? ((e.topic === 'shipment.edited' ? e.payload.shipmentId : undefined) ?? e.subjectId) : null;
      let q = db.selectFrom('shipments').select(['carrier', 'tracking_no']).where('order_id', '=', o.id);
      if (edited) q = q.where('id', '=', edited);
      const s = await q.orderBy('id', 'desc').executeTakeFirst();
      const a = JSON.parse(o.address) as Record<string, string>;
      Object.assign(data, {
        logistics_msg: {
          express_company_id: carrierByCode(s?.carrier ?? '')?.id ?? 0,
          logistics_code: s?.tracking_no ?? '',
        },
        receiver_msg: { name: a.name ?? '', addr: `${a.province ?? ''}${a.city ?? ''}${a.district ?? ''}` },
        update_time: msToSec(o.updated_at),
      });
    }
    if (tag === '105') {
      const a = JSON.parse(o.address) as Record<string, string>;
      Object.assign(data, {
        receiver_msg: { name: a.name ?? '', addr: `${a.province ?? ''}${a.city ?? ''}${a.district ?? ''}` },
        update_time: msToSec(o.updated_at),
      });
    }
    if (tag === '103') data.complete_time = msToSec(o.completed_at);
    if (tag === '106')
      Object.assign(data, { cancel_reason: o.cancel_reason ?? '', cancel_time: msToSec(o.cancelled_at) });
    return { msgId, data: jsonWithInt64(data), orderKey: o.id };
  }
  if (tag === '400') {
    const p = await db
      .selectFrom('products')
      .select(['id', 'shop_id', 'status', 'updated_at'])
      .where('id', '=', e.subjectId)
      .executeTakeFirst();
    if (!p) return null;
    const [nums, shop] = await Promise.all([openIdsOf(db, 'product', [p.id]), openIdsOf(db, 'shop', [p.shop_id])]);
    const change = (e.topic === 'product.changed' ? e.payload.change : undefined) ?? 'content';
    return {
      msgId,
      data: jsonWithInt64({
        product_id: Number(nums.get(p.id)),
        shop_id: Number(shop.get(p.shop_id)),
        event: change,
        status: p.status === 'listed' ? 0 : 1,
        update_time: msToSec(p.updated_at),
      }),
      orderKey: p.id,
    };
  }
  const caseId = ('caseId' in e.payload ? e.payload.caseId : undefined) ?? e.subjectId;
  const c = await db
    .selectFrom('aftersales_cases')
    .select([
      'id',
      'order_id',
      'order_line_id',
      'shop_id',
      'type',
      'status',
      'reason_code',
      'requested_fen',
      'refund_fen',
      'created_at',
      'updated_at',
    ])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!c) return null;
  const [cases, orders, shop] = await Promise.all([
    openIdsOf(db, 'aftersale', [c.id]),
    openIdsOf(db, 'order', [c.order_id, c.order_line_id]),
    openIdsOf(db, 'shop', [c.shop_id]),
  ]);
  const data: Record<string, unknown> = {
    aftersale_id: int64(cases.get(c.id)!),
    aftersale_status: wireAfterSaleStatus(c.type as CaseType, c.status as CaseStatus),
    aftersale_type: AFTERSALE_TYPE[c.type as CaseType],
    apply_time: msToSec(c.created_at),
    p_id: int64(orders.get(c.order_id)!),
    s_id: int64(orders.get(c.order_line_id)!),
    shop_id: Number(shop.get(c.shop_id)),
    reason_code: c.reason_code,
    refund_amount: Number(c.refund_fen) || Number(c.requested_fen),
    refund_post_amount: 0,
    refund_voucher_num: 0,
    update_time: msToSec(c.updated_at),
  };
  if (tag === '206') data.success_time = msToSec(c.updated_at);
  return { msgId, data: jsonWithInt64(data), orderKey: c.order_id };
}
