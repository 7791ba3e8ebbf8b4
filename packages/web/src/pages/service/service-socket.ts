/**
 * The customer-service push channel: one WebSocket per page, shared by every chat on it. It
 * reconnects with backoff after any drop and, once open again, asks for everything after the last
 * sequence number each listener has seen (`sync`), so nothing sent meanwhile is lost. Messages are
 * merged by sequence number: a duplicate is dropped, a gap asks for a sync.
 */
import type { ChatMessage } from '../../api/service';
import { serviceSocketUrl } from '../../api/service';

export type ServerFrame =
  | { t: 'hello'; userId: string }
  | { t: 'msg'; m: ChatMessage }
  | { t: 'msgs'; conversationId: string; items: ChatMessage[]; lastSeq: number; hasMore: boolean }
  | { t: 'read'; conversationId: string; side: 'buyer' | 'shop'; seq: number }
  | { t: 'desk'; reason: string; conversationId: string }
  | { t: 'ack'; clientId: string; conversationId: string; seq: number }
  | { t: 'error'; code: string; ref?: string }
  | { t: 'pong' };

/** Messages merged by sequence number: sorted, one per seq (the newer copy wins). */
export function mergeMessages(list: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return list as ChatMessage[];
  const bySeq = new Map<number, ChatMessage>();
  for (const m of list) bySeq.set(m.seq, m);
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest sequence number seen without a hole before it (what to resume from). */
export function contiguousSeq(list: readonly ChatMessage[], floor: number): number {
  let at = floor;
  for (const m of list) {
    if (m.seq <= at) continue;
    if (m.seq !== at + 1) break;
    at = m.seq;
  }
  return at;
}

export interface Listener {
  onFrame(frame: ServerFrame): void;
  /** Where to resume this listener's conversation from after a (re)connect; null when it follows none. */
  cursor(): { c: string; s: number } | null;
}

const BACKOFF_MS = [500, 1000, 2000, 5000, 10_000];

class SharedSocket {
  private ws: WebSocket | null = null;
  private readonly listeners = new Set<Listener>();
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  add(l: Listener): () => void {
    this.listeners.add(l);
    if (!this.ws) this.connect();
    else if (this.ws.readyState === WebSocket.OPEN) this.syncOne(l);
    return () => {
      this.listeners.delete(l);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Asks for what one listener missed. */
  syncOne(l: Listener): void {
    const c = l.cursor();
    if (c) this.send({ t: 'sync', cursors: [c] });
  }

  send(frame: unknown): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  private connect(): void {
    const ws = new WebSocket(serviceSocketUrl());
    this.ws = ws;
    ws.onopen = () => {
      this.attempts = 0;
      const cursors = [...this.listeners]
        .map((l) => l.cursor())
        .filter((c): c is { c: string; s: number } => c !== null);
      if (cursors.length) this.send({ t: 'sync', cursors });
    };
    ws.onmessage = (e) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(e.data)) as ServerFrame;
      } catch {
        return;
      }
      for (const l of [...this.listeners]) l.onFrame(frame);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.listeners.size === 0) return;
      const wait = BACKOFF_MS[Math.min(this.attempts++, BACKOFF_MS.length - 1)]!;
      this.timer = setTimeout(() => {
        this.timer = null;
        if (!this.ws && this.listeners.size > 0) this.connect();
      }, wait);
    };
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ws = this.ws;
    this.ws = null;
    ws?.close();
  }
}

export const serviceSocket = new SharedSocket();
