/** order.* methods: search, detail, shipping (through the orders module's shipOrder), carriers. */
import type { Db } from '../context.js';
import { setSellerRemark, SELLER_REMARK_MAX, type OrderStatus } from '../orders/index.js';
import { editShipmentTracking, shipOrder } from '../logistics/index.js';
import { maskPhone, DomainError } from '../platform/index.js';
import { badBusinessParam, missingBusinessParam } from './envelope.js';
import type { OpenCall } from './call.js';
import { internalIdOf, openIdsOf } from './open-ids.js';
import { msToSec, optArray, optBool, optInt, optStr, reqArray, reqInt, reqStr, asObject } from './params.js';
import { ORDER_STATUS_DESC, ORDER_STATUS_FILTER, wireMainStatus, wireOrderStatus } from './status-map.js';
import { carrierByCode, LOGISTICS_COMPANIES } from './carriers.js';
import { compiledOnce } from '../storage/index.js';
import { byOrderIds, byShape, listStandIns, listValues } from './hot-queries.js';

const DAY_MS = 86_400_000;
const SEARCH_WINDOW_MS = 90 * DAY_MS;
const MAX_RESULTS = 50_000;

type OrderRow = {
  id: string;
  shop_id: string;
  status: string;
  seller_remark: string;
  seller_remark_star: number;
  items_fen: number;
  shipping_fee_fen: number;
  total_fen: number;
  discount_fen: number;
  address: string;
  buyer_note: string;
  created_at: number;
  paid_at: number | null;
  shipped_at: number | null;
  completed_at: number | null;
  cancelled_at: number | null;
  updated_at: number;
  ship_by_at: number | null;
};

const ORDER_COLUMNS = [
  'id',
  'shop_id',
  'status',
  'seller_remark',
  'seller_remark_star',
  'items_fen',
  'shipping_fee_fen',
  'total_fen',
  'discount_fen',
  'address',
  'buyer_note',
  'created_at',
  'paid_at',
  'shipped_at',
  'completed_at',
  'cancelled_at',
  'updated_at',
  'ship_by_at',
] as const;

/** Orders in the wire shape (a searchList item; orderDetail's shop_order_detail). */
async function wireOrders(db: Db, rows: OrderRow[], shopName: string): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [lines, shipments, cases] = await Promise.all([
    byOrderIds(db, 'open.lines', ids, (d, x) =>
      d
        .selectFrom('order_lines')
        .select([
          'id',
          'order_id',
          'product_id',
          'sku_id',
          'title',
          'spec_values',
          'unit_price_fen',
          'quantity',
          'line_total_fen',
        ])
        .where('order_id', 'in', x)
        .orderBy('id'),
    ),
    byOrderIds(db, 'open.shipments', ids, (d, x) =>
      d
        .selectFrom('shipments')
        .select(['id', 'order_id', 'carrier', 'tracking_no', 'created_at'])
        .where('order_id', 'in', x)
        .orderBy('id'),
    ),
    byOrderIds(db, 'open.cases', ids, (d, x) =>
      d
        .selectFrom('aftersales_cases')
        .select(['order_line_id', 'order_id', 'status', 'type'])
        .where('order_id', 'in', x)
        .orderBy('id'),
    ),
  ]);
  // A parcel's lines belong to its order's shipments: orders with no parcel (most listed as paid) have none to read.
  const shippedIds = [...new Set(shipments.map((s) => s.order_id))];
  const shipmentLines = await byOrderIds(db, 'open.shipmentLines', shippedIds, (d, x) =>
    d.selectFrom('shipment_lines').select(['shipment_id', 'order_line_id', 'order_id']).where('order_id', 'in', x),
  );
  const [orderNums, productNums, skuNums, shopNums] = await Promise.all([
    openIdsOf(db, 'order', [...ids, ...lines.map((l) => l.id)]),
    openIdsOf(
      db,
      'product',
      lines.map((l) => l.product_id),
    ),
    openIdsOf(
      db,
      'sku',
      lines.map((l) => l.sku_id),
    ),
    openIdsOf(db, 'shop', [rows[0]!.shop_id]),
  ]);
  const group = <T extends { order_id: string }>(xs: readonly T[]): Map<string, T[]> => {
    const m = new Map<string, T[]>();
    for (const x of xs) {
      const list = m.get(x.order_id);
      if (list) list.push(x);
      else m.set(x.order_id, [x]);
    }
    return m;
  };
  const [linesOf, shipmentsOf, shipmentLinesOf, casesOf] = [
    group(lines),
    group(shipments),
    group(shipmentLines),
    group(cases),
  ];
  return rows.map((o) => {
    const status = o.status as OrderStatus;
    const myShipments = shipmentsOf.get(o.id) ?? [];
    const myShipmentLines = shipmentLinesOf.get(o.id) ?? [];
    const myCases = casesOf.get(o.id) ?? [];
    const partly = status === 'paid' && myShipments.length > 0;
    const orderStatus = wireOrderStatus(status, partly);
    const main = wireMainStatus(status, partly, o.paid_at !== null);
    const a = JSON.parse(o.address) as Record<string, string>;
    const myLines = linesOf.get(o.id) ?? [];
    return {
      order_id: orderNums.get(o.id),
      shop_id: Number(shopNums.get(o.shop_id)),
      shop_name: shopName,
      order_level: 2,
      order_status: orderStatus,
      order_status_desc: ORDER_STATUS_DESC[orderStatus],
      main_status: main,
      main_status_desc: ORDER_STATUS_DESC[main],
      create_time: msToSec(o.created_at),
      pay_time: msToSec(o.paid_at),
      update_time: msToSec(o.updated_at),
      finish_time: msToSec(o.completed_at ?? o.cancelled_at),
      exp_ship_time: msToSec(o.ship_by_at),
      ship_time: msToSec(o.shipped_at),
      order_amount: Number(o.total_fen),
      pay_amount: o.paid_at !== null ? Number(o.total_fen) : 0,
      post_amount: Number(o.shipping_fee_fen),
      promotion_amount: Number(o.discount_fen),
      modify_amount: 0,
      pay_type: o.paid_at !== null ? 1 : 7,
      buyer_words: o.buyer_note,
      seller_words: o.seller_remark,
      seller_remark_stars: Number(o.seller_remark_star),
      post_receiver: a.name ?? '',
      post_tel: maskPhone(a.phone ?? ''),
      mask_post_receiver: a.name ?? '',
      mask_post_tel: maskPhone(a.phone ?? ''),
      post_addr: {
        province: { id: '', name: a.province ?? '' },
        city: { id: '', name: a.city ?? '' },
        town: { id: '', name: a.district ?? '' },
        street: { id: '', name: '' },
        detail: a.detail ?? '',
      },
      logistics_info: myShipments.map((s) => ({
        tracking_no: s.tracking_no,
        company: carrierByCode(s.carrier)?.code ?? s.carrier,
        company_name: carrierByCode(s.carrier)?.name ?? s.carrier,
        ship_time: msToSec(s.created_at),
        product_info: myShipmentLines
          .filter((x) => x.shipment_id === s.id)
          .map((x) => ({ sku_order_id: orderNums.get(x.order_line_id) })),
      })),
      sku_order_list: myLines.map((l) => {
        const c = myCases.filter((x) => x.order_line_id === l.id).at(-1);
        return {
          order_id: orderNums.get(l.id),
          parent_order_id: orderNums.get(o.id),
          product_id: Number(productNums.get(l.product_id)),
          product_id_str: productNums.get(l.product_id),
          sku_id: Number(skuNums.get(l.sku_id)),
          code: '',
          out_sku_id: '',
          out_product_id: '',
          product_name: l.title,
          product_pic: '',
          spec: (JSON.parse(l.spec_values) as string[]).map((v, i) => ({ name: `规格${i + 1}`, value: v })),
          item_num: Number(l.quantity),
          origin_amount: Number(l.unit_price_fen),
          sum_amount: Number(l.unit_price_fen) * Number(l.quantity),
          pay_amount: Number(l.line_total_fen),
          order_status: myShipmentLines.some((x) => x.order_line_id === l.id) && status === 'paid' ? 3 : orderStatus,
          after_sale_info: {
            after_sale_status: c ? 1 : 0,
            after_sale_type: c ? c.type : '',
            refund_status: c?.status === 'refunded' ? 3 : c ? 1 : 0,
          },
          inventory_list: [],
        };
      }),
    };
  });
}

/** Shop names, kept a few seconds per process (every listed order carries its shop's name). */
const shopNames = new Map<string, { name: string; until: number }>();
async function shopName(db: Db, shopId: string, now: number): Promise<string> {
  const hit = shopNames.get(shopId);
  if (hit && hit.until > now) return hit.name;
  const name = (await db.selectFrom('shops').select('name').where('id', '=', shopId).executeTakeFirstOrThrow()).name;
  if (shopNames.size > 10_000) shopNames.clear();
  shopNames.set(shopId, { name, until: now + 5_000 });
  return name;
}

/** order.searchList: page from 0, size ≤ 100, a start time within the last 90 days, at most 50 000 results. */
export async function searchList(call: OpenCall): Promise<unknown> {
  const p = call.params;
  const page = reqInt(p, 'page', { min: 0, n: 10035 });
  const size = reqInt(p, 'size', { min: 1, max: 100, n: 20008 });
  if ((page + 1) * size > MAX_RESULTS) throw badBusinessParam(20013, '翻页超过5万条限制');
  const cStart = optInt(p, 'create_time_start', { min: 0 });
  const cEnd = optInt(p, 'create_time_end', { min: 0 });
  const uStart = optInt(p, 'update_time_start', { min: 0 });
  const uEnd = optInt(p, 'update_time_end', { min: 0 });
  if (cStart === undefined && uStart === undefined)
    throw badBusinessParam(20011, '请指定create_time_start或update_time_start');
  const now = call.ctx.clock.now();
  const oldest = now - SEARCH_WINDOW_MS;
  if ((cStart !== undefined && cStart * 1000 < oldest) || (uStart !== undefined && uStart * 1000 < oldest))
    throw badBusinessParam(20022, '只能查询最近90天的订单');
  const orderBy = optStr(p, 'order_by') ?? 'create_time';
  if (orderBy !== 'create_time' && orderBy !== 'update_time')
    throw badBusinessParam(10001, 'order_by只能为create_time或update_time');
  const asc = optBool(p, 'order_asc') ?? false;
  let statuses: readonly string[] | null = null;
  const combine = optArray(p, 'combine_status', 1);
  if (combine && combine.length === 1) {
    const c = asObject(combine[0], 'combine_status');
    const raw = optStr(c, 'order_status') ?? optStr(c, 'main_status');
    if (raw !== undefined) {
      const codes = raw.split(',').map((x) => Number(x.trim()));
      const mapped = codes.flatMap((x) => ORDER_STATUS_FILTER[x] ?? []);
      if (mapped.length === 0 || codes.some((x) => !ORDER_STATUS_FILTER[x]))
        throw badBusinessParam(10001, 'order_status不合法');
      statuses = [...new Set(mapped)];
    }
  }
  const db = call.ctx.db;
  const col = orderBy === 'create_time' ? 'created_at' : 'updated_at';
  // One compiled statement per shape: which bounds are given, how many statuses, the order.
  const shape = `${cStart !== undefined ? 'c' : ''}${cEnd !== undefined ? 'C' : ''}${uStart !== undefined ? 'u' : ''}${uEnd !== undefined ? 'U' : ''}:${statuses?.length ?? 0}`;
  const filtered = (d: Db, v: (name: string) => string) => {
    let q = d.selectFrom('orders').where('shop_id', '=', v('shop'));
    if (cStart !== undefined) q = q.where('created_at', '>=', v('cStart') as unknown as number);
    if (cEnd !== undefined) q = q.where('created_at', '<=', v('cEnd') as unknown as number);
    if (uStart !== undefined) q = q.where('updated_at', '>=', v('uStart') as unknown as number);
    if (uEnd !== undefined) q = q.where('updated_at', '<=', v('uEnd') as unknown as number);
    if (statuses) q = q.where('status', 'in', listStandIns(v, 's', statuses.length) as OrderStatus[]);
    return q;
  };
  const values = listValues('s', statuses ?? [], {
    shop: call.shopId,
    cStart: cStart === undefined ? null : cStart * 1000,
    cEnd: cEnd === undefined ? null : cEnd * 1000 + 999,
    uStart: uStart === undefined ? null : uStart * 1000,
    uEnd: uEnd === undefined ? null : uEnd * 1000 + 999,
    limit: size,
    offset: page * size,
  });
  const [countRow, rows] = await Promise.all([
    byShape(`open.searchCount:${shape}`, (d, v) =>
      filtered(d, v).select((eb) => eb.fn.countAll<number>().as('n')),
    ).takeFirst(db, values),
    byShape(`open.searchRows:${shape}:${col}:${asc ? 'a' : 'd'}`, (d, v) =>
      filtered(d, v)
        .select([...ORDER_COLUMNS])
        .orderBy(col, asc ? 'asc' : 'desc')
        .orderBy('id', asc ? 'asc' : 'desc')
        .limit(v('limit') as unknown as number)
        .offset(v('offset') as unknown as number),
    ).all(db, values),
  ]);
  const total = Math.min(Number(countRow?.n ?? 0), MAX_RESULTS);
  return {
    page,
    size,
    total,
    shop_order_list: await wireOrders(db, rows as OrderRow[], await shopName(db, call.shopId, call.ctx.clock.now())),
  };
}

const orderById = compiledOnce((db, v) =>
  db
    .selectFrom('orders')
    .select([...ORDER_COLUMNS])
    .where('id', '=', v('id')),
);

async function ownOrder(call: OpenCall, field: string): Promise<OrderRow> {
  const num = reqStr(call.params, field, 30);
  const id = /^\d{19}$/.test(num) ? await internalIdOf(call.ctx.db, 'order', num) : null;
  const row = id ? await orderById.takeFirst(call.ctx.db, { id }) : undefined;
  // Another shop's order answers exactly like one that does not exist.
  if (!row || row.shop_id !== call.shopId) throw badBusinessParam(10002, '订单不存在');
  return row as OrderRow;
}

export async function orderDetail(call: OpenCall): Promise<unknown> {
  const o = await ownOrder(call, 'shop_order_id');
  const [detail] = await wireOrders(call.ctx.db, [o], await shopName(call.ctx.db, call.shopId, call.ctx.clock.now()));
  return {
    shop_order_detail: {
      ...detail,
      promotion_detail: { shop_discount_detail: { total_amount: Number(o.discount_fen) } },
    },
  };
}

/** order.logisticsAdd: ships the whole order in one parcel through the orders module. */
export async function logisticsAdd(call: OpenCall): Promise<unknown> {
  const o = await ownOrder(call, 'order_id');
  const carrier = carrierOf(call);
  const trackingNo = reqStr(call.params, 'logistics_code', 40);
  await shipOrder(call.ctx, call.actor, o.id, [{ carrier, trackingNo }]);
  return {};
}

/**
 * order.logisticsEdit: a new carrier and/or tracking number for a shipped parcel, through the
 * logistics module's editShipmentTracking (before delivery and before the carrier's first scan,
 * audited). An order with several parcels names one with `pack_id` (as logisticsAddMultiPack answered).
 */
export async function logisticsEdit(call: OpenCall): Promise<unknown> {
  const o = await ownOrder(call, 'order_id');
  const carrier = carrierOf(call);
  const trackingNo = reqStr(call.params, 'logistics_code', 40);
  const packId = optStr(call.params, 'pack_id', 40);
  optStr(call.params, 'store_id', 40);
  optInt(call.params, 'after_sale_address_id', { min: 0 });
  try {
    await editShipmentTracking(call.ctx, call.actor, o.id, packId, { carrier, trackingNo });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'SHIPMENT_REQUIRED') throw missingBusinessParam('pack_id');
    throw err;
  }
  return {};
}

function carrierOf(call: OpenCall): string {
  const code = optStr(call.params, 'company_code', 40) ?? optStr(call.params, 'company', 40);
  if (!code) throw badBusinessParam(10001, '缺少company_code');
  const c = carrierByCode(code);
  if (!c) throw badBusinessParam(10003, '物流公司编码不存在，请用order.logisticsCompanyList查询');
  return c.carrier;
}

/** order.logisticsAddMultiPack: one parcel per pack, idempotent by request_id (the gateway keeps the first answer). */
export async function logisticsAddMultiPack(call: OpenCall): Promise<unknown> {
  const o = await ownOrder(call, 'order_id');
  reqStr(call.params, 'request_id', 64);
  const packs = reqArray(call.params, 'pack_list', 20).map((x) => asObject(x, 'pack_list'));
  const lineNums = await openIdsOf(
    call.ctx.db,
    'order',
    (await call.ctx.db.selectFrom('order_lines').select('id').where('order_id', '=', o.id).execute()).map((l) => l.id),
  );
  const lineByNum = new Map([...lineNums].map(([id, num]) => [num, id]));
  const parcels = packs.map((pk) => {
    const company = optStr(pk, 'company_code', 40);
    const c = company ? carrierByCode(company) : undefined;
    if (!c) throw badBusinessParam(10003, '物流公司编码不存在');
    const shipped = reqArray(pk, 'shipped_order_info', 50).map((x) => asObject(x, 'shipped_order_info'));
    const lineIds = shipped.map((s) => {
      const id = lineByNum.get(reqStr(s, 'shipped_order_id', 30));
      if (!id) throw badBusinessParam(10002, 'shipped_order_id不属于该订单');
      return id;
    });
    return { carrier: c.carrier, trackingNo: reqStr(pk, 'logistics_code', 40), lineIds, shipped };
  });
  const res = await shipOrder(
    call.ctx,
    call.actor,
    o.id,
    parcels.map(({ carrier, trackingNo, lineIds }) => ({ carrier, trackingNo, lineIds })),
  );
  return {
    pack_list: parcels.map((pk, i) => ({
      pack_id: res.shipmentIds[i],
      logistics_code: pk.trackingNo,
      shipped_order_info: pk.shipped.map((s) => ({
        shipped_order_id: String(s.shipped_order_id),
        shipped_num: Number(s.shipped_num ?? 1),
      })),
    })),
  };
}

export async function logisticsCompanyList(): Promise<unknown> {
  return LOGISTICS_COMPANIES.map((c) => ({ id: c.id, name: c.name, code: c.code }));
}

/** order.addOrderRemark: the shop's memo (≤ 60 characters); `is_add_star` "true" sets the flag `star` ("0"–"5"). */
export async function addOrderRemark(call: OpenCall): Promise<unknown> {
  const o = await ownOrder(call, 'order_id');
  const remark = reqStr(call.params, 'remark', 500);
  if (remark.length > SELLER_REMARK_MAX) throw badBusinessParam(10001, `remark最多${SELLER_REMARK_MAX}个字符`);
  const addStar = optBool(call.params, 'is_add_star') ?? false;
  const star = addStar ? (optInt(call.params, 'star', { min: 0, max: 5 }) ?? 0) : undefined;
  await setSellerRemark(call.ctx, call.actor, o.id, { remark, star });
  return {};
}
