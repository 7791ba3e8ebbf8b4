/** order.* methods: search, detail, shipping (through the orders module's shipOrder), carriers. */
import type { Db } from '../context.js';
import { setSellerRemark, SELLER_REMARK_MAX, type OrderStatus } from '../orders/index.js';
import { editShipmentTracking, shipOrder } from '../logistics/index.js';
import { DomainError } from '../platform/index.js';
import { badBusinessParam, missingBusinessParam, WIRE_COMMA, WireJson } from './envelope.js';
import type { OpenCall } from './call.js';
import { internalIdOf, openIdsOf } from './open-ids.js';
import { optArray, optBool, optInt, optStr, reqArray, reqInt, reqStr, asObject } from './params.js';
import { ORDER_STATUS_FILTER } from './status-map.js';
import { carrierByCode, LOGISTICS_COMPANIES } from './carriers.js';
import { byShape, compiledOnce, listStandIns, listValues, type CompiledOnce } from '../storage/index.js';
import { ORDER_COLUMNS } from './wire-order-shape.js';
import { wireOrderJson, withPartsFlags } from './wire-orders.js';

const DAY_MS = 86_400_000;
const LIST_END = Buffer.from(']}', 'utf8');
const SEARCH_WINDOW_MS = 90 * DAY_MS;
const MAX_RESULTS = 50_000;

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
  // The page and its total in one statement (the total an uncorrelated subquery, counted once per
  // statement); only a page past the end counts on its own. The listed orders' parcels and cases
  // are then read by their ids (wireOrderJson): on SQLite two IN lists cost less than an EXISTS per
  // listed row would. Rows as arrays: ORDER_COLUMNS' values, then the total.
  const rows = await byShape(`open.searchPage:${shape}:${col}:${asc ? 'a' : 'd'}`, (d, v) =>
    filtered(d, v)
      .select([...ORDER_COLUMNS])
      .select(() => [
        filtered(d, v)
          .select((c) => c.fn.countAll<number>().as('n'))
          .as('total'),
      ])
      .orderBy(col, asc ? 'asc' : 'desc')
      .orderBy('id', asc ? 'asc' : 'desc')
      .limit(v('limit') as unknown as number)
      .offset(v('offset') as unknown as number),
  ).arrays(db, values);
  const counted =
    rows.length > 0
      ? Number(rows[0]![ORDER_COLUMNS.length])
      : page === 0
        ? 0
        : Number(
            (
              await byShape(`open.searchCount:${shape}`, (d, v) =>
                filtered(d, v).select((eb) => eb.fn.countAll<number>().as('n')),
              ).takeFirst(db, values)
            )?.n ?? 0,
          );
  const total = Math.min(counted, MAX_RESULTS);
  const list = await wireOrderJson(db, rows, await shopName(db, call.shopId, call.ctx.clock.now()));
  // The bytes JSON.stringify gives for { page, size, total, shop_order_list } (integers and the orders' JSON).
  const parts: Array<string | Buffer> = [`{"page":${page},"size":${size},"total":${total},"shop_order_list":[`];
  for (let i = 0; i < list.length; i++) {
    if (i > 0) parts.push(WIRE_COMMA);
    parts.push(list[i]!);
  }
  parts.push(LIST_END);
  return WireJson.of(parts);
}

/** Whose order an id is (the writes need no more). */
const orderShopById = compiledOnce((db, v) =>
  db.selectFrom('orders').select(['id', 'shop_id']).where('id', '=', v('id')),
);
/** The order's row and whether it has parcels or after-sales cases (order.orderDetail). */
const orderWithFlagsById = compiledOnce((db, v) =>
  db
    .selectFrom('orders')
    .select([...ORDER_COLUMNS])
    .select((eb) => withPartsFlags(eb))
    .where('id', '=', v('id')),
);

const unknownOrder = () => badBusinessParam(10002, '订单不存在');

/** The internal id of the order a call names by its wire id in `field` (not yet checked to be the shop's). */
async function orderIdOf(call: OpenCall, field: string): Promise<string> {
  const num = reqStr(call.params, field, 30);
  const id = /^\d{19}$/.test(num) ? await internalIdOf(call.ctx.db, 'order', num) : null;
  if (!id) throw unknownOrder();
  return id;
}

/** The shop's order a call names by its wire id in `field`; another shop's answers like an unknown one. */
async function ownOrderRow<R extends { shop_id: string }>(
  call: OpenCall,
  field: string,
  read: CompiledOnce<R>,
): Promise<R> {
  const row = await read.takeFirst(call.ctx.db, { id: await orderIdOf(call, field) });
  // Another shop's order answers exactly like one that does not exist.
  if (!row || row.shop_id !== call.shopId) throw unknownOrder();
  return row;
}

const ownOrder = (call: OpenCall, field: string) => ownOrderRow(call, field, orderShopById);

const SHOP_AT = ORDER_COLUMNS.indexOf('shop_id');
const DISCOUNT_AT = ORDER_COLUMNS.indexOf('discount_fen');

export async function orderDetail(call: OpenCall): Promise<unknown> {
  // The row as an array: ORDER_COLUMNS' values, then has_shipments and has_cases.
  const [o] = await orderWithFlagsById.arrays(call.ctx.db, { id: await orderIdOf(call, 'shop_order_id') });
  // Another shop's order answers exactly like one that does not exist.
  if (!o || o[SHOP_AT] !== call.shopId) throw unknownOrder();
  const [detail] = await wireOrderJson(
    call.ctx.db,
    [o],
    await shopName(call.ctx.db, call.shopId, call.ctx.clock.now()),
    ORDER_COLUMNS.length,
  );
  // { shop_order_detail: { ...the order, promotion_detail } }: the order's JSON with one more key at its end.
  const promotion = JSON.stringify({ shop_discount_detail: { total_amount: Number(o[DISCOUNT_AT]) } });
  return WireJson.of(['{"shop_order_detail":', detail!.subarray(0, -1), `,"promotion_detail":${promotion}}}`]);
}

/**
 * order.logisticsAdd: ships the whole order in one parcel through the logistics module. The
 * shipping transaction's own read checks the order is the shop's (the actor holds this one shop),
 * so a call reads the order once. A refused call reads it here before answering, so that another
 * shop's order answers like an unknown one whatever else is wrong with the call.
 */
export async function logisticsAdd(call: OpenCall): Promise<unknown> {
  const id = await orderIdOf(call, 'order_id');
  try {
    const carrier = carrierOf(call);
    const trackingNo = reqStr(call.params, 'logistics_code', 40);
    await shipOrder(call.ctx, call.actor, id, [{ carrier, trackingNo }]);
  } catch (err) {
    // The only thing shipOrder does not find is the order (another shop's, for this actor).
    if (err instanceof DomainError && err.code === 'NOT_FOUND') throw unknownOrder();
    await ownOrder(call, 'order_id');
    throw err;
  }
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
