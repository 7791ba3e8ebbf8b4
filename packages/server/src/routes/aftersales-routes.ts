/** After-sales (售后): evidence photos, filing a case, the case's timeline and actions, the shop's and the platform's queues. */
import { Type } from 'typebox';
import {
  actOnCase,
  adminCases,
  arbitrateCase,
  BUYER_ACTIONS,
  buyerCases,
  CASE_STATUSES,
  CASE_TYPES,
  caseView,
  fileCase,
  MAX_EVIDENCE_PER_ENTRY,
  MAX_IMAGE_BYTES,
  MERCHANT_ACTIONS,
  postCaseMessage,
  REASON_CODES,
  shopCases,
  SORT_KEY_PATTERN,
  uploadEvidence,
  MAX_CASE_MESSAGE_CHARS,
  MAX_CASE_NOTE_CHARS,
  MAX_ACTION_REASON_CHARS,
  MAX_ACTION_NOTE_CHARS,
  MAX_CARRIER_CHARS,
  MAX_TRACKING_NO_CHARS,
  MIN_CARRIER_CHARS,
  MIN_TRACKING_NO_CHARS,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { readUploadedFile } from '../http/input.js';
import { answers, Id, ok, PageQuery } from '../http/schemas.js';
import {
  AdminCasesResultSchema,
  BuyerCasesResultSchema,
  CaseViewSchema,
  ShopCasesResultSchema,
  UploadEvidenceResultSchema,
} from './aftersales-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Amount = Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'amount in fen (1/100 yuan)' });
const Evidence = Type.Array(Id('afterSalesEvidence'), {
  maxItems: MAX_EVIDENCE_PER_ENTRY,
  description: 'ids of photos uploaded to /api/v1/aftersales/evidence',
});
const Status = literals(CASE_STATUSES);

const FileBody = Type.Object(
  {
    type: literals(CASE_TYPES),
    orderLineId: Id('orderLine'),
    reasonCode: literals(REASON_CODES),
    note: Type.Optional(Type.String({ maxLength: MAX_CASE_NOTE_CHARS })),
    amountFen: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100_000_000,
        description: 'refund asked for in fen (refund types; default: what remains refundable of the line)',
      }),
    ),
    spoiledPercent: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, description: 'fresh_claim: share of the goods spoiled' }),
    ),
    evidence: Type.Optional(Evidence),
  },
  { additionalProperties: false },
);

const ActionBody = Type.Object(
  {
    action: literals([...BUYER_ACTIONS, ...MERCHANT_ACTIONS, 'accept']),
    amountFen: Type.Optional(Amount),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_ACTION_REASON_CHARS })),
    note: Type.Optional(Type.String({ maxLength: MAX_ACTION_NOTE_CHARS })),
    carrier: Type.Optional(Type.String({ minLength: MIN_CARRIER_CHARS, maxLength: MAX_CARRIER_CHARS })),
    trackingNo: Type.Optional(
      Type.String({ minLength: MIN_TRACKING_NO_CHARS, maxLength: MAX_TRACKING_NO_CHARS, pattern: '^[A-Za-z0-9-]+$' }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'buyer: cancel, accept_counter, escalate, ship_return (carrier, trackingNo); shop: approve (accept), reject (reason), counter (amountFen, note), confirm_return, reject_return (reason), reship (carrier, trackingNo)',
  },
);

const ArbitrateBody = Type.Object(
  {
    decision: literals(['refund', 'reject']),
    amountFen: Type.Optional(Amount),
    reason: Type.String({ minLength: 1, maxLength: MAX_ACTION_REASON_CHARS }),
  },
  { additionalProperties: false },
);

export function aftersalesRoutes(app: App, deps: RouteDeps): void {
  const r = typed(app);
  const { ctx } = deps.core;
  const tags = ['aftersales'];
  const caseParams = Type.Object({ caseId: Id('afterSalesCase') });
  const SortedPage = {
    limit: PageQuery.limit,
    cursor: Type.Optional(Type.String({ maxLength: 64, pattern: SORT_KEY_PATTERN })),
  };
  const view = (actor: ReturnType<typeof actorOf>, caseId: string) => caseView(ctx.db, actor, caseId, ctx.clock.now());

  r.post(
    '/api/v1/aftersales/evidence',
    {
      schema: {
        tags,
        summary: `Upload one evidence photo (multipart field "file"; JPEG, PNG, WebP or GIF; at most ${MAX_IMAGE_BYTES} bytes)`,
        consumes: ['multipart/form-data'],
        response: answers(201, UploadEvidenceResultSchema, 400, 401, 409, 413, 415),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const bytes = await readUploadedFile(req, MAX_IMAGE_BYTES);
      return reply.status(201).send(await uploadEvidence(ctx, actor, bytes));
    },
  );

  r.post(
    '/api/v1/orders/:orderId/aftersales',
    {
      schema: {
        tags,
        summary: 'File an after-sales case on a line of my order',
        params: Type.Object({ orderId: Id('order') }),
        body: FileBody,
        response: answers(201, CaseViewSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const caseId = await fileCase(ctx, actor, req.params.orderId, req.body);
      deps.kickWorker(); // a fast refund goes to the provider at once
      return reply.status(201).send(await view(actor, caseId));
    },
  );

  r.get(
    '/api/v1/aftersales/cases',
    {
      schema: {
        tags,
        summary: 'My after-sales cases, newest first',
        querystring: Type.Object({ ...PageQuery, status: Type.Optional(Status) }, { additionalProperties: false }),
        response: ok(BuyerCasesResultSchema, 400, 401),
      },
    },
    async (req) => buyerCases(ctx.db, actorOf(req), { ...req.query, limit: req.query.limit ?? 20 }),
  );

  r.get(
    '/api/v1/aftersales/cases/:caseId',
    {
      schema: {
        tags,
        summary: 'One case with its timeline and the actions I may take (buyer, shop staff or admin)',
        params: caseParams,
        response: ok(CaseViewSchema, 400, 401, 404),
      },
    },
    async (req) => view(actorOf(req), req.params.caseId),
  );

  r.post(
    '/api/v1/aftersales/cases/:caseId/messages',
    {
      schema: {
        tags,
        summary: 'Write to the case timeline, with photos',
        params: caseParams,
        body: Type.Object(
          { text: Type.String({ minLength: 1, maxLength: MAX_CASE_MESSAGE_CHARS }), evidence: Type.Optional(Evidence) },
          { additionalProperties: false },
        ),
        response: ok(CaseViewSchema, 400, 401, 404),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await postCaseMessage(ctx, actor, req.params.caseId, req.body);
      return view(actor, req.params.caseId);
    },
  );

  r.post(
    '/api/v1/aftersales/cases/:caseId/actions',
    {
      schema: {
        tags,
        summary: 'Act on a case as its buyer or its shop',
        params: caseParams,
        body: ActionBody,
        response: ok(CaseViewSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await actOnCase(ctx, actor, req.params.caseId, req.body);
      deps.kickWorker();
      return view(actor, req.params.caseId);
    },
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/aftersales',
    {
      schema: {
        tags: [...tags, 'merchant'],
        summary: 'My shop’s cases, most urgent deadline first, with counts by status',
        params: Type.Object({ shopId: Id('shop') }),
        querystring: Type.Object({ ...SortedPage, status: Type.Optional(Status) }, { additionalProperties: false }),
        response: ok(ShopCasesResultSchema, 400, 401, 404),
      },
    },
    async (req) => shopCases(ctx.db, actorOf(req), req.params.shopId, { ...req.query, limit: req.query.limit ?? 20 }),
  );

  r.get(
    '/api/v1/admin/aftersales',
    {
      schema: {
        tags: [...tags, 'admin'],
        summary: 'Cases for the platform (escalated by default)',
        querystring: Type.Object({ ...SortedPage, status: Type.Optional(Status) }, { additionalProperties: false }),
        response: ok(AdminCasesResultSchema, 400, 401, 403),
      },
    },
    async (req) => adminCases(ctx.db, actorOf(req), { ...req.query, limit: req.query.limit ?? 20 }),
  );

  r.post(
    '/api/v1/admin/aftersales/:caseId/arbitrate',
    {
      schema: {
        tags: [...tags, 'admin'],
        summary: 'Decide an escalated case: refund an amount or reject, with a reason (final)',
        params: caseParams,
        body: ArbitrateBody,
        response: ok(CaseViewSchema, 400, 401, 403, 404, 409),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await arbitrateCase(ctx, actor, req.params.caseId, req.body);
      deps.kickWorker();
      return view(actor, req.params.caseId);
    },
  );
}
