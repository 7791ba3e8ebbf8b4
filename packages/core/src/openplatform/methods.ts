/** The business methods by name (token.create and token.refresh are answered before a shop is known). */
import type { MethodHandler } from './call.js';
import type { OpenMethod } from './rules.js';
import * as orders from './methods-orders.js';
import * as stock from './methods-stock.js';
import * as products from './methods-products.js';
import * as aftersales from './methods-aftersales.js';
import * as productWrite from './methods-product-write.js';
import * as addresses from './methods-address.js';

export const METHOD_HANDLERS: Readonly<Record<Exclude<OpenMethod, 'token.create' | 'token.refresh'>, MethodHandler>> = {
  'order.searchList': orders.searchList,
  'order.orderDetail': orders.orderDetail,
  'order.addOrderRemark': orders.addOrderRemark,
  'order.logisticsAdd': orders.logisticsAdd,
  'order.logisticsAddMultiPack': orders.logisticsAddMultiPack,
  'order.logisticsCompanyList': orders.logisticsCompanyList,
  'order.logisticsEdit': orders.logisticsEdit,
  'address.list': addresses.addressList,
  'sku.syncStock': stock.syncStock,
  'sku.syncStockBatch': stock.syncStockBatch,
  'sku.stockNum': stock.stockNum,
  'sku.list': products.skuList,
  'sku.editPrice': products.editPrice,
  'product.listV2': products.listV2,
  'product.detail': products.detail,
  'product.setOnline': products.setOnline,
  'product.setOffline': products.setOffline,
  'product.addV2': productWrite.addV2,
  'product.editV2': productWrite.editV2,
  'shop.getShopCategory': products.shopCategory,
  'afterSale.List': aftersales.list,
  'afterSale.Detail': aftersales.detail,
  'afterSale.operate': aftersales.operate,
};

/** Methods whose request carries an idempotency key (the first answer is kept and answered again). */
export const REQUEST_ID_FIELD: Partial<Record<OpenMethod, string>> = {
  'order.logisticsAddMultiPack': 'request_id',
};
