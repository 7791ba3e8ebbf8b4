/** Loading conversations for one side, the views, and the assignment of waiting conversations to online staff. */
import type { Actor, Db, Tx } from '../context.js';
import { notFound } from '../platform/index.js';
import type { ServiceConversationsTable, ServiceMessagesTable } from '../storage/index.js';
import {
  pickStaff,
  type ConversationStatus,
  type MessageBody,
  type MessageKind,
  type Side,
  type SourceKind,
} from './service-rules.js';
import { DEFAULT_MAX_OPEN } from './service-rules.js';

export type ConversationRow = ServiceConversationsTable;

/** The conversation as one of its sides sees it; anyone else gets 404, as if it did not exist. */
export async function loadForActor(
  db: Db | Tx,
  actor: Actor,
  conversationId: string,
): Promise<{ row: ConversationRow; side: Side }> {
  const row = await db
    .selectFrom('service_conversations')
    .selectAll()
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (row && row.buyer_id === actor.userId) return { row, side: 'buyer' };
  if (row && actor.shops.has(row.shop_id)) return { row, side: 'shop' };
  throw notFound('conversation', conversationId);
}

export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  side: Side;
  senderId: string | null;
  kind: MessageKind;
  body: MessageBody;
  auto: boolean;
  masked: boolean;
  clientId: string | null;
  createdAt: number;
}

export function messageView(r: ServiceMessagesTable): MessageView {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    seq: Number(r.seq),
    side: r.side as Side,
    senderId: r.sender_id,
    kind: r.kind as MessageKind,
    body: JSON.parse(r.body) as MessageBody,
    auto: Number(r.auto) === 1,
    masked: Number(r.masked) === 1,
    clientId: r.client_id,
    createdAt: Number(r.created_at),
  };
}

export interface ConversationView {
  id: string;
  buyerId: string;
  buyerName: string;
  shopId: string;
  shopName: string;
  status: ConversationStatus;
  assigneeId: string | null;
  lastSeq: number;
  /** Unread for the side asking. */
  unread: number;
  /** How far the other side has read (read receipts). */
  otherReadSeq: number;
  sourceKind: SourceKind;
  sourceId: string | null;
  lastText: string;
  lastMessageAt: number;
  blockedByMe: boolean;
  blockedByOther: boolean;
  /** The buyer may rate this session now (a human has answered, not rated yet). */
  canRate: boolean;
}

export async function conversationViews(
  db: Db | Tx,
  rows: readonly ConversationRow[],
  side: Side,
): Promise<ConversationView[]> {
  if (rows.length === 0) return [];
  const users = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(rows.map((r) => r.buyer_id))])
    .execute();
  const shops = await db
    .selectFrom('shops')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(rows.map((r) => r.shop_id))])
    .execute();
  const rated = await db
    .selectFrom('service_ratings')
    .select(['conversation_id', 'session_no'])
    .where(
      'conversation_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const answered = await db
    .selectFrom('service_messages')
    .select('conversation_id')
    .distinct()
    .where(
      'conversation_id',
      'in',
      rows.map((r) => r.id),
    )
    .where('side', '=', 'shop')
    .where('auto', '=', 0)
    .execute();
  const userName = new Map(users.map((u) => [u.id, u.display_name]));
  const shopName = new Map(shops.map((s) => [s.id, s.name]));
  const ratedSet = new Set(rated.map((r) => `${r.conversation_id}:${Number(r.session_no)}`));
  const answeredSet = new Set(answered.map((a) => a.conversation_id));
  return rows.map((r) => ({
    id: r.id,
    buyerId: r.buyer_id,
    buyerName: userName.get(r.buyer_id) ?? '',
    shopId: r.shop_id,
    shopName: shopName.get(r.shop_id) ?? '',
    status: r.status as ConversationStatus,
    assigneeId: r.assignee_id,
    lastSeq: Number(r.last_seq),
    unread: Number(side === 'buyer' ? r.buyer_unread : r.shop_unread),
    otherReadSeq: Number(side === 'buyer' ? r.shop_read_seq : r.buyer_read_seq),
    sourceKind: r.source_kind as SourceKind,
    sourceId: r.source_id,
    lastText: r.last_text,
    lastMessageAt: Number(r.last_message_at),
    blockedByMe: (side === 'buyer' ? r.buyer_blocked_at : r.shop_blocked_at) !== null,
    blockedByOther: (side === 'buyer' ? r.shop_blocked_at : r.buyer_blocked_at) !== null,
    canRate: side === 'buyer' && answeredSet.has(r.id) && !ratedSet.has(`${r.id}:${Number(r.session_no)}`),
  }));
}

export async function shopMaxOpen(db: Db | Tx, shopId: string): Promise<number> {
  const s = await db.selectFrom('service_settings').select('max_open').where('shop_id', '=', shopId).executeTakeFirst();
  return s ? Number(s.max_open) : DEFAULT_MAX_OPEN;
}

/** Online staff of a shop with their open load. */
export async function onlineStaff(
  db: Db | Tx,
  shopId: string,
): Promise<Array<{ userId: string; open: number; lastAssignedAt: number }>> {
  const staff = await db
    .selectFrom('service_staff')
    .select(['user_id', 'last_assigned_at'])
    .where('shop_id', '=', shopId)
    .where('online', '=', 1)
    .execute();
  if (staff.length === 0) return [];
  const loads = await db
    .selectFrom('service_conversations')
    .select(['assignee_id', (eb) => eb.fn.countAll().as('n')])
    .where('shop_id', '=', shopId)
    .where('status', '=', 'open')
    .where(
      'assignee_id',
      'in',
      staff.map((s) => s.user_id),
    )
    .groupBy('assignee_id')
    .execute();
  const open = new Map(loads.map((l) => [l.assignee_id, Number(l.n)]));
  return staff.map((s) => ({
    userId: s.user_id,
    open: open.get(s.user_id) ?? 0,
    lastAssignedAt: Number(s.last_assigned_at),
  }));
}

/** Assigns one conversation (in the caller's transaction) to the next online staff member, or queues it. Returns the assignee. */
export async function assignOrQueue(
  tx: Tx,
  conv: { id: string; shop_id: string },
  now: number,
): Promise<string | null> {
  const who = pickStaff(await onlineStaff(tx, conv.shop_id), await shopMaxOpen(tx, conv.shop_id));
  if (who) {
    await tx
      .updateTable('service_conversations')
      .set({ status: 'open', assignee_id: who, queued_at: null, updated_at: now })
      .where('id', '=', conv.id)
      .execute();
    await tx
      .updateTable('service_staff')
      .set({ last_assigned_at: now })
      .where('shop_id', '=', conv.shop_id)
      .where('user_id', '=', who)
      .execute();
    return who;
  }
  await tx
    .updateTable('service_conversations')
    .set({ status: 'queued', assignee_id: null, queued_at: now, updated_at: now })
    .where('id', '=', conv.id)
    .execute();
  return null;
}

/** Hands queued conversations, oldest first, to online staff while anyone has room. Returns [conversationId, assignee] pairs. */
export async function drainQueue(tx: Tx, shopId: string, now: number): Promise<Array<[string, string]>> {
  const queued = await tx
    .selectFrom('service_conversations')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('status', '=', 'queued')
    .orderBy('queued_at')
    .orderBy('id')
    .limit(MAX_DRAIN)
    .execute();
  const out: Array<[string, string]> = [];
  if (queued.length === 0) return out;
  const staff = await onlineStaff(tx, shopId);
  const max = await shopMaxOpen(tx, shopId);
  for (const q of queued) {
    const who = pickStaff(staff, max);
    if (!who) break;
    const s = staff.find((x) => x.userId === who)!;
    s.open++;
    s.lastAssignedAt = now + out.length; // keeps the round robin turning within one drain
    await tx
      .updateTable('service_conversations')
      .set({ status: 'open', assignee_id: who, queued_at: null, updated_at: now })
      .where('id', '=', q.id)
      .where('status', '=', 'queued')
      .execute();
    await tx
      .updateTable('service_staff')
      .set({ last_assigned_at: s.lastAssignedAt })
      .where('shop_id', '=', shopId)
      .where('user_id', '=', who)
      .execute();
    out.push([q.id, who]);
  }
  return out;
}

const MAX_DRAIN = 200;

/** Who should hear about a change in a conversation: the buyer and the assignee, or every online staff member while it waits. */
export async function audienceOf(
  db: Db | Tx,
  row: Pick<ConversationRow, 'buyer_id' | 'shop_id' | 'assignee_id' | 'status'>,
): Promise<string[]> {
  if (row.assignee_id) return [row.buyer_id, row.assignee_id];
  const online = await db
    .selectFrom('service_staff')
    .select('user_id')
    .where('shop_id', '=', row.shop_id)
    .where('online', '=', 1)
    .execute();
  return [row.buyer_id, ...online.map((o) => o.user_id)];
}
