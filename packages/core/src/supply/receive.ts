/**
 * Receiving a batch (入库): its units become the SKU's stock through the inventory module, and
 * the batch's remaining units become available to shipping — one transaction, once per batch.
 */
import type { Actor, CoreContext } from '../context.js';
import { receiveIntoStock } from '../inventory/index.js';
import { emit } from '../outbox/index.js';
import { conflict } from '../platform/index.js';
import { MAX_STOCK } from '../catalog/index.js';
import { ownBatch } from './access.js';
import { batchDetail, type BatchDetail } from './batch-views.js';
import { checkReceivable, type QcResult } from './supply-rules.js';

export async function receiveBatch(
  ctx: CoreContext,
  actor: Actor,
  batchId: string,
): Promise<BatchDetail & { skuStock: number }> {
  let skuStock = 0;
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const b = await ownBatch(tx, actor, batchId);
    const latest = await tx
      .selectFrom('supply_qc_records')
      .select('result')
      .where('batch_id', '=', batchId)
      .orderBy('checked_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    checkReceivable(b.status, (latest?.result as QcResult | undefined) ?? null);
    // The conditional flip makes a second, concurrent receive change nothing.
    const flip = await tx
      .updateTable('supply_batches')
      .set((eb) => ({ status: 'received', remaining: eb.ref('quantity'), received_at: now, updated_at: now }))
      .where('id', '=', batchId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(flip.numUpdatedRows) !== 1) checkReceivable('received', null);
    const fresh = await tx
      .selectFrom('supply_batches')
      .select(['quantity', 'sku_id'])
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow();
    if (!(await receiveIntoStock(tx, fresh.sku_id, fresh.quantity, now))) {
      throw conflict('STOCK_LIMIT_EXCEEDED', `a SKU holds at most ${MAX_STOCK} units`, {
        skuId: fresh.sku_id,
        quantity: fresh.quantity,
      });
    }
    skuStock = Number(
      (await tx.selectFrom('skus').select('stock').where('id', '=', fresh.sku_id).executeTakeFirstOrThrow()).stock,
    );
    await emit(
      tx,
      'supply.batch_received',
      batchId,
      { batchId, shopId: b.shop_id, skuId: fresh.sku_id, quantity: fresh.quantity },
      now,
    );
  });
  return { ...(await batchDetail(ctx.db, actor, batchId)), skuStock };
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'supply.batch_received': { batchId: string; shopId: string; skuId: string; quantity: number };
  }
}
