/** Read models of batches for the shop's staff: the list (keyset-paged) and one batch with its checks. */
import type { Actor, Db } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import type { Page } from '../catalog/index.js';
import { ownBatch } from './access.js';
import { photosOf, type SupplyPhoto } from './photos.js';
import { bestBefore, type BatchStatus, type QcResult } from './supply-rules.js';

export interface BatchView {
  id: string;
  shopId: string;
  productId: string;
  productTitle: string;
  skuId: string;
  specValues: string[];
  supplierId: string;
  supplierName: string;
  baseId: string | null;
  baseName: string | null;
  code: string;
  harvestedAt: number;
  shelfLifeDays: number | null;
  bestBefore: number | null;
  quantity: number;
  remaining: number;
  status: BatchStatus;
  receivedAt: number | null;
  note: string;
  /** The most recent quality check, or null before any. */
  latestQc: { result: QcResult; checkedAt: number } | null;
  createdAt: number;
  updatedAt: number;
}

export interface QcRecordView {
  id: string;
  batchId: string;
  result: QcResult;
  inspector: string;
  notes: string;
  checkedAt: number;
  photos: SupplyPhoto[];
  createdAt: number;
}

export interface BatchDetail extends BatchView {
  qcRecords: QcRecordView[];
  /** Units shipped from this batch and the order lines they went to. */
  shipped: { units: number; lines: number };
}

export interface BatchQuery {
  status?: BatchStatus | undefined;
  productId?: string | undefined;
  supplierId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('supply_batches as b')
    .innerJoin('products', 'products.id', 'b.product_id')
    .innerJoin('skus', 'skus.id', 'b.sku_id')
    .innerJoin('suppliers', 'suppliers.id', 'b.supplier_id')
    .leftJoin('production_bases as pb', 'pb.id', 'b.base_id')
    .selectAll('b')
    .select([
      'products.title as product_title',
      'skus.spec_values',
      'suppliers.name as supplier_name',
      'pb.name as base_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

async function views(db: Db, rows: Row[]): Promise<BatchView[]> {
  const ids = rows.map((r) => r.id);
  const qc = ids.length
    ? await db
        .selectFrom('supply_qc_records')
        .select(['batch_id', 'result', 'checked_at', 'id'])
        .where('batch_id', 'in', ids)
        .orderBy('checked_at')
        .orderBy('id')
        .execute()
    : [];
  const latest = new Map<string, { result: QcResult; checkedAt: number }>();
  for (const q of qc) latest.set(q.batch_id, { result: q.result as QcResult, checkedAt: Number(q.checked_at) });
  return rows.map((r) => ({
    id: r.id,
    shopId: r.shop_id,
    productId: r.product_id,
    productTitle: r.product_title,
    skuId: r.sku_id,
    specValues: JSON.parse(r.spec_values) as string[],
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    baseId: r.base_id,
    baseName: r.base_name ?? null,
    code: r.code,
    harvestedAt: Number(r.harvested_at),
    shelfLifeDays: r.shelf_life_days,
    bestBefore: bestBefore(Number(r.harvested_at), r.shelf_life_days),
    quantity: r.quantity,
    remaining: r.remaining,
    status: r.status as BatchStatus,
    receivedAt: r.received_at === null ? null : Number(r.received_at),
    note: r.note,
    latestQc: latest.get(r.id) ?? null,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  }));
}

/** A shop's batches, newest first, filtered by status, product or supplier. */
export async function listBatches(db: Db, actor: Actor, shopId: string, query: BatchQuery): Promise<Page<BatchView>> {
  requireShopMember(actor, shopId);
  let q = baseQuery(db)
    .where('b.shop_id', '=', shopId)
    .orderBy('b.id', 'desc')
    .limit(query.limit + 1);
  if (query.status) q = q.where('b.status', '=', query.status);
  if (query.productId) q = q.where('b.product_id', '=', query.productId);
  if (query.supplierId) q = q.where('b.supplier_id', '=', query.supplierId);
  if (query.cursor) q = q.where('b.id', '<', query.cursor);
  const rows = await q.execute();
  const items = await views(db, rows.slice(0, query.limit));
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
}

export async function batchDetail(db: Db, actor: Actor, batchId: string): Promise<BatchDetail> {
  await ownBatch(db, actor, batchId);
  const [row] = await baseQuery(db).where('b.id', '=', batchId).execute();
  const [view] = await views(db, [row!]);
  const [records, shipped] = await Promise.all([
    db
      .selectFrom('supply_qc_records')
      .selectAll()
      .where('batch_id', '=', batchId)
      .orderBy('checked_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('order_line_batches')
      .select((eb) => [eb.fn.sum<number | string>('quantity').as('units'), eb.fn.countAll().as('lines')])
      .where('batch_id', '=', batchId)
      .executeTakeFirst(),
  ]);
  const photos = await photosOf(
    db,
    records.map((r) => r.id),
  );
  return {
    ...view!,
    qcRecords: records.map((r) => ({
      id: r.id,
      batchId: r.batch_id,
      result: r.result as QcResult,
      inspector: r.inspector,
      notes: r.notes,
      checkedAt: Number(r.checked_at),
      photos: photos.get(r.id) ?? [],
      createdAt: Number(r.created_at),
    })),
    shipped: { units: Number(shipped?.units ?? 0), lines: Number(shipped?.lines ?? 0) },
  };
}
