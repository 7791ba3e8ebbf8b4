/**
 * One room's channel in this process: its sockets, the comments waiting for the next frame, the
 * likes, and the cached state message. Frames are serialised once and the same bytes are written
 * to every socket; a socket too slow to keep up misses frames rather than holding memory.
 */
import type { WebSocket } from 'ws';
import type { RoomStatsTracker } from '@zhongcao/core';
import { sample } from './protocol.js';

export interface LiveComment {
  id: string;
  userName: string;
  text: string;
  at: number;
}

export interface Viewer {
  socket: WebSocket;
  userId: string | null;
  userName: string;
}

/** Comments per frame before sampling: at 5 frames a second, 50 a frame is 250 comments a second. */
export const MAX_COMMENTS_PER_FRAME = 50;
const MAX_WAITING = 2000;
/** A socket with this much unsent data skips broadcast frames until it drains. */
const SLOW_SOCKET_BYTES = 1 << 20;

export class RoomChannel {
  readonly viewers = new Set<Viewer>();
  private waiting: LiveComment[] = [];
  private droppedWhileWaiting = 0;
  private seq = 0;
  likesSent = -1;
  onlineSent = -1;
  /** Sales waiting to be broadcast (at most a few per second each), by id. */
  readonly salesWaiting = new Map<string, unknown>();
  readonly saleStatusSent = new Map<string, string>();
  state: { json: Buffer; at: number } | null = null;
  stateLoading: Promise<Buffer> | null = null;

  constructor(
    readonly roomId: string,
    readonly stats: RoomStatsTracker,
  ) {}

  addComment(c: LiveComment): void {
    this.stats.comments++;
    if (this.waiting.length >= MAX_WAITING) {
      this.droppedWhileWaiting++;
      return;
    }
    this.waiting.push(c);
  }

  /** The next comments frame, sampled when the room is busier than a frame can show; null when nothing waits. */
  takeCommentsFrame(): Buffer | null {
    if (this.waiting.length === 0) return null;
    const items = sample(this.waiting, MAX_COMMENTS_PER_FRAME);
    const dropped = this.waiting.length - items.length + this.droppedWhileWaiting;
    this.waiting = [];
    this.droppedWhileWaiting = 0;
    return Buffer.from(JSON.stringify({ t: 'comments', seq: ++this.seq, items, ...(dropped ? { sampledOut: dropped } : {}) }));
  }

  broadcast(frame: Buffer | string): void {
    this.broadcastAll([typeof frame === 'string' ? Buffer.from(frame) : frame]);
  }

  /**
   * Writes the frames to every socket; a socket's frames of one tick go out in one system call
   * (its TCP socket is corked around them), which is most of the cost with thousands of viewers.
   */
  broadcastAll(frames: readonly Buffer[]): void {
    if (frames.length === 0) return;
    for (const v of this.viewers) {
      const s = v.socket;
      if (s.readyState !== 1 || s.bufferedAmount > SLOW_SOCKET_BYTES) continue;
      const tcp = (s as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
      tcp?.cork();
      for (const f of frames) s.send(f, { binary: false });
      tcp?.uncork();
    }
  }
}
