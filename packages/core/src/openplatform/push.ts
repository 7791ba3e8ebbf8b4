/**
 * Message push: domain events from the outbox become messages for every app authorised by the
 * event's shop and subscribed to its tag; the sender POSTs them in batches (a JSON array, signed
 * `event-sign` = MD5(app_key + body + secret)). An app whose delivery fails waits: its messages
 * hold back until a durable timer (core/timers) lets them go again, with back-off, for 24 hours —
 * so messages of one order never overtake each other. Every attempt is in the delivery log;
 * a delivery can be replayed (same msg_id: receivers de-duplicate).
 */
import { performance } from 'node:perf_hooks';
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import type { OutboxDispatcher } from '../outbox/index.js';
import { consumeOutboxOnStream, type OutboxConsumer, type Stream } from '../stream/index.js';
import { scheduleTimer, type TimerRegistry } from '../timers/index.js';
import { newId, notFound } from '../platform/index.js';
import { signPush } from './signing.js';
import { PUSH_BATCH, PUSH_GIVE_UP_MS, PUSH_TOPICS, pushRetryDelayMs, tagsFor, type PushTag } from './push-tags.js';
import { pushData, type PushEvent } from './push-data.js';

export const PUSH_RETRY_TIMER = 'openplatform.push_retry';
const SEND_TIMEOUT_MS = 5_000;

export type PushPost = (
  url: string,
  body: string,
  headers: Record<string, string>,
) => Promise<{ status: number; body: string }>;

export const httpPost: PushPost = async (url, body, headers) => {
  const res = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
  return { status: res.status, body: await res.text() };
};

/** Apps that hear these shops' messages (any tag), by shop. */
async function subscribers(
  db: Db,
  shopIds: readonly string[],
): Promise<Map<string, Array<{ id: string; push_tags: string }>>> {
  const rows = await db
    .selectFrom('open_authorizations as a')
    .innerJoin('open_apps as p', 'p.id', 'a.app_id')
    .select(['a.shop_id', 'p.id', 'p.push_tags'])
    .where('a.shop_id', 'in', [...new Set(shopIds)])
    .where('a.status', '=', 'active')
    .where('p.status', '=', 'approved')
    .where('p.push_url', '!=', '')
    .execute();
  const byShop = new Map<string, Array<{ id: string; push_tags: string }>>();
  for (const r of rows) {
    const list = byShop.get(r.shop_id) ?? [];
    list.push({ id: r.id, push_tags: r.push_tags });
    byShop.set(r.shop_id, list);
  }
  return byShop;
}

/** Shops whose subscribers are read per statement. */
const SHOP_CHUNK = 500;

/** The tags of an event and its shop, when it may become messages at all. */
function pushable(e: PushEvent): { tags: PushTag[]; shopId: string } | null {
  const tags = tagsFor({ topic: e.topic, payload: (e.payload ?? {}) as Record<string, string> });
  const shopId = e.payload.shopId;
  return tags.length > 0 && shopId ? { tags, shopId } : null;
}

/** Turns one outbox event into messages (idempotent: the message id comes from the event id and the tag). */
export async function enqueueFromEvent(ctx: CoreContext, e: PushEvent): Promise<number> {
  const p = pushable(e);
  if (!p) return 0;
  return enqueueFor(ctx, e, p, (await subscribers(ctx.db, [p.shopId])).get(p.shopId) ?? []);
}

/**
 * A dispatch round's events, in order: the subscribers of all their shops are read at once (one
 * statement per SHOP_CHUNK shops, none for a round with nothing to push), then each event as
 * enqueueFromEvent would. An event whose messages cannot be built is reported and skipped: it must
 * not hold back the outbox (its other listeners would see it twice).
 */
export async function enqueueFromEvents(ctx: CoreContext, events: readonly PushEvent[]): Promise<number> {
  const found = events.map((e) => ({ e, p: pushable(e) }));
  const shops = [...new Set(found.flatMap((f) => (f.p ? [f.p.shopId] : [])))];
  const apps = new Map<string, Array<{ id: string; push_tags: string }>>();
  try {
    for (let i = 0; i < shops.length; i += SHOP_CHUNK)
      for (const [shop, list] of await subscribers(ctx.db, shops.slice(i, i + SHOP_CHUNK))) apps.set(shop, list);
  } catch (err) {
    for (const { e, p } of found) if (p) console.error('open platform push: could not enqueue', e.topic, e.id, err);
    return 0;
  }
  let n = 0;
  for (const { e, p } of found) {
    if (!p) continue;
    try {
      n += await enqueueFor(ctx, e, p, apps.get(p.shopId) ?? []);
    } catch (err) {
      console.error('open platform push: could not enqueue', e.topic, e.id, err);
    }
  }
  return n;
}

async function enqueueFor(
  ctx: CoreContext,
  e: PushEvent,
  { tags, shopId }: { tags: PushTag[]; shopId: string },
  apps: ReadonlyArray<{ id: string; push_tags: string }>,
): Promise<number> {
  const wanted = apps
    .map((a) => ({ id: a.id, tags: tags.filter((t) => (JSON.parse(a.push_tags) as string[]).includes(t)) }))
    .filter((a) => a.tags.length > 0);
  if (wanted.length === 0) return 0;
  const now = ctx.clock.now();
  let n = 0;
  for (const tag of tags) {
    const built = await pushData(ctx.db, tag, e);
    if (!built) continue;
    for (const a of wanted.filter((w) => w.tags.includes(tag))) {
      // An app with messages held back queues behind them.
      const waiting = await ctx.db
        .selectFrom('open_push_messages')
        .select('id')
        .where('app_id', '=', a.id)
        .where('status', '=', 'waiting')
        .limit(1)
        .executeTakeFirst();
      await ctx.db
        .insertInto('open_push_messages')
        .values({
          id: newId('pushMessage', now),
          app_id: a.id,
          shop_id: shopId,
          msg_id: `${built.msgId}${tag}`,
          tag,
          data: built.data,
          order_key: built.orderKey,
          status: waiting ? 'waiting' : 'pending',
          attempts: 0,
          delivery_id: null,
          created_at: now,
          delivered_at: null,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      n++;
    }
  }
  return n;
}

/** The JSON array body of a delivery: data as a string, as the wire format sends it. */
export function pushBody(messages: ReadonlyArray<{ tag: string; msg_id: string; data: string }>): string {
  return JSON.stringify(messages.map((m) => ({ tag: m.tag, msg_id: m.msg_id, data: m.data })));
}

/** A receiver acknowledges with HTTP 200 and `{"code":0}`. */
function acknowledged(status: number, body: string): boolean {
  if (status !== 200) return false;
  try {
    const j = JSON.parse(body) as { code?: unknown };
    return j.code === 0 || j.code === '0';
  } catch {
    return false;
  }
}

async function sendOne(
  ctx: CoreContext,
  post: PushPost,
  app: { id: string; app_key: string; secret: string; push_url: string },
  messages: Array<{ id: string; tag: string; msg_id: string; data: string; attempts: number; created_at: number }>,
  replay: boolean,
): Promise<boolean> {
  const body = pushBody(messages);
  const started = performance.now();
  let status: number | null = null;
  let error: string | null = null;
  let ok = false;
  try {
    const res = await post(app.push_url, body, {
      'content-type': 'application/json',
      'app-id': app.app_key,
      'event-sign': signPush(app.app_key, body, app.secret),
    });
    status = res.status;
    ok = acknowledged(res.status, res.body);
    if (!ok) error = `not acknowledged: ${res.body.slice(0, 200)}`;
  } catch (err) {
    error = err instanceof Error ? err.message.slice(0, 200) : 'send failed';
  }
  const now = ctx.clock.now();
  const deliveryId = newId('pushDelivery', now);
  const ids = messages.map((m) => m.id);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('open_push_deliveries')
      .values({
        id: deliveryId,
        app_id: app.id,
        msg_ids: JSON.stringify(messages.map((m) => m.msg_id)),
        message_count: messages.length,
        outcome: ok ? 'ok' : 'failed',
        http_status: status,
        error,
        replay: replay ? 1 : 0,
        duration_ms: Math.round(performance.now() - started),
        created_at: now,
      })
      .execute();
    if (replay) return;
    if (ok) {
      await tx
        .updateTable('open_push_messages')
        .set((eb) => ({
          status: 'delivered',
          delivered_at: now,
          delivery_id: deliveryId,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', 'in', ids)
        .execute();
      return;
    }
    const oldest = Math.min(...messages.map((m) => Number(m.created_at)));
    if (now - oldest >= PUSH_GIVE_UP_MS) {
      // Tried for a day: these are given up (still in the log for replay), the rest go on.
      await tx
        .updateTable('open_push_messages')
        .set((eb) => ({ status: 'failed', delivery_id: deliveryId, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', ids)
        .execute();
      return;
    }
    await tx
      .updateTable('open_push_messages')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), delivery_id: deliveryId }))
      .where('id', 'in', ids)
      .execute();
    await tx
      .updateTable('open_push_messages')
      .set({ status: 'waiting' })
      .where('app_id', '=', app.id)
      .where('status', '=', 'pending')
      .execute();
    const failures = Math.max(...messages.map((m) => Number(m.attempts))) + 1;
    await scheduleTimer(
      tx,
      { kind: PUSH_RETRY_TIMER, subjectId: app.id, dueAt: now + pushRetryDelayMs(failures) },
      now,
    );
  });
  return ok;
}

/** Sends every app's pending messages (oldest first, in batches), apps side by side. */
export async function deliverPending(ctx: CoreContext, post: PushPost = httpPost): Promise<number> {
  const due = await ctx.db
    .selectFrom('open_push_messages')
    .select('app_id')
    .where('status', '=', 'pending')
    .groupBy('app_id')
    .limit(200)
    .execute();
  if (due.length === 0) return 0;
  const apps = await ctx.db
    .selectFrom('open_apps')
    .select(['id', 'app_key', 'secret', 'push_url', 'status'])
    .where(
      'id',
      'in',
      due.map((d) => d.app_id),
    )
    .execute();
  let sent = 0;
  await Promise.all(
    apps.map(async (app) => {
      for (let round = 0; round < 20; round++) {
        const messages = await ctx.db
          .selectFrom('open_push_messages')
          .select(['id', 'tag', 'msg_id', 'data', 'attempts', 'created_at'])
          .where('app_id', '=', app.id)
          .where('status', '=', 'pending')
          .orderBy('id')
          .limit(PUSH_BATCH)
          .execute();
        if (messages.length === 0 || !app.push_url || app.status !== 'approved') return;
        if (!(await sendOne(ctx, post, app, messages, false))) return;
        sent += messages.length;
      }
    }),
  );
  return sent;
}

/** The retry timer: the app's held-back messages may go again. */
async function releaseWaiting(tx: Tx, appId: string): Promise<void> {
  await tx
    .updateTable('open_push_messages')
    .set({ status: 'pending' })
    .where('app_id', '=', appId)
    .where('status', '=', 'waiting')
    .execute();
}

/** Listens to the outbox (never to raw tables) and registers the retry timer. */
export function installPush(opts: { ctx: CoreContext; outbox: OutboxDispatcher; timers: TimerRegistry }): void {
  // A dispatch round's events at once (one read of their shops' subscribers); failures are reported, never thrown.
  for (const prefix of PUSH_TOPICS)
    opts.outbox.subscribeBatch(prefix, (events) => enqueueFromEvents(opts.ctx, events).then(() => undefined));
  opts.timers.register(PUSH_RETRY_TIMER, async (tx, timer) => releaseWaiting(tx, timer.subjectId));
}

/** The push's durable consumer of the stream (scaled mode). */
export const PUSH_CONSUMER = 'push';

/**
 * Scaled mode (the worker role): the push's outbox handlers leave the dispatcher and consume the
 * stream as the durable consumer `push`, resuming where they stopped; a redelivered event makes
 * no second message (each message's id is the event's id and tag, unique per app). The consumer,
 * when first created, starts at the next event (events pushed before it were handled by the
 * dispatcher).
 */
export function consumePushFromStream(outbox: OutboxDispatcher, stream: Stream): Promise<OutboxConsumer> {
  return consumeOutboxOnStream(stream, PUSH_CONSUMER, outbox.takeHandlers(PUSH_TOPICS), { from: 'new' });
}

export interface DeliveryView {
  id: string;
  msgIds: string[];
  messageCount: number;
  outcome: 'ok' | 'failed';
  httpStatus: number | null;
  error: string | null;
  replay: boolean;
  durationMs: number;
  createdAt: number;
}

async function ownAppRow(db: Db, actor: Actor, appId: string) {
  const app = await db
    .selectFrom('open_apps')
    .select(['id', 'app_key', 'secret', 'push_url', 'owner_id'])
    .where('id', '=', appId)
    .executeTakeFirst();
  if (!app || app.owner_id !== actor.userId) throw notFound('app', appId);
  return app;
}

/** The app's delivery log, newest first, with what is waiting. */
export async function deliveryLog(
  db: Db,
  actor: Actor,
  appId: string,
): Promise<{ items: DeliveryView[]; pending: number; waiting: number; failed: number }> {
  await ownAppRow(db, actor, appId);
  const rows = await db
    .selectFrom('open_push_deliveries')
    .selectAll()
    .where('app_id', '=', appId)
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  const counts = await db
    .selectFrom('open_push_messages')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('app_id', '=', appId)
    .where('status', 'in', ['pending', 'waiting', 'failed'])
    .groupBy('status')
    .execute();
  const c = (s: string) => Number(counts.find((x) => x.status === s)?.n ?? 0);
  return {
    items: rows.map((r) => ({
      id: r.id,
      msgIds: JSON.parse(r.msg_ids) as string[],
      messageCount: Number(r.message_count),
      outcome: r.outcome as 'ok' | 'failed',
      httpStatus: r.http_status === null ? null : Number(r.http_status),
      error: r.error,
      replay: Number(r.replay) === 1,
      durationMs: Number(r.duration_ms),
      createdAt: Number(r.created_at),
    })),
    pending: c('pending'),
    waiting: c('waiting'),
    failed: c('failed'),
  };
}

/** Sends a logged delivery's messages again, as they were (same msg_id); logged as a replay. */
export async function replayDelivery(
  ctx: CoreContext,
  actor: Actor,
  appId: string,
  deliveryId: string,
  post: PushPost = httpPost,
): Promise<{ ok: boolean }> {
  const app = await ownAppRow(ctx.db, actor, appId);
  const d = await ctx.db
    .selectFrom('open_push_deliveries')
    .select(['msg_ids'])
    .where('id', '=', deliveryId)
    .where('app_id', '=', appId)
    .executeTakeFirst();
  if (!d) throw notFound('delivery', deliveryId);
  const msgIds = JSON.parse(d.msg_ids) as string[];
  const messages = await ctx.db
    .selectFrom('open_push_messages')
    .select(['id', 'tag', 'msg_id', 'data', 'attempts', 'created_at'])
    .where('app_id', '=', appId)
    .where('msg_id', 'in', msgIds)
    .orderBy('id')
    .execute();
  if (messages.length === 0 || !app.push_url) throw notFound('delivery', deliveryId);
  return { ok: await sendOne(ctx, post, app, messages, true) };
}

export type { PushTag };
