/** The flash-sale form's rules, before anything is sent: the same bounds the server enforces. */
import type { FlashSaleInput } from '../../../../api/live';

export interface SaleFormValues {
  skuId: string | null;
  priceYuan: string;
  quantity: number | null;
  perPersonLimit: number | null;
  startInMinutes: number;
  durationMinutes: number | null;
}

export interface SkuFacts {
  priceFen: number;
  stock: number;
}

export const MAX_PER_PERSON = 99;

/** "9.9" / "9.90" → 990 fen; null for anything that is not an amount with at most two decimals. */
export function yuanToFen(text: string): number | null {
  const value = text.trim();
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(value)) return null;
  const [yuan, cents = ''] = value.split('.');
  return Number(yuan) * 100 + Number(cents.padEnd(2, '0'));
}
export const MAX_DURATION_MINUTES = 24 * 60;

export type SaleFormCheck =
  | { ok: true; input: FlashSaleInput }
  | { ok: false; field: keyof SaleFormValues; reason: string };

/** Checks the form against the chosen SKU at `now`; `reason` is an i18n key under liveConsole.sale.errors. */
export function checkSaleForm(v: SaleFormValues, sku: SkuFacts | null, now: number): SaleFormCheck {
  if (!v.skuId || !sku) return { ok: false, field: 'skuId', reason: 'sku' };
  const priceFen = yuanToFen(v.priceYuan);
  if (priceFen === null || priceFen < 1) return { ok: false, field: 'priceYuan', reason: 'price' };
  if (priceFen >= sku.priceFen) return { ok: false, field: 'priceYuan', reason: 'notCheaper' };
  const quantity = v.quantity ?? 0;
  if (!Number.isInteger(quantity) || quantity < 1) return { ok: false, field: 'quantity', reason: 'quantity' };
  if (quantity > sku.stock) return { ok: false, field: 'quantity', reason: 'overStock' };
  const limit = v.perPersonLimit ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PER_PERSON)
    return { ok: false, field: 'perPersonLimit', reason: 'limit' };
  const minutes = v.durationMinutes ?? 0;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_DURATION_MINUTES)
    return { ok: false, field: 'durationMinutes', reason: 'duration' };
  const startsAt = now + Math.max(0, Math.round(v.startInMinutes)) * 60_000;
  return {
    ok: true,
    input: { skuId: v.skuId, priceFen, quantity, perPersonLimit: limit, startsAt, endsAt: startsAt + minutes * 60_000 },
  };
}
