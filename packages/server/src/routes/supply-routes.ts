import { Type } from 'typebox';
import {
  addQcRecord,
  BASE_KINDS,
  batchDetail,
  createBase,
  createBatch,
  createSupplier,
  deleteBase,
  deleteBatch,
  deleteSupplier,
  getBase,
  getSupplier,
  listBases,
  listBatches,
  listSuppliers,
  MAX_IMAGE_BYTES,
  MAX_STOCK,
  productOrigin,
  receiveBatch,
  requireShopMember,
  SUPPLY_LIMITS as L,
  supplierQuality,
  updateBase,
  updateBatch,
  updateSupplier,
  uploadSupplyPhoto,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { readUploadedFile } from '../http/input.js';
import { answers, Id, noContent, ok, PageQuery } from '../http/schemas.js';
import {
  BaseViewSchema,
  BatchDetailSchema,
  ListBasesResultSchema,
  ListBatchesResultSchema,
  ListSuppliersResultSchema,
  ProductOriginSchema,
  ReceiveBatchResultSchema,
  SupplierQualityResultSchema,
  SupplierViewSchema,
  SupplyPhotoSchema,
} from './supply-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
/** Epoch ms between 2000 and 2100; the service refuses times in the future (DATE_IN_FUTURE). */
const PastTime = (description: string) =>
  Type.Integer({ minimum: Date.UTC(2000, 0, 1), maximum: Date.UTC(2100, 0, 1), description });

const SupplierBody = Type.Object(
  {
    name: Text(L.name, 1),
    contactName: Type.Optional(Text(L.contactName)),
    phone: Type.Optional(Text(L.phone)),
    region: Type.Optional(Text(L.region)),
    note: Type.Optional(Text(L.note)),
  },
  { additionalProperties: false },
);

const BaseBody = Type.Object(
  {
    name: Text(L.name, 1),
    kind: Type.Union(
      BASE_KINDS.map((k) => Type.Literal(k)),
      { description: 'farm, orchard, ranch, fishery or factory' },
    ),
    province: Text(L.province, 1),
    city: Text(L.city, 1),
    description: Type.Optional(Text(L.description)),
    supplierId: Type.Optional(Type.Union([Id('supplier'), Type.Null()])),
    photoId: Type.Optional(
      Type.Union([Id('supplyPhoto'), Type.Null()], {
        description: 'an uploaded photo (POST …/supply-photos); null removes it',
      }),
    ),
  },
  { additionalProperties: false },
);

const batchFields = {
  supplierId: Id('supplier'),
  baseId: Type.Optional(Type.Union([Id('productionBase'), Type.Null()])),
  code: Type.String({
    minLength: 2,
    maxLength: L.code,
    pattern: '^[A-Za-z0-9-]+$',
    description: 'batch code, unique in the shop',
  }),
  harvestedAt: PastTime('harvest or production date (epoch ms), not in the future'),
  quantity: Type.Integer({ minimum: 1, maximum: MAX_STOCK, description: 'units received (or to receive)' }),
  shelfLifeDays: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: L.shelfLifeDays }), Type.Null()])),
  note: Type.Optional(Text(L.note)),
};
const BatchCreateBody = Type.Object({ skuId: Id('sku'), ...batchFields }, { additionalProperties: false });
const BatchUpdateBody = Type.Object(batchFields, { additionalProperties: false });

const QcBody = Type.Object(
  {
    result: Type.Union([Type.Literal('pass'), Type.Literal('fail')]),
    inspector: Text(L.inspector, 1),
    notes: Type.Optional(Text(L.qcNotes, 0)),
    checkedAt: Type.Optional(PastTime('when the check was made (epoch ms); now when absent')),
    photoIds: Type.Optional(
      Type.Array(Id('supplyPhoto'), { maxItems: L.qcPhotos, description: 'uploaded photos (POST …/supply-photos)' }),
    ),
  },
  { additionalProperties: false },
);

const BatchQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('received')])),
    productId: Type.Optional(Id('product')),
    supplierId: Type.Optional(Id('supplier')),
  },
  { additionalProperties: false },
);

/** Supply and traceability (供应链 / 溯源): suppliers, bases, batches, quality checks, origin cards, supplier quality. */
export function supplyRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['merchant', 'supply'];
  const shopParams = Type.Object({ shopId: Id('shop') });
  const supplierParams = Type.Object({ supplierId: Id('supplier') });
  const baseParams = Type.Object({ baseId: Id('productionBase') });
  const batchParams = Type.Object({ batchId: Id('batch') });

  r.get(
    '/api/v1/merchant/shops/:shopId/suppliers',
    {
      schema: {
        tags,
        summary: 'My shop’s suppliers, by name',
        params: shopParams,
        response: ok(ListSuppliersResultSchema, 400, 401, 404),
      },
    },
    async (req) => listSuppliers(ctx.db, actorOf(req), req.params.shopId),
  );
  r.post(
    '/api/v1/merchant/shops/:shopId/suppliers',
    {
      schema: {
        tags,
        summary: 'Add a supplier',
        params: shopParams,
        body: SupplierBody,
        response: answers(201, SupplierViewSchema, 400, 401, 404, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await createSupplier(ctx, actorOf(req), req.params.shopId, req.body)),
  );
  r.get(
    '/api/v1/merchant/suppliers/:supplierId',
    {
      schema: {
        tags,
        summary: 'One supplier',
        params: supplierParams,
        response: ok(SupplierViewSchema, 400, 401, 404),
      },
    },
    async (req) => getSupplier(ctx.db, actorOf(req), req.params.supplierId),
  );
  r.put(
    '/api/v1/merchant/suppliers/:supplierId',
    {
      schema: {
        tags,
        summary: 'Edit a supplier',
        params: supplierParams,
        body: SupplierBody,
        response: ok(SupplierViewSchema, 400, 401, 404, 409),
      },
    },
    async (req) => updateSupplier(ctx, actorOf(req), req.params.supplierId, req.body),
  );
  r.delete(
    '/api/v1/merchant/suppliers/:supplierId',
    {
      schema: {
        tags,
        summary: 'Delete a supplier no batch or base refers to',
        params: supplierParams,
        response: noContent(400, 401, 404, 409),
      },
    },
    async (req, reply) => {
      await deleteSupplier(ctx, actorOf(req), req.params.supplierId);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/bases',
    {
      schema: {
        tags,
        summary: 'My shop’s production bases (产地 / 基地)',
        params: shopParams,
        response: ok(ListBasesResultSchema, 400, 401, 404),
      },
    },
    async (req) => listBases(ctx.db, actorOf(req), req.params.shopId),
  );
  r.post(
    '/api/v1/merchant/shops/:shopId/bases',
    {
      schema: {
        tags,
        summary: 'Add a production base',
        params: shopParams,
        body: BaseBody,
        response: answers(201, BaseViewSchema, 400, 401, 404, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await createBase(ctx, actorOf(req), req.params.shopId, req.body)),
  );
  r.get(
    '/api/v1/merchant/bases/:baseId',
    {
      schema: { tags, summary: 'One production base', params: baseParams, response: ok(BaseViewSchema, 400, 401, 404) },
    },
    async (req) => getBase(ctx.db, actorOf(req), req.params.baseId),
  );
  r.put(
    '/api/v1/merchant/bases/:baseId',
    {
      schema: {
        tags,
        summary: 'Edit a production base (the photo is replaced; null removes it)',
        params: baseParams,
        body: BaseBody,
        response: ok(BaseViewSchema, 400, 401, 404, 409),
      },
    },
    async (req) => updateBase(ctx, actorOf(req), req.params.baseId, req.body),
  );
  r.delete(
    '/api/v1/merchant/bases/:baseId',
    {
      schema: {
        tags,
        summary: 'Delete a base no batch refers to',
        params: baseParams,
        response: noContent(400, 401, 404, 409),
      },
    },
    async (req, reply) => {
      await deleteBase(ctx, actorOf(req), req.params.baseId);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/merchant/shops/:shopId/supply-photos',
    {
      schema: {
        tags,
        summary: `Upload a photo of a base or quality check (multipart field "file"; JPEG, PNG, WebP or GIF; at most ${MAX_IMAGE_BYTES} bytes); attach it by id`,
        params: shopParams,
        consumes: ['multipart/form-data'],
        response: answers(201, SupplyPhotoSchema, 400, 401, 404, 413, 415),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requireShopMember(actor, req.params.shopId);
      const bytes = await readUploadedFile(req, MAX_IMAGE_BYTES);
      return reply.status(201).send(await uploadSupplyPhoto(ctx, actor, req.params.shopId, bytes));
    },
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/batches',
    {
      schema: {
        tags,
        summary: 'My shop’s batches, newest first',
        params: shopParams,
        querystring: BatchQuery,
        response: ok(ListBatchesResultSchema, 400, 401, 404),
      },
    },
    async (req) => listBatches(ctx.db, actorOf(req), req.params.shopId, { ...req.query, limit: req.query.limit ?? 20 }),
  );
  r.post(
    '/api/v1/merchant/shops/:shopId/batches',
    {
      schema: {
        tags,
        summary: 'Record a batch of a SKU (pending until received into stock)',
        params: shopParams,
        body: BatchCreateBody,
        response: answers(201, BatchDetailSchema, 400, 401, 404, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await createBatch(ctx, actorOf(req), req.params.shopId, req.body)),
  );
  r.get(
    '/api/v1/merchant/batches/:batchId',
    {
      schema: {
        tags,
        summary: 'One batch with its quality checks and what shipped from it',
        params: batchParams,
        response: ok(BatchDetailSchema, 400, 401, 404),
      },
    },
    async (req) => batchDetail(ctx.db, actorOf(req), req.params.batchId),
  );
  r.put(
    '/api/v1/merchant/batches/:batchId',
    {
      schema: {
        tags,
        summary: 'Edit a batch (its quantity only while pending)',
        params: batchParams,
        body: BatchUpdateBody,
        response: ok(BatchDetailSchema, 400, 401, 404, 409),
      },
    },
    async (req) => updateBatch(ctx, actorOf(req), req.params.batchId, req.body),
  );
  r.delete(
    '/api/v1/merchant/batches/:batchId',
    {
      schema: { tags, summary: 'Delete a pending batch', params: batchParams, response: noContent(400, 401, 404, 409) },
    },
    async (req, reply) => {
      await deleteBatch(ctx, actorOf(req), req.params.batchId);
      return reply.status(204).send();
    },
  );
  r.post(
    '/api/v1/merchant/batches/:batchId/receive',
    {
      schema: {
        tags,
        summary: 'Receive a batch into stock (入库): its quantity is added to the SKU’s stock, once',
        params: batchParams,
        response: ok(ReceiveBatchResultSchema, 400, 401, 404, 409),
      },
    },
    async (req) => receiveBatch(ctx, actorOf(req), req.params.batchId),
  );
  r.post(
    '/api/v1/merchant/batches/:batchId/qc-records',
    {
      schema: {
        tags,
        summary: 'Record a quality check of a batch, with photos',
        params: batchParams,
        body: QcBody,
        response: answers(201, BatchDetailSchema, 400, 401, 404, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await addQcRecord(ctx, actorOf(req), req.params.batchId, req.body)),
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/supplier-quality',
    {
      schema: {
        tags,
        summary:
          'Supplier quality scores: units shipped from each supplier’s batches, quality cases and refunds on them, a 0–100 score',
        params: shopParams,
        response: ok(SupplierQualityResultSchema, 400, 401, 404),
      },
    },
    async (req) => supplierQuality(ctx.db, actorOf(req), req.params.shopId),
  );

  r.get(
    '/api/v1/products/:productId/origin',
    {
      schema: {
        tags: ['catalog', 'supply'],
        summary: 'The origin card (溯源) of a listed product: the batch being sold now, per SKU',
        params: Type.Object({ productId: Id('product') }),
        response: ok(ProductOriginSchema, 400, 404),
      },
    },
    async (req) => productOrigin(ctx.db, req.params.productId, req.auth?.actor ?? null),
  );
}
