/**
 * The origin card (溯源卡) buyers see: for a product, the batch being sold now (per SKU, the
 * oldest received batch with units left — the one FIFO ships next); for an order line, the
 * batch(es) recorded when it shipped. Base, region, supplier, harvest date, batch code, the
 * latest quality check with its date, and photos.
 */
import type { Actor, Db } from '../context.js';
import { notFound } from '../platform/index.js';
import { photosOf } from './photos.js';
import { bestBefore, type BaseKind, type QcResult } from './supply-rules.js';

export interface OriginCard {
  skuId: string;
  batch: {
    id: string;
    code: string;
    harvestedAt: number;
    shelfLifeDays: number | null;
    bestBefore: number | null;
    receivedAt: number | null;
  };
  base: { name: string; kind: BaseKind; province: string; city: string; description: string } | null;
  supplier: { name: string; region: string };
  /** The latest quality check of the batch (null: not checked). */
  qc: { result: QcResult; inspector: string; checkedAt: number; notes: string } | null;
  /** The base's photo, then the latest check's photos. */
  photos: string[];
}

export interface ProductOrigin {
  productId: string;
  /** The batch FIFO ships next across the product's SKUs, or null when none has units left. */
  current: OriginCard | null;
  bySku: Record<string, OriginCard>;
}

export interface LineOrigin extends OriginCard {
  /** Units of the line from this batch. */
  quantity: number;
}

function batchQuery(db: Db) {
  return db
    .selectFrom('supply_batches as b')
    .innerJoin('suppliers as s', 's.id', 'b.supplier_id')
    .leftJoin('production_bases as pb', 'pb.id', 'b.base_id')
    .select([
      'b.id',
      'b.sku_id',
      'b.code',
      'b.harvested_at',
      'b.shelf_life_days',
      'b.received_at',
      'b.base_id',
      's.name as supplier_name',
      's.region as supplier_region',
      'pb.name as base_name',
      'pb.kind as base_kind',
      'pb.province',
      'pb.city',
      'pb.description as base_description',
    ]);
}

type BatchRow = Awaited<ReturnType<ReturnType<typeof batchQuery>['execute']>>[number];

async function cards(db: Db, rows: BatchRow[]): Promise<Map<string, OriginCard>> {
  const ids = [...new Set(rows.map((r) => r.id))];
  const checks = ids.length
    ? await db
        .selectFrom('supply_qc_records')
        .selectAll()
        .where('batch_id', 'in', ids)
        .orderBy('checked_at')
        .orderBy('id')
        .execute()
    : [];
  const latest = new Map(checks.map((c) => [c.batch_id, c])); // the last one per batch wins
  const photos = await photosOf(db, [
    ...rows.flatMap((r) => (r.base_id ? [r.base_id] : [])),
    ...[...latest.values()].map((c) => c.id),
  ]);
  const out = new Map<string, OriginCard>();
  for (const r of rows) {
    const qc = latest.get(r.id);
    out.set(r.id, {
      skuId: r.sku_id,
      batch: {
        id: r.id,
        code: r.code,
        harvestedAt: Number(r.harvested_at),
        shelfLifeDays: r.shelf_life_days,
        bestBefore: bestBefore(Number(r.harvested_at), r.shelf_life_days),
        receivedAt: r.received_at === null ? null : Number(r.received_at),
      },
      base:
        r.base_id && r.base_name
          ? {
              name: r.base_name,
              kind: r.base_kind as BaseKind,
              province: r.province ?? '',
              city: r.city ?? '',
              description: r.base_description ?? '',
            }
          : null,
      supplier: { name: r.supplier_name, region: r.supplier_region },
      qc: qc
        ? { result: qc.result as QcResult, inspector: qc.inspector, checkedAt: Number(qc.checked_at), notes: qc.notes }
        : null,
      photos: [...(r.base_id ? (photos.get(r.base_id) ?? []) : []), ...(qc ? (photos.get(qc.id) ?? []) : [])].map(
        (p) => p.url,
      ),
    });
  }
  return out;
}

/** A listed product's origin (its shop's members also see unlisted ones); NOT_FOUND otherwise. */
export async function productOrigin(db: Db, productId: string, viewer: Actor | null): Promise<ProductOrigin> {
  const p = await db
    .selectFrom('products')
    .select(['shop_id', 'status'])
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!p || (p.status !== 'listed' && !viewer?.shops.has(p.shop_id))) throw notFound('product', productId);
  const rows = await batchQuery(db)
    .where('b.product_id', '=', productId)
    .where('b.status', '=', 'received')
    .where('b.remaining', '>', 0)
    .orderBy('b.harvested_at')
    .orderBy('b.received_at')
    .orderBy('b.id')
    .limit(500)
    .execute();
  const firstPerSku = new Map<string, BatchRow>();
  for (const r of rows) if (!firstPerSku.has(r.sku_id)) firstPerSku.set(r.sku_id, r);
  const byBatch = await cards(db, [...firstPerSku.values()]);
  const bySku: Record<string, OriginCard> = {};
  for (const [skuId, r] of firstPerSku) bySku[skuId] = byBatch.get(r.id)!;
  const first = rows[0];
  return { productId, current: first ? byBatch.get(first.id)! : null, bySku };
}

/** The batches each shipped line's units came from, largest share first. */
export async function lineOrigins(db: Db, lineIds: readonly string[]): Promise<Map<string, LineOrigin[]>> {
  const out = new Map<string, LineOrigin[]>();
  if (lineIds.length === 0) return out;
  const links = await db
    .selectFrom('order_line_batches')
    .select(['order_line_id', 'batch_id', 'quantity'])
    .where('order_line_id', 'in', [...lineIds])
    .execute();
  if (links.length === 0) return out;
  const rows = await batchQuery(db)
    .where('b.id', 'in', [...new Set(links.map((l) => l.batch_id))])
    .execute();
  const byBatch = await cards(db, rows);
  for (const l of links.sort((a, b) => b.quantity - a.quantity || (a.batch_id < b.batch_id ? -1 : 1))) {
    const list = out.get(l.order_line_id) ?? [];
    list.push({ ...byBatch.get(l.batch_id)!, quantity: l.quantity });
    out.set(l.order_line_id, list);
  }
  return out;
}
