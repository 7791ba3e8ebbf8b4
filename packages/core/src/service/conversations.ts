/**
 * Conversations (联系客服): opened by the buyer from a product, an order, an after-sales case or a
 * live room (one per buyer and shop), listed with unread counts, read backwards page by page or
 * forwards from a sequence number (resuming after a reconnect), marked read, rated and blocked.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor, CoreContext, Db } from '../context.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';
import {
  deleteMediaFiles,
  KEEP_UNUSED_UPLOADS_MS,
  MAX_IMAGE_BYTES,
  mediaDir,
  sniffImageType,
  imageUrl,
} from '../catalog/index.js';
import {
  audienceOf,
  conversationViews,
  loadForActor,
  messageView,
  type ConversationView,
  type MessageView,
} from './conversation-store.js';
import { HISTORY_PAGE_MAX, MAX_STARS, type Side, type SourceKind } from './service-rules.js';

export interface OpenInput {
  source: SourceKind;
  sourceId?: string;
  /** Needed for `direct`, and for a creator's live room (the shop whose product is asked about). */
  shopId?: string;
}

async function shopOfSource(ctx: CoreContext, actor: Actor, input: OpenInput): Promise<string> {
  const id = input.sourceId ?? '';
  switch (input.source) {
    case 'product': {
      const p = await ctx.db.selectFrom('products').select('shop_id').where('id', '=', id).executeTakeFirst();
      if (!p) throw notFound('product', id);
      return p.shop_id;
    }
    case 'order': {
      const o = await ctx.db
        .selectFrom('orders')
        .select('shop_id')
        .where('id', '=', id)
        .where('buyer_id', '=', actor.userId)
        .executeTakeFirst();
      if (!o) throw notFound('order', id);
      return o.shop_id;
    }
    case 'aftersales': {
      const c = await ctx.db
        .selectFrom('aftersales_cases')
        .select('shop_id')
        .where('id', '=', id)
        .where('buyer_id', '=', actor.userId)
        .executeTakeFirst();
      if (!c) throw notFound('after-sales case', id);
      return c.shop_id;
    }
    case 'live': {
      const r = await ctx.db
        .selectFrom('live_rooms')
        .select(['host_kind', 'host_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!r) throw notFound('live room', id);
      if (r.host_kind === 'shop') return r.host_id;
      if (!input.shopId) throw invalid('a creator’s live room needs the shop asked about', { field: 'shopId' });
      return input.shopId;
    }
    case 'direct':
      if (!input.shopId) throw invalid('shopId is required', { field: 'shopId' });
      return input.shopId;
    default:
      throw invalid('unknown source', { field: 'source' });
  }
}

/** Opens (or reopens) the buyer's conversation with the shop behind the source; the same conversation every time. */
export async function openConversation(ctx: CoreContext, actor: Actor, input: OpenInput): Promise<ConversationView> {
  const shopId = await shopOfSource(ctx, actor, input);
  const shop = await ctx.db.selectFrom('shops').select('id').where('id', '=', shopId).executeTakeFirst();
  if (!shop) throw notFound('shop', shopId);
  if (actor.shops.has(shopId))
    throw invalid('one cannot open a customer-service conversation with one’s own shop', { field: 'source' });
  const now = ctx.clock.now();
  const sourceId = input.source === 'direct' ? null : (input.sourceId ?? null);
  await ctx.db
    .insertInto('service_conversations')
    .values({
      id: newId('conversation', now),
      buyer_id: actor.userId,
      shop_id: shopId,
      status: 'closed',
      assignee_id: null,
      session_no: 1,
      last_seq: 0,
      buyer_read_seq: 0,
      shop_read_seq: 0,
      buyer_unread: 0,
      shop_unread: 0,
      source_kind: input.source,
      source_id: sourceId,
      last_text: '',
      last_message_at: now,
      queued_at: null,
      buyer_blocked_at: null,
      shop_blocked_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['buyer_id', 'shop_id'])
        .doUpdateSet({ source_kind: input.source, source_id: sourceId, updated_at: now }),
    )
    .execute();
  const row = await ctx.db
    .selectFrom('service_conversations')
    .selectAll()
    .where('buyer_id', '=', actor.userId)
    .where('shop_id', '=', shopId)
    .executeTakeFirstOrThrow();
  return (await conversationViews(ctx.db, [row], 'buyer'))[0]!;
}

export async function getConversation(
  db: Db,
  actor: Actor,
  conversationId: string,
): Promise<ConversationView & { side: Side }> {
  const { row, side } = await loadForActor(db, actor, conversationId);
  return { ...(await conversationViews(db, [row], side))[0]!, side };
}

/** The buyer's conversations (消息), latest first. */
export async function myConversations(db: Db, actor: Actor, limit = 50): Promise<ConversationView[]> {
  const rows = await db
    .selectFrom('service_conversations')
    .selectAll()
    .where('buyer_id', '=', actor.userId)
    .where('last_seq', '>', 0)
    .orderBy('last_message_at', 'desc')
    .limit(Math.min(limit, 100))
    .execute();
  return conversationViews(db, rows, 'buyer');
}

/** The buyer's unread messages: the total (the badge on 我) and per shop (the badge on an order). */
export async function myUnread(db: Db, actor: Actor): Promise<{ total: number; byShop: Record<string, number> }> {
  const rows = await db
    .selectFrom('service_conversations')
    .select(['shop_id', 'buyer_unread'])
    .where('buyer_id', '=', actor.userId)
    .where('buyer_unread', '>', 0)
    .execute();
  const byShop: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    byShop[r.shop_id] = Number(r.buyer_unread);
    total += Number(r.buyer_unread);
  }
  return { total, byShop };
}

export interface HistoryQuery {
  /** Older than this sequence number (paging backwards). */
  before?: number;
  /** Newer than this sequence number (resuming). */
  after?: number;
  limit?: number;
}

/** Messages in sequence order: the newest page, a page before `before`, or everything after `after` (one page). */
export async function history(
  db: Db,
  actor: Actor,
  conversationId: string,
  q: HistoryQuery,
): Promise<{ items: MessageView[]; lastSeq: number; hasMore: boolean }> {
  const { row } = await loadForActor(db, actor, conversationId);
  const limit = Math.min(Math.max(q.limit ?? 30, 1), HISTORY_PAGE_MAX);
  let query = db.selectFrom('service_messages').selectAll().where('conversation_id', '=', conversationId);
  if (q.after !== undefined) {
    const rows = await query
      .where('seq', '>', q.after)
      .orderBy('seq')
      .limit(limit + 1)
      .execute();
    return {
      items: rows.slice(0, limit).map(messageView),
      lastSeq: Number(row.last_seq),
      hasMore: rows.length > limit,
    };
  }
  if (q.before !== undefined) query = query.where('seq', '<', q.before);
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(limit + 1)
    .execute();
  return {
    items: rows.slice(0, limit).reverse().map(messageView),
    lastSeq: Number(row.last_seq),
    hasMore: rows.length > limit,
  };
}

/** Marks the conversation read up to `seq` for the caller's side; returns who should see the receipt. */
export async function markRead(
  ctx: CoreContext,
  actor: Actor,
  conversationId: string,
  seq: number,
): Promise<{ readSeq: number; side: Side; notify: string[] }> {
  const { row, side } = await loadForActor(ctx.db, actor, conversationId);
  const readCol = side === 'buyer' ? 'buyer_read_seq' : 'shop_read_seq';
  const target = Math.min(Math.max(0, Math.floor(seq)), Number(row.last_seq));
  if (target <= Number(row[readCol])) return { readSeq: Number(row[readCol]), side, notify: [] };
  const other = side === 'buyer' ? 'shop' : 'buyer';
  const left = await ctx.db
    .selectFrom('service_messages')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('conversation_id', '=', conversationId)
    .where('side', '=', other)
    .where('seq', '>', target)
    .executeTakeFirstOrThrow();
  await ctx.db
    .updateTable('service_conversations')
    .set(
      side === 'buyer'
        ? { buyer_read_seq: target, buyer_unread: Number(left.n) }
        : { shop_read_seq: target, shop_unread: Number(left.n) },
    )
    .where('id', '=', conversationId)
    .where(readCol, '<', target)
    .execute();
  return { readSeq: target, side, notify: await audienceOf(ctx.db, row) };
}

/** The buyer rates the current session 1–5 once a human has answered; once per session. */
export async function rateConversation(
  ctx: CoreContext,
  actor: Actor,
  conversationId: string,
  stars: number,
): Promise<{ stars: number }> {
  const { row, side } = await loadForActor(ctx.db, actor, conversationId);
  if (side !== 'buyer') throw notFound('conversation', conversationId);
  if (!Number.isInteger(stars) || stars < 1 || stars > MAX_STARS)
    throw invalid(`stars are 1–${MAX_STARS}`, { field: 'stars' });
  const human = await ctx.db
    .selectFrom('service_messages')
    .select('id')
    .where('conversation_id', '=', conversationId)
    .where('side', '=', 'shop')
    .where('auto', '=', 0)
    .limit(1)
    .executeTakeFirst();
  if (!human) throw new DomainError('RATING_NOT_OPEN', 'a conversation is rated after the shop has answered');
  const now = ctx.clock.now();
  const lastHuman = await ctx.db
    .selectFrom('service_messages')
    .select('sender_id')
    .where('conversation_id', '=', conversationId)
    .where('side', '=', 'shop')
    .where('auto', '=', 0)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const res = await ctx.db
    .insertInto('service_ratings')
    .values({
      id: newId('serviceRating', now),
      conversation_id: conversationId,
      session_no: Number(row.session_no),
      shop_id: row.shop_id,
      staff_id: row.assignee_id ?? lastHuman?.sender_id ?? null,
      stars,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['conversation_id', 'session_no']).doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1)
    throw new DomainError('ALREADY_RATED', 'this conversation is already rated');
  return { stars };
}

/** Blocks (or unblocks) the other side: the buyer blocks the shop, a shop member blocks the buyer. */
export async function setBlocked(
  ctx: CoreContext,
  actor: Actor,
  conversationId: string,
  blocked: boolean,
): Promise<ConversationView> {
  const { side } = await loadForActor(ctx.db, actor, conversationId);
  const at = blocked ? ctx.clock.now() : null;
  await ctx.db
    .updateTable('service_conversations')
    .set(side === 'buyer' ? { buyer_blocked_at: at } : { shop_blocked_at: at })
    .where('id', '=', conversationId)
    .execute();
  return getConversation(ctx.db, actor, conversationId);
}

/** Uploads one chat image (sniffed from the bytes, size-limited like other uploads); sent by id afterwards. */
export async function uploadChatImage(
  ctx: CoreContext,
  actor: Actor,
  bytes: Buffer,
): Promise<{ id: string; url: string }> {
  if (bytes.length > MAX_IMAGE_BYTES)
    throw new DomainError('FILE_TOO_LARGE', `images are at most ${MAX_IMAGE_BYTES} bytes`, { limit: MAX_IMAGE_BYTES });
  const kind = bytes.length === 0 ? null : sniffImageType(bytes);
  if (!kind) throw new DomainError('UNSUPPORTED_FILE_TYPE', 'a chat image must be a JPEG, PNG, WebP or GIF image');
  const now = ctx.clock.now();
  const id = newId('serviceImage', now);
  const fileName = `${id}.${kind.ext}`;
  await mkdir(mediaDir(ctx.dataDir), { recursive: true });
  await writeFile(join(mediaDir(ctx.dataDir), fileName), bytes);
  await ctx.db
    .insertInto('service_images')
    .values({
      id,
      uploader_id: actor.userId,
      file_name: fileName,
      content_type: kind.type,
      bytes: bytes.length,
      used: 0,
      created_at: now,
    })
    .execute();
  return { id, url: imageUrl(fileName) };
}

/** Housekeeping: chat images uploaded but never sent within a day are deleted, row and file. */
export async function purgeUnusedChatImages(ctx: CoreContext, now: number): Promise<number> {
  const gone = await ctx.db
    .deleteFrom('service_images')
    .where('used', '=', 0)
    .where('created_at', '<', now - KEEP_UNUSED_UPLOADS_MS)
    .returning('file_name')
    .execute();
  await deleteMediaFiles(
    ctx.dataDir,
    gone.map((r) => r.file_name),
  );
  return gone.length;
}
