/**
 * The viewers of `bench live-fanout`, run as their own process so the server is measured alone:
 * opens the WebSocket viewers (some signed in, who comment), sends comments at the given rate
 * with their send time recorded, pins a product half-way, and measures when every viewer
 * receives each comment and the pin. Prints one JSON line with the figures.
 *
 * Cheap on purpose: a viewer only reads the frame's type and the numbers of the comments it
 * carries (`upTo`, `count`) from the first bytes; one probe viewer parses its comments frames to
 * learn which comment each number is. Viewers are flushed in groups at different moments, so
 * frames differ between viewers: every (comment, viewer) pair is matched by the comment's number.
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
  /** Deliveries received / (comments sent in the window × viewers): sampled-out comments count as not delivered. */
  delivered_ratio: number;
  /** Comments of the window that no frame carried (sampled out, refused, or not framed before the wait ended): no viewer saw them. */
  comments_not_carried: number;
  /** Comments the server reports it sampled out, summed over the frames of the window: never delivered. */
  sampled_out: number;
  /** (carried comment, viewer) pairs that never arrived: frames a viewer missed or that came after the wait. */
  deliveries_missed: number;
  /** Over every (carried comment, viewer) pair; a pair that never arrived counts as slower than all. */
  p50_ms: number;
  p99_ms: number;
  /** The p99 over the pairs that arrived only (the figure before missed pairs were counted). */
  p99_delivered_ms: number;
  /** The p99 of the arrivals from the server's accepting the comment (its `at`): batching and fan-out, without the way in. */
  p99_from_accept_ms: number;
  pin_p99_ms: number;
  pin_received: number;
  errors: number;
}

const PREFIX = Buffer.from('{"t":"comments","upTo":');
const COUNT = Buffer.from(',"count":');

/** The decimal number at data[at…], and where it ends. */
function readNumber(data: Buffer, at: number): [number, number] {
  let n = 0;
  for (; data[at]! >= 0x30 && data[at]! <= 0x39; at++) n = n * 10 + (data[at]! - 0x30);
  return [n, at];
}
const CONNECT_CONCURRENCY = 200;

async function main(): Promise<void> {
  const cfg = JSON.parse(process.env.LIVE_FANOUT_CONFIG ?? '{}') as ViewersConfig;
  const wsUrl = `${cfg.origin.replace(/^http/, 'ws')}/api/v1/live/rooms/${cfg.roomId}/ws`;
  // Every comments frame received while measuring: the numbers it carried and when it arrived.
  const frameUpTo: number[] = [];
  const frameCount: number[] = [];
  const frameAt: number[] = [];
  /** Comment number in the room → the bench's comment id, from the probe's frames. */
  const commentIdByNumber = new Map<number, number>();
  /** Comment number → when the server accepted it (its clock, ms since the epoch). */
  const acceptedAtByNumber = new Map<number, number>();
  const sentAt: number[] = [];
  const pinAt: number[] = [];
  let errors = 0;
  let sampledOut = 0;
  let measuring = false;
  const sockets: WebSocket[] = [];

  const open = (i: number): Promise<WebSocket> =>
    new Promise((resolve) => {
      const token = i < cfg.commenterTokens.length ? cfg.commenterTokens[i] : undefined;
      const ws = new WebSocket(token ? `${wsUrl}?token=${token}` : `${wsUrl}?viewer=v${i}`, {
        perMessageDeflate: false,
      });
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
          if (!measuring) return;
          const [upTo, end] = readNumber(data, PREFIX.length);
          if (data.compare(COUNT, 0, COUNT.length, end, end + COUNT.length) !== 0) return;
          const [count] = readNumber(data, end + COUNT.length);
          frameUpTo.push(upTo);
          frameCount.push(count);
          frameAt.push(now);
          if (probe) {
            const frame = JSON.parse(data.toString()) as {
              items: Array<{ text: string; at: number }>;
              sampledOut?: number;
            };
            sampledOut += frame.sampledOut ?? 0;
            frame.items.forEach((c, k) => {
              const id = Number(c.text.slice(6));
              if (!c.text.startsWith('bench:') || !Number.isInteger(id)) return;
              commentIdByNumber.set(upTo - count + 1 + k, id);
              acceptedAtByNumber.set(upTo - count + 1 + k, c.at);
            });
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
      // Kept by index, not by when each opened: the first sockets are the commenters' (signed in
      // with their tokens), which may open after anonymous viewers do.
      while (next < cfg.viewers) {
        const i = next++;
        sockets[i] = await open(i);
      }
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
      void fetch(`${cfg.origin}/api/v1/live/rooms/${cfg.roomId}/pin`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cfg.hostToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ productId: cfg.productId }),
      }).catch(() => errors++);
    }
    await sleep(5);
  }
  const lastMeasured = id;
  await sleep(1500); // let the last frames arrive
  measuring = false;

  // Latency of each (comment, viewer) delivery, in a 1 ms histogram.
  const hist = new Uint32Array(60_000);
  const fromAccept = new Uint32Array(60_000);
  let deliveries = 0;
  const measured = (id: number | undefined): id is number =>
    id !== undefined && id >= firstMeasured && id < lastMeasured;
  const carriedIds = new Set([...commentIdByNumber.values()].filter(measured));
  for (let f = 0; f < frameAt.length; f++) {
    for (let n = frameUpTo[f]! - frameCount[f]! + 1; n <= frameUpTo[f]!; n++) {
      const id = commentIdByNumber.get(n);
      if (!measured(id)) continue;
      hist[Math.min(hist.length - 1, Math.max(0, Math.round(frameAt[f]! - sentAt[id]!)))]!++;
      fromAccept[
        Math.min(
          hist.length - 1,
          Math.max(0, Math.round(performance.timeOrigin + frameAt[f]! - acceptedAtByNumber.get(n)!)),
        )
      ]!++;
      deliveries++;
    }
  }
  // Every carried comment should reach every connected viewer: the pairs that did not are missed.
  const deliveriesMissed = Math.max(0, carriedIds.size * connected - deliveries);
  const pct = (p: number, pairs: number, h = hist): number => {
    let need = Math.ceil(pairs * p);
    for (let ms = 0; ms < h.length; ms++) {
      need -= h[ms]!;
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
    comments_not_carried: lastMeasured - firstMeasured - carriedIds.size,
    sampled_out: sampledOut,
    deliveries_missed: deliveriesMissed,
    p50_ms: pct(0.5, deliveries + deliveriesMissed),
    p99_ms: pct(0.99, deliveries + deliveriesMissed),
    p99_delivered_ms: pct(0.99, deliveries),
    p99_from_accept_ms: pct(0.99, deliveries, fromAccept),
    pin_p99_ms: pins.length ? Math.round(pins[Math.max(0, Math.ceil(pins.length * 0.99) - 1)]!) : -1,
    pin_received: pins.length,
    errors,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  for (const s of sockets) s.terminate();
  process.exit(0);
}

void main();
