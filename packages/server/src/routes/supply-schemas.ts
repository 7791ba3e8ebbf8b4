/** Response schemas of supply routes. */
import { Type } from 'typebox';
import {
  BASE_KINDS,
  QC_RESULTS,
  type BaseView,
  type BatchDetail,
  type BatchView,
  type OriginCard,
  type ProductOrigin,
  type QcRecordView,
  type SupplierQuality,
  type SupplierView,
  type SupplyPhoto,
  type listBases,
  type listBatches,
  type listSuppliers,
  type receiveBatch,
  type supplierQuality,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

export const SupplierViewSchema = describe<SupplierView>()(
  Type.Object({
    id: Type.String(),
    shopId: Type.String(),
    name: Type.String(),
    contactName: Type.String(),
    phone: Type.String(),
    region: Type.String(),
    note: Type.String(),
    batches: Type.Number(),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  }),
);

export const SupplyPhotoSchema = describe<SupplyPhoto>()(Type.Object({ id: Type.String(), url: Type.String() }));

export const BaseViewSchema = describe<BaseView>()(
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

export const BatchViewSchema = describe<BatchView>()(
  Type.Object({
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
    shelfLifeDays: Nullable(Type.Number()),
    bestBefore: Nullable(Type.Number()),
    quantity: Type.Number(),
    remaining: Type.Number(),
    status: OneOf(['received', 'pending'] as const),
    receivedAt: Nullable(Type.Integer()),
    note: Type.String(),
    latestQc: Nullable(Type.Object({ result: OneOf(QC_RESULTS), checkedAt: Type.Integer() })),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  }),
);

export const QcRecordViewSchema = describe<QcRecordView>()(
  Type.Object({
    id: Type.String(),
    batchId: Type.String(),
    result: OneOf(QC_RESULTS),
    inspector: Type.String(),
    notes: Type.String(),
    checkedAt: Type.Integer(),
    photos: Type.Array(SupplyPhotoSchema),
    createdAt: Type.Integer(),
  }),
);

export const BatchDetailSchema = describe<BatchDetail>()(
  Type.Object({
    qcRecords: Type.Array(QcRecordViewSchema),
    shipped: Type.Object({ units: Type.Number(), lines: Type.Number() }),
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
    shelfLifeDays: Nullable(Type.Number()),
    bestBefore: Nullable(Type.Number()),
    quantity: Type.Number(),
    remaining: Type.Number(),
    status: OneOf(['received', 'pending'] as const),
    receivedAt: Nullable(Type.Integer()),
    note: Type.String(),
    latestQc: Nullable(Type.Object({ result: OneOf(QC_RESULTS), checkedAt: Type.Integer() })),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  }),
);

export const SupplierQualitySchema = describe<SupplierQuality>()(
  Type.Object({
    supplierId: Type.String(),
    supplierName: Type.String(),
    batches: Type.Number(),
    shippedUnits: Type.Number(),
    shippedFen: Type.Integer(),
    shippedLines: Type.Number(),
    cases: Type.Number(),
    claimedUnits: Type.Number(),
    refundFen: Type.Integer(),
    score: Nullable(Type.Number()),
  }),
);

export const OriginCardSchema = describe<OriginCard>()(
  Type.Object({
    skuId: Type.String(),
    batch: Type.Object({
      id: Type.String(),
      code: Type.String(),
      harvestedAt: Type.Integer(),
      shelfLifeDays: Nullable(Type.Number()),
      bestBefore: Nullable(Type.Number()),
      receivedAt: Nullable(Type.Integer()),
    }),
    base: Nullable(
      Type.Object({
        name: Type.String(),
        kind: OneOf(BASE_KINDS),
        province: Type.String(),
        city: Type.String(),
        description: Type.String(),
      }),
    ),
    supplier: Type.Object({ name: Type.String(), region: Type.String() }),
    qc: Nullable(
      Type.Object({
        result: OneOf(QC_RESULTS),
        inspector: Type.String(),
        checkedAt: Type.Integer(),
        notes: Type.String(),
      }),
    ),
    photos: Type.Array(Type.String()),
  }),
);

export const ProductOriginSchema = describe<ProductOrigin>()(
  Type.Object({
    productId: Type.String(),
    current: Nullable(OriginCardSchema),
    bySku: Type.Record(Type.String(), OriginCardSchema),
  }),
);

export const ListSuppliersResultSchema = describe<Awaited<ReturnType<typeof listSuppliers>>>()(
  Type.Object({ items: Type.Array(SupplierViewSchema) }),
);

export const ListBasesResultSchema = describe<Awaited<ReturnType<typeof listBases>>>()(
  Type.Object({ items: Type.Array(BaseViewSchema) }),
);

export const ListBatchesResultSchema = describe<Awaited<ReturnType<typeof listBatches>>>()(
  Type.Object({ items: Type.Array(BatchViewSchema), nextCursor: Nullable(Type.String()) }),
);

export const ReceiveBatchResultSchema = describe<Awaited<ReturnType<typeof receiveBatch>>>()(
  Type.Object({
    qcRecords: Type.Array(QcRecordViewSchema),
    shipped: Type.Object({ units: Type.Number(), lines: Type.Number() }),
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
    shelfLifeDays: Nullable(Type.Number()),
    bestBefore: Nullable(Type.Number()),
    quantity: Type.Number(),
    remaining: Type.Number(),
    status: OneOf(['received', 'pending'] as const),
    receivedAt: Nullable(Type.Integer()),
    note: Type.String(),
    latestQc: Nullable(Type.Object({ result: OneOf(QC_RESULTS), checkedAt: Type.Integer() })),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
    skuStock: Type.Number(),
  }),
);

export const SupplierQualityResultSchema = describe<Awaited<ReturnType<typeof supplierQuality>>>()(
  Type.Object({ items: Type.Array(SupplierQualitySchema) }),
);
