/**
 * Sending a message: the sender's client id makes it idempotent, the conversation's sequence
 * number orders it, the rule book gates its text (a shop's off-platform contacts are masked for the
 * buyer and recorded as a diversion breach), a buyer's message is assigned to online staff or
 * queued, and the keyword FAQ or the away reply may answer it automatically — all in one transaction.
 */
import { sql } from 'kysely';
import type { Actor, CoreContext, Tx } from '../context.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';
import { commentDecision, currentMatcher, maskHits } from '../governance/index.js';
import { recordViolation } from '../violations/index.js';
import { imageUrl } from '../catalog/index.js';
import {
  assignOrQueue,
  audienceOf,
  loadForActor,
  messageView,
  type ConversationRow,
  type MessageView,
} from './conversation-store.js';
import {
  CLIENT_ID_PATTERN,
  inServiceHours,
  matchFaq,
  MAX_MESSAGE_CHARS,
  previewOf,
  RATE_LIMIT,
  RATE_WINDOW_MS,
  SENDER_RATE_LIMIT,
  type MessageBody,
  type MessageKind,
  type Side,
} from './service-rules.js';

export interface SendInput {
  clientId: string;
  kind: MessageKind;
  text?: string;
  imageId?: string;
  productId?: string;
  orderId?: string;
  caseId?: string;
}

export interface SendResult {
  message: MessageView;
  /** Automatic answers written after it (FAQ, away reply). */
  autos: MessageView[];
  duplicate: boolean;
  /** People to push the new messages to. */
  notify: string[];
}

class Duplicate {
  constructor(readonly row: MessageView) {}
}

async function bodyOf(
  ctx: CoreContext,
  actor: Actor,
  conv: ConversationRow,
  side: Side,
  input: SendInput,
): Promise<{ body: MessageBody; masked: boolean; diversion: string[] }> {
  const need = (v: string | undefined, field: string): string => {
    if (!v) throw invalid(`${field} is required for a ${input.kind} message`, { field });
    return v;
  };
  switch (input.kind) {
    case 'text': {
      const text = need(input.text, 'text').trim();
      if (!text) throw invalid('the text is empty', { field: 'text' });
      if ([...text].length > MAX_MESSAGE_CHARS)
        throw invalid(`a message is at most ${MAX_MESSAGE_CHARS} characters`, { field: 'text' });
      const matcher = await currentMatcher(ctx);
      const hits = matcher.check(text);
      if (hits.length === 0) return { body: { text }, masked: false, diversion: [] };
      const decision = commentDecision(text, hits);
      if (!decision.allow) {
        const terms = [...new Set(decision.blocking.map((h) => h.term))];
        throw new DomainError(
          'CONTENT_REJECTED',
          `内容含有违规词：${terms.join('、')} / the text breaks platform rules: ${terms.join(', ')}`,
          {
            hits: decision.blocking.map((h) => ({
              field: 'text',
              term: h.term,
              rule: h.rule,
              start: h.start,
              end: h.end,
            })),
          },
        );
      }
      const diversion = hits.filter((h) => h.class === 'diversion');
      if (side === 'shop' && diversion.length > 0)
        return {
          body: { text: maskHits(text, hits, ['diversion']) },
          masked: true,
          diversion: diversion.map((h) => h.matched),
        };
      return { body: { text }, masked: false, diversion: [] };
    }
    case 'image': {
      const img = await ctx.db
        .selectFrom('service_images')
        .select(['file_name', 'used'])
        .where('id', '=', need(input.imageId, 'imageId'))
        .where('uploader_id', '=', actor.userId)
        .executeTakeFirst();
      if (!img) throw notFound('image', input.imageId);
      return { body: { url: imageUrl(img.file_name) }, masked: false, diversion: [] };
    }
    case 'product': {
      const p = await ctx.db
        .selectFrom('products')
        .select(['id', 'title', 'min_price_fen'])
        .where('id', '=', need(input.productId, 'productId'))
        .where('shop_id', '=', conv.shop_id)
        .executeTakeFirst();
      if (!p) throw notFound('product', input.productId);
      const img = await ctx.db
        .selectFrom('product_images')
        .select('file_name')
        .where('product_id', '=', p.id)
        .orderBy('sort')
        .limit(1)
        .executeTakeFirst();
      return {
        body: {
          productId: p.id,
          title: p.title,
          priceFen: Number(p.min_price_fen),
          imageUrl: img ? imageUrl(img.file_name) : null,
        },
        masked: false,
        diversion: [],
      };
    }
    case 'order': {
      const o = await ctx.db
        .selectFrom('orders')
        .select(['id', 'status', 'total_fen'])
        .where('id', '=', need(input.orderId, 'orderId'))
        .where('buyer_id', '=', conv.buyer_id)
        .where('shop_id', '=', conv.shop_id)
        .executeTakeFirst();
      if (!o) throw notFound('order', input.orderId);
      const line = await ctx.db
        .selectFrom('order_lines')
        .select('title')
        .where('order_id', '=', o.id)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return {
        body: { orderId: o.id, status: o.status, totalFen: Number(o.total_fen), title: line?.title ?? '' },
        masked: false,
        diversion: [],
      };
    }
    case 'aftersales': {
      const c = await ctx.db
        .selectFrom('aftersales_cases')
        .select(['id', 'status', 'type', 'requested_fen'])
        .where('id', '=', need(input.caseId, 'caseId'))
        .where('buyer_id', '=', conv.buyer_id)
        .where('shop_id', '=', conv.shop_id)
        .executeTakeFirst();
      if (!c) throw notFound('after-sales case', input.caseId);
      return {
        body: { caseId: c.id, status: c.status, type: c.type, requestedFen: Number(c.requested_fen) },
        masked: false,
        diversion: [],
      };
    }
    default:
      throw invalid('unknown message kind', { field: 'kind' });
  }
}

/** Writes one message with the conversation's next sequence number; returns it and the conversation as updated. */
async function insertMessage(
  tx: Tx,
  conv: ConversationRow,
  m: {
    side: Side;
    senderId: string | null;
    kind: MessageKind;
    body: MessageBody;
    auto: boolean;
    masked: boolean;
    clientId: string | null;
  },
  now: number,
): Promise<{ message: MessageView; conversation: ConversationRow }> {
  const buyer = m.side === 'buyer';
  const human = m.side === 'shop' && !m.auto;
  const bumped = await tx
    .updateTable('service_conversations')
    .set((eb) => ({
      last_seq: eb('last_seq', '+', 1),
      buyer_read_seq: buyer ? eb('last_seq', '+', 1) : eb.ref('buyer_read_seq'),
      shop_read_seq: human ? eb('last_seq', '+', 1) : eb.ref('shop_read_seq'),
      buyer_unread: buyer ? 0 : eb('buyer_unread', '+', 1),
      shop_unread: buyer ? eb('shop_unread', '+', 1) : human ? 0 : eb.ref('shop_unread'),
      last_text: previewOf(m.kind, m.body),
      last_message_at: now,
      updated_at: now,
    }))
    .where('id', '=', conv.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const seq = Number(bumped.last_seq);
  if (m.clientId && m.senderId) {
    const existing = await tx
      .selectFrom('service_messages')
      .selectAll()
      .where('conversation_id', '=', conv.id)
      .where('sender_id', '=', m.senderId)
      .where('client_id', '=', m.clientId)
      .executeTakeFirst();
    if (existing) throw new Duplicate(messageView(existing));
  }
  const row = {
    id: newId('serviceMessage', now),
    conversation_id: conv.id,
    shop_id: conv.shop_id,
    seq,
    side: m.side,
    sender_id: m.senderId,
    kind: m.kind,
    body: JSON.stringify(m.body),
    auto: m.auto ? 1 : 0,
    masked: m.masked ? 1 : 0,
    client_id: m.clientId,
    created_at: now,
  };
  await tx.insertInto('service_messages').values(row).execute();
  return { message: messageView(row), conversation: bumped };
}

/** Sends a message as the buyer or as a member of the shop. A retry with the same client id returns the first send. */
export async function sendMessage(
  ctx: CoreContext,
  actor: Actor,
  conversationId: string,
  input: SendInput,
): Promise<SendResult> {
  if (!CLIENT_ID_PATTERN.test(input.clientId))
    throw invalid('clientId is 1–64 letters, digits, - or _', { field: 'clientId' });
  const { row: conv, side } = await loadForActor(ctx.db, actor, conversationId);
  const prior = await ctx.db
    .selectFrom('service_messages')
    .selectAll()
    .where('conversation_id', '=', conv.id)
    .where('sender_id', '=', actor.userId)
    .where('client_id', '=', input.clientId)
    .executeTakeFirst();
  if (prior) return { message: messageView(prior), autos: [], duplicate: true, notify: [] };
  if (
    side === 'buyer'
      ? conv.shop_blocked_at !== null || conv.buyer_blocked_at !== null
      : conv.buyer_blocked_at !== null || conv.shop_blocked_at !== null
  ) {
    throw new DomainError('CONVERSATION_BLOCKED', 'this conversation is blocked');
  }
  const now = ctx.clock.now();
  const recent = await ctx.db
    .selectFrom('service_messages')
    .select([
      sql<number>`count(*)`.as('all'),
      sql<number>`coalesce(sum(case when conversation_id = ${conv.id} then 1 else 0 end), 0)`.as('here'),
    ])
    .where('sender_id', '=', actor.userId)
    .where('created_at', '>', now - RATE_WINDOW_MS)
    .executeTakeFirstOrThrow();
  if (Number(recent.here) >= RATE_LIMIT || Number(recent.all) >= SENDER_RATE_LIMIT) {
    throw new DomainError(
      'RATE_LIMITED',
      `at most ${RATE_LIMIT} messages in a conversation and ${SENDER_RATE_LIMIT} in all in ${RATE_WINDOW_MS / 1000} s`,
      { retryAfterMs: RATE_WINDOW_MS },
    );
  }
  const { body, masked, diversion } = await bodyOf(ctx, actor, conv, side, input);
  const faq =
    side === 'buyer' && input.kind === 'text'
      ? await ctx.db
          .selectFrom('service_snippets')
          .select(['keyword', 'text'])
          .where('shop_id', '=', conv.shop_id)
          .where('kind', '=', 'faq')
          .orderBy('id')
          .execute()
      : [];
  const settings =
    side === 'buyer'
      ? await ctx.db.selectFrom('service_settings').selectAll().where('shop_id', '=', conv.shop_id).executeTakeFirst()
      : undefined;
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { message, conversation: fresh } = await insertMessage(
        tx,
        conv,
        { side, senderId: actor.userId, kind: input.kind, body, auto: false, masked, clientId: input.clientId },
        now,
      );
      if (input.kind === 'image' && input.imageId)
        await tx.updateTable('service_images').set({ used: 1 }).where('id', '=', input.imageId).execute();
      if (side === 'buyer') {
        if (fresh.status === 'closed')
          await tx
            .updateTable('service_conversations')
            .set((eb) => ({ session_no: eb('session_no', '+', 1) }))
            .where('id', '=', conv.id)
            .execute();
        if (fresh.status !== 'open' || !fresh.assignee_id) fresh.assignee_id = await assignOrQueue(tx, fresh, now);
        fresh.status = fresh.assignee_id ? 'open' : 'queued';
      } else if (!fresh.assignee_id || fresh.status !== 'open') {
        // Staff who answer a waiting conversation take it.
        await tx
          .updateTable('service_conversations')
          .set({ status: 'open', assignee_id: actor.userId, queued_at: null })
          .where('id', '=', conv.id)
          .execute();
        fresh.assignee_id = actor.userId;
        fresh.status = 'open';
      }
      if (diversion.length > 0) {
        await recordViolation(
          tx,
          {
            subjectKind: 'shop',
            subjectId: conv.shop_id,
            rule: 'off_platform_diversion',
            refId: message.id,
            detail: { conversationId: conv.id, matched: diversion },
          },
          now,
        );
      }
      const autos: MessageView[] = [];
      if (side === 'buyer' && input.kind === 'text') {
        const hit = matchFaq(String(body.text), faq);
        const away =
          settings && !inServiceHours(now, Number(settings.hours_from), Number(settings.hours_to)) && settings.away_text
            ? settings.away_text
            : null;
        if (hit)
          autos.push(
            (
              await insertMessage(
                tx,
                conv,
                {
                  side: 'shop',
                  senderId: null,
                  kind: 'text',
                  body: { text: hit.text, autoKind: 'faq' },
                  auto: true,
                  masked: false,
                  clientId: null,
                },
                now,
              )
            ).message,
          );
        else if (away && !(await awayAlreadySent(tx, conv.id)))
          autos.push(
            (
              await insertMessage(
                tx,
                conv,
                {
                  side: 'shop',
                  senderId: null,
                  kind: 'text',
                  body: { text: away, autoKind: 'away' },
                  auto: true,
                  masked: false,
                  clientId: null,
                },
                now,
              )
            ).message,
          );
      }
      return { message, autos, duplicate: false, notify: await audienceOf(tx, fresh) };
    });
  } catch (e) {
    if (e instanceof Duplicate) return { message: e.row, autos: [], duplicate: true, notify: [] };
    throw e;
  }
}

/** The away reply goes out once per wait: not again while the shop's last message is the away reply itself. */
async function awayAlreadySent(tx: Tx, conversationId: string): Promise<boolean> {
  const lastShop = await tx
    .selectFrom('service_messages')
    .select(['auto', 'body'])
    .where('conversation_id', '=', conversationId)
    .where('side', '=', 'shop')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return Boolean(
    lastShop && Number(lastShop.auto) === 1 && (JSON.parse(lastShop.body) as { autoKind?: string }).autoKind === 'away',
  );
}
