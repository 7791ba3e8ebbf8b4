/**
 * Batches (批次): units of one SKU from one supplier (and base), harvested or produced on one
 * date. A batch is recorded `pending`, may be quality-checked, and is received into stock once
 * (receive.ts); shipping takes units from received batches, oldest harvest first.
 */
import type { Actor, CoreContext, Tx } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import { conflict, DomainError, notFound, newId } from '../platform/index.js';
import { baseOfShop, isUniqueViolation, ownBatch, supplierOfShop } from './access.js';
import {
  checkBatchCode,
  checkBatchEditable,
  checkPastDate,
  checkQuantity,
  checkShelfLife,
  LIMITS,
  text,
} from './supply-rules.js';
import { batchDetail, type BatchDetail } from './batch-views.js';

export interface BatchFields {
  supplierId: string;
  baseId?: string | null | undefined;
  code: string;
  /** Harvest or production date (epoch ms); never in the future. */
  harvestedAt: number;
  quantity: number;
  shelfLifeDays?: number | null | undefined;
  note?: string | undefined;
}

export interface BatchInput extends BatchFields {
  skuId: string;
}

function clean(input: BatchFields, now: number) {
  return {
    supplier_id: input.supplierId,
    base_id: input.baseId ?? null,
    code: checkBatchCode(input.code),
    harvested_at: checkPastDate(input.harvestedAt, 'harvestedAt', now),
    quantity: checkQuantity(input.quantity),
    shelf_life_days: checkShelfLife(input.shelfLifeDays),
    note: text(input.note, 'note', LIMITS.note),
  };
}

const codeTaken = (code: string) =>
  conflict('BATCH_CODE_TAKEN', 'the shop has a batch with this code already', { code });

/** The supplier and base are this shop's, and a base run by a supplier is used with that supplier only. */
async function checkRefs(tx: Tx, shopId: string, row: { supplier_id: string; base_id: string | null }): Promise<void> {
  await supplierOfShop(tx, shopId, row.supplier_id);
  if (!row.base_id) return;
  const base = await baseOfShop(tx, shopId, row.base_id);
  if (base.supplier_id && base.supplier_id !== row.supplier_id) {
    throw new DomainError('BASE_SUPPLIER_MISMATCH', 'this base is run by another supplier', { field: 'baseId' });
  }
}

async function codeFree(tx: Tx, shopId: string, code: string, exceptId?: string): Promise<void> {
  let q = tx.selectFrom('supply_batches').select('id').where('shop_id', '=', shopId).where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw codeTaken(code);
}

export async function createBatch(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  input: BatchInput,
): Promise<BatchDetail> {
  requireShopMember(actor, shopId);
  const now = ctx.clock.now();
  const row = clean(input, now);
  const id = newId('batch', now);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const sku = await tx
        .selectFrom('skus')
        .select(['product_id'])
        .where('id', '=', input.skuId)
        .where('shop_id', '=', shopId)
        .executeTakeFirst();
      if (!sku) throw notFound('sku', input.skuId);
      await checkRefs(tx, shopId, row);
      await codeFree(tx, shopId, row.code);
      await tx
        .insertInto('supply_batches')
        .values({
          id,
          shop_id: shopId,
          product_id: sku.product_id,
          sku_id: input.skuId,
          ...row,
          remaining: 0,
          status: 'pending',
          received_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    });
  } catch (err) {
    throw isUniqueViolation(err) ? codeTaken(row.code) : err;
  }
  return batchDetail(ctx.db, actor, id);
}

/** Edits a batch; its SKU is fixed, and its quantity too once received. */
export async function updateBatch(
  ctx: CoreContext,
  actor: Actor,
  batchId: string,
  input: BatchFields,
): Promise<BatchDetail> {
  const now = ctx.clock.now();
  const row = clean(input, now);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const b = await ownBatch(tx, actor, batchId);
      checkBatchEditable(b.status, row.quantity !== b.quantity);
      await checkRefs(tx, b.shop_id, row);
      await codeFree(tx, b.shop_id, row.code, batchId);
      // The status guard makes a concurrent receive and quantity change impossible to interleave.
      const res = await tx
        .updateTable('supply_batches')
        .set({ ...row, updated_at: now })
        .where('id', '=', batchId)
        .where('status', '=', b.status)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) checkBatchEditable('received', true);
    });
  } catch (err) {
    throw isUniqueViolation(err) ? codeTaken(row.code) : err;
  }
  return batchDetail(ctx.db, actor, batchId);
}

/** A pending batch recorded by mistake may go (with its checks); a received one is part of the trace. */
export async function deleteBatch(ctx: CoreContext, actor: Actor, batchId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const b = await ownBatch(tx, actor, batchId);
    if (b.status !== 'pending') throw conflict('BATCH_ALREADY_RECEIVED', 'a batch in stock cannot be deleted');
    const qc = await tx.selectFrom('supply_qc_records').select('id').where('batch_id', '=', batchId).execute();
    if (qc.length)
      await tx
        .updateTable('supply_photos')
        .set({ attached_to: null })
        .where(
          'attached_to',
          'in',
          qc.map((q) => q.id),
        )
        .execute();
    await tx.deleteFrom('supply_qc_records').where('batch_id', '=', batchId).execute();
    const res = await tx
      .deleteFrom('supply_batches')
      .where('id', '=', batchId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1)
      throw conflict('BATCH_ALREADY_RECEIVED', 'a batch in stock cannot be deleted');
  });
}
