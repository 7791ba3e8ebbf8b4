/**
 * The rooms' real-time channels in this server process. It listens to the live module's events
 * (pin, sales, coupons, lucky bags, room changes) and to the viewers' sockets, and sends each
 * viewer a frame five times a second with the comments since its last (sampled when a room is
 * busier than people can read), likes and viewer counts once a second when they changed, and the
 * pin, sale, coupon, lucky-bag and room updates since its last; the full state on join (a
 * reconnecting client resumes from it). The viewers are flushed in groups, in turn (room-channel.ts).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import {
  enterLuckyBags,
  liveRuntime,
  loadRoom,
  roomView,
  saleStatus,
  type Core,
  type FlashSaleView,
  type LiveEvent,
  type RoomView,
} from '@zhongcao/core';
import { parseClientMessage, TokenBucket, type ClientMessage } from './protocol.js';
import { FLUSH_GROUPS, FRAME_MS, RoomChannel, type Viewer } from './room-channel.js';
import { relayLive, type LiveRelay } from './live-relay.js';
import type { Fanout } from '../shared/nats-fanout.js';

const TICK_MS = FRAME_MS / FLUSH_GROUPS;
const STATE_TTL_MS = 2000;
/** Per connection: messages of any kind. */
const MESSAGES_PER_S = 10;
const MESSAGE_BURST = 20;
/** Per person (all their connections): comments. */
const COMMENTS_PER_S = 1;
const COMMENT_BURST = 3;
/** Bad or too-fast messages tolerated before the connection is closed. */
const MAX_STRIKES = 20;

interface CachedState {
  room: RoomView;
  json: Buffer | null;
  at: number;
}

let commentSeq = 0;

export class LiveHub {
  private readonly channels = new Map<string, RoomChannel>();
  private readonly states = new Map<string, CachedState>();
  private readonly loading = new Map<string, Promise<CachedState>>();
  private readonly commentBuckets = new Map<string, TokenBucket>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribe: () => void;
  /** Flushes done and due are counted from here, so a late timer catches up rather than stretching every viewer's interval. */
  private readonly startedAt = performance.now();
  private flushes = 0;
  private second = 0;
  private relay: LiveRelay | null = null;
  private commentPrefix = 'c';

  constructor(
    private readonly core: Core,
    private readonly log: FastifyBaseLogger,
  ) {
    this.unsubscribe = liveRuntime(core.ctx).on((e) => this.onEvent(e));
    this.timers.push(setInterval(() => this.frameTick(), TICK_MS));
    for (const t of this.timers) t.unref();
  }

  /** Scaled mode: room events and comments reach the other api processes' viewers, and theirs reach ours. */
  connect(fanout: Fanout): void {
    this.relay = relayLive(liveRuntime(this.core.ctx), fanout, (roomId, comment) =>
      this.channels.get(roomId)?.addComment(comment),
    );
    this.commentPrefix = `c${this.relay.tag}.`;
  }

  close(): void {
    this.relay?.close();
    this.unsubscribe();
    for (const t of this.timers) clearInterval(t);
    for (const ch of this.channels.values()) for (const v of ch.viewers) v.socket.close(1001, 'server shutting down');
  }

  /** A viewer joins (or rejoins): the full state first, then the live frames. Uncounted ones (the host's panel) are left out of the viewer figures. */
  async join(
    roomId: string,
    socket: WebSocket,
    viewer: { userId: string | null; userName: string; viewerKey: string | null; counted?: boolean },
  ): Promise<void> {
    const counted = viewer.counted ?? true;
    try {
      await loadRoom(this.core.ctx.db, roomId);
    } catch {
      socket.send(JSON.stringify({ t: 'error', code: 'ROOM_NOT_FOUND' }));
      socket.close(4404, 'room not found');
      return;
    }
    const channel = this.channel(roomId);
    const v: Viewer = { socket, userId: viewer.userId, userName: viewer.userName };
    const bucket = new TokenBucket(MESSAGES_PER_S, MESSAGE_BURST, Date.now());
    let strikes = 0;
    const strike = (code: string): void => {
      if (socket.readyState === 1) socket.send(JSON.stringify({ t: 'error', code }));
      if (++strikes > MAX_STRIKES) socket.close(1008, 'too many bad or too fast messages');
    };
    socket.on('message', (data, isBinary) => {
      if (isBinary) return strike('BAD_MESSAGE');
      if (!bucket.take(Date.now())) return strike('TOO_FAST');
      const parsed = parseClientMessage(data.toString());
      if (!parsed.ok) return strike(parsed.code);
      void this.handle(channel, v, parsed.message).then(
        (code) => code && strike(code),
        (err: unknown) => this.log.warn({ err }, 'live message failed'),
      );
    });
    socket.on('close', () => {
      if (channel.leave(v) && counted) channel.stats.viewerLeft();
      if (channel.viewers.size === 0) this.channels.delete(roomId);
    });
    socket.on('error', () => socket.terminate());
    channel.join(v);
    if (counted) channel.stats.viewerJoined(viewer.viewerKey);
    try {
      const state = await this.stateFrame(roomId);
      if (socket.readyState === 1) socket.send(state, { binary: false });
    } catch (err) {
      this.log.warn({ err, roomId }, 'live state failed');
      socket.close(1011, 'state unavailable');
    }
  }

  private channel(roomId: string): RoomChannel {
    let ch = this.channels.get(roomId);
    if (!ch) {
      ch = new RoomChannel(roomId, liveRuntime(this.core.ctx).stats(roomId));
      this.channels.set(roomId, ch);
    }
    return ch;
  }

  /** Returns an error code for the sender, or null. */
  private async handle(channel: RoomChannel, v: Viewer, m: ClientMessage): Promise<string | null> {
    if (m.t === 'ping') {
      v.socket.send('{"t":"pong"}');
      return null;
    }
    if (m.t === 'like') {
      channel.stats.likes += m.n;
      return null;
    }
    if (!v.userId) return 'UNAUTHENTICATED';
    const state = await this.state(channel.roomId);
    if (state.room.status !== 'live') return 'ROOM_NOT_LIVE';
    let bucket = this.commentBuckets.get(v.userId);
    if (!bucket) {
      bucket = new TokenBucket(COMMENTS_PER_S, COMMENT_BURST, Date.now());
      if (this.commentBuckets.size > 100_000) this.commentBuckets.clear();
      this.commentBuckets.set(v.userId, bucket);
    }
    if (!bucket.take(Date.now())) return 'COMMENT_TOO_FAST';
    const runtime = liveRuntime(this.core.ctx);
    const verdict = await runtime.moderator.review({ roomId: channel.roomId, userId: v.userId, text: m.text });
    if (!verdict.allow) return 'COMMENT_REJECTED';
    const text = verdict.text ?? m.text;
    const comment = { id: `${this.commentPrefix}${++commentSeq}`, userName: v.userName, text, at: Date.now() };
    channel.addComment(comment);
    this.relay?.comment(channel.roomId, comment);
    if (state.room.luckyBags.some((b) => b.status === 'open')) {
      await enterLuckyBags(this.core.ctx, channel.roomId, { id: v.userId, name: v.userName }, text);
    }
    return null;
  }

  /**
   * Flushes the groups whose turn has come (one every TICK_MS; after a stall, each group at most
   * once); the room-wide updates are queued for all groups first.
   */
  private frameTick(): void {
    const elapsed = performance.now() - this.startedAt;
    const due = Math.floor(elapsed / TICK_MS);
    const turns = Math.min(FLUSH_GROUPS, due - this.flushes);
    this.flushes = due;
    const second = Math.floor(elapsed / 1000);
    const everySecond = second !== this.second;
    this.second = second;
    const now = this.core.ctx.clock.now();
    for (const ch of this.channels.values()) {
      if (everySecond) this.secondFrames(ch, now);
      for (const [id, sale] of ch.salesWaiting)
        ch.queueForAll(`sale:${id}`, Buffer.from(JSON.stringify({ t: 'sale', sale })));
      ch.salesWaiting.clear();
      for (let i = 0; i < turns; i++) ch.flushNext();
    }
  }

  /** Once a second: viewer counts and likes when they changed, and sales opening or closing by their clock. */
  private secondFrames(ch: RoomChannel, now: number): void {
    const c = ch.stats.counters();
    if (c.online !== ch.onlineSent) {
      ch.onlineSent = c.online;
      ch.queueForAll(
        'viewers',
        Buffer.from(JSON.stringify({ t: 'viewers', online: c.online, cumulative: c.cumulativeViewers })),
      );
    }
    if (c.likes !== ch.likesSent) {
      ch.likesSent = c.likes;
      ch.queueForAll('likes', Buffer.from(JSON.stringify({ t: 'likes', total: c.likes })));
    }
    const state = this.states.get(ch.roomId);
    for (const sale of state?.room.sales ?? []) {
      const status = saleStatus(
        {
          startsAt: sale.startsAt,
          endsAt: sale.endsAt,
          closedAt: sale.status === 'ended' && now < sale.endsAt ? now : null,
          remaining: sale.remaining,
        },
        now,
      );
      const sent = ch.saleStatusSent.get(sale.id) ?? sale.status;
      ch.saleStatusSent.set(sale.id, status);
      if (status !== sent) {
        this.patchSale(ch.roomId, { ...sale, status });
        ch.salesWaiting.set(sale.id, { ...sale, status });
      }
    }
  }

  private patchSale(roomId: string, sale: FlashSaleView): void {
    const state = this.states.get(roomId);
    if (!state) return;
    const i = state.room.sales.findIndex((s) => s.id === sale.id);
    if (i >= 0) state.room.sales[i] = sale;
    else state.room.sales.unshift(sale);
    state.json = null;
  }

  private onEvent(e: LiveEvent): void {
    const ch = this.channels.get(e.roomId);
    const state = this.states.get(e.roomId);
    switch (e.kind) {
      case 'sale':
        this.patchSale(e.roomId, e.sale);
        ch?.salesWaiting.set(e.sale.id, e.sale);
        ch?.saleStatusSent.set(e.sale.id, e.sale.status);
        return;
      case 'coupon':
      case 'luckybag': {
        const item = (e.kind === 'coupon' ? e.coupon : e.bag) as { id: string };
        if (state) {
          const list = (e.kind === 'coupon' ? state.room.coupons : state.room.luckyBags) as Array<{ id: string }>;
          const i = list.findIndex((x) => x.id === item.id);
          if (i >= 0) list[i] = item;
          else list.unshift(item);
          state.json = null;
        }
        const frame = JSON.stringify(
          e.kind === 'coupon' ? { t: 'coupon', coupon: e.coupon } : { t: 'luckybag', bag: e.bag },
        );
        ch?.queueForAll(`${e.kind}:${item.id}`, Buffer.from(frame));
        return;
      }
      case 'pin':
        this.states.delete(e.roomId);
        if (ch)
          void this.state(e.roomId).then(
            (s) => ch.queueForAll('pin', Buffer.from(JSON.stringify({ t: 'pin', pinned: s.room.pinned }))),
            (err: unknown) => this.log.warn({ err }, 'live pin failed'),
          );
        return;
      case 'ended':
        this.states.delete(e.roomId);
        ch?.queueForAll('ended', Buffer.from('{"t":"ended"}'));
        return;
      case 'opened':
      case 'changed':
        this.states.delete(e.roomId);
        if (ch)
          void this.stateFrame(e.roomId).then(
            (f) => ch.queueForAll('state', f),
            (err: unknown) => this.log.warn({ err }, 'live state failed'),
          );
        return;
    }
  }

  /** The room as everyone sees it, read at most every two seconds (changes patch it or drop it). */
  private state(roomId: string): Promise<CachedState> {
    const cached = this.states.get(roomId);
    if (cached && performance.now() - cached.at < STATE_TTL_MS) return Promise.resolve(cached);
    let p = this.loading.get(roomId);
    if (!p) {
      p = roomView(this.core.ctx, roomId)
        .then((room) => {
          const s: CachedState = { room, json: null, at: performance.now() };
          this.states.set(roomId, s);
          return s;
        })
        .finally(() => this.loading.delete(roomId));
      this.loading.set(roomId, p);
    }
    return p;
  }

  private async stateFrame(roomId: string): Promise<Buffer> {
    const s = await this.state(roomId);
    if (!s.json) {
      const c = liveRuntime(this.core.ctx).stats(roomId).counters();
      const room =
        s.room.status === 'ended'
          ? s.room
          : {
              ...s.room,
              stats: { online: c.online, cumulativeViewers: c.cumulativeViewers, comments: c.comments, likes: c.likes },
            };
      s.json = Buffer.from(JSON.stringify({ t: 'state', room }));
    }
    return s.json;
  }
}
