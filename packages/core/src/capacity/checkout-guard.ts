/**
 * Surge protection inside the checkout transaction: for every order of a shop that declared its
 * capacity, the shop's capacity row is locked (concurrent checkouts of that shop take turns, so
 * two never get the same slot), the queue is counted and each line's policy decides: in stock,
 * pre-sale with the projected date (returned, to be snapshotted onto the order), or 409
 * SALES_PAUSED (the whole checkout rolls back, stock untouched). Shops without a declared
 * capacity cost nothing here.
 */
import type { Tx } from '../context.js';
import { DomainError } from '../platform/index.js';
import { DEFAULT_WAREHOUSE } from './capacity-constants.js';
import { loadShopLoad, saleTermsOf } from './shop-load.js';

export interface GuardedOrder {
  shopId: string;
  lines: ReadonlyArray<{ productId: string; shipByHours: number }>;
}

/** The pre-sale ship-by date each order promises (null: the usual in-stock promise). */
export async function surgePromises(
  tx: Tx,
  orders: readonly GuardedOrder[],
  capacity: ReadonlyMap<string, number>,
  policies: ReadonlyMap<string, string | null>,
  now: number,
): Promise<Array<number | null>> {
  const out: Array<number | null> = [];
  for (const o of orders) {
    const perDay = capacity.get(o.shopId);
    if (perDay === undefined) {
      out.push(null);
      continue;
    }
    await tx
      .updateTable('shop_capacity')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('shop_id', '=', o.shopId)
      .where('warehouse', '=', DEFAULT_WAREHOUSE)
      .execute();
    const load = await loadShopLoad(tx, o.shopId, perDay, now);
    let promised: number | null = null;
    for (const l of o.lines) {
      const terms = saleTermsOf(policies.get(l.productId) ?? null, l.shipByHours, load, now);
      if (terms.sale === 'paused')
        throw new DomainError(
          'SALES_PAUSED',
          '该商品发货排期已满，暂停销售 / sales of this product are paused: the shop is at its shipping capacity',
          { productId: l.productId },
        );
      if (terms.promise.kind === 'presale') promised = Math.max(promised ?? 0, terms.promise.shipBy);
    }
    out.push(promised);
  }
  return out;
}
