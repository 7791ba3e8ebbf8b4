/**
 * Surge protection for flash-sale orders, as checkout applies it: when the shop declared a daily
 * shipping capacity, its capacity row is locked for the group's transaction, the open orders are
 * counted, and each order of the group in arrival order gets the product's terms at that point in
 * the queue — the usual promise, a pre-sale ship-by date, or paused (the merchant's policy for
 * this product says to stop selling beyond capacity). Shops without a declared capacity cost one
 * indexed read per group.
 */
import type { Tx } from '../context.js';
import { DEFAULT_WAREHOUSE, capacityOf, loadShopLoad, saleTermsOf } from '../capacity/index.js';
import type { SaleInfo } from './sale-info.js';

/** Per order of the group: null (usual promise), a pre-sale ship-by time, or 'paused'. */
export type SurgeTerm = number | null | 'paused';

export async function surgeTermsOfGroup(tx: Tx, sale: SaleInfo, orders: number, now: number): Promise<SurgeTerm[]> {
  const perDay = await capacityOf(tx, sale.shopId);
  if (perDay === null) return new Array<SurgeTerm>(orders).fill(null);
  await tx
    .updateTable('shop_capacity')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('shop_id', '=', sale.shopId)
    .where('warehouse', '=', DEFAULT_WAREHOUSE)
    .execute();
  const [load, policy] = await Promise.all([
    loadShopLoad(tx, sale.shopId, perDay, now),
    tx
      .selectFrom('product_surge_policies')
      .select('policy')
      .where('product_id', '=', sale.productId)
      .executeTakeFirst(),
  ]);
  const out: SurgeTerm[] = [];
  for (let i = 0; i < orders; i++) {
    const terms = saleTermsOf(policy?.policy ?? null, sale.rules.shipByHours, load, now);
    if (terms.sale === 'paused') {
      out.push('paused');
      continue;
    }
    out.push(terms.promise.kind === 'presale' ? terms.promise.shipBy : null);
    load.unpaid += 1; // this order joins the queue the next one is measured against
  }
  return out;
}
