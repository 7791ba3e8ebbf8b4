import { Type } from 'typebox';
import {
  addProductImage,
  addStaff,
  adjustStock,
  createProduct,
  createShop,
  getShop,
  listProducts,
  markShipmentDelivered,
  MAX_IMAGE_BYTES,
  myShops,
  productDetail,
  requireOwnProduct,
  requireShopMember,
  setProductStatus,
  shipOrder,
  shopOrders,
  updateProduct,
  updateShop,
  updateSkuPrice,
  MAX_PRICE_FEN,
  MAX_PRODUCT_DESCRIPTION,
  MAX_PRODUCT_TITLE,
  MAX_SKUS,
  MAX_SPEC_NAME,
  MAX_SPEC_OPTIONS,
  MAX_SPEC_VALUE_CHARS,
  MAX_SPEC_VALUES,
  MAX_STOCK,
  MIN_PRODUCT_TITLE,
  MAX_LOGIN,
  MAX_SHIPPING_FEE_FEN,
  MAX_SHOP_DESCRIPTION,
  MAX_SHOP_NAME,
  MIN_LOGIN,
  MIN_SHOP_NAME,
  MAX_CARRIER_CHARS,
  MAX_TRACKING_NO_CHARS,
  MIN_CARRIER_CHARS,
  MIN_TRACKING_NO_CHARS,
  MAX_PARCELS,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { readUploadedFile } from '../http/input.js';
import { answers, Fen, Id, noContent, ok, PageQuery } from '../http/schemas.js';
import { ProductDetailSchema, ProductPageSchema, ShopViewSchema } from './catalog-schemas.js';
import { FieldHitSchema } from './content-schemas.js';
import { OrderPageSchema } from './order-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const ShopBody = Type.Object(
  {
    name: Type.String({ minLength: MIN_SHOP_NAME, maxLength: MAX_SHOP_NAME }),
    description: Type.Optional(Type.String({ maxLength: MAX_SHOP_DESCRIPTION })),
    origin: Type.Optional(Type.String({ maxLength: 40 })),
    shippingFeeFen: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_SHIPPING_FEE_FEN })),
    freeShippingOverFen: Type.Optional(Type.Union([Fen(), Type.Null()])),
    fastRefund: Type.Optional(
      Type.Boolean({
        description:
          '极速退款：未发货小额退款由平台即时退款 / fast refund: small refund requests before shipping are refunded at once',
      }),
    ),
  },
  { additionalProperties: false },
);

const SpecOption = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: MAX_SPEC_NAME }),
    values: Type.Array(Type.String({ minLength: 1, maxLength: MAX_SPEC_VALUE_CHARS }), {
      minItems: 1,
      maxItems: MAX_SPEC_VALUES,
    }),
  },
  { additionalProperties: false },
);
const SkuBody = Type.Object(
  {
    specValues: Type.Array(Type.String({ minLength: 1, maxLength: MAX_SPEC_VALUE_CHARS }), {
      maxItems: MAX_SPEC_OPTIONS,
    }),
    priceFen: Type.Integer({ minimum: 1, maximum: MAX_PRICE_FEN }),
    originalPriceFen: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: MAX_PRICE_FEN }), Type.Null()])),
    stock: Type.Integer({ minimum: 0, maximum: MAX_STOCK }),
  },
  { additionalProperties: false },
);
const ProductBody = Type.Object(
  {
    categoryId: Id('category'),
    title: Type.String({ minLength: MIN_PRODUCT_TITLE, maxLength: MAX_PRODUCT_TITLE }),
    description: Type.Optional(Type.String({ maxLength: MAX_PRODUCT_DESCRIPTION })),
    specOptions: Type.Array(SpecOption, { maxItems: MAX_SPEC_OPTIONS }),
    skus: Type.Array(SkuBody, { minItems: 1, maxItems: MAX_SKUS }),
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('listed')])),
  },
  { additionalProperties: false },
);
const Parcel = Type.Object(
  {
    carrier: Type.String({ minLength: MIN_CARRIER_CHARS, maxLength: MAX_CARRIER_CHARS }),
    trackingNo: Type.String({
      minLength: MIN_TRACKING_NO_CHARS,
      maxLength: MAX_TRACKING_NO_CHARS,
      pattern: '^[A-Za-z0-9-]+$',
    }),
    lineIds: Type.Optional(Type.Array(Id('orderLine'), { minItems: 1, maxItems: 50 })),
  },
  { additionalProperties: false },
);
const OrderStatus = Type.Union(
  ['unpaid', 'paid', 'shipped', 'delivered', 'completed', 'cancelled'].map((s) => Type.Literal(s)),
);

export function merchantRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['merchant'];
  const shopParams = Type.Object({ shopId: Id('shop') });
  const productParams = Type.Object({ productId: Id('product') });
  const skuParams = Type.Object({ skuId: Id('sku') });

  r.post(
    '/api/v1/shops',
    {
      schema: {
        tags,
        summary: 'Open a shop; you become its owner',
        body: ShopBody,
        response: answers(201, ShopViewSchema, 400, 401),
      },
    },
    async (req, reply) => {
      const shop = await createShop(ctx, actorOf(req), req.body);
      deps.sessions.clear(); // the owner is now a merchant
      return reply.status(201).send(shop);
    },
  );

  r.get(
    '/api/v1/merchant/shops',
    {
      schema: {
        tags,
        summary: 'Shops I belong to',
        response: ok(
          Type.Object({
            items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() })),
          }),
          401,
        ),
      },
    },
    async (req) => ({ items: await myShops(ctx.db, actorOf(req)) }),
  );

  r.get(
    '/api/v1/merchant/shops/:shopId',
    { schema: { tags, summary: 'My shop', params: shopParams, response: ok(ShopViewSchema, 401, 404) } },
    async (req) => {
      requireShopMember(actorOf(req), req.params.shopId);
      return getShop(ctx.db, req.params.shopId);
    },
  );

  r.put(
    '/api/v1/merchant/shops/:shopId',
    {
      schema: {
        tags,
        summary: 'Edit my shop (owner)',
        params: shopParams,
        body: ShopBody,
        response: ok(ShopViewSchema, 400, 401, 403, 404),
      },
    },
    async (req) => updateShop(ctx, actorOf(req), req.params.shopId, req.body),
  );

  r.post(
    '/api/v1/merchant/shops/:shopId/staff',
    {
      schema: {
        tags,
        summary: 'Add a staff member by login (owner)',
        params: shopParams,
        body: Type.Object(
          { login: Type.String({ minLength: MIN_LOGIN, maxLength: MAX_LOGIN }) },
          { additionalProperties: false },
        ),
        response: noContent(400, 401, 403, 404, 409),
      },
    },
    async (req, reply) => {
      await addStaff(ctx, actorOf(req), req.params.shopId, req.body.login);
      deps.sessions.clear();
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/products',
    {
      schema: {
        tags,
        summary: 'My shop’s products in every status',
        params: shopParams,
        querystring: Type.Object(
          {
            ...PageQuery,
            status: Type.Optional(
              Type.Union([Type.Literal('draft'), Type.Literal('listed'), Type.Literal('delisted')]),
            ),
          },
          { additionalProperties: false },
        ),
        response: ok(ProductPageSchema, 400, 401, 404),
      },
    },
    async (req) => {
      requireShopMember(actorOf(req), req.params.shopId);
      return listProducts(ctx.db, { ...req.query, shopId: req.params.shopId, limit: req.query.limit ?? 20 }, false);
    },
  );

  r.post(
    '/api/v1/merchant/shops/:shopId/products',
    {
      schema: {
        tags,
        summary: 'Create a product with spec options and SKUs',
        description:
          'Title, description and spec names and values pass the rule book first: 422 CONTENT_REJECTED (details.hits) saves nothing; review and warn hits come back in `warnings`.',
        params: shopParams,
        body: ProductBody,
        response: answers(
          201,
          Type.Object({ id: Type.String(), skuIds: Type.Array(Type.String()), warnings: Type.Array(FieldHitSchema) }),
          400,
          401,
          404,
          422,
        ),
      },
    },
    async (req, reply) => {
      return reply.status(201).send(await createProduct(ctx, actorOf(req), req.params.shopId, req.body));
    },
  );

  r.get(
    '/api/v1/merchant/products/:productId',
    {
      schema: {
        tags,
        summary: 'One of my products, any status',
        params: productParams,
        response: ok(ProductDetailSchema, 401, 404),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await requireOwnProduct(ctx, actor, req.params.productId);
      return productDetail(ctx.db, req.params.productId, actor, ctx.clock.now());
    },
  );

  r.put(
    '/api/v1/merchant/products/:productId',
    {
      schema: {
        tags,
        summary: 'Edit title, description or category',
        description:
          'The texts pass the rule book first: 422 CONTENT_REJECTED (details.hits: term, class, rule, field, start, end) saves nothing; 204 when nothing was found, 200 `{ warnings }` when review or warn terms were.',
        params: productParams,
        body: Type.Object(
          {
            title: Type.String({ minLength: MIN_PRODUCT_TITLE, maxLength: MAX_PRODUCT_TITLE }),
            description: Type.Optional(Type.String({ maxLength: MAX_PRODUCT_DESCRIPTION })),
            categoryId: Type.Optional(Id('category')),
          },
          { additionalProperties: false },
        ),
        response: { ...noContent(400, 401, 404, 422), 200: Type.Object({ warnings: Type.Array(FieldHitSchema) }) },
      },
    },
    async (req, reply) => {
      const { warnings } = await updateProduct(ctx, actorOf(req), req.params.productId, req.body);
      return warnings.length > 0 ? reply.status(200).send({ warnings }) : reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/merchant/products/:productId/status',
    {
      schema: {
        tags,
        summary: 'List, delist or return a product to draft',
        params: productParams,
        body: Type.Object(
          { status: Type.Union([Type.Literal('draft'), Type.Literal('listed'), Type.Literal('delisted')]) },
          { additionalProperties: false },
        ),
        response: noContent(400, 401, 404, 409),
      },
    },
    async (req, reply) => {
      await setProductStatus(ctx, actorOf(req), req.params.productId, req.body.status);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/merchant/products/:productId/images',
    {
      schema: {
        tags,
        summary: `Upload a product image (multipart field "file"; JPEG, PNG, WebP or GIF; at most ${MAX_IMAGE_BYTES} bytes)`,
        params: productParams,
        consumes: ['multipart/form-data'],
        response: answers(201, Type.Object({ id: Type.String(), url: Type.String() }), 400, 401, 404, 409, 413, 415),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await requireOwnProduct(ctx, actor, req.params.productId);
      const bytes = await readUploadedFile(req, MAX_IMAGE_BYTES);
      return reply.status(201).send(await addProductImage(ctx, actor, req.params.productId, bytes));
    },
  );

  r.put(
    '/api/v1/merchant/skus/:skuId/price',
    {
      schema: {
        tags,
        summary: 'Change a SKU’s price',
        params: skuParams,
        body: Type.Object(
          {
            priceFen: Type.Integer({ minimum: 1, maximum: MAX_PRICE_FEN }),
            originalPriceFen: Type.Optional(
              Type.Union([Type.Integer({ minimum: 1, maximum: MAX_PRICE_FEN }), Type.Null()]),
            ),
          },
          { additionalProperties: false },
        ),
        response: noContent(400, 401, 404),
      },
    },
    async (req, reply) => {
      await updateSkuPrice(ctx, actorOf(req), req.params.skuId, req.body.priceFen, req.body.originalPriceFen ?? null);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/merchant/skus/:skuId/stock-adjustments',
    {
      schema: {
        tags,
        summary: 'Adjust stock by a signed delta (never below zero)',
        params: skuParams,
        body: Type.Object(
          { delta: Type.Integer({ minimum: -MAX_STOCK, maximum: MAX_STOCK }) },
          { additionalProperties: false },
        ),
        response: ok(Type.Object({ stock: Type.Integer() }), 400, 401, 404, 409),
      },
    },
    async (req) => ({ stock: await adjustStock(ctx, actorOf(req), req.params.skuId, req.body.delta) }),
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/orders',
    {
      schema: {
        tags,
        summary: 'My shop’s orders, newest first',
        params: shopParams,
        querystring: Type.Object({ ...PageQuery, status: Type.Optional(OrderStatus) }, { additionalProperties: false }),
        response: ok(OrderPageSchema, 400, 401, 404),
      },
    },
    async (req) => shopOrders(ctx.db, actorOf(req), req.params.shopId, { ...req.query, limit: req.query.limit ?? 20 }),
  );

  r.post(
    '/api/v1/merchant/orders/:orderId/ship',
    {
      schema: {
        tags,
        summary: 'Ship an order in one or more parcels',
        params: Type.Object({ orderId: Id('order') }),
        body: Type.Object(
          { parcels: Type.Array(Parcel, { minItems: 1, maxItems: MAX_PARCELS }) },
          { additionalProperties: false },
        ),
        response: ok(
          Type.Object({ shipmentIds: Type.Array(Type.String()), status: Type.String() }),
          400,
          401,
          404,
          409,
        ),
      },
    },
    async (req) => shipOrder(ctx, actorOf(req), req.params.orderId, req.body.parcels),
  );

  r.post(
    '/api/v1/merchant/shipments/:shipmentId/delivered',
    {
      schema: {
        tags,
        summary: 'Report a parcel delivered (sandbox carrier event)',
        params: Type.Object({ shipmentId: Id('shipment') }),
        response: ok(Type.Object({ orderStatus: Type.String() }), 400, 401, 404),
      },
    },
    async (req) => markShipmentDelivered(ctx, actorOf(req), req.params.shipmentId),
  );
}
