/** Response schemas of customer service (飞鸽): conversations, messages, the desk's settings and snippets. */
import { Type } from 'typebox';
import { MESSAGE_KINDS, SOURCE_KINDS, type ConversationView, type MessageView, type ServiceSettings, type ServiceSide, type SnippetView } from '@zhongcao/core';
import { describe, Nullable, OneOf } from '../http/schemas.js';

const SideSchema = OneOf(['buyer', 'shop'] as const);

const ConversationProps = {
  id: Type.String(),
  buyerId: Type.String(),
  buyerName: Type.String(),
  shopId: Type.String(),
  shopName: Type.String(),
  status: OneOf(['open', 'queued', 'closed'] as const),
  assigneeId: Nullable(Type.String()),
  lastSeq: Type.Integer(),
  unread: Type.Integer({ description: 'unread for the side asking' }),
  otherReadSeq: Type.Integer({ description: 'how far the other side has read (read receipts)' }),
  sourceKind: OneOf(SOURCE_KINDS as readonly ConversationView['sourceKind'][]),
  sourceId: Nullable(Type.String()),
  lastText: Type.String(),
  lastMessageAt: Type.Integer(),
  blockedByMe: Type.Boolean(),
  blockedByOther: Type.Boolean(),
  canRate: Type.Boolean({ description: 'the buyer may rate this session now (a human has answered, not rated yet)' }),
};

export const ConversationSchema = describe<ConversationView>()(Type.Object(ConversationProps));
export const ConversationWithSideSchema = describe<ConversationView & { side: ServiceSide }>()(Type.Object({ ...ConversationProps, side: SideSchema }));

export const MessageSchema = describe<MessageView>()(
  Type.Object({
    id: Type.String(),
    conversationId: Type.String(),
    seq: Type.Integer(),
    side: SideSchema,
    senderId: Nullable(Type.String()),
    kind: OneOf(MESSAGE_KINDS as readonly MessageView['kind'][]),
    body: Type.Record(Type.String(), Type.Unknown(), { description: 'by kind: text {text}, image {url}, product / order / aftersales card fields' }),
    auto: Type.Boolean(),
    masked: Type.Boolean(),
    clientId: Nullable(Type.String()),
    createdAt: Type.Integer(),
  }),
);

export const HistorySchema = describe<{ items: MessageView[]; lastSeq: number; hasMore: boolean }>()(Type.Object({ items: Type.Array(MessageSchema), lastSeq: Type.Integer(), hasMore: Type.Boolean() }));

export const SentSchema = Type.Object({ message: MessageSchema, autos: Type.Array(MessageSchema, { description: 'automatic answers (away reply, FAQ)' }), duplicate: Type.Boolean() });

export const ServiceSettingsSchema = describe<ServiceSettings>()(
  Type.Object({ maxOpen: Type.Integer(), hoursFrom: Type.Integer({ description: 'minutes after midnight, Asia/Shanghai; equal means all day' }), hoursTo: Type.Integer(), awayText: Type.String() }),
);

export const SnippetSchema = describe<SnippetView>()(Type.Object({ id: Type.String(), kind: OneOf(['quick', 'faq'] as const), keyword: Nullable(Type.String()), text: Type.String() }));
