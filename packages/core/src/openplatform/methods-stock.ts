/**
 * sku.syncStock / sku.syncStockBatch / sku.stockNum. A full sync (the ERP's count) becomes a signed
 * delta from the stock read just before, applied by the inventory's conditional correction: an
 * order reserved in between stays reserved (the stock ends at count − reserved), never lost as
 * "set stock to N" would. Incremental syncs are idempotent by idempotent_id. The SKU's read here
 * checks it is the shop's; the correction is told that shop, so it holds its update to the shop's
 * SKU instead of reading the owner again.
 */
import { adjustStock } from '../inventory/index.js';
import { MAX_STOCK } from '../catalog/index.js';
import { DomainError } from '../platform/index.js';
import type { CoreContext, Tx } from '../context.js';
import { badBusinessParam, badPlatformParam, missingBusinessParam } from './envelope.js';
import type { OpenCall } from './call.js';
import { internalIdOf } from './open-ids.js';
import { compiledOnce } from '../storage/index.js';
import { asObject, optBool, optInt, optStr, reqArray, reqInt, type Params } from './params.js';

const skuById = compiledOnce((db, v) =>
  db.selectFrom('skus').select(['id', 'product_id', 'shop_id', 'stock']).where('id', '=', v('id')),
);

/** The shop's SKU a call names (`sku_id`); another shop's answers like an unknown one. */
export async function ownSku(
  call: OpenCall,
  p: Params = call.params,
): Promise<{ id: string; productId: string; stock: number }> {
  const num = optInt(p, 'sku_id', { min: 1 });
  if (num === undefined) {
    if (optStr(p, 'code') || optStr(p, 'out_sku_id')) throw badBusinessParam(10002, 'SKU不存在（未设置商家编码）');
    throw missingBusinessParam('sku_id');
  }
  const id = await internalIdOf(call.ctx.db, 'sku', num);
  const row = id ? await skuById.takeFirst(call.ctx.db, { id }) : undefined;
  if (!row || row.shop_id !== call.shopId) throw badBusinessParam(10002, 'SKU不存在');
  return { id: row.id, productId: row.product_id, stock: Number(row.stock) };
}

/** Sets the shop's SKU to `target` by deltas from what it holds now; retries when an order moved it meanwhile. */
async function syncTo(
  ctx: CoreContext,
  call: OpenCall,
  skuId: string,
  target: number,
  readStock: number,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const stock =
      attempt === 0
        ? readStock
        : Number(
            (await ctx.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow()).stock,
          );
    const delta = target - stock;
    if (delta === 0) return;
    try {
      await adjustStock(ctx, call.actor, skuId, delta, { shopId: call.shopId });
      return;
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'STOCK_WOULD_GO_NEGATIVE' || attempt >= 4) throw err;
    }
  }
}

/** Claims a request key (compiled once: every incremental sync runs it); inserts nothing when the key is taken. */
const claimKey = compiledOnce((db, v) =>
  db
    .insertInto('open_requests')
    .values({
      app_id: v('appId'),
      shop_id: v('shopId'),
      method: v('method'),
      request_key: v('key'),
      fingerprint: '',
      response: '{}',
      created_at: v('now') as unknown as number,
    })
    .onConflict((oc) => oc.doNothing()),
);

async function claimIdempotent(tx: Tx, call: OpenCall, method: string, key: string): Promise<void> {
  const res = await claimKey.run(tx, {
    appId: call.app.id,
    shopId: call.shopId,
    method,
    key,
    now: call.ctx.clock.now(),
  });
  if (Number(res.numAffectedRows ?? 0n) !== 1)
    throw badPlatformParam('isv.idempotent-id-existed', 'idempotent_id已存在，该请求已处理');
}

export async function syncStock(call: OpenCall): Promise<unknown> {
  const p = call.params;
  const stockNum = reqInt(p, 'stock_num', { min: -MAX_STOCK, max: MAX_STOCK });
  const incremental = optBool(p, 'incremental') ?? false;
  if (optStr(p, 'out_warehouse_id')) throw badBusinessParam(10004, '暂不支持区域库存');
  const sku = await ownSku(call);
  if (!incremental) {
    if (stockNum < 0) throw badBusinessParam(10001, 'stock_num不能为负数');
    await syncTo(call.ctx, call, sku.id, stockNum, sku.stock);
    return {};
  }
  const key = optStr(p, 'idempotent_id', 64);
  if (!key) throw missingBusinessParam('idempotent_id');
  await call.ctx.db.transaction().execute(async (tx) => {
    await claimIdempotent(tx, call, 'sku.syncStock', key);
    if (stockNum !== 0)
      await adjustStock({ ...call.ctx, db: tx }, call.actor, sku.id, stockNum, { shopId: call.shopId });
  });
  return {};
}

/** sku.syncStockBatch: all SKUs of one product; all or nothing. */
export async function syncStockBatch(call: OpenCall): Promise<unknown> {
  const p = call.params;
  const productNum = reqInt(p, 'product_id', { min: 1 });
  const incremental = optBool(p, 'incremental');
  if (incremental === undefined) throw missingBusinessParam('incremental');
  const items = reqArray(p, 'sku_sync_list', 200).map((x) => asObject(x, 'sku_sync_list'));
  const productId = await internalIdOf(call.ctx.db, 'product', productNum);
  const skus: Array<{ sku: { id: string }; n: number }> = [];
  for (const it of items) {
    const sku = await ownSku(call, it);
    if (sku.productId !== productId) throw badBusinessParam(10002, 'SKU不属于该商品');
    skus.push({ sku, n: reqInt(it, 'stock_num', { min: incremental ? -MAX_STOCK : 0, max: MAX_STOCK }) });
  }
  const key = optStr(p, 'idempotent_id', 64);
  if (incremental && !key) throw missingBusinessParam('idempotent_id');
  await call.ctx.db.transaction().execute(async (tx) => {
    if (key) await claimIdempotent(tx, call, 'sku.syncStockBatch', key);
    const txCtx = { ...call.ctx, db: tx };
    for (const { sku, n } of skus) {
      const delta = incremental
        ? n
        : n -
          Number(
            (await tx.selectFrom('skus').select('stock').where('id', '=', sku.id).executeTakeFirstOrThrow()).stock,
          );
      if (delta !== 0) await adjustStock(txCtx, call.actor, sku.id, delta, { shopId: call.shopId });
    }
  });
  return {};
}

export async function stockNum(call: OpenCall): Promise<unknown> {
  const sku = await ownSku(call);
  const held = await call.ctx.db
    .selectFrom('stock_reservations')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('quantity'), eb.lit(0)).as('q'))
    .where('sku_id', '=', sku.id)
    .where('status', '=', 'reserved')
    .executeTakeFirst();
  return { stock_num: sku.stock, prehold_stock_num: Number(held?.q ?? 0), prom_stock_num: 0, stock_num_map: {} };
}
