/** Response schemas of service routes. */
import { Type } from 'typebox';
import {
  MESSAGE_KINDS,
  SOURCE_KINDS,
  type BuyerContext,
  type ConversationView,
  type DeskView,
  type MessageBody,
  type MessageView,
  type SendResult,
  type ServiceDay,
  type ServiceFigures,
  type ServiceReport,
  type ServiceSettings,
  type SnippetView,
  type StaffFigures,
  type arbitrationConversation,
  type getConversation,
  type history,
  type myUnread,
  type rateConversation,
  type uploadChatImage,
} from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

export const ConversationViewSchema = describe<ConversationView>()(
  Type.Object({
    id: Type.String(),
    buyerId: Type.String(),
    buyerName: Type.String(),
    shopId: Type.String(),
    shopName: Type.String(),
    status: OneOf(['closed', 'open', 'queued'] as const),
    assigneeId: Nullable(Type.String()),
    lastSeq: Type.Number(),
    unread: Type.Number(),
    otherReadSeq: Type.Number(),
    sourceKind: OneOf(SOURCE_KINDS),
    sourceId: Nullable(Type.String()),
    lastText: Type.String(),
    lastMessageAt: Type.Integer(),
    blockedByMe: Type.Boolean(),
    blockedByOther: Type.Boolean(),
    canRate: Type.Boolean(),
  }),
);

const MessageBodySchema = describe<MessageBody>()(
  Type.Object(
    {
      text: Type.Optional(Type.String()),
      autoKind: Type.Optional(
        OneOf(['faq', 'away'] as const, {
          description: "the shop's automatic reply: an FAQ answer or the away message",
        }),
      ),
      url: Type.Optional(Type.String()),
      productId: Type.Optional(Type.String()),
      title: Type.Optional(Type.String()),
      priceFen: Type.Optional(Type.Integer()),
      imageUrl: Type.Optional(Nullable(Type.String())),
      orderId: Type.Optional(Type.String()),
      status: Type.Optional(Type.String()),
      totalFen: Type.Optional(Type.Integer()),
      caseId: Type.Optional(Type.String()),
      type: Type.Optional(Type.String()),
      requestedFen: Type.Optional(Type.Integer()),
    },
    {
      description:
        'by kind — text: text (autoKind on automatic replies); image: url; product: productId, title, priceFen, imageUrl; order: orderId, status, totalFen, title; aftersales: caseId, status, type, requestedFen',
    },
  ),
);

export const MessageViewSchema = describe<MessageView>()(
  Type.Object({
    id: Type.String(),
    conversationId: Type.String(),
    seq: Type.Number(),
    side: OneOf(['buyer', 'shop'] as const),
    senderId: Nullable(Type.String()),
    kind: OneOf(MESSAGE_KINDS),
    body: MessageBodySchema,
    auto: Type.Boolean(),
    masked: Type.Boolean(),
    clientId: Nullable(Type.String()),
    createdAt: Type.Integer(),
  }),
);

export const DeskViewSchema = describe<DeskView>()(
  Type.Object({
    online: Type.Boolean(),
    maxOpen: Type.Number(),
    mine: Type.Array(ConversationViewSchema),
    queue: Type.Array(ConversationViewSchema),
    staff: Type.Array(
      Type.Object({ userId: Type.String(), name: Type.String(), online: Type.Boolean(), open: Type.Number() }),
    ),
  }),
);

export const ServiceSettingsSchema = describe<ServiceSettings>()(
  Type.Object({ maxOpen: Type.Number(), hoursFrom: Type.Number(), hoursTo: Type.Number(), awayText: Type.String() }),
);

export const SnippetViewSchema = describe<SnippetView>()(
  Type.Object({
    id: Type.String(),
    kind: OneOf(['quick', 'faq'] as const),
    keyword: Nullable(Type.String()),
    text: Type.String(),
  }),
);

export const ServiceDaySchema = describe<ServiceDay>()(
  Type.Object({
    day: Type.String(),
    conversations: Type.Number(),
    buyerMessages: Type.Number(),
    repliedWithin3Min: Type.Number(),
    replyRate3Min: Nullable(Type.Number()),
    firstResponseAvgMs: Nullable(Type.Integer()),
    firstResponseP90Ms: Nullable(Type.Integer()),
    unanswered: Type.Number(),
    ratings: Type.Number(),
    dissatisfied: Type.Number(),
    dissatisfiedShare: Nullable(Type.Number()),
    messages: Type.Number(),
    autoMessages: Type.Number(),
  }),
);

export const ServiceFiguresSchema = describe<ServiceFigures>()(
  Type.Object({
    conversations: Type.Number(),
    buyerMessages: Type.Number(),
    repliedWithin3Min: Type.Number(),
    replyRate3Min: Nullable(Type.Number()),
    firstResponseAvgMs: Nullable(Type.Integer()),
    firstResponseP90Ms: Nullable(Type.Integer()),
    unanswered: Type.Number(),
    ratings: Type.Number(),
    dissatisfied: Type.Number(),
    dissatisfiedShare: Nullable(Type.Number()),
    messages: Type.Number(),
    autoMessages: Type.Number(),
  }),
);

export const StaffFiguresSchema = describe<StaffFigures>()(
  Type.Object({
    userId: Type.String(),
    name: Type.String(),
    days: Type.Array(ServiceDaySchema),
    conversations: Type.Number(),
    buyerMessages: Type.Number(),
    repliedWithin3Min: Type.Number(),
    replyRate3Min: Nullable(Type.Number()),
    firstResponseAvgMs: Nullable(Type.Integer()),
    firstResponseP90Ms: Nullable(Type.Integer()),
    unanswered: Type.Number(),
    ratings: Type.Number(),
    dissatisfied: Type.Number(),
    dissatisfiedShare: Nullable(Type.Number()),
    messages: Type.Number(),
    autoMessages: Type.Number(),
  }),
);

export const ServiceReportSchema = describe<ServiceReport>()(
  Type.Object({
    days: Type.Array(ServiceDaySchema),
    total: ServiceFiguresSchema,
    staff: Type.Array(StaffFiguresSchema),
  }),
);

export const BuyerContextSchema = describe<BuyerContext>()(
  Type.Object({
    orders: Type.Array(
      Type.Object({
        id: Type.String(),
        status: Type.String(),
        totalFen: Type.Integer(),
        title: Type.String(),
        createdAt: Type.Integer(),
      }),
    ),
    cases: Type.Array(
      Type.Object({
        id: Type.String(),
        status: Type.String(),
        type: Type.String(),
        requestedFen: Type.Integer(),
        createdAt: Type.Integer(),
      }),
    ),
    product: Nullable(Type.Object({ id: Type.String(), title: Type.String(), priceFen: Type.Integer() })),
  }),
);

export const GetConversationResultSchema = describe<Awaited<ReturnType<typeof getConversation>>>()(
  Type.Object({
    id: Type.String(),
    buyerId: Type.String(),
    buyerName: Type.String(),
    shopId: Type.String(),
    shopName: Type.String(),
    status: OneOf(['closed', 'open', 'queued'] as const),
    assigneeId: Nullable(Type.String()),
    lastSeq: Type.Number(),
    unread: Type.Number(),
    otherReadSeq: Type.Number(),
    sourceKind: OneOf(SOURCE_KINDS),
    sourceId: Nullable(Type.String()),
    lastText: Type.String(),
    lastMessageAt: Type.Integer(),
    blockedByMe: Type.Boolean(),
    blockedByOther: Type.Boolean(),
    canRate: Type.Boolean(),
    side: OneOf(['buyer', 'shop'] as const),
  }),
);

export const HistoryResultSchema = describe<Awaited<ReturnType<typeof history>>>()(
  Type.Object({ items: Type.Array(MessageViewSchema), lastSeq: Type.Number(), hasMore: Type.Boolean() }),
);

export const RateConversationResultSchema = describe<Awaited<ReturnType<typeof rateConversation>>>()(
  Type.Object({ stars: Type.Number() }),
);

export const UploadChatImageResultSchema = describe<Awaited<ReturnType<typeof uploadChatImage>>>()(
  Type.Object({ id: Type.String(), url: Type.String() }),
);

export const MyUnreadResultSchema = describe<Awaited<ReturnType<typeof myUnread>>>()(
  Type.Object({ total: Type.Number(), byShop: Type.Record(Type.String(), Type.Number()) }),
);

export const ArbitrationConversationResultSchema = describe<Awaited<ReturnType<typeof arbitrationConversation>>>()(
  Type.Object({ conversation: Nullable(ConversationViewSchema), messages: Type.Array(MessageViewSchema) }),
);

/** A sent message with the automatic replies it triggered (201; 200 with duplicate: true when the clientId was sent before). */
export const SentMessageSchema = describe<Omit<SendResult, 'notify'>>()(
  Type.Object({ message: MessageViewSchema, autos: Type.Array(MessageViewSchema), duplicate: Type.Boolean() }),
);
