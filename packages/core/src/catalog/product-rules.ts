/** Pure rules of the catalog: spec combinations, SKU validity and the product status table. */
import { invalid, stateTable, type Transition } from '../platform/index.js';

export interface SpecOption {
  name: string;
  values: string[];
}

export interface SkuInput {
  specValues: string[];
  priceFen: number;
  originalPriceFen?: number | null;
  stock: number;
}

export const MAX_PRICE_FEN = 100_000_000; // ¥1,000,000
export const MAX_STOCK = 10_000_000;
/** A product's specs: at most MAX_SPEC_OPTIONS options (颜色, 尺码 …), each named in at most MAX_SPEC_NAME characters, with 1–MAX_SPEC_VALUES values of at most MAX_SPEC_VALUE_CHARS characters; 1–MAX_SKUS SKUs. */
export const MAX_SPEC_OPTIONS = 3;
export const MAX_SPEC_NAME = 20;
export const MAX_SPEC_VALUES = 30;
export const MAX_SPEC_VALUE_CHARS = 30;
export const MAX_SKUS = 300;
/** A product's title is MIN_PRODUCT_TITLE–MAX_PRODUCT_TITLE characters, its description at most MAX_PRODUCT_DESCRIPTION. */
export const MIN_PRODUCT_TITLE = 2;
export const MAX_PRODUCT_TITLE = 60;
export const MAX_PRODUCT_DESCRIPTION = 5000;

export function specKey(values: readonly string[]): string {
  return values.join('\u001f');
}

/** Every SKU names one value per option, no combination twice; prices and stock in range. */
export function checkSpecsAndSkus(options: SpecOption[], skus: SkuInput[]): void {
  if (options.length > MAX_SPEC_OPTIONS)
    throw invalid(`at most ${MAX_SPEC_OPTIONS} spec options`, { field: 'specOptions' });
  const names = new Set<string>();
  for (const o of options) {
    if (!o.name.trim() || o.name.length > MAX_SPEC_NAME)
      throw invalid(`spec option names must be 1–${MAX_SPEC_NAME} characters`, { field: 'specOptions' });
    if (names.has(o.name)) throw invalid(`spec option ${o.name} appears twice`, { field: 'specOptions' });
    names.add(o.name);
    if (o.values.length < 1 || o.values.length > MAX_SPEC_VALUES)
      throw invalid(`spec option ${o.name} needs 1–${MAX_SPEC_VALUES} values`, { field: 'specOptions' });
    if (new Set(o.values).size !== o.values.length)
      throw invalid(`spec option ${o.name} repeats a value`, { field: 'specOptions' });
    for (const v of o.values)
      if (!v.trim() || v.length > MAX_SPEC_VALUE_CHARS)
        throw invalid(`spec values must be 1–${MAX_SPEC_VALUE_CHARS} characters`, { field: 'specOptions' });
  }
  if (skus.length < 1 || skus.length > MAX_SKUS) throw invalid(`a product needs 1–${MAX_SKUS} SKUs`, { field: 'skus' });
  const seen = new Set<string>();
  skus.forEach((sku, i) => {
    if (sku.specValues.length !== options.length)
      throw invalid(`sku ${i} must name one value per spec option`, { field: 'skus', index: i });
    sku.specValues.forEach((v, j) => {
      if (!options[j]!.values.includes(v))
        throw invalid(`sku ${i}: "${v}" is not a value of ${options[j]!.name}`, { field: 'skus', index: i });
    });
    const key = specKey(sku.specValues);
    if (seen.has(key)) throw invalid(`sku ${i} repeats a spec combination`, { field: 'skus', index: i });
    seen.add(key);
    checkPrice(sku.priceFen, sku.originalPriceFen ?? null, i);
    checkStock(sku.stock, i);
  });
}

export function checkPrice(priceFen: number, originalPriceFen: number | null, index?: number): void {
  if (!Number.isSafeInteger(priceFen) || priceFen < 1 || priceFen > MAX_PRICE_FEN) {
    throw invalid(`price must be an integer of fen between 1 and ${MAX_PRICE_FEN}`, { field: 'priceFen', index });
  }
  if (
    originalPriceFen !== null &&
    (!Number.isSafeInteger(originalPriceFen) || originalPriceFen < priceFen || originalPriceFen > MAX_PRICE_FEN)
  ) {
    throw invalid('original price must be an integer of fen not below the price', { field: 'originalPriceFen', index });
  }
}

export function checkStock(stock: number, index?: number): void {
  if (!Number.isSafeInteger(stock) || stock < 0 || stock > MAX_STOCK)
    throw invalid(`stock must be an integer between 0 and ${MAX_STOCK}`, { field: 'stock', index });
}

export type ProductStatus = 'draft' | 'listed' | 'delisted';

export type ProductAction = 'list' | 'delist' | 'to_draft';

/** Allowed status changes of a product: the merchant lists, delists and takes a delisted product back to draft; the platform delists (a report upheld). */
export const PRODUCT_TRANSITIONS: readonly Transition<ProductStatus, ProductAction, 'merchant' | 'platform'>[] = [
  { from: 'draft', action: 'list', to: 'listed', who: ['merchant'] },
  { from: 'listed', action: 'delist', to: 'delisted', who: ['merchant', 'platform'] },
  { from: 'delisted', action: 'list', to: 'listed', who: ['merchant'] },
  { from: 'delisted', action: 'to_draft', to: 'draft', who: ['merchant'] },
];

export const PRODUCT_STATES = stateTable('product', PRODUCT_TRANSITIONS);

export function checkProductTransition(from: string, to: ProductStatus): void {
  PRODUCT_STATES.assertMove(from, to, 'merchant');
}

/** A cart line can be bought when its product is on sale and its SKU has the quantity in stock (pure). */
export function isBuyable(line: { status: string; stock: number; quantity: number }): boolean {
  return line.status === 'listed' && Number(line.stock) >= Number(line.quantity);
}
