import { Type } from 'typebox';
import {
  MAX_CART_ITEMS,
  MAX_CHECKOUT_LINES,
  MAX_CHECKOUT_NOTE_CHARS,
  MAX_CANCEL_REASON_CHARS,
  MAX_LINE_QUANTITY,
  buyerOrders,
  cancelOrder,
  changeOrderAddress,
  cartCount,
  cartView,
  selectCartItems,
  checkout,
  confirmReceipt,
  orderDetail,
  putCartItem,
  removeCartItem,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { answers, Attribution, Id, ok, PageQuery } from '../http/schemas.js';
import { CartViewSchema, CheckoutResultSchema, OrderDetailSchema, OrderPageSchema } from './order-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const Line = Type.Object(
  {
    skuId: Id('sku'),
    quantity: Type.Integer({ minimum: 1, maximum: MAX_LINE_QUANTITY }),
    attribution: Type.Optional(Attribution),
  },
  { additionalProperties: false },
);
const OrderStatus = Type.Union(
  ['unpaid', 'paid', 'shipped', 'delivered', 'completed', 'cancelled'].map((s) => Type.Literal(s)),
);

export function shoppingRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;

  r.get(
    '/api/v1/cart',
    { schema: { tags: ['cart'], summary: 'My cart', response: ok(CartViewSchema, 401) } },
    async (req) => cartView(ctx.db, actorOf(req).userId),
  );

  r.put(
    '/api/v1/cart/items',
    {
      schema: {
        tags: ['cart'],
        summary: 'Put a SKU in the cart with a quantity (replaces the quantity)',
        body: Line,
        response: ok(CartViewSchema, 400, 401, 404, 409),
      },
    },
    async (req) => putCartItem(ctx, actorOf(req), req.body),
  );

  r.get(
    '/api/v1/cart/count',
    {
      schema: {
        tags: ['cart'],
        summary: 'How many lines my cart holds (the cart tab’s badge)',
        response: ok(Type.Object({ count: Type.Integer() }), 401),
      },
    },
    async (req) => ({ count: await cartCount(ctx.db, actorOf(req).userId) }),
  );

  r.put(
    '/api/v1/cart/selection',
    {
      schema: {
        tags: ['cart'],
        summary:
          'Tick or untick cart lines for 结算: the given SKUs, or every line when skuIds is absent. Checking out the cart buys the ticked lines only.',
        body: Type.Object(
          { skuIds: Type.Optional(Type.Array(Id('sku'), { maxItems: MAX_CART_ITEMS })), selected: Type.Boolean() },
          { additionalProperties: false },
        ),
        response: ok(CartViewSchema, 400, 401),
      },
    },
    async (req) => selectCartItems(ctx, actorOf(req), req.body),
  );

  r.delete(
    '/api/v1/cart/items/:skuId',
    {
      schema: {
        tags: ['cart'],
        summary: 'Remove a SKU from the cart',
        params: Type.Object({ skuId: Id('sku') }),
        response: ok(CartViewSchema, 400, 401, 404),
      },
    },
    async (req) => removeCartItem(ctx, actorOf(req), req.params.skuId),
  );

  r.post(
    '/api/v1/checkout',
    {
      schema: {
        tags: ['checkout'],
        summary:
          'Place orders (one per shop) for the given items, or for the cart’s selected lines when items is absent (those lines leave the cart; 409 CART_NOTHING_SELECTED)',
        description:
          'Prices, totals and shipping are computed on the server. Send an Idempotency-Key header so a retried request never creates two orders. With couponId, a claimed live coupon comes off the items of its room’s bag (404 COUPON_NOT_CLAIMED, 409 COUPON_USED, COUPON_EXPIRED, COUPON_MIN_SPEND_NOT_MET).',
        headers: Type.Object({
          'idempotency-key': Type.Optional(
            Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' }),
          ),
        }),
        body: Type.Object(
          {
            items: Type.Optional(Type.Array(Line, { minItems: 1, maxItems: MAX_CHECKOUT_LINES })),
            addressId: Type.Optional(Id('address')),
            note: Type.Optional(Type.String({ maxLength: MAX_CHECKOUT_NOTE_CHARS })),
            couponId: Type.Optional(Id('liveCoupon')),
          },
          { additionalProperties: false },
        ),
        response: answers(201, CheckoutResultSchema, 400, 401, 404, 409, 422),
      },
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const items = req.body.items?.map((i) => ({
        skuId: i.skuId,
        quantity: i.quantity,
        attribution: i.attribution ?? { source: 'shelf' as const },
      }));
      const result = await checkout(
        ctx,
        actorOf(req),
        { items, addressId: req.body.addressId, note: req.body.note, couponId: req.body.couponId },
        typeof key === 'string' ? key : undefined,
      );
      return reply.status(201).send(result.body); // the only answer checkout stores for a key
    },
  );

  r.get(
    '/api/v1/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'My orders, newest first',
        querystring: Type.Object({ ...PageQuery, status: Type.Optional(OrderStatus) }, { additionalProperties: false }),
        response: ok(OrderPageSchema, 400, 401),
      },
    },
    async (req) => buyerOrders(ctx.db, actorOf(req), { ...req.query, limit: req.query.limit ?? 20 }, ctx.clock.now()),
  );

  const orderParams = Type.Object({ orderId: Id('order') });
  r.get(
    '/api/v1/orders/:orderId',
    {
      schema: {
        tags: ['orders'],
        summary: 'One order with lines, shipments, refunds and its history (buyer, shop staff or admin)',
        params: orderParams,
        response: ok(OrderDetailSchema, 400, 401, 404),
      },
    },
    async (req) => orderDetail(ctx.db, actorOf(req), req.params.orderId, ctx.clock.now()),
  );

  r.post(
    '/api/v1/orders/:orderId/cancel',
    {
      schema: {
        tags: ['orders'],
        summary: 'Cancel an unpaid order, or a paid unshipped one (refunded in full)',
        params: orderParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: MAX_CANCEL_REASON_CHARS }) },
          { additionalProperties: false },
        ),
        response: ok(OrderDetailSchema, 400, 401, 404, 409),
      },
    },
    async (req) => {
      await cancelOrder(ctx, actorOf(req), req.params.orderId, req.body.reason);
      deps.kickWorker();
      return orderDetail(ctx.db, actorOf(req), req.params.orderId, ctx.clock.now());
    },
  );

  r.patch(
    '/api/v1/me/orders/:orderId/address',
    {
      schema: {
        tags: ['orders'],
        summary: 'Send my order to another address of my address book, before it ships (409 ADDRESS_LOCKED after)',
        params: orderParams,
        body: Type.Object({ addressId: Id('address') }, { additionalProperties: false }),
        response: ok(OrderDetailSchema, 400, 401, 404, 409),
      },
    },
    async (req) => {
      await changeOrderAddress(ctx, actorOf(req), req.params.orderId, req.body.addressId);
      deps.kickWorker();
      return orderDetail(ctx.db, actorOf(req), req.params.orderId, ctx.clock.now());
    },
  );

  r.post(
    '/api/v1/orders/:orderId/confirm-receipt',
    {
      schema: {
        tags: ['orders'],
        summary: 'Confirm receipt of a shipped order; it completes',
        params: orderParams,
        response: ok(OrderDetailSchema, 400, 401, 404, 409),
      },
    },
    async (req) => {
      await confirmReceipt(ctx, actorOf(req), req.params.orderId);
      return orderDetail(ctx.db, actorOf(req), req.params.orderId, ctx.clock.now());
    },
  );
}
