import { Type } from 'typebox';
import {
  addToBag,
  claimCoupon,
  createCoupon,
  createFlashSale,
  createLuckyBag,
  createRoom,
  endLiveRoom,
  issueStreamKey,
  listRooms,
  luckyBagAudit,
  onPublish,
  onUnpublish,
  openRoom,
  pinProduct,
  placeSaleOrder,
  removeFromBag,
  roomDashboard,
  roomView,
  usableCoupons,
  claimedInRoom,
  couponWallet,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { answers, ErrorBody, ok } from '../http/schemas.js';
import {
  ClaimedCouponSchema,
  CouponWalletSchema,
  FlashSaleSchema,
  LiveCouponSchema,
  LuckyBagAuditSchema,
  LuckyBagSchema,
  MyLiveCouponSchema,
  RoomDashboardSchema,
  RoomListSchema,
  RoomViewSchema,
  SaleOrderSchema,
} from './live-response-schemas.js';
import {
  BagBody,
  BagParams,
  CouponBody,
  WalletQuery,
  CouponParams,
  CreateRoomBody,
  FlashSaleBody,
  IdempotencyHeaders,
  IngestBody,
  ListRoomsQuery,
  LuckyBagBody,
  PinBody,
  RoomParams,
  RoomProductParams,
  SaleOrderBody,
  SaleParams,
} from './live-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

/** Live rooms (直播): rooms, bag and pin, flash sales, coupons, lucky bags, the dashboard, stream keys and ingest callbacks. */
export function liveRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['live'];
  const view = (roomId: string) => roomView(ctx, roomId);

  r.post(
    '/api/v1/live/rooms',
    {
      schema: {
        tags,
        summary: 'Schedule a live room, hosted by me (a creator) or by my shop (店播, with shopId)',
        body: CreateRoomBody,
        response: answers(201, RoomViewSchema, 400, 401, 403, 404),
      },
    },
    async (req, reply) => {
      const { id } = await createRoom(ctx, actorOf(req), req.body);
      return reply.status(201).send(await view(id));
    },
  );

  r.get(
    '/api/v1/live/rooms',
    {
      schema: {
        tags,
        summary: 'Live rooms by status, newest first; mine=1 lists the rooms I host',
        querystring: ListRoomsQuery,
        response: ok(RoomListSchema, 400, 401),
      },
    },
    async (req) => listRooms(ctx, req.auth?.actor ?? null, { status: req.query.status, mine: req.query.mine === '1' }),
  );

  r.get(
    '/api/v1/live/rooms/:roomId',
    {
      schema: {
        tags,
        summary: 'A room: host, playback, bag, pinned product, flash sales, coupons, lucky bags, public figures',
        params: RoomParams,
        response: ok(RoomViewSchema, 400, 404),
      },
    },
    async (req) => view(req.params.roomId),
  );

  r.post(
    '/api/v1/live/rooms/:roomId/open',
    {
      schema: {
        tags,
        summary: 'Go live (host only)',
        params: RoomParams,
        response: ok(RoomViewSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => {
      await openRoom(ctx, actorOf(req), req.params.roomId);
      return view(req.params.roomId);
    },
  );

  r.post(
    '/api/v1/live/rooms/:roomId/end',
    {
      schema: {
        tags,
        summary: 'End the room (host only): its flash sales close, its figures are kept for the replay',
        params: RoomParams,
        response: ok(RoomViewSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => {
      await endLiveRoom(ctx, actorOf(req), req.params.roomId);
      return view(req.params.roomId);
    },
  );

  r.post(
    '/api/v1/live/rooms/:roomId/bag',
    {
      schema: {
        tags,
        summary: 'Put a product in the bag (小黄车): the shop’s own, or from the creator’s showcase',
        params: RoomParams,
        body: BagBody,
        response: ok(RoomViewSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => {
      await addToBag(ctx, actorOf(req), req.params.roomId, req.body.productId);
      return view(req.params.roomId);
    },
  );

  r.delete(
    '/api/v1/live/rooms/:roomId/bag/:productId',
    {
      schema: {
        tags,
        summary: 'Take a product out of the bag',
        params: RoomProductParams,
        response: ok(RoomViewSchema, 400, 401, 403, 404),
      },
    },
    async (req) => {
      await removeFromBag(ctx, actorOf(req), req.params.roomId, req.params.productId);
      return view(req.params.roomId);
    },
  );

  r.post(
    '/api/v1/live/rooms/:roomId/pin',
    {
      schema: {
        tags,
        summary: 'Pin a product of the bag for everyone (讲解); null takes it down',
        params: RoomParams,
        body: PinBody,
        response: ok(RoomViewSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => {
      await pinProduct(ctx, actorOf(req), req.params.roomId, req.body.productId);
      return view(req.params.roomId);
    },
  );

  r.post(
    '/api/v1/live/rooms/:roomId/flash-sales',
    {
      schema: {
        tags,
        summary: 'Start a flash sale (秒杀) of a bag SKU: price, quantity, per-person limit, window',
        params: RoomParams,
        body: FlashSaleBody,
        response: answers(201, FlashSaleSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await createFlashSale(ctx, actorOf(req), req.params.roomId, req.body)),
  );

  r.post(
    '/api/v1/live/flash-sales/:saleId/orders',
    {
      schema: {
        tags,
        summary:
          'Buy from a flash sale: the units are reserved at once; pay through the payment endpoints before payBefore (5 minutes) or they return to the sale',
        description:
          'Answers 201 with {orderId, paymentId, payBefore, totalFen, cashierUrl}; a retry with the same Idempotency-Key answers 200 with the same order. 409 SALE_NOT_OPEN, SALE_SOLD_OUT, SALE_LIMIT_REACHED, OUT_OF_STOCK.',
        params: SaleParams,
        headers: IdempotencyHeaders,
        body: SaleOrderBody,
        response: { ...answers(201, SaleOrderSchema, 400, 401, 404, 409, 422), 200: SaleOrderSchema },
      },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const result = await placeSaleOrder(
        ctx,
        actorOf(req),
        req.params.saleId,
        req.body,
        typeof key === 'string' ? key : undefined,
      );
      return reply.status(result.statusCode === 200 ? 200 : 201).send(result.body);
    },
  );

  r.post(
    '/api/v1/live/rooms/:roomId/coupons',
    {
      schema: {
        tags,
        summary: 'Release live coupons in the room (host only, room live)',
        params: RoomParams,
        body: CouponBody,
        response: answers(201, LiveCouponSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await createCoupon(ctx, actorOf(req), req.params.roomId, req.body)),
  );

  r.get(
    '/api/v1/me/live-coupons',
    {
      schema: {
        tags,
        summary: 'My claimed live coupons that can still be spent at checkout, with the products each applies to',
        response: ok(Type.Object({ items: Type.Array(MyLiveCouponSchema) }), 401),
      },
    },
    async (req) => ({
      items: await usableCoupons(ctx.db, actorOf(req).userId, ctx.clock.now()),
    }),
  );

  r.get(
    '/api/v1/me/coupons',
    {
      schema: {
        tags,
        summary:
          'My coupon wallet: one tab (usable, used with its order, expired), each coupon with amount, minimum spend, scope (room, host, products) and validity; newest first, paged',
        querystring: WalletQuery,
        response: ok(CouponWalletSchema, 400, 401),
      },
    },
    async (req) =>
      couponWallet(
        ctx.db,
        actorOf(req),
        { tab: req.query.tab, limit: req.query.limit, cursor: req.query.cursor },
        ctx.clock.now(),
      ),
  );

  r.get(
    '/api/v1/live/rooms/:roomId/claimed-coupons',
    {
      schema: {
        tags,
        summary: 'The coupons of this room I have claimed (used or not), shown as 已领取',
        params: RoomParams,
        response: ok(Type.Object({ couponIds: Type.Array(Type.String()) }), 400, 401),
      },
    },
    async (req) => ({
      couponIds: await claimedInRoom(ctx.db, actorOf(req), req.params.roomId),
    }),
  );

  r.post(
    '/api/v1/live/coupons/:couponId/claim',
    {
      schema: {
        tags,
        summary: 'Claim a live coupon (one per person)',
        params: CouponParams,
        response: ok(ClaimedCouponSchema, 400, 401, 404, 409),
      },
    },
    async (req) => claimCoupon(ctx, actorOf(req), req.params.couponId),
  );

  r.post(
    '/api/v1/live/rooms/:roomId/lucky-bags',
    {
      schema: {
        tags,
        summary:
          'Start a lucky bag (福袋): viewers who comment the keyword before drawAt enter; winners drawn from a recorded seed',
        params: RoomParams,
        body: LuckyBagBody,
        response: answers(201, LuckyBagSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await createLuckyBag(ctx, actorOf(req), req.params.roomId, req.body)),
  );

  r.get(
    '/api/v1/live/lucky-bags/:bagId',
    {
      schema: {
        tags,
        summary:
          'A lucky bag with its seed hash; after the draw its seed, entrants and winners (recompute with the published algorithm)',
        params: BagParams,
        response: ok(LuckyBagAuditSchema, 400, 404),
      },
    },
    async (req) => luckyBagAudit(ctx.db, req.params.bagId),
  );

  r.get(
    '/api/v1/live/rooms/:roomId/dashboard',
    {
      schema: {
        tags,
        summary:
          'The room’s dashboard (大屏, host or shop staff): viewers, comments, likes, orders, GMV, GPM, conversion, per product, per-second series',
        params: RoomParams,
        response: ok(RoomDashboardSchema, 400, 401, 403, 404),
      },
    },
    async (req) => roomDashboard(ctx, actorOf(req), req.params.roomId),
  );

  r.post(
    '/api/v1/live/rooms/:roomId/stream-key',
    {
      schema: {
        tags,
        summary: 'A new stream key for the ingest server (host only); the previous key stops working',
        params: RoomParams,
        response: ok(
          Type.Object({ streamKey: Type.String(), ingestUrl: Type.String(), streamName: Type.String() }),
          400,
          401,
          403,
          404,
          409,
        ),
      },
    },
    async (req) => issueStreamKey(ctx, actorOf(req), req.params.roomId),
  );

  // The ingest server's callbacks (nginx-rtmp on_publish / on_publish_done, SRS http_hooks): 2xx lets the publisher in, 403 refuses.
  r.post(
    '/api/v1/live/ingest/on_publish',
    {
      schema: {
        tags,
        summary: 'Ingest server callback: may this publisher go live? (form or JSON with the stream name and key)',
        body: IngestBody,
        response: {
          ...ok(Type.Object({ code: Type.Literal(0) }), 400, 403),
          403: Type.Object(
            { code: Type.Literal(403), error: ErrorBody.properties.error },
            { description: 'refused, in the shape ingest servers read (a non-zero code)' },
          ),
        },
      },
    },
    async (req, reply) => {
      if (!(await onPublish(ctx, req.body)))
        return reply.status(403).send({
          code: 403,
          error: { code: 'STREAM_REFUSED', message: 'unknown room or wrong stream key', details: {} },
        });
      return { code: 0 as const };
    },
  );

  r.post(
    '/api/v1/live/ingest/on_unpublish',
    {
      schema: {
        tags,
        summary: 'Ingest server callback: the stream stopped',
        body: IngestBody,
        response: ok(Type.Object({ code: Type.Literal(0) }), 400),
      },
    },
    async (req) => {
      await onUnpublish(ctx, req.body);
      return { code: 0 as const };
    },
  );
}
