/**
 * Broadcast frames framed once: a tick's messages become one buffer of complete WebSocket text
 * frames (server frames are unmasked, so the bytes are the same for every viewer), written to each
 * viewer's connection in one call. Framing and writing per socket through `ws` costs a header
 * allocation, a cork and a vectored write per viewer, which with thousands of viewers is most of a
 * room's work.
 */
import type { WebSocket } from 'ws';

/** FIN set, opcode 1 (text): each message is one whole frame. */
const FIN_TEXT = 0x81;

/** The header of an unmasked text frame carrying `length` bytes (RFC 6455 §5.2). */
function textFrameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([FIN_TEXT, length]);
  if (length < 65536) {
    const h = Buffer.alloc(4);
    h[0] = FIN_TEXT;
    h[1] = 126;
    h.writeUInt16BE(length, 2);
    return h;
  }
  const h = Buffer.alloc(10);
  h[0] = FIN_TEXT;
  h[1] = 127;
  h.writeBigUInt64BE(BigInt(length), 2);
  return h;
}

/** The messages as consecutive unmasked WebSocket text frames, in one buffer. */
export function framedText(messages: readonly Buffer[]): Buffer {
  return Buffer.concat(messages.flatMap((m) => [textFrameHeader(m.length), m]));
}

/** The parts of a `ws` socket this module relies on (not in its typings). */
interface SocketInternals {
  _socket?: { write(data: Buffer): boolean; writable: boolean } | null;
  _sender?: { _bufferedBytes: number } | null;
}

/**
 * Writes prepared frames straight to the connection when `ws` has nothing of its own waiting
 * (it only queues while compressing, which these sockets do not); otherwise sends the messages
 * through `ws` so its queue keeps their order.
 */
export function writeFramed(socket: WebSocket, framed: Buffer, messages: readonly Buffer[]): void {
  const { _socket: tcp, _sender: sender } = socket as unknown as SocketInternals;
  if (tcp?.writable && sender && sender._bufferedBytes === 0) {
    tcp.write(framed);
    return;
  }
  for (const m of messages) socket.send(m, { binary: false });
}
