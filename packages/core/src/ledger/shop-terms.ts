/**
 * A shop's settlement terms: a cap on how many days after completion its orders settle. The
 * ledger owns the row; whoever grants faster settlement (the experience score: a top score settles
 * sooner) sets it through `setShopSettleCap`. Orders completed afterwards use the shorter of the
 * category's window and the cap; orders already scheduled keep their date.
 */
import type { Db, Tx } from '../context.js';

export interface ShopSettleTerms {
  shopId: string;
  settleCapDays: number | null;
  reason: string;
  updatedAt: number;
}

/** Sets (or clears, with null) a shop's settlement cap; a no-op when it is already so. */
export async function setShopSettleCap(
  db: Db | Tx,
  shopId: string,
  capDays: number | null,
  reason: string,
  now: number,
): Promise<void> {
  const cap = capDays === null ? null : Math.max(0, Math.trunc(capDays));
  const row = await db
    .selectFrom('ledger_shop_terms')
    .select(['settle_cap_days', 'reason'])
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  if (row && (row.settle_cap_days === null ? null : Number(row.settle_cap_days)) === cap && row.reason === reason)
    return;
  await db
    .insertInto('ledger_shop_terms')
    .values({ shop_id: shopId, settle_cap_days: cap, reason, updated_at: now })
    .onConflict((oc) => oc.column('shop_id').doUpdateSet({ settle_cap_days: cap, reason, updated_at: now }))
    .execute();
}

export async function shopSettleTerms(db: Db | Tx, shopId: string): Promise<ShopSettleTerms | null> {
  const row = await db.selectFrom('ledger_shop_terms').selectAll().where('shop_id', '=', shopId).executeTakeFirst();
  return row
    ? {
        shopId,
        settleCapDays: row.settle_cap_days === null ? null : Number(row.settle_cap_days),
        reason: row.reason,
        updatedAt: Number(row.updated_at),
      }
    : null;
}

/** The days an order of this shop waits after completion: the category window, capped by the shop's terms. */
export async function settleWindowFor(db: Db | Tx, shopId: string, categoryDays: number): Promise<number> {
  const terms = await shopSettleTerms(db, shopId);
  return terms?.settleCapDays == null ? categoryDays : Math.min(categoryDays, terms.settleCapDays);
}
