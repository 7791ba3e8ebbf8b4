/** Pure SKU-picker rules: which chips are available, which SKU a selection means. */
import type { ProductDetail, Sku } from '../../api/types';

/** What the SKU picker reads of a product. */
export type SkuChoice = Pick<ProductDetail, 'specOptions' | 'skus'>;

export type Selection = Array<string | null>;

/** Options with a single value are chosen from the start; the rest wait for the shopper. */
export function initialSelection(product: SkuChoice): Selection {
  return product.specOptions.map((option) => (option.values.length === 1 ? option.values[0]! : null));
}

function matches(sku: Sku, selection: Selection, skip = -1): boolean {
  return selection.every((value, i) => i === skip || value === null || sku.specValues[i] === value);
}

/** A chip is available when some SKU with stock has that value and fits the other choices. */
export function isValueAvailable(
  product: SkuChoice,
  selection: Selection,
  optionIndex: number,
  value: string,
): boolean {
  return product.skus.some(
    (sku) => sku.stock > 0 && sku.specValues[optionIndex] === value && matches(sku, selection, optionIndex),
  );
}

/** The SKU the selection names, or null while an option is unchosen. */
export function selectedSku(product: SkuChoice, selection: Selection): Sku | null {
  if (product.specOptions.length === 0) return product.skus[0] ?? null;
  if (selection.some((v) => v === null)) return null;
  return product.skus.find((sku) => matches(sku, selection)) ?? null;
}

/** Lowest and highest price over the SKUs that fit the selection so far. */
export function priceRange(product: SkuChoice, selection: Selection): { min: Sku; max: Sku } | null {
  const fitting = product.skus.filter((sku) => matches(sku, selection));
  const pool = fitting.length > 0 ? fitting : product.skus;
  if (pool.length === 0) return null;
  let min = pool[0]!;
  let max = pool[0]!;
  for (const sku of pool) {
    if (sku.priceFen < min.priceFen) min = sku;
    if (sku.priceFen > max.priceFen) max = sku;
  }
  return { min, max };
}

export function totalStock(product: SkuChoice): number {
  return product.skus.reduce((sum, sku) => sum + Math.max(0, sku.stock), 0);
}
