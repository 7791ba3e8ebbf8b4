/** One client of `bench chat`: a buyer or a member of staff on the customer-service socket, with what it sent (until acknowledged) and received. */
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';

export interface Sent {
  at: number;
  conversationId: string;
  frame: string;
  acked: boolean;
  seq: number | null;
}

/** One connected person: their socket, what they sent and are waiting to hear acknowledged, what they received per conversation. */
export class ChatClient {
  ws: WebSocket | null = null;
  readonly pending = new Map<string, Sent>();
  /** conversation → seq → clientId received */
  readonly seen = new Map<string, Map<number, string>>();
  readonly clientSeqs = new Map<string, number>();
  duplicates = 0;
  errors = 0;

  constructor(
    readonly origin: string,
    readonly token: string,
    readonly conversations: string[],
    readonly onDelivered: (clientId: string, at: number, receiver: ChatClient) => void,
    readonly onAck: (s: Sent, seq: number) => void,
  ) {}

  connect(resume: boolean): Promise<void> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`${this.origin.replace(/^http/, 'ws')}/api/v1/service/ws?token=${this.token}`, {
        perMessageDeflate: false,
      });
      this.ws = ws;
      ws.on('open', () => {
        if (resume) {
          const cursors = this.conversations.map((c) => ({ c, s: this.contiguous(c) }));
          for (let i = 0; i < cursors.length; i += 50)
            ws.send(JSON.stringify({ t: 'sync', cursors: cursors.slice(i, i + 50) }));
          for (const s of this.pending.values()) if (!s.acked) ws.send(s.frame); // same client id: idempotent
        }
        resolve();
      });
      ws.on('message', (data) => this.frame(String(data)));
      ws.on('error', () => resolve());
    });
  }

  private contiguous(conversationId: string): number {
    const seqs = this.seen.get(conversationId);
    let at = 0;
    while (seqs?.has(at + 1)) at++;
    return at;
  }

  private receive(m: { conversationId: string; seq: number; clientId: string | null; senderId: string | null }): void {
    let seqs = this.seen.get(m.conversationId);
    if (!seqs) this.seen.set(m.conversationId, (seqs = new Map()));
    if (seqs.has(m.seq) || !m.clientId) {
      seqs.set(m.seq, m.clientId ?? '');
      return;
    }
    seqs.set(m.seq, m.clientId);
    const key = `${m.conversationId}:${m.senderId}:${m.clientId}`;
    const prior = this.clientSeqs.get(key);
    if (prior !== undefined && prior !== m.seq) this.duplicates++;
    this.clientSeqs.set(key, m.seq);
    if (!this.pending.has(m.clientId)) this.onDelivered(m.clientId, performance.now(), this);
  }

  private frame(text: string): void {
    const f = JSON.parse(text) as {
      t: string;
      m?: { conversationId: string; seq: number; clientId: string | null; senderId: string | null };
      items?: Array<{ conversationId: string; seq: number; clientId: string | null; senderId: string | null }>;
      clientId?: string;
      seq?: number;
      conversationId?: string;
      hasMore?: boolean;
      code?: string;
    };
    if (f.t === 'msg' && f.m) this.receive(f.m);
    else if (f.t === 'msgs' && f.items) {
      for (const m of f.items) this.receive(m);
      if (f.hasMore && f.conversationId)
        this.ws?.send(
          JSON.stringify({ t: 'sync', cursors: [{ c: f.conversationId, s: this.contiguous(f.conversationId) }] }),
        );
    } else if (f.t === 'ack' && f.clientId) {
      const s = this.pending.get(f.clientId);
      if (s && !s.acked) {
        s.acked = true;
        s.seq = f.seq ?? null;
        // The sending socket is not pushed its own message: the ack carries its sequence number.
        let seqs = this.seen.get(s.conversationId);
        if (!seqs) this.seen.set(s.conversationId, (seqs = new Map()));
        if (f.seq !== undefined) seqs.set(f.seq, f.clientId);
        this.onAck(s, f.seq!);
      }
    } else if (f.t === 'error') this.errors++;
  }

  send(conversationId: string, clientId: string): void {
    const frame = JSON.stringify({ t: 'send', conversationId, clientId, kind: 'text', text: `压测消息 ${clientId}` });
    this.pending.set(clientId, { at: performance.now(), conversationId, frame, acked: false, seq: null });
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(frame);
  }
}
