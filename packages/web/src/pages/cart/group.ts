/** Pure grouping of cart items (or checkout lines) by shop, with per-shop subtotals. */
export interface Groupable {
  shopId: string;
  shopName: string;
  priceFen: number;
  quantity: number;
}

export interface ShopGroup<T extends Groupable> {
  shopId: string;
  shopName: string;
  items: T[];
  itemsFen: number;
}

export function groupByShop<T extends Groupable>(
  items: T[],
  counts: (item: T) => boolean = () => true,
): Array<ShopGroup<T>> {
  const groups = new Map<string, ShopGroup<T>>();
  for (const item of items) {
    let group = groups.get(item.shopId);
    if (!group) {
      group = { shopId: item.shopId, shopName: item.shopName, items: [], itemsFen: 0 };
      groups.set(item.shopId, group);
    }
    group.items.push(item);
    if (counts(item)) group.itemsFen += item.priceFen * item.quantity;
  }
  return [...groups.values()];
}

/** The shop's shipping fee for an items total: free at or above its threshold. */
export function shippingFor(
  itemsFen: number,
  shop: { shippingFeeFen: number; freeShippingOverFen: number | null } | undefined,
): number {
  if (!shop) return 0;
  if (shop.freeShippingOverFen != null && itemsFen >= shop.freeShippingOverFen) return 0;
  return shop.shippingFeeFen;
}
