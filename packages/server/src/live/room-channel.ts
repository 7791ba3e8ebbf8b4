/**
 * One room's channel in this process: its sockets, the comments not yet sent to everyone, and the
 * frames waiting for each viewer's next flush.
 *
 * Viewers are split into flush groups written in turn, one group per tick: every viewer still gets
 * a frame every FRAME_MS, but a comment waits for its group's next turn rather than for one write
 * to every socket of the room, and the writes (one system call per socket, most of the cost) are
 * spread over the interval instead of arriving in one burst. Frames are serialised once per group
 * and the same bytes are written to each of its sockets; a socket too slow to keep up misses
 * frames rather than holding memory.
 */
import type { WebSocket } from 'ws';
import type { RoomStatsTracker } from '@zhongcao/core';
import { framedText, writeFramed } from './wire-frames.js';

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

/** Each viewer gets a frame this often. */
export const FRAME_MS = 200;
/** Groups flushed in turn, one every FRAME_MS / FLUSH_GROUPS. */
export const FLUSH_GROUPS = 4;
/**
 * Comments a room shows per second before sampling, more than people can read; a burst after a
 * quiet moment may use two frames' worth. Beyond that comments are sampled out as they arrive (so
 * every viewer sees the same ones), and frames say how many were left out.
 */
export const MAX_COMMENTS_PER_S = 250;
const MAX_COMMENT_BURST = 100;
/** A socket with this much unsent data skips broadcast frames until it drains. */
const SLOW_SOCKET_BYTES = 1 << 20;

interface FlushGroup {
  readonly viewers: Set<Viewer>;
  /** Room-wide number of the first comment this group has not been sent. */
  nextComment: number;
  /** Sampled-out comments this group has been told about. */
  sampledOutTold: number;
  /** Frames for the next flush, by what they update (a newer one replaces an older one). */
  pending: Map<string, Buffer>;
}

export class RoomChannel {
  readonly viewers = new Set<Viewer>();
  private readonly groups: FlushGroup[] = Array.from({ length: FLUSH_GROUPS }, () => ({
    viewers: new Set<Viewer>(),
    nextComment: 0,
    sampledOutTold: 0,
    pending: new Map<string, Buffer>(),
  }));
  private readonly groupOf = new Map<Viewer, FlushGroup>();
  private turn = 0;
  /** Comments some group has not been sent yet; log[0] is comment number logStart. */
  private log: LiveComment[] = [];
  private logStart = 0;
  private sampledOut = 0;
  private commentBudget = MAX_COMMENT_BURST;
  private budgetAt = performance.now();
  likesSent = -1;
  onlineSent = -1;
  /** Sales waiting to be broadcast (at most a few per second each), by id. */
  readonly salesWaiting = new Map<string, unknown>();
  readonly saleStatusSent = new Map<string, string>();

  constructor(
    readonly roomId: string,
    readonly stats: RoomStatsTracker,
  ) {}

  /** Adds the viewer to the smallest flush group. */
  join(v: Viewer): void {
    let group = this.groups[0]!;
    for (const g of this.groups) if (g.viewers.size < group.viewers.size) group = g;
    group.viewers.add(v);
    this.groupOf.set(v, group);
    this.viewers.add(v);
  }

  /** False when the viewer had already left. */
  leave(v: Viewer): boolean {
    this.groupOf.get(v)?.viewers.delete(v);
    this.groupOf.delete(v);
    return this.viewers.delete(v);
  }

  addComment(c: LiveComment, now = performance.now()): void {
    this.stats.comments++;
    this.commentBudget = Math.min(
      MAX_COMMENT_BURST,
      this.commentBudget + (Math.max(0, now - this.budgetAt) / 1000) * MAX_COMMENTS_PER_S,
    );
    this.budgetAt = now;
    if (this.commentBudget < 1) {
      this.sampledOut++;
      return;
    }
    this.commentBudget -= 1;
    this.log.push(c);
  }

  /**
   * Queues a frame for every viewer's next flush (within FRAME_MS); a later frame with the same key
   * replaces it and goes after the frames queued in between, so the newest word on anything comes last.
   */
  queueForAll(key: string, frame: Buffer): void {
    for (const g of this.groups) {
      g.pending.delete(key);
      g.pending.set(key, frame);
    }
  }

  /** Flushes the next group in turn: the comments it has not had and its queued frames, one write per socket. */
  flushNext(): void {
    const g = this.groups[this.turn]!;
    this.turn = (this.turn + 1) % this.groups.length;
    const frames: Buffer[] = [];
    const comments = this.commentsSince(g);
    if (comments) frames.push(comments);
    frames.push(...g.pending.values());
    g.pending.clear();
    this.trimLog();
    this.write(g.viewers, frames);
  }

  /** The comments frame for a group (comments numbered upTo − count + 1 … upTo), or null when it has had them all. */
  private commentsSince(g: FlushGroup): Buffer | null {
    const upTo = this.logStart + this.log.length;
    const newlySampledOut = this.sampledOut - g.sampledOutTold;
    if (upTo === g.nextComment && newlySampledOut === 0) return null;
    const items = this.log.slice(g.nextComment - this.logStart);
    g.nextComment = upTo;
    g.sampledOutTold = this.sampledOut;
    return Buffer.from(
      JSON.stringify({
        t: 'comments',
        upTo,
        count: items.length,
        items,
        ...(newlySampledOut ? { sampledOut: newlySampledOut } : {}),
      }),
    );
  }

  /** Drops the comments every group has been sent. */
  private trimLog(): void {
    let sentToAll = Infinity;
    for (const g of this.groups) sentToAll = Math.min(sentToAll, g.nextComment);
    if (sentToAll > this.logStart) {
      this.log = this.log.slice(sentToAll - this.logStart);
      this.logStart = sentToAll;
    }
  }

  /** Writes the frames to the sockets: framed once, then one write of the same bytes per socket. */
  private write(viewers: Iterable<Viewer>, frames: readonly Buffer[]): void {
    if (frames.length === 0) return;
    const framed = framedText(frames);
    for (const v of viewers) {
      const s = v.socket;
      if (s.readyState !== 1 || s.bufferedAmount > SLOW_SOCKET_BYTES) continue;
      writeFramed(s, framed, frames);
    }
  }
}
