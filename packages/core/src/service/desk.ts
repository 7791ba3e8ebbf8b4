/**
 * The service desk (客服工作台): staff presence, the round-robin hand-out and the shop's queue,
 * transfers, ending a conversation, the buyer's context beside it, per-shop settings (the cap per
 * person, service hours and the away reply), quick replies and the keyword FAQ; and the admin's
 * logged read of a conversation under after-sales arbitration.
 */
import type { Actor, CoreContext, Db } from '../context.js';
import { requireRole, requireShopMember } from '../accounts/index.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';
import {
  conversationViews,
  drainQueue,
  loadForActor,
  messageView,
  onlineStaff,
  shopMaxOpen,
  type ConversationView,
  type MessageView,
} from './conversation-store.js';
import {
  DEFAULT_MAX_OPEN,
  MAX_KEYWORD_CHARS,
  MAX_OPEN_LIMIT,
  MAX_SNIPPET_CHARS,
  MAX_SNIPPETS,
  MINUTES_PER_DAY,
  type SnippetKind,
} from './service-rules.js';

/** Marks the caller online or offline at the shop's desk; going online takes waiting conversations. */
export async function setPresence(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  online: boolean,
): Promise<{ online: boolean; assigned: Array<[string, string]> }> {
  requireShopMember(actor, shopId);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('service_staff')
      .values({ shop_id: shopId, user_id: actor.userId, online: online ? 1 : 0, last_assigned_at: 0, updated_at: now })
      .onConflict((oc) => oc.columns(['shop_id', 'user_id']).doUpdateSet({ online: online ? 1 : 0, updated_at: now }))
      .execute();
    return { online, assigned: online ? await drainQueue(tx, shopId, now) : [] };
  });
}

export interface DeskView {
  online: boolean;
  maxOpen: number;
  mine: ConversationView[];
  queue: ConversationView[];
  staff: Array<{ userId: string; name: string; online: boolean; open: number }>;
}

/** What the desk shows: my open conversations, the shop's queue and the team. */
export async function deskView(db: Db, actor: Actor, shopId: string): Promise<DeskView> {
  requireShopMember(actor, shopId);
  const me = await db
    .selectFrom('service_staff')
    .select('online')
    .where('shop_id', '=', shopId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  const mine = await db
    .selectFrom('service_conversations')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('assignee_id', '=', actor.userId)
    .where('status', '=', 'open')
    .orderBy('last_message_at', 'desc')
    .limit(200)
    .execute();
  const queue = await db
    .selectFrom('service_conversations')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('status', '=', 'queued')
    .orderBy('queued_at')
    .limit(200)
    .execute();
  const members = await db
    .selectFrom('shop_members')
    .innerJoin('users', 'users.id', 'shop_members.user_id')
    .select(['users.id', 'users.display_name'])
    .where('shop_members.shop_id', '=', shopId)
    .orderBy('users.id')
    .execute();
  const online = new Map((await onlineStaff(db, shopId)).map((s) => [s.userId, s.open]));
  return {
    online: Number(me?.online ?? 0) === 1,
    maxOpen: await shopMaxOpen(db, shopId),
    mine: await conversationViews(db, mine, 'shop'),
    queue: await conversationViews(db, queue, 'shop'),
    staff: members.map((m) => ({
      userId: m.id,
      name: m.display_name,
      online: online.has(m.id),
      open: online.get(m.id) ?? 0,
    })),
  };
}

/** Hands a conversation to another member of the shop. Returns who should hear of it. */
export async function transferConversation(
  ctx: CoreContext,
  actor: Actor,
  conversationId: string,
  toUserId: string,
): Promise<{ notify: string[] }> {
  const { row, side } = await loadForActor(ctx.db, actor, conversationId);
  if (side !== 'shop') throw notFound('conversation', conversationId);
  const member = await ctx.db
    .selectFrom('shop_members')
    .select('user_id')
    .where('shop_id', '=', row.shop_id)
    .where('user_id', '=', toUserId)
    .executeTakeFirst();
  if (!member)
    throw new DomainError('STAFF_NOT_AVAILABLE', 'that person is not on this shop’s staff', { field: 'toUserId' });
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('service_conversations')
    .set({ status: 'open', assignee_id: toUserId, queued_at: null, updated_at: now })
    .where('id', '=', conversationId)
    .execute();
  return { notify: [...new Set([toUserId, row.assignee_id ?? actor.userId])] };
}

/** Ends a conversation (结束会话); the next buyer message opens a new session. The freed slot takes the next waiting one. */
export async function closeConversation(
  ctx: CoreContext,
  actor: Actor,
  conversationId: string,
): Promise<{ assigned: Array<[string, string]> }> {
  const { row, side } = await loadForActor(ctx.db, actor, conversationId);
  if (side !== 'shop') throw notFound('conversation', conversationId);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('service_conversations')
      .set({ status: 'closed', queued_at: null, updated_at: now })
      .where('id', '=', conversationId)
      .execute();
    return { assigned: await drainQueue(tx, row.shop_id, now) };
  });
}

export interface BuyerContext {
  orders: Array<{ id: string; status: string; totalFen: number; title: string; createdAt: number }>;
  cases: Array<{ id: string; status: string; type: string; requestedFen: number; createdAt: number }>;
  product: { id: string; title: string; priceFen: number } | null;
}

/** Beside the conversation: the buyer's orders and after-sales cases with this shop, and the product asked about. */
export async function buyerContext(db: Db, actor: Actor, conversationId: string): Promise<BuyerContext> {
  const { row, side } = await loadForActor(db, actor, conversationId);
  if (side !== 'shop') throw notFound('conversation', conversationId);
  const orders = await db
    .selectFrom('orders')
    .select(['id', 'status', 'total_fen', 'created_at'])
    .where('buyer_id', '=', row.buyer_id)
    .where('shop_id', '=', row.shop_id)
    .orderBy('created_at', 'desc')
    .limit(10)
    .execute();
  const titles = orders.length
    ? await db
        .selectFrom('order_lines')
        .select(['order_id', 'title'])
        .where(
          'order_id',
          'in',
          orders.map((o) => o.id),
        )
        .orderBy('id')
        .execute()
    : [];
  const cases = await db
    .selectFrom('aftersales_cases')
    .select(['id', 'status', 'type', 'requested_fen', 'created_at'])
    .where('buyer_id', '=', row.buyer_id)
    .where('shop_id', '=', row.shop_id)
    .orderBy('created_at', 'desc')
    .limit(10)
    .execute();
  const product =
    row.source_kind === 'product' && row.source_id
      ? await db
          .selectFrom('products')
          .select(['id', 'title', 'min_price_fen'])
          .where('id', '=', row.source_id)
          .executeTakeFirst()
      : undefined;
  return {
    orders: orders.map((o) => ({
      id: o.id,
      status: o.status,
      totalFen: Number(o.total_fen),
      title: titles.find((t) => t.order_id === o.id)?.title ?? '',
      createdAt: Number(o.created_at),
    })),
    cases: cases.map((c) => ({
      id: c.id,
      status: c.status,
      type: c.type,
      requestedFen: Number(c.requested_fen),
      createdAt: Number(c.created_at),
    })),
    product: product ? { id: product.id, title: product.title, priceFen: Number(product.min_price_fen) } : null,
  };
}

export interface ServiceSettings {
  maxOpen: number;
  /** Minutes after midnight, Asia/Shanghai; equal means all day. */
  hoursFrom: number;
  hoursTo: number;
  awayText: string;
}

export async function getServiceSettings(db: Db, actor: Actor, shopId: string): Promise<ServiceSettings> {
  requireShopMember(actor, shopId);
  const s = await db.selectFrom('service_settings').selectAll().where('shop_id', '=', shopId).executeTakeFirst();
  return s
    ? {
        maxOpen: Number(s.max_open),
        hoursFrom: Number(s.hours_from),
        hoursTo: Number(s.hours_to),
        awayText: s.away_text,
      }
    : { maxOpen: DEFAULT_MAX_OPEN, hoursFrom: 0, hoursTo: 0, awayText: '' };
}

export async function putServiceSettings(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  input: ServiceSettings,
): Promise<ServiceSettings> {
  requireShopMember(actor, shopId);
  if (!Number.isInteger(input.maxOpen) || input.maxOpen < 1 || input.maxOpen > MAX_OPEN_LIMIT)
    throw invalid(`maxOpen is 1–${MAX_OPEN_LIMIT}`, { field: 'maxOpen' });
  for (const f of ['hoursFrom', 'hoursTo'] as const)
    if (!Number.isInteger(input[f]) || input[f] < 0 || input[f] >= MINUTES_PER_DAY)
      throw invalid(`${f} is a minute of the day, 0–${MINUTES_PER_DAY - 1}`, { field: f });
  if (input.awayText.length > MAX_SNIPPET_CHARS)
    throw invalid(`the away reply is at most ${MAX_SNIPPET_CHARS} characters`, { field: 'awayText' });
  const now = ctx.clock.now();
  const values = {
    max_open: input.maxOpen,
    hours_from: input.hoursFrom,
    hours_to: input.hoursTo,
    away_text: input.awayText.trim(),
    updated_at: now,
  };
  await ctx.db
    .insertInto('service_settings')
    .values({ shop_id: shopId, ...values })
    .onConflict((oc) => oc.column('shop_id').doUpdateSet(values))
    .execute();
  return getServiceSettings(ctx.db, actor, shopId);
}

export interface SnippetView {
  id: string;
  kind: SnippetKind;
  keyword: string | null;
  text: string;
}

export async function listSnippets(db: Db, actor: Actor, shopId: string): Promise<SnippetView[]> {
  requireShopMember(actor, shopId);
  const rows = await db
    .selectFrom('service_snippets')
    .select(['id', 'kind', 'keyword', 'text'])
    .where('shop_id', '=', shopId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as SnippetKind, keyword: r.keyword, text: r.text }));
}

/** Adds a quick reply (kind quick) or a keyword FAQ answer (kind faq, with its keyword). */
export async function addSnippet(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  input: { kind: SnippetKind; keyword?: string; text: string },
): Promise<SnippetView> {
  requireShopMember(actor, shopId);
  const text = input.text.trim();
  if (!text || text.length > MAX_SNIPPET_CHARS)
    throw invalid(`the text is 1–${MAX_SNIPPET_CHARS} characters`, { field: 'text' });
  const keyword = input.kind === 'faq' ? (input.keyword ?? '').trim() : null;
  if (input.kind === 'faq' && (!keyword || keyword.length > MAX_KEYWORD_CHARS))
    throw invalid(`a FAQ keyword is 1–${MAX_KEYWORD_CHARS} characters`, { field: 'keyword' });
  const n = await ctx.db
    .selectFrom('service_snippets')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('shop_id', '=', shopId)
    .executeTakeFirstOrThrow();
  if (Number(n.n) >= MAX_SNIPPETS)
    throw new DomainError('TOO_MANY_SNIPPETS', `at most ${MAX_SNIPPETS} quick replies and FAQ answers per shop`);
  const now = ctx.clock.now();
  const id = newId('serviceSnippet', now);
  await ctx.db
    .insertInto('service_snippets')
    .values({ id, shop_id: shopId, kind: input.kind, keyword, text, created_at: now })
    .execute();
  return { id, kind: input.kind, keyword, text };
}

export async function removeSnippet(ctx: CoreContext, actor: Actor, shopId: string, snippetId: string): Promise<void> {
  requireShopMember(actor, shopId);
  const res = await ctx.db
    .deleteFrom('service_snippets')
    .where('id', '=', snippetId)
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('snippet', snippetId);
}

/** An admin reads the buyer–shop conversation of an after-sales case only once the case went to arbitration; each read is logged. */
export async function arbitrationConversation(
  ctx: CoreContext,
  actor: Actor,
  caseId: string,
): Promise<{ conversation: ConversationView | null; messages: MessageView[] }> {
  requireRole(actor, 'admin');
  const c = await ctx.db
    .selectFrom('aftersales_cases')
    .select(['id', 'buyer_id', 'shop_id'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!c) throw notFound('after-sales case', caseId);
  const escalated = await ctx.db
    .selectFrom('aftersales_events')
    .select('id')
    .where('case_id', '=', caseId)
    .where('kind', '=', 'escalated')
    .limit(1)
    .executeTakeFirst();
  if (!escalated)
    throw new DomainError('NOT_ARBITRATED', 'a conversation is open to the platform only for a case under arbitration');
  const row = await ctx.db
    .selectFrom('service_conversations')
    .selectAll()
    .where('buyer_id', '=', c.buyer_id)
    .where('shop_id', '=', c.shop_id)
    .executeTakeFirst();
  if (!row) return { conversation: null, messages: [] };
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('service_access_log')
    .values({
      id: newId('serviceAccess', now),
      conversation_id: row.id,
      admin_id: actor.userId,
      case_id: caseId,
      at: now,
    })
    .execute();
  const messages = await ctx.db
    .selectFrom('service_messages')
    .selectAll()
    .where('conversation_id', '=', row.id)
    .orderBy('seq')
    .limit(1000)
    .execute();
  return { conversation: (await conversationViews(ctx.db, [row], 'shop'))[0]!, messages: messages.map(messageView) };
}
