/** Supply and traceability (供应链 / 溯源): the origin card for shoppers, suppliers, bases, batches and quality for merchants. */
import { api } from './client';
import type { Page } from './types';

export type BaseKind = 'farm' | 'orchard' | 'ranch' | 'fishery' | 'factory';
export const BASE_KINDS: BaseKind[] = ['farm', 'orchard', 'ranch', 'fishery', 'factory'];
export type QcResult = 'pass' | 'fail';
export type BatchStatus = 'pending' | 'received';

export interface OriginCardData {
  skuId: string;
  batch: { id: string; code: string; harvestedAt: number; shelfLifeDays: number | null; bestBefore: number | null; receivedAt: number | null };
  base: { name: string; kind: BaseKind; province: string; city: string; description: string } | null;
  supplier: { name: string; region: string };
  qc: { result: QcResult; inspector: string; checkedAt: number; notes: string } | null;
  photos: string[];
}

export interface ProductOrigin {
  productId: string;
  current: OriginCardData | null;
  bySku: Record<string, OriginCardData>;
}

/** The batch(es) an order line shipped from (in the order views' lines). */
export interface LineOrigin extends OriginCardData {
  quantity: number;
}

export interface SupplyPhoto { id: string; url: string }

export interface Supplier { id: string; shopId: string; name: string; contactName: string; phone: string; region: string; note: string; batches: number; createdAt: number; updatedAt: number }
export interface SupplierInput { name: string; contactName?: string; phone?: string; region?: string; note?: string }

export interface Base { id: string; shopId: string; supplierId: string | null; supplierName: string | null; name: string; kind: BaseKind; province: string; city: string; description: string; photo: SupplyPhoto | null; createdAt: number; updatedAt: number }
export interface BaseInput { name: string; kind: BaseKind; province: string; city: string; description?: string; supplierId?: string | null; photoId?: string | null }

export interface Batch {
  id: string; shopId: string; productId: string; productTitle: string; skuId: string; specValues: string[];
  supplierId: string; supplierName: string; baseId: string | null; baseName: string | null;
  code: string; harvestedAt: number; shelfLifeDays: number | null; bestBefore: number | null;
  quantity: number; remaining: number; status: BatchStatus; receivedAt: number | null; note: string;
  latestQc: { result: QcResult; checkedAt: number } | null;
  createdAt: number; updatedAt: number;
}
export interface QcRecord { id: string; batchId: string; result: QcResult; inspector: string; notes: string; checkedAt: number; photos: SupplyPhoto[]; createdAt: number }
export interface BatchDetail extends Batch { qcRecords: QcRecord[]; shipped: { units: number; lines: number } }
export interface BatchFields { supplierId: string; baseId?: string | null; code: string; harvestedAt: number; quantity: number; shelfLifeDays?: number | null; note?: string }
export interface QcInput { result: QcResult; inspector: string; notes?: string; checkedAt?: number; photoIds?: string[] }

export interface SupplierQuality {
  supplierId: string; supplierName: string; batches: number;
  shippedUnits: number; shippedFen: number; shippedLines: number;
  cases: number; claimedUnits: number; refundFen: number; score: number | null;
}

const enc = encodeURIComponent;
const shop = (shopId: string) => `/merchant/shops/${enc(shopId)}`;

export const supplyApi = {
  productOrigin: (productId: string) => api<ProductOrigin>('GET', `/products/${enc(productId)}/origin`),

  suppliers: (shopId: string) => api<{ items: Supplier[] }>('GET', `${shop(shopId)}/suppliers`).then((r) => r.items),
  createSupplier: (shopId: string, body: SupplierInput) => api<Supplier>('POST', `${shop(shopId)}/suppliers`, { body }),
  updateSupplier: (id: string, body: SupplierInput) => api<Supplier>('PUT', `/merchant/suppliers/${enc(id)}`, { body }),
  deleteSupplier: (id: string) => api<void>('DELETE', `/merchant/suppliers/${enc(id)}`),

  bases: (shopId: string) => api<{ items: Base[] }>('GET', `${shop(shopId)}/bases`).then((r) => r.items),
  createBase: (shopId: string, body: BaseInput) => api<Base>('POST', `${shop(shopId)}/bases`, { body }),
  updateBase: (id: string, body: BaseInput) => api<Base>('PUT', `/merchant/bases/${enc(id)}`, { body }),
  deleteBase: (id: string) => api<void>('DELETE', `/merchant/bases/${enc(id)}`),

  batches: (shopId: string, q: { status?: BatchStatus; supplierId?: string; cursor?: string | null }) => api<Page<Batch>>('GET', `${shop(shopId)}/batches`, { query: { limit: 10, ...q } }),
  batch: (id: string) => api<BatchDetail>('GET', `/merchant/batches/${enc(id)}`),
  createBatch: (shopId: string, body: BatchFields & { skuId: string }) => api<BatchDetail>('POST', `${shop(shopId)}/batches`, { body }),
  updateBatch: (id: string, body: BatchFields) => api<BatchDetail>('PUT', `/merchant/batches/${enc(id)}`, { body }),
  deleteBatch: (id: string) => api<void>('DELETE', `/merchant/batches/${enc(id)}`),
  receive: (id: string) => api<BatchDetail & { skuStock: number }>('POST', `/merchant/batches/${enc(id)}/receive`),
  addQc: (id: string, body: QcInput) => api<BatchDetail>('POST', `/merchant/batches/${enc(id)}/qc-records`, { body }),

  /** The shop's products to pick a batch's SKU from (the first 100, newest first). */
  products: (shopId: string) => api<Page<{ id: string; title: string; status: string }>>('GET', `${shop(shopId)}/products`, { query: { limit: 100 } }).then((r) => r.items),
  skus: (productId: string) => api<{ skus: Array<{ id: string; specValues: string[]; stock: number }> }>('GET', `/merchant/products/${enc(productId)}`).then((r) => r.skus),

  quality: (shopId: string) => api<{ items: SupplierQuality[] }>('GET', `${shop(shopId)}/supplier-quality`).then((r) => r.items),
};

/** Where a merchant uploads a photo of a base or check (multipart field "file"). */
export const supplyPhotoPath = (shopId: string) => `${shop(shopId)}/supply-photos`;
