/** afterSale.* methods: list and detail from the after-sales cases, operate through the case engine (actOnCase). */
import type { Db } from '../context.js';
import { actOnCasesTogether, nextStatus, type CaseStatus, type CaseType } from '../aftersales/index.js';
import { DomainError } from '../platform/index.js';
import { badBusinessParam, OpenApiError, wireErrorOf } from './envelope.js';
import type { OpenCall } from './call.js';
import { internalIdOf, openIdsOf } from './open-ids.js';
import { asObject, msToSec, optArray, optBool, optInt, optStr, reqArray, reqInt, reqStr } from './params.js';
import {
  AFTERSALE_TYPE,
  OPERATE_NEEDS_LOGISTICS,
  OPERATE_NEEDS_REASON,
  OPERATE_TYPES,
  wireAfterSaleStatus,
  wireRefundStatus,
} from './status-map.js';
import { carrierByCode } from './carriers.js';

type CaseRow = {
  id: string;
  order_id: string;
  order_line_id: string;
  shop_id: string;
  type: string;
  status: string;
  reason_code: string;
  note: string;
  requested_fen: number;
  refund_fen: number;
  return_tracking_no: string | null;
  deadline_at: number | null;
  created_at: number;
  updated_at: number;
};
const CASE_COLUMNS = [
  'id',
  'order_id',
  'order_line_id',
  'shop_id',
  'type',
  'status',
  'reason_code',
  'note',
  'requested_fen',
  'refund_fen',
  'return_tracking_no',
  'deadline_at',
  'created_at',
  'updated_at',
] as const;

async function wireCases(db: Db, rows: CaseRow[]) {
  const lines = rows.length
    ? await db
        .selectFrom('order_lines')
        .select(['id', 'order_id', 'product_id', 'quantity', 'line_total_fen'])
        .where(
          'id',
          'in',
          rows.map((r) => r.order_line_id),
        )
        .execute()
    : [];
  const [caseNums, orderNums, productNums] = await Promise.all([
    openIdsOf(
      db,
      'aftersale',
      rows.map((r) => r.id),
    ),
    openIdsOf(db, 'order', [...rows.map((r) => r.order_id), ...rows.map((r) => r.order_line_id)]),
    openIdsOf(
      db,
      'product',
      lines.map((l) => l.product_id),
    ),
  ]);
  return rows.map((c) => {
    const line = lines.find((l) => l.id === c.order_line_id);
    const status = wireAfterSaleStatus(c.type as CaseType, c.status as CaseStatus);
    return {
      c,
      line,
      status,
      caseNum: caseNums.get(c.id)!,
      orderNum: orderNums.get(c.order_id)!,
      lineNum: orderNums.get(c.order_line_id)!,
      productNum: line ? productNums.get(line.product_id) : undefined,
    };
  });
}

/** afterSale.List: page from 0, size ≤ 100. */
export async function list(call: OpenCall): Promise<unknown> {
  const p = call.params;
  const page = reqInt(p, 'page', { min: 0 });
  const size = reqInt(p, 'size', { min: 1, max: 100 });
  if ((page + 1) * size > 50_000) throw badBusinessParam(10001, '翻页超过限制');
  const db = call.ctx.db;
  let q = db.selectFrom('aftersales_cases').where('shop_id', '=', call.shopId);
  const orderNum = optStr(p, 'order_id', 30);
  if (orderNum) q = q.where('order_id', '=', (await internalIdOf(db, 'order', orderNum)) ?? '');
  const caseNum = optStr(p, 'aftersale_id', 30);
  if (caseNum) q = q.where('id', '=', (await internalIdOf(db, 'aftersale', caseNum)) ?? '');
  const type = optInt(p, 'aftersale_type', { min: 0, max: 8 });
  if (type !== undefined) {
    const types = (Object.entries(AFTERSALE_TYPE) as Array<[CaseType, number]>)
      .filter(([, n]) => n === type)
      .map(([t]) => t);
    q = types.length ? q.where('type', 'in', types) : q.where('id', '=', ''); // a type number we do not have matches nothing
  }
  const statuses = optArray(p, 'standard_aftersale_status', 20);
  const start = optInt(p, 'start_time', { min: 0 });
  const end = optInt(p, 'end_time', { min: 0 });
  const uStart = optInt(p, 'update_start_time', { min: 0 });
  const uEnd = optInt(p, 'update_end_time', { min: 0 });
  if (start !== undefined) q = q.where('created_at', '>=', start * 1000);
  if (end !== undefined) q = q.where('created_at', '<=', end * 1000 + 999);
  if (uStart !== undefined) q = q.where('updated_at', '>=', uStart * 1000);
  if (uEnd !== undefined) q = q.where('updated_at', '<=', uEnd * 1000 + 999);
  const orderBy = (optArray(p, 'order_by', 2) ?? [])[0];
  const asc = typeof orderBy === 'string' && / asc$/i.test(orderBy);
  const col = typeof orderBy === 'string' && /^apply_time/i.test(orderBy) ? 'created_at' : 'updated_at';
  let rows = (await q
    .select([...CASE_COLUMNS])
    .orderBy(col, asc ? 'asc' : 'desc')
    .orderBy('id', asc ? 'asc' : 'desc')
    .limit(5_000)
    .execute()) as CaseRow[];
  if (statuses) {
    const wanted = new Set(statuses.map(Number));
    rows = rows.filter((r) => wanted.has(wireAfterSaleStatus(r.type as CaseType, r.status as CaseStatus)));
  }
  const total = rows.length;
  const pageRows = rows.slice(page * size, page * size + size);
  const items = (await wireCases(db, pageRows)).map(({ c, line, status, caseNum, orderNum, lineNum, productNum }) => ({
    aftersale_info: {
      aftersale_id: caseNum,
      aftersale_type: AFTERSALE_TYPE[c.type as CaseType],
      aftersale_status: status,
      related_id: lineNum,
      apply_time: msToSec(c.created_at),
      update_time: msToSec(c.updated_at),
      status_deadline: msToSec(c.deadline_at),
      refund_amount: Number(c.refund_fen) || Number(c.requested_fen),
      refund_post_amount: 0,
      aftersale_num: Number(line?.quantity ?? 0),
      refund_status: wireRefundStatus(c.status as CaseStatus),
      return_logistics_code: c.return_tracking_no ?? '',
    },
    order_info: {
      shop_order_id: orderNum,
      related_order_info: [
        {
          sku_order_id: lineNum,
          order_status: 0,
          pay_amount: Number(line?.line_total_fen ?? 0),
          item_num: Number(line?.quantity ?? 0),
          product_id: Number(productNum ?? 0),
          shop_sku_code: '',
          aftersale_pay_amount: Number(c.requested_fen),
        },
      ],
    },
  }));
  return { items, has_more: (page + 1) * size < total, total, page, size };
}

async function ownCase(call: OpenCall, num: string): Promise<CaseRow> {
  const id = /^\d{19}$/.test(num) ? await internalIdOf(call.ctx.db, 'aftersale', num) : null;
  const row = id
    ? await call.ctx.db
        .selectFrom('aftersales_cases')
        .select([...CASE_COLUMNS])
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row || row.shop_id !== call.shopId) throw badBusinessParam(10002, '售后单不存在');
  return row as CaseRow;
}

/** afterSale.Detail. */
export async function detail(call: OpenCall): Promise<unknown> {
  const c = await ownCase(call, reqStr(call.params, 'after_sale_id', 30));
  optBool(call.params, 'need_operation_record');
  const [w] = await wireCases(call.ctx.db, [c]);
  return {
    process_info: {
      after_sale_info: {
        after_sale_id: Number(w!.caseNum),
        after_sale_id_str: w!.caseNum,
        after_sale_status: w!.status,
        after_sale_type: AFTERSALE_TYPE[c.type as CaseType],
        refund_status: wireRefundStatus(c.status as CaseStatus),
        refund_total_amount: Number(c.requested_fen),
        refund_post_amount: 0,
        real_refund_amount: Number(c.refund_fen),
        apply_time: msToSec(c.created_at),
        update_time: msToSec(c.updated_at),
        reason: c.note,
        reason_code: c.reason_code,
        evidence: [],
      },
      arbitrate_info: {},
      logistics_info: { return: { tracking_no: c.return_tracking_no ?? '' } },
    },
    order_info: {
      order_id: w!.orderNum,
      sku_order_infos: [
        {
          sku_order_id: w!.lineNum,
          pay_amount: Number(w!.line?.line_total_fen ?? 0),
          item_quantity: Number(w!.line?.quantity ?? 0),
        },
      ],
    },
  };
}

/** afterSale.operate: up to 20 items; all are checked first (ids, states, reasons, logistics, versions), then all go through the case engine as the shop in one transaction (all or nothing). */
export async function operate(call: OpenCall): Promise<unknown> {
  const type = reqInt(call.params, 'type', { min: 1 });
  const action = OPERATE_TYPES[type];
  if (!action) throw badBusinessParam(10001, 'type不支持');
  const items = reqArray(call.params, 'items', 20).map((x) => asObject(x, 'items'));
  const prepared = [];
  for (const it of items) {
    const c = await ownCase(call, reqStr(it, 'aftersale_id', 30));
    const reason = optStr(it, 'reason', 200) ?? optStr(it, 'remark', 200);
    if (OPERATE_NEEDS_REASON.has(type) && !reason) throw badBusinessParam(10001, '拒绝时需填写reason或remark');
    let carrier: string | undefined;
    let trackingNo: string | undefined;
    if (OPERATE_NEEDS_LOGISTICS.has(type)) {
      const lg = asObject(it.logistics, 'logistics');
      const company = carrierByCode(optStr(lg, 'company_code', 40) ?? '');
      if (!company) throw badBusinessParam(10003, '物流公司编码不存在');
      carrier = company.carrier;
      trackingNo = reqStr(lg, 'logistics_code', 40);
    }
    // Every item must allow the action now, or nothing is done.
    if (!nextStatus(c.type, c.status, action, 'merchant'))
      throw new OpenApiError(
        50002,
        'isv.business-failed:30001',
        `售后单${reqStr(it, 'aftersale_id', 30)}当前状态不能执行该操作`,
      );
    const version = optInt(it, 'update_time', { min: 0 });
    if (version !== undefined && version !== msToSec(c.updated_at))
      throw new OpenApiError(50002, 'isv.business-failed:30008', '售后单已变更，请刷新后重试');
    prepared.push({ c, reason, carrier, trackingNo, num: reqStr(it, 'aftersale_id', 30) });
  }
  // All or nothing: one transaction; a refused item (a concurrent change, a rule of the action) leaves none applied.
  try {
    await actOnCasesTogether(
      call.ctx,
      call.actor,
      prepared.map((x) => ({
        caseId: x.c.id,
        input: { action, reason: x.reason, note: x.reason, carrier: x.carrier, trackingNo: x.trackingNo },
      })),
    );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const failing = prepared[Number(err.details.index)];
    const wire = wireErrorOf(err);
    throw failing ? new OpenApiError(wire.code, wire.subCode, `售后单${failing.num}：${wire.subMsg}`) : wire;
  }
  return { items: prepared.map((x) => ({ aftersale_id: x.num, status_code: 0, status_msg: 'success' })) };
}
