/**
 * The product page: the catalog's view of the product with what the buyer is promised if they buy
 * now. The promise is capacity's (the shop's declared capacity, its open orders, the product's
 * surge policy), so the page is composed here, above the catalog, and the catalog knows nothing of
 * surge protection.
 */
import type { Actor, Db } from '../context.js';
import { catalogProductDetail, type CatalogProductDetail } from '../catalog/index.js';
import { productSaleTerms, saleTermsOf } from './shop-load.js';
import type { SalePromise } from './surge-policy.js';

export interface ProductDetail extends CatalogProductDetail {
  /** What the buyer is promised if they buy now (surge protection may make it a pre-sale date). */
  promise: SalePromise;
  /** Surge protection paused this product's sales: checkout answers 409 SALES_PAUSED. */
  salesPaused: boolean;
}

/** A product with SKUs and its sale terms now. Shoppers see listed products only; members of the shop see any status. */
export async function productDetail(
  db: Db,
  productId: string,
  viewer: Actor | null,
  now?: number,
): Promise<ProductDetail> {
  const { detail, alongside: terms } = await catalogProductDetail(db, productId, viewer, (p) =>
    // Without the time (callers that pass none) the usual in-stock promise is shown.
    now === undefined ? Promise.resolve(saleTermsOf(null, p.shipByHours, null, 0)) : productSaleTerms(db, p, now),
  );
  return {
    ...detail,
    promise: terms.sale === 'open' ? terms.promise : { kind: 'in_stock', shipWithinHours: detail.rules.shipByHours },
    salesPaused: terms.sale === 'paused',
  };
}
