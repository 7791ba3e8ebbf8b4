/**
 * The customer-service channel's wire protocol (JSON text frames, field `t`). Client → server:
 * send, sync (resume from the last sequence seen per conversation), read, ping. Server → client:
 * hello, msg, ack, msgs, read, desk, error, pong. Parsing is pure: a bad frame becomes an error
 * code, never an exception. Frames are at most MAX_FRAME_BYTES (the socket closes bigger ones).
 */
import { CLIENT_ID_PATTERN, ID_PREFIX, MESSAGE_KINDS, type MessageKind } from '@zhongcao/core';

export const MAX_SYNC_CURSORS = 50;

const idOf = (prefix: string) => new RegExp(`^${prefix}_[0-9a-z]{26}$`);
const CONV = idOf(ID_PREFIX.conversation);
const REF: Record<string, RegExp> = {
  imageId: idOf(ID_PREFIX.serviceImage),
  productId: idOf(ID_PREFIX.product),
  orderId: idOf(ID_PREFIX.order),
  caseId: /^[a-z]{3}_[0-9a-z]{26}$/,
};

export type ChatClientMessage =
  | {
      t: 'send';
      conversationId: string;
      clientId: string;
      kind: MessageKind;
      text?: string;
      imageId?: string;
      productId?: string;
      orderId?: string;
      caseId?: string;
    }
  | { t: 'sync'; cursors: Array<{ c: string; s: number }> }
  | { t: 'read'; conversationId: string; seq: number }
  | { t: 'ping' };

export type ChatParseResult = { ok: true; message: ChatClientMessage } | { ok: false; code: 'BAD_MESSAGE' };

const bad: ChatParseResult = { ok: false, code: 'BAD_MESSAGE' };
const seqOk = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2 ** 31;

export function parseChatMessage(raw: string): ChatParseResult {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return bad;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return bad;
  const m = value as Record<string, unknown>;
  switch (m.t) {
    case 'send': {
      if (typeof m.conversationId !== 'string' || !CONV.test(m.conversationId)) return bad;
      if (typeof m.clientId !== 'string' || !CLIENT_ID_PATTERN.test(m.clientId)) return bad;
      if (typeof m.kind !== 'string' || !(MESSAGE_KINDS as readonly string[]).includes(m.kind)) return bad;
      const out: ChatClientMessage = {
        t: 'send',
        conversationId: m.conversationId,
        clientId: m.clientId,
        kind: m.kind as MessageKind,
      };
      if (m.text !== undefined) {
        if (typeof m.text !== 'string') return bad;
        out.text = m.text;
      }
      for (const k of ['imageId', 'productId', 'orderId', 'caseId'] as const) {
        if (m[k] === undefined) continue;
        if (typeof m[k] !== 'string' || !REF[k]!.test(m[k] as string)) return bad;
        out[k] = m[k] as string;
      }
      return { ok: true, message: out };
    }
    case 'sync': {
      if (!Array.isArray(m.cursors) || m.cursors.length > MAX_SYNC_CURSORS) return bad;
      const cursors: Array<{ c: string; s: number }> = [];
      for (const c of m.cursors as unknown[]) {
        const x = c as Record<string, unknown> | null;
        if (!x || typeof x.c !== 'string' || !CONV.test(x.c) || !seqOk(x.s)) return bad;
        cursors.push({ c: x.c, s: x.s });
      }
      return { ok: true, message: { t: 'sync', cursors } };
    }
    case 'read':
      if (typeof m.conversationId !== 'string' || !CONV.test(m.conversationId) || !seqOk(m.seq)) return bad;
      return { ok: true, message: { t: 'read', conversationId: m.conversationId, seq: m.seq } };
    case 'ping':
      return { ok: true, message: { t: 'ping' } };
    default:
      return bad;
  }
}
