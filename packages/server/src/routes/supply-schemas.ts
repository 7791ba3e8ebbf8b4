/** Response schemas of the supply chain (供应链): suppliers, production bases, batches and their quality checks. */
import { Type } from 'typebox';
import { BASE_KINDS, QC_RESULTS, type BaseView, type BatchDetail, type BatchView, type Page, type SupplierView } from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

export const SupplyPhotoSchema = Type.Object({ id: Type.String(), url: Type.String() });

export const SupplierSchema = describe<SupplierView>()(
  Type.Object({
    id: Type.String(),
    shopId: Type.String(),
    name: Type.String(),
    contactName: Type.String(),
    phone: Type.String(),
    region: Type.String(),
    note: Type.String(),
    batches: Type.Integer({ description: 'batches recorded from this supplier' }),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  }),
);

export const BaseSchema = describe<BaseView>()(
  Type.Object({
    id: Type.String(),
    shopId: Type.String(),
    supplierId: Nullable(Type.String()),
    supplierName: Nullable(Type.String()),
    name: Type.String(),
    kind: OneOf(BASE_KINDS),
    province: Type.String(),
    city: Type.String(),
    description: Type.String(),
    photo: Nullable(SupplyPhotoSchema),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  }),
);

const BatchProps = {
  id: Type.String(),
  shopId: Type.String(),
  productId: Type.String(),
  productTitle: Type.String(),
  skuId: Type.String(),
  specValues: Type.Array(Type.String()),
  supplierId: Type.String(),
  supplierName: Type.String(),
  baseId: Nullable(Type.String()),
  baseName: Nullable(Type.String()),
  code: Type.String(),
  harvestedAt: Type.Integer(),
  shelfLifeDays: Nullable(Type.Integer()),
  bestBefore: Nullable(Type.Integer()),
  quantity: Type.Integer(),
  remaining: Type.Integer(),
  status: OneOf(['pending', 'received'] as const),
  receivedAt: Nullable(Type.Integer()),
  note: Type.String(),
  latestQc: Nullable(Type.Object({ result: OneOf(QC_RESULTS), checkedAt: Type.Integer() })),
  createdAt: Type.Integer(),
  updatedAt: Type.Integer(),
};

export const BatchPageSchema = describe<Page<BatchView>>()(Type.Object({ items: Type.Array(Type.Object(BatchProps)), nextCursor: Nullable(Type.String()) }));

const DetailProps = {
  ...BatchProps,
  qcRecords: Type.Array(
    Type.Object({ id: Type.String(), batchId: Type.String(), result: OneOf(QC_RESULTS), inspector: Type.String(), notes: Type.String(), checkedAt: Type.Integer(), photos: Type.Array(SupplyPhotoSchema), createdAt: Type.Integer() }),
  ),
  shipped: Type.Object({ units: Type.Integer(), lines: Type.Integer() }, { description: 'units shipped from this batch and the order lines they went to' }),
};

export const BatchDetailSchema = describe<BatchDetail>()(Type.Object(DetailProps));
export const ReceivedBatchSchema = describe<BatchDetail & { skuStock: number }>()(Type.Object({ ...DetailProps, skuStock: Type.Integer({ description: 'the SKU’s stock after receiving' }) }));
