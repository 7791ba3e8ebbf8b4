/**
 * The viewers of `bench live-fanout`, run as their own process so the server is measured alone:
 * opens the WebSocket viewers (some signed in, who comment), sends comments at the given rate
 * with their send time recorded, pins a product half-way, and measures when every viewer
 * receives each comment and the pin. Prints one JSON line with the figures.
 *
 * Cheap on purpose: a viewer only reads the frame's type and sequence number from the first
 * bytes; one probe viewer parses each comments frame to learn which comments it carried.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';

export interface ViewersConfig {
  origin: string;
  roomId: string;
  productId: string;
  hostToken: string;
  viewers: number;
  commenterTokens: string[];
  commentsPerS: number;
  warmupS: number;
  measureS: number;
}

export interface ViewersResult {
  viewers_connected: number;
  connect_s: number;
  comments_sent: number;
  deliveries: number;
  /** Deliveries received / (comments sent in the window × viewers). */
  delivered_ratio: number;
  p50_ms: number;
  p99_ms: number;
  pin_p99_ms: number;
  pin_received: number;
  errors: number;
}

const PREFIX = Buffer.from('{"t":"comments","seq":');
const CONNECT_CONCURRENCY = 200;

async function main(): Promise<void> {
  const cfg = JSON.parse(process.env.LIVE_FANOUT_CONFIG ?? '{}') as ViewersConfig;
  const wsUrl = `${cfg.origin.replace(/^http/, 'ws')}/api/v1/live/rooms/${cfg.roomId}/ws`;
  const recv = new Map<number, number[]>();
  const carried = new Map<number, number[]>();
  const sentAt: number[] = [];
  const pinAt: number[] = [];
  let errors = 0;
  let measuring = false;
  const sockets: WebSocket[] = [];

  const open = (i: number): Promise<WebSocket> =>
    new Promise((resolve) => {
      const token = i < cfg.commenterTokens.length ? cfg.commenterTokens[i] : undefined;
      const ws = new WebSocket(token ? `${wsUrl}?token=${token}` : `${wsUrl}?viewer=v${i}`, { perMessageDeflate: false });
      const probe = i === cfg.commenterTokens.length;
      let settled = false;
      ws.on('message', (data: Buffer) => {
        const now = performance.now();
        if (!settled && data[6] === 0x73 /* s: state */) {
          settled = true;
          resolve(ws);
          return;
        }
        if (data[6] === 0x63 /* c: comments */ && data.compare(PREFIX, 0, PREFIX.length, 0, PREFIX.length) === 0) {
          let seq = 0;
          for (let k = PREFIX.length; data[k]! >= 0x30 && data[k]! <= 0x39; k++) seq = seq * 10 + (data[k]! - 0x30);
          if (!measuring) return;
          let list = recv.get(seq);
          if (!list) recv.set(seq, (list = []));
          list.push(now);
          if (probe) {
            const frame = JSON.parse(data.toString()) as { items: Array<{ text: string }> };
            carried.set(seq, frame.items.map((c) => Number(c.text.slice(6))).filter((n) => Number.isInteger(n)));
          }
        } else if (data[6] === 0x70 && data[7] === 0x69 /* pi: pin */) pinAt.push(now);
        else if (data[6] === 0x65 && data[7] === 0x72 /* er: error */) errors++;
      });
      ws.on('error', () => {
        errors++;
        if (!settled) {
          settled = true;
          resolve(ws);
        }
      });
    });

  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECT_CONCURRENCY }, async () => {
      while (next < cfg.viewers) sockets.push(await open(next++));
    }),
  );
  const connectS = (performance.now() - t0) / 1000;
  const connected = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
  process.stderr.write(`[viewers] ${connected}/${cfg.viewers} viewers connected in ${connectS.toFixed(1)} s\n`);

  const commenters = sockets.slice(0, cfg.commenterTokens.length);
  const send = (id: number): void => {
    const ws = commenters[id % commenters.length]!;
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(`{"t":"comment","text":"bench:${id}"}`);
  };
  // Comments at a steady rate: warm-up (not measured), then the measured window.
  const intervalMs = 1000 / cfg.commentsPerS;
  let id = 0;
  const start = performance.now();
  const totalMs = (cfg.warmupS + cfg.measureS) * 1000;
  let firstMeasured = -1;
  let pinSentAt = 0;
  while (performance.now() - start < totalMs) {
    const due = Math.floor((performance.now() - start) / intervalMs);
    if (!measuring && performance.now() - start >= cfg.warmupS * 1000) {
      measuring = true;
      firstMeasured = id;
    }
    while (id < due) {
      sentAt[id] = performance.now();
      send(id++);
    }
    if (measuring && !pinSentAt && performance.now() - start >= (cfg.warmupS + cfg.measureS / 2) * 1000) {
      pinSentAt = performance.now();
      void fetch(`${cfg.origin}/api/v1/live/rooms/${cfg.roomId}/pin`, { method: 'POST', headers: { authorization: `Bearer ${cfg.hostToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ productId: cfg.productId }) }).catch(() => errors++);
    }
    await sleep(5);
  }
  const lastMeasured = id;
  await sleep(1500); // let the last frames arrive
  measuring = false;

  // Latency of each (comment, viewer) delivery, in a 1 ms histogram.
  const hist = new Uint32Array(60_000);
  let deliveries = 0;
  for (const [seq, times] of recv) {
    const ids = carried.get(seq) ?? [];
    for (const c of ids) {
      if (c < firstMeasured || c >= lastMeasured) continue;
      const sent = sentAt[c]!;
      for (const t of times) {
        hist[Math.min(hist.length - 1, Math.max(0, Math.round(t - sent)))]!++;
        deliveries++;
      }
    }
  }
  const pct = (p: number): number => {
    let need = Math.ceil(deliveries * p);
    for (let ms = 0; ms < hist.length; ms++) {
      need -= hist[ms]!;
      if (need <= 0) return ms;
    }
    return hist.length;
  };
  const pins = pinAt.map((t) => t - pinSentAt).sort((a, b) => a - b);
  const result: ViewersResult = {
    viewers_connected: connected,
    connect_s: Math.round(connectS * 10) / 10,
    comments_sent: lastMeasured - firstMeasured,
    deliveries,
    delivered_ratio: Math.round((deliveries / Math.max(1, (lastMeasured - firstMeasured) * connected)) * 1000) / 1000,
    p50_ms: pct(0.5),
    p99_ms: pct(0.99),
    pin_p99_ms: pins.length ? Math.round(pins[Math.max(0, Math.ceil(pins.length * 0.99) - 1)]!) : -1,
    pin_received: pins.length,
    errors,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  for (const s of sockets) s.terminate();
  process.exit(0);
}

void main();
