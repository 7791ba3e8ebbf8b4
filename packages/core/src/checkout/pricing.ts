/** Server-side pricing of a checkout: lines grouped into one order per shop, shipping per shop. Pure. */
import type { Attribution } from '../affiliate/index.js';

export interface PricedSku {
  skuId: string;
  productId: string;
  shopId: string;
  categoryId: string;
  title: string;
  specValues: string[];
  priceFen: number;
  shipByHours: number;
  feeRateBp: number;
  perishable: boolean;
}

export interface ShopShipping {
  shopId: string;
  shippingFeeFen: number;
  freeShippingOverFen: number | null;
}

export interface RequestedLine {
  skuId: string;
  quantity: number;
  attribution: Attribution;
}

export interface PricedLine extends PricedSku {
  quantity: number;
  /** What the buyer pays for the line: price × quantity less its share of a coupon. */
  lineTotalFen: number;
  discountFen?: number;
  attribution: Attribution;
}

export interface PricedOrder {
  shopId: string;
  lines: PricedLine[];
  /** The lines' totals (after any coupon). */
  itemsFen: number;
  discountFen?: number;
  shippingFeeFen: number;
  totalFen: number;
}

export function shippingFee(shop: ShopShipping, itemsFen: number): number {
  if (shop.freeShippingOverFen !== null && itemsFen >= shop.freeShippingOverFen) return 0;
  return shop.shippingFeeFen;
}

/** Groups lines by shop (in order of first appearance) and prices each order. */
export function priceOrders(
  lines: RequestedLine[],
  skus: Map<string, PricedSku>,
  shops: Map<string, ShopShipping>,
): PricedOrder[] {
  const byShop = new Map<string, PricedLine[]>();
  for (const line of lines) {
    const sku = skus.get(line.skuId);
    if (!sku) throw new Error(`unpriced sku ${line.skuId}`);
    const priced: PricedLine = {
      ...sku,
      quantity: line.quantity,
      lineTotalFen: sku.priceFen * line.quantity,
      attribution: line.attribution,
    };
    const group = byShop.get(sku.shopId);
    if (group) group.push(priced);
    else byShop.set(sku.shopId, [priced]);
  }
  return [...byShop.entries()].map(([shopId, shopLines]) => {
    const itemsFen = shopLines.reduce((sum, l) => sum + l.lineTotalFen, 0);
    const shop = shops.get(shopId);
    if (!shop) throw new Error(`unknown shop ${shopId}`);
    const fee = shippingFee(shop, itemsFen);
    return { shopId, lines: shopLines, itemsFen, shippingFeeFen: fee, totalFen: itemsFen + fee };
  });
}

/** Same SKU twice in one request: one line with the quantities added (first attribution wins). */
export function mergeLines(lines: RequestedLine[]): RequestedLine[] {
  const merged = new Map<string, RequestedLine>();
  for (const l of lines) {
    const seen = merged.get(l.skuId);
    if (seen) seen.quantity += l.quantity;
    else merged.set(l.skuId, { ...l });
  }
  return [...merged.values()];
}
