/**
 * The customer-service push channel in this server process: each signed-in person's open sockets.
 * A message sent (over HTTP or the socket) is pushed to the conversation's audience once it is
 * committed; a client that reconnects sends `sync` with the last sequence it saw per conversation
 * and gets what it missed from the store, so nothing is lost between sockets.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import {
  history,
  markRead,
  sendMessage,
  type Actor,
  type Core,
  type MessageView,
  type SendResult,
} from '@zhongcao/core';
import { TokenBucket } from '../live/protocol.js';
import { parseChatMessage, type ChatClientMessage } from './chat-protocol.js';

/** Per connection: frames of any kind (the core limits messages per sender on top). */
const FRAMES_PER_S = 20;
const FRAME_BURST = 40;
const MAX_STRIKES = 20;
const SYNC_PAGE = 100;

export class ServiceHub {
  private readonly sockets = new Map<string, Set<WebSocket>>();

  constructor(
    private readonly core: Core,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** People connected now (for the figures and tests). */
  get connected(): number {
    return this.sockets.size;
  }

  isOnline(userId: string): boolean {
    return this.sockets.has(userId);
  }

  close(): void {
    for (const set of this.sockets.values()) for (const s of set) s.close(1001, 'server shutting down');
    this.sockets.clear();
  }

  /** Sends one frame to every socket of these people (but `except`, the socket a send came in on: its ack says it all). */
  push(userIds: Iterable<string>, frame: unknown, except?: WebSocket): void {
    let text: string | null = null;
    for (const id of new Set(userIds)) {
      const set = this.sockets.get(id);
      if (!set) continue;
      text ??= JSON.stringify(frame);
      for (const s of set) if (s.readyState === 1 && s !== except) s.send(text);
    }
  }

  /** Pushes a send's messages (the message and any automatic answers) to its audience; the sending socket gets the automatic answers only. */
  delivered(result: SendResult, from?: WebSocket): void {
    if (result.duplicate) return;
    this.push(result.notify, { t: 'msg', m: result.message }, from);
    for (const m of result.autos) this.push(result.notify, { t: 'msg', m });
  }

  /** Tells staff that conversations were handed to them. */
  assigned(pairs: ReadonlyArray<readonly [string, string]>): void {
    for (const [conversationId, userId] of pairs)
      this.push([userId], { t: 'desk', reason: 'assigned', conversationId });
  }

  attach(socket: WebSocket, actor: Actor): void {
    let set = this.sockets.get(actor.userId);
    if (!set) this.sockets.set(actor.userId, (set = new Set()));
    set.add(socket);
    const bucket = new TokenBucket(FRAMES_PER_S, FRAME_BURST, Date.now());
    let strikes = 0;
    const send = (frame: unknown) => socket.readyState === 1 && socket.send(JSON.stringify(frame));
    const strike = (code: string, ref?: string): void => {
      send({ t: 'error', code, ...(ref ? { ref } : {}) });
      if (++strikes > MAX_STRIKES) socket.close(1008, 'too many bad or too fast frames');
    };
    socket.on('message', (data, isBinary) => {
      if (isBinary) return strike('BAD_MESSAGE');
      if (!bucket.take(Date.now())) return strike('RATE_LIMITED');
      const parsed = parseChatMessage(data.toString());
      if (!parsed.ok) return strike(parsed.code);
      this.handle(actor, parsed.message, send, socket).catch((err: unknown) => {
        const e = err as { code?: string; status?: number };
        if (e.code && e.status && e.status < 500)
          return send({
            t: 'error',
            code: e.code,
            ref: parsed.message.t === 'send' ? parsed.message.clientId : undefined,
          });
        this.log.warn({ err }, 'service frame failed');
        send({ t: 'error', code: 'INTERNAL' });
      });
    });
    socket.on('close', () => {
      set.delete(socket);
      if (set.size === 0 && this.sockets.get(actor.userId) === set) this.sockets.delete(actor.userId);
    });
    socket.on('error', () => socket.terminate());
    send({ t: 'hello', userId: actor.userId });
  }

  private async handle(
    actor: Actor,
    m: ChatClientMessage,
    send: (frame: unknown) => void,
    socket: WebSocket,
  ): Promise<void> {
    const { ctx } = this.core;
    switch (m.t) {
      case 'ping':
        send({ t: 'pong' });
        return;
      case 'send': {
        const { t: _t, conversationId, ...input } = m;
        const result = await sendMessage(ctx, actor, conversationId, input);
        send({
          t: 'ack',
          clientId: m.clientId,
          conversationId,
          id: result.message.id,
          seq: result.message.seq,
          duplicate: result.duplicate,
        });
        this.delivered(result, socket);
        return;
      }
      case 'sync':
        for (const c of m.cursors) {
          try {
            const page = await history(ctx.db, actor, c.c, { after: c.s, limit: SYNC_PAGE });
            send({
              t: 'msgs',
              conversationId: c.c,
              items: page.items as MessageView[],
              lastSeq: page.lastSeq,
              hasMore: page.hasMore,
            });
          } catch (err) {
            const e = err as { code?: string };
            send({ t: 'error', code: e.code ?? 'INTERNAL', ref: c.c });
          }
        }
        return;
      case 'read': {
        const r = await markRead(ctx, actor, m.conversationId, m.seq);
        if (r.notify.length)
          this.push(r.notify, { t: 'read', conversationId: m.conversationId, side: r.side, seq: r.readSeq });
        return;
      }
    }
  }
}
