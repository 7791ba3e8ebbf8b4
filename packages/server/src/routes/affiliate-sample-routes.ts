/** 寄样: creators request samples of products open to them; merchants approve (a zero-price order) or reject. */
import { Type } from 'typebox';
import {
  cancelSample,
  decideSample,
  mySamples,
  requestSample,
  SAMPLE_NOTE_MAX,
  SAMPLE_PAGE_MAX,
  SAMPLE_STATUSES,
  shopSamples,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { answers, Id, ok } from '../http/schemas.js';
import { SamplePageSchema, SampleSchema } from './affiliate-response-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const Paging = {
  cursor: Type.Optional(Id('sampleRequest')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SAMPLE_PAGE_MAX, default: 20 })),
};
const RequestParams = Type.Object({ requestId: Id('sampleRequest') }, { additionalProperties: false });

export function affiliateSampleRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;

  r.post(
    '/api/v1/creator/samples',
    {
      schema: {
        tags: ['affiliate', 'creator'],
        summary: 'Request a sample of a product open to me (shipped to my address when the merchant approves)',
        description:
          'Errors: 409 PRODUCT_NOT_OPEN, PRODUCT_UNAVAILABLE, SAMPLE_ALREADY_REQUESTED (one waiting request per product, one sample per 30 days), SELF_COMMISSION; 400 ADDRESS_REQUIRED.',
        body: Type.Object(
          {
            productId: Id('product'),
            skuId: Id('sku'),
            addressId: Type.Optional(Id('address')),
            note: Type.Optional(Type.String({ maxLength: SAMPLE_NOTE_MAX })),
          },
          { additionalProperties: false },
        ),
        response: answers(201, SampleSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req, reply) => reply.status(201).send(await requestSample(ctx, actorOf(req), req.body)),
  );

  r.get(
    '/api/v1/creator/samples',
    {
      schema: {
        tags: ['affiliate', 'creator'],
        summary: 'My sample requests, newest first',
        querystring: Type.Object(Paging, { additionalProperties: false }),
        response: ok(SamplePageSchema, 400, 401, 403),
      },
    },
    async (req) => mySamples(ctx, actorOf(req), req.query),
  );

  r.post(
    '/api/v1/creator/samples/:requestId/cancel',
    {
      schema: {
        tags: ['affiliate', 'creator'],
        summary: 'Withdraw a waiting sample request',
        params: RequestParams,
        response: ok(SampleSchema, 401, 403, 404, 409),
      },
    },
    async (req) => cancelSample(ctx, actorOf(req), req.params.requestId),
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/samples',
    {
      schema: {
        tags: ['affiliate', 'merchant'],
        summary: 'Sample requests to the shop, newest first',
        params: Type.Object({ shopId: Id('shop') }, { additionalProperties: false }),
        querystring: Type.Object(
          { status: Type.Optional(Type.Union(SAMPLE_STATUSES.map((s) => Type.Literal(s)))), ...Paging },
          { additionalProperties: false },
        ),
        response: ok(SamplePageSchema, 400, 401, 403),
      },
    },
    async (req) => shopSamples(ctx, actorOf(req), req.params.shopId, req.query),
  );

  r.post(
    '/api/v1/merchant/samples/:requestId/decision',
    {
      schema: {
        tags: ['affiliate', 'merchant'],
        summary:
          'Approve a sample request (a zero-price order to ship, with the usual ship-by deadline) or reject it with a reason',
        description: 'Errors: 409 SAMPLE_NOT_WAITING, OUT_OF_STOCK; 400 INVALID_INPUT (a rejection without a reason).',
        params: RequestParams,
        body: Type.Object(
          {
            decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
            reason: Type.Optional(Type.String({ maxLength: SAMPLE_NOTE_MAX })),
          },
          { additionalProperties: false },
        ),
        response: ok(SampleSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => decideSample(ctx, actorOf(req), req.params.requestId, req.body),
  );
}
