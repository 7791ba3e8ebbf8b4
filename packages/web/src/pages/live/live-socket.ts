/**
 * One WebSocket to a live room: reconnects with backoff after any drop (the server's `state`
 * message on join resumes the room), sends likes in batches, keeps the line alive with pings.
 * The socket factory and the timers are injected so the reconnect rules run in tests too.
 */
import { backoffDelay, LikeBatcher } from './live-client';
import { parseServerMessage, type ServerMessage } from './live-state';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface LiveSocketOptions {
  url: string;
  onMessage(msg: ServerMessage): void;
  onStatus(status: ConnectionStatus): void;
  create?: (url: string) => SocketLike;
  timers?: Timers;
  random?: () => number;
  likeFlushMs?: number;
  pingMs?: number;
}

const OPEN = 1;
/** Max comment length the server accepts (longer ones are refused there; we trim here). */
export const MAX_COMMENT_CHARS = 200;

/** 4400–4499: the server refused the room for good (e.g. 4404 no such room): retrying would not help. */
export function isFinalClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

const browserTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
};

export class LiveSocket {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private stopped = false;
  private retryTimer: unknown = null;
  private flushTimer: unknown = null;
  private pingTimer: unknown = null;
  private readonly likes = new LikeBatcher();
  private readonly timers: Timers;
  private readonly create: (url: string) => SocketLike;

  constructor(private readonly options: LiveSocketOptions) {
    this.timers = options.timers ?? browserTimers;
    this.create = options.create ?? ((url) => new WebSocket(url) as unknown as SocketLike);
  }

  start(): void {
    this.stopped = false;
    this.connect('connecting');
    this.flushTimer = this.timers.setInterval(() => this.flushLikes(), this.options.likeFlushMs ?? 500);
    this.pingTimer = this.timers.setInterval(() => this.send({ t: 'ping' }), this.options.pingMs ?? 25_000);
  }

  /** Closes for good (leaving the screen, or the room ended). */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    if (this.flushTimer !== null) this.timers.clearInterval(this.flushTimer);
    if (this.pingTimer !== null) this.timers.clearInterval(this.pingTimer);
    this.retryTimer = this.flushTimer = this.pingTimer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = s.onmessage = s.onerror = s.onopen = null;
      s.close(1000, 'leaving');
    }
    this.options.onStatus('closed');
  }

  /** A tap on the heart: counted now, sent with the others at the next flush. */
  like(n = 1): void {
    this.likes.tap(n);
  }

  /** Sends a comment when connected; false when it could not be sent (offline or empty). */
  comment(text: string): boolean {
    const trimmed = text.trim().slice(0, MAX_COMMENT_CHARS);
    if (!trimmed) return false;
    return this.send({ t: 'comment', text: trimmed });
  }

  private send(msg: unknown): boolean {
    const s = this.socket;
    if (!s || s.readyState !== OPEN) return false;
    s.send(JSON.stringify(msg));
    return true;
  }

  private flushLikes(): void {
    if (!this.socket || this.socket.readyState !== OPEN || this.likes.pending === 0) return;
    const n = this.likes.take();
    if (!this.send({ t: 'like', n })) this.likes.tap(n);
  }

  private connect(status: ConnectionStatus): void {
    if (this.stopped) return;
    this.options.onStatus(status);
    let s: SocketLike;
    try {
      s = this.create(this.options.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = s;
    s.onopen = () => this.options.onStatus('open');
    s.onmessage = (ev) => {
      const msg = parseServerMessage(ev.data);
      if (!msg) return;
      if (msg.t === 'state') this.attempt = 0; // joined for real: the next drop starts the backoff afresh
      this.options.onMessage(msg);
      if (msg.t === 'ended') this.stop();
    };
    s.onerror = () => {
      // the close event follows and schedules the retry
    };
    s.onclose = (ev) => {
      if (this.socket !== s) return;
      this.socket = null;
      if (isFinalClose(ev.code)) this.stop();
      else this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.options.onStatus('reconnecting');
    const wait = backoffDelay(this.attempt, this.options.random);
    this.attempt += 1;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.connect('reconnecting');
    }, wait);
  }
}
