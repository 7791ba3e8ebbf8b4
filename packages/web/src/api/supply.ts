/** Supply and traceability (供应链 / 溯源): the origin card for shoppers, suppliers, bases, batches and quality for merchants. */
import { api } from './client';
import type { Answer } from './contract';

export type BaseKind = Base['kind'];
export const BASE_KINDS: BaseKind[] = ['farm', 'orchard', 'ranch', 'fishery', 'factory'];
export type QcResult = QcRecord['result'];
export type BatchStatus = Batch['status'];

export interface SupplierInput {
  name: string;
  contactName?: string;
  phone?: string;
  region?: string;
  note?: string;
}

export interface BaseInput {
  name: string;
  kind: BaseKind;
  province: string;
  city: string;
  description?: string;
  supplierId?: string | null;
  photoId?: string | null;
}

export interface BatchFields {
  supplierId: string;
  baseId?: string | null;
  code: string;
  harvestedAt: number;
  quantity: number;
  shelfLifeDays?: number | null;
  note?: string;
}
export interface QcInput {
  result: QcResult;
  inspector: string;
  notes?: string;
  checkedAt?: number;
  photoIds?: string[];
}

export type ProductOrigin = Answer<'/api/v1/products/{productId}/origin', 'get'>;
export type OriginCardData = ProductOrigin['bySku'][string];
export type LineOrigin = OriginCardData & { quantity: number };
export type Supplier = Answer<'/api/v1/merchant/suppliers/{supplierId}', 'get'>;
export type Base = Answer<'/api/v1/merchant/bases/{baseId}', 'get'>;
export type SupplyPhoto = NonNullable<Base['photo']>;
type BatchPage = Answer<'/api/v1/merchant/shops/{shopId}/batches', 'get'>;
export type Batch = BatchPage['items'][number];
export type BatchDetail = Answer<'/api/v1/merchant/batches/{batchId}', 'get'>;
export type QcRecord = BatchDetail['qcRecords'][number];
export type SupplierQuality = Answer<'/api/v1/merchant/shops/{shopId}/supplier-quality', 'get'>['items'][number];

const enc = encodeURIComponent;
const shop = (shopId: string) => `/merchant/shops/${enc(shopId)}`;

export const supplyApi = {
  productOrigin: (productId: string) => api<ProductOrigin>('GET', `/products/${enc(productId)}/origin`),

  suppliers: (shopId: string) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}/suppliers', 'get'>>('GET', `${shop(shopId)}/suppliers`).then(
      (r) => r.items,
    ),
  createSupplier: (shopId: string, body: SupplierInput) => api<Supplier>('POST', `${shop(shopId)}/suppliers`, { body }),
  updateSupplier: (id: string, body: SupplierInput) => api<Supplier>('PUT', `/merchant/suppliers/${enc(id)}`, { body }),
  deleteSupplier: (id: string) => api<void>('DELETE', `/merchant/suppliers/${enc(id)}`),

  bases: (shopId: string) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}/bases', 'get'>>('GET', `${shop(shopId)}/bases`).then((r) => r.items),
  createBase: (shopId: string, body: BaseInput) => api<Base>('POST', `${shop(shopId)}/bases`, { body }),
  updateBase: (id: string, body: BaseInput) => api<Base>('PUT', `/merchant/bases/${enc(id)}`, { body }),
  deleteBase: (id: string) => api<void>('DELETE', `/merchant/bases/${enc(id)}`),

  batches: (shopId: string, q: { status?: BatchStatus; supplierId?: string; cursor?: string | null }) =>
    api<BatchPage>('GET', `${shop(shopId)}/batches`, { query: { limit: 10, ...q } }),
  batch: (id: string) => api<BatchDetail>('GET', `/merchant/batches/${enc(id)}`),
  createBatch: (shopId: string, body: BatchFields & { skuId: string }) =>
    api<BatchDetail>('POST', `${shop(shopId)}/batches`, { body }),
  updateBatch: (id: string, body: BatchFields) => api<BatchDetail>('PUT', `/merchant/batches/${enc(id)}`, { body }),
  deleteBatch: (id: string) => api<void>('DELETE', `/merchant/batches/${enc(id)}`),
  receive: (id: string) =>
    api<Answer<'/api/v1/merchant/batches/{batchId}/receive', 'post'>>('POST', `/merchant/batches/${enc(id)}/receive`),
  addQc: (id: string, body: QcInput) => api<BatchDetail>('POST', `/merchant/batches/${enc(id)}/qc-records`, { body }),

  /** The shop's products to pick a batch's SKU from (the first 100, newest first). */
  products: (shopId: string) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}/products', 'get'>>('GET', `${shop(shopId)}/products`, {
      query: { limit: 100 },
    }).then((r) => r.items),
  skus: (productId: string) =>
    api<Answer<'/api/v1/merchant/products/{productId}', 'get'>>('GET', `/merchant/products/${enc(productId)}`).then(
      (r) => r.skus,
    ),

  quality: (shopId: string) =>
    api<Answer<'/api/v1/merchant/shops/{shopId}/supplier-quality', 'get'>>(
      'GET',
      `${shop(shopId)}/supplier-quality`,
    ).then((r) => r.items),
};

/** Where a merchant uploads a photo of a base or check (multipart field "file"). */
export const supplyPhotoPath = (shopId: string) => `${shop(shopId)}/supply-photos`;
