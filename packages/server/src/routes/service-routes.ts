/**
 * Customer service (飞鸽): conversations and messages over HTTP (the socket is only the push
 * channel plus an optional send), the merchant's desk, settings, quick replies and FAQ, the
 * figures, the admin's arbitration read, and the socket itself at /api/v1/service/ws.
 */
import { Type } from 'typebox';
import {
  addSnippet,
  arbitrationConversation,
  authenticate,
  buyerContext,
  closeConversation,
  deskView,
  getConversation,
  getServiceSettings,
  history,
  HISTORY_PAGE_MAX,
  listSnippets,
  markRead,
  MAX_IMAGE_BYTES,
  MAX_KEYWORD_CHARS,
  MAX_MESSAGE_CHARS,
  MAX_OPEN_LIMIT,
  MAX_SNIPPET_CHARS,
  MESSAGE_KINDS,
  myConversations,
  myUnread,
  openConversation,
  putServiceSettings,
  rateConversation,
  removeSnippet,
  sendMessage,
  serviceReport,
  setBlocked,
  setPresence,
  SOURCE_KINDS,
  transferConversation,
  uploadChatImage,
  MAX_STARS,
  MINUTES_PER_DAY,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { readUploadedFile } from '../http/input.js';
import { answers, Id, noContent, ok } from '../http/schemas.js';
import {
  ArbitrationConversationResultSchema,
  BuyerContextSchema,
  ConversationViewSchema,
  DeskViewSchema,
  GetConversationResultSchema,
  HistoryResultSchema,
  MyUnreadResultSchema,
  RateConversationResultSchema,
  SentMessageSchema,
  ServiceReportSchema,
  ServiceSettingsSchema,
  SnippetViewSchema,
  UploadChatImageResultSchema,
} from './service-schemas.js';
import { ServiceHub } from '../service/service-hub.js';
import { typed, type App, type RouteDeps } from './types.js';

const Lit = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Seq = Type.Integer({ minimum: 0, maximum: 2 ** 31 });
const Ref = Type.String({ pattern: '^[a-z]{3}_[0-9a-z]{26}$' });

const SendBody = Type.Object(
  {
    clientId: Type.String({
      pattern: '^[A-Za-z0-9_-]{1,64}$',
      description: 'the sender’s own key for this send; a retry with the same key returns the first send',
    }),
    kind: Lit(MESSAGE_KINDS),
    text: Type.Optional(Type.String({ maxLength: MAX_MESSAGE_CHARS * 2 })),
    imageId: Type.Optional(Id('serviceImage')),
    productId: Type.Optional(Id('product')),
    orderId: Type.Optional(Id('order')),
    caseId: Type.Optional(Ref),
  },
  { additionalProperties: false },
);

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function serviceRoutes(app: App, deps: RouteDeps): ServiceHub {
  const r = typed(app);
  const { ctx } = deps.core;
  const hub = new ServiceHub(deps.core, app.log);
  app.addHook('onClose', async () => hub.close());
  const tags = ['service'];
  const convParams = Type.Object({ conversationId: Id('conversation') });
  const shopParams = Type.Object({ shopId: Id('shop') });

  r.post(
    '/api/v1/service/conversations',
    {
      schema: {
        tags,
        summary:
          'Open my conversation with the shop behind a product, order, after-sales case or live room (联系客服); one per buyer and shop',
        body: Type.Object(
          { source: Lit(SOURCE_KINDS), sourceId: Type.Optional(Ref), shopId: Type.Optional(Id('shop')) },
          { additionalProperties: false },
        ),
        response: ok(ConversationViewSchema, 400, 401, 404),
      },
    },
    async (req) => openConversation(ctx, actorOf(req), req.body),
  );

  r.get(
    '/api/v1/service/conversations/:conversationId',
    {
      schema: {
        tags,
        summary: 'One conversation, as the buyer or the shop sees it',
        params: convParams,
        response: ok(GetConversationResultSchema, 400, 401, 404),
      },
    },
    async (req) => getConversation(ctx.db, actorOf(req), req.params.conversationId),
  );

  r.get(
    '/api/v1/service/conversations/:conversationId/messages',
    {
      schema: {
        tags,
        summary:
          'Messages in sequence order: the newest page, the page before `before`, or those after `after` (resuming after a reconnect)',
        params: convParams,
        querystring: Type.Object(
          {
            before: Type.Optional(Seq),
            after: Type.Optional(Seq),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HISTORY_PAGE_MAX })),
          },
          { additionalProperties: false },
        ),
        response: ok(HistoryResultSchema, 400, 401, 404),
      },
    },
    async (req) => history(ctx.db, actorOf(req), req.params.conversationId, req.query),
  );

  r.post(
    '/api/v1/service/conversations/:conversationId/messages',
    {
      schema: {
        tags,
        summary:
          'Send a message: text, image (uploaded first), or a product, order or after-sales card; idempotent by clientId; the text passes the rule book (422 CONTENT_REJECTED)',
        params: convParams,
        body: SendBody,
        response: { ...answers(201, SentMessageSchema, 400, 401, 403, 404, 422, 429), 200: SentMessageSchema },
      },
    },
    async (req, reply) => {
      const result = await sendMessage(ctx, actorOf(req), req.params.conversationId, req.body);
      hub.delivered(result);
      return reply
        .status(result.duplicate ? 200 : 201)
        .send({ message: result.message, autos: result.autos, duplicate: result.duplicate });
    },
  );

  r.post(
    '/api/v1/service/conversations/:conversationId/read',
    {
      schema: {
        tags,
        summary: 'Mark read up to a sequence number (a read receipt for the other side)',
        params: convParams,
        body: Type.Object({ seq: Seq }, { additionalProperties: false }),
        response: ok(Type.Object({ readSeq: Type.Number() }), 400, 401, 404),
      },
    },
    async (req) => {
      const res = await markRead(ctx, actorOf(req), req.params.conversationId, req.body.seq);
      if (res.notify.length)
        hub.push(res.notify, {
          t: 'read',
          conversationId: req.params.conversationId,
          side: res.side,
          seq: res.readSeq,
        });
      return { readSeq: res.readSeq };
    },
  );

  r.post(
    '/api/v1/service/conversations/:conversationId/rating',
    {
      schema: {
        tags,
        summary: 'The buyer rates the conversation 1–5 once the shop has answered (once per session)',
        params: convParams,
        body: Type.Object({ stars: Type.Integer({ minimum: 1, maximum: MAX_STARS }) }, { additionalProperties: false }),
        response: ok(RateConversationResultSchema, 400, 401, 404, 409),
      },
    },
    async (req) => rateConversation(ctx, actorOf(req), req.params.conversationId, req.body.stars),
  );

  r.post(
    '/api/v1/service/conversations/:conversationId/block',
    {
      schema: {
        tags,
        summary: 'Block (or unblock) the other side of the conversation',
        params: convParams,
        body: Type.Object({ blocked: Type.Boolean() }, { additionalProperties: false }),
        response: ok(ConversationViewSchema, 400, 401, 404),
      },
    },
    async (req) => setBlocked(ctx, actorOf(req), req.params.conversationId, req.body.blocked),
  );

  r.post(
    '/api/v1/service/images',
    {
      schema: {
        tags,
        summary: `Upload one chat image (multipart field "file"; JPEG, PNG, WebP or GIF; at most ${MAX_IMAGE_BYTES} bytes)`,
        consumes: ['multipart/form-data'],
        response: answers(201, UploadChatImageResultSchema, 400, 401, 413, 415),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await uploadChatImage(ctx, actorOf(req), await readUploadedFile(req, MAX_IMAGE_BYTES))),
  );

  r.get(
    '/api/v1/me/conversations',
    {
      schema: {
        tags,
        summary: 'My conversations with shops (消息), latest first',
        response: ok(Type.Object({ items: Type.Array(ConversationViewSchema) }), 401),
      },
    },
    async (req) => ({ items: await myConversations(ctx.db, actorOf(req)) }),
  );

  r.get(
    '/api/v1/me/conversations/unread',
    {
      schema: { tags, summary: 'My unread messages: the total and per shop', response: ok(MyUnreadResultSchema, 401) },
    },
    async (req) => myUnread(ctx.db, actorOf(req)),
  );

  // ---- the merchant's desk ----------------------------------------------------------------------
  const mtags = [...tags, 'merchant'];
  r.get(
    '/api/v1/merchant/shops/:shopId/service/desk',
    {
      schema: {
        tags: mtags,
        summary: 'The desk (客服工作台): my open conversations, the queue and the team',
        params: shopParams,
        response: ok(DeskViewSchema, 400, 401, 404),
      },
    },
    async (req) => deskView(ctx.db, actorOf(req), req.params.shopId),
  );

  r.post(
    '/api/v1/merchant/shops/:shopId/service/presence',
    {
      schema: {
        tags: mtags,
        summary: 'Go online or offline at the desk; going online takes waiting conversations',
        params: shopParams,
        body: Type.Object({ online: Type.Boolean() }, { additionalProperties: false }),
        response: ok(Type.Object({ online: Type.Boolean(), assigned: Type.Number() }), 400, 401, 404),
      },
    },
    async (req) => {
      const res = await setPresence(ctx, actorOf(req), req.params.shopId, req.body.online);
      hub.assigned(res.assigned);
      return { online: res.online, assigned: res.assigned.length };
    },
  );

  const Settings = Type.Object(
    {
      maxOpen: Type.Integer({ minimum: 1, maximum: MAX_OPEN_LIMIT }),
      hoursFrom: Type.Integer({ minimum: 0, maximum: MINUTES_PER_DAY - 1 }),
      hoursTo: Type.Integer({ minimum: 0, maximum: MINUTES_PER_DAY - 1 }),
      awayText: Type.String({ maxLength: MAX_SNIPPET_CHARS }),
    },
    { additionalProperties: false },
  );
  r.get(
    '/api/v1/merchant/shops/:shopId/service/settings',
    {
      schema: {
        tags: mtags,
        summary: 'Desk settings: conversations per person, service hours (minutes, Asia/Shanghai) and the away reply',
        params: shopParams,
        response: ok(ServiceSettingsSchema, 400, 401, 404),
      },
    },
    async (req) => getServiceSettings(ctx.db, actorOf(req), req.params.shopId),
  );
  r.put(
    '/api/v1/merchant/shops/:shopId/service/settings',
    {
      schema: {
        tags: mtags,
        summary: 'Change the desk settings',
        params: shopParams,
        body: Settings,
        response: ok(ServiceSettingsSchema, 400, 401, 404),
      },
    },
    async (req) => putServiceSettings(ctx, actorOf(req), req.params.shopId, req.body),
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/service/snippets',
    {
      schema: {
        tags: mtags,
        summary: 'Quick replies and keyword FAQ answers',
        params: shopParams,
        response: ok(Type.Object({ items: Type.Array(SnippetViewSchema) }), 400, 401, 404),
      },
    },
    async (req) => ({ items: await listSnippets(ctx.db, actorOf(req), req.params.shopId) }),
  );
  r.post(
    '/api/v1/merchant/shops/:shopId/service/snippets',
    {
      schema: {
        tags: mtags,
        summary:
          'Add a quick reply (kind quick) or an automatic FAQ answer (kind faq, sent when a buyer’s message contains the keyword)',
        params: shopParams,
        body: Type.Object(
          {
            kind: Lit(['quick', 'faq']),
            keyword: Type.Optional(Type.String({ maxLength: MAX_KEYWORD_CHARS })),
            text: Type.String({ minLength: 1, maxLength: MAX_SNIPPET_CHARS }),
          },
          { additionalProperties: false },
        ),
        response: answers(201, SnippetViewSchema, 400, 401, 404, 409),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await addSnippet(
            ctx,
            actorOf(req),
            req.params.shopId,
            req.body as { kind: 'quick' | 'faq'; keyword?: string; text: string },
          ),
        ),
  );
  r.delete(
    '/api/v1/merchant/shops/:shopId/service/snippets/:snippetId',
    {
      schema: {
        tags: mtags,
        summary: 'Remove a quick reply or FAQ answer',
        params: Type.Object({ shopId: Id('shop'), snippetId: Id('serviceSnippet') }),
        response: noContent(400, 401, 404),
      },
    },
    async (req, reply) => {
      await removeSnippet(ctx, actorOf(req), req.params.shopId, req.params.snippetId);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/merchant/shops/:shopId/service/report',
    {
      schema: {
        tags: mtags,
        summary:
          'Customer-service figures per day (Asia/Shanghai), in total and per staff member: first response, 3-minute human reply rate, unanswered, satisfaction',
        params: shopParams,
        querystring: Type.Object(
          { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 31, default: 7 })) },
          { additionalProperties: false },
        ),
        response: ok(ServiceReportSchema, 400, 401, 404),
      },
    },
    async (req) => serviceReport(ctx, actorOf(req), req.params.shopId, req.query.days ?? 7),
  );

  r.post(
    '/api/v1/merchant/service/conversations/:conversationId/transfer',
    {
      schema: {
        tags: mtags,
        summary: 'Hand a conversation to another member of the shop',
        params: convParams,
        body: Type.Object({ toUserId: Id('user') }, { additionalProperties: false }),
        response: ok(Type.Object({ ok: Type.Literal(true) }), 400, 401, 404),
      },
    },
    async (req) => {
      const res = await transferConversation(ctx, actorOf(req), req.params.conversationId, req.body.toUserId);
      hub.push(res.notify, { t: 'desk', reason: 'transferred', conversationId: req.params.conversationId });
      return { ok: true as const };
    },
  );
  r.post(
    '/api/v1/merchant/service/conversations/:conversationId/close',
    {
      schema: {
        tags: mtags,
        summary: 'End the conversation (结束会话); the freed slot takes the next waiting one',
        params: convParams,
        response: ok(Type.Object({ ok: Type.Literal(true) }), 400, 401, 404),
      },
    },
    async (req) => {
      const res = await closeConversation(ctx, actorOf(req), req.params.conversationId);
      hub.assigned(res.assigned);
      return { ok: true as const };
    },
  );
  r.get(
    '/api/v1/merchant/service/conversations/:conversationId/context',
    {
      schema: {
        tags: mtags,
        summary:
          'Beside the conversation: the buyer’s orders and after-sales cases with the shop, the product asked about',
        params: convParams,
        response: ok(BuyerContextSchema, 400, 401, 404),
      },
    },
    async (req) => buyerContext(ctx.db, actorOf(req), req.params.conversationId),
  );

  r.get(
    '/api/v1/admin/aftersales/:caseId/conversation',
    {
      schema: {
        tags: [...tags, 'admin'],
        summary: 'The buyer–shop conversation of a case under arbitration (each read is logged)',
        params: Type.Object({ caseId: Ref }),
        response: ok(ArbitrationConversationResultSchema, 400, 401, 403, 404),
      },
    },
    async (req) => arbitrationConversation(ctx, actorOf(req), req.params.caseId),
  );

  // ---- the push channel -------------------------------------------------------------------------
  app.get(
    '/api/v1/service/ws',
    {
      websocket: true,
      schema: {
        tags,
        summary:
          'My customer-service channel (WebSocket, JSON frames with field t: send, sync, read, ping → hello, msg, ack, msgs, read, desk, error, pong)',
        querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (socket, req) => {
      let session = req.auth;
      // A cookie sent along by another site's page must not speak for the person.
      if (session?.kind === 'cookie' && req.headers.origin && originHost(req.headers.origin) !== req.headers.host)
        session = null;
      const token = (req.query as { token?: string }).token;
      if (!session && token) {
        session = deps.sessions.get(token) ?? (await authenticate(ctx, token));
        if (session) deps.sessions.set(token, session);
      }
      if (!session) {
        socket.send(JSON.stringify({ t: 'error', code: 'UNAUTHENTICATED' }));
        socket.close(4401, 'unauthenticated');
        return;
      }
      hub.attach(socket, session.actor);
    },
  );
  return hub;
}
