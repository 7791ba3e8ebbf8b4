/**
 * Live rooms across api processes: every room event (pin, sale, coupon, lucky bag, room changes)
 * and every accepted comment is published once on the fan-out, and each api process replays the
 * others' into its own hub, which writes the frames to its own viewers. Likes and viewer counts
 * stay per process (each process's figures cover its own viewers).
 */
import { randomUUID } from 'node:crypto';
import type { LiveEvent, LiveRuntime } from '@zhongcao/core';
import type { Fanout } from '../shared/nats-fanout.js';
import type { LiveComment } from './room-channel.js';

export const LIVE_SUBJECT = 'zhongcao.live';

export type RelayMessage =
  | { origin: string; kind: 'event'; event: LiveEvent }
  | { origin: string; kind: 'comment'; roomId: string; comment: LiveComment };

export interface LiveRelay {
  /** A short tag unique to this process (comment ids carry it, so they never collide across processes). */
  readonly tag: string;
  comment(roomId: string, comment: LiveComment): void;
  close(): void;
}

export function decodeRelayMessage(self: string, data: Uint8Array): RelayMessage | null {
  try {
    const m = JSON.parse(Buffer.from(data).toString('utf8')) as RelayMessage;
    if (m.origin === self) return null;
    if (m.kind === 'event' && m.event && typeof m.event.roomId === 'string') return m;
    if (m.kind === 'comment' && typeof m.roomId === 'string' && m.comment && typeof m.comment.text === 'string')
      return m;
    return null;
  } catch {
    return null;
  }
}

export function relayLive(
  runtime: LiveRuntime,
  fanout: Fanout,
  onRemoteComment: (roomId: string, comment: LiveComment) => void,
): LiveRelay {
  const origin = randomUUID();
  let replaying = false;
  const send = (m: RelayMessage): void => fanout.publish(LIVE_SUBJECT, Buffer.from(JSON.stringify(m)));
  const unsubscribe = runtime.on((event) => {
    if (!replaying) send({ origin, kind: 'event', event });
  });
  fanout.subscribe(LIVE_SUBJECT, (data) => {
    const m = decodeRelayMessage(origin, data);
    if (!m) return;
    if (m.kind === 'comment') return onRemoteComment(m.roomId, m.comment);
    replaying = true; // the runtime's listeners run synchronously: this process's hub takes it, the relay does not send it back
    try {
      runtime.publish(m.event);
    } finally {
      replaying = false;
    }
  });
  return {
    tag: origin.slice(0, 8),
    comment: (roomId, comment) => send({ origin, kind: 'comment', roomId, comment }),
    close: unsubscribe,
  };
}
