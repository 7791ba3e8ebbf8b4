/**
 * `bench chat`: buyers connected over WebSocket to one server process (a child, measured alone),
 * each shop's staff member online at the desk and connected too; messages at a fixed rate across
 * conversations, half from buyers and half answers from staff, all sent over the socket. Half-way,
 * a tenth of the clients are dropped and reconnect: they resend what was not acknowledged (same
 * client id) and resume from the last sequence number they saw (`sync`).
 *
 * p99_ms: from a send to its arrival at the other side (pushed, or recovered by sync after the
 * reconnect). lost: messages the server acknowledged that the other side never got by the end.
 * duplicates: a client id that reached a receiver under two sequence numbers (a retry stored
 * twice). rss_mb: the server's largest resident memory seen.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { ChatClient as Client } from './chat-bench-client.js';
import {
  createShop,
  hashToken,
  loadActor,
  newId,
  openConversation,
  openCore,
  putServiceSettings,
  SESSION_TTL_MS,
  setPresence,
  type Core,
} from '@zhongcao/core';
import { percentile } from './percentiles.js';
import { freshStore, log, Scope, type BenchStore } from './resources.js';
import { processRssMb, startServerChild } from './server-child.js';

export interface ChatResult {
  bench: 'chat';
  dialect: 'sqlite' | 'postgres';
  buyers: number;
  conversations: number;
  shops: number;
  target_msgs_per_s: number;
  seconds: number;
  sent: number;
  acked: number;
  delivered: number;
  p50_ms: number;
  p99_ms: number;
  /** The p99 over the messages sent before the forced reconnect (the steady state). */
  p99_before_reconnect_ms: number;
  /** The p99 over the whole run between people who stayed connected (messages to or from a dropped client wait for its reconnect). */
  p99_connected_ms: number;
  lost: number;
  duplicates: number;
  reconnected: number;
  errors: number;
  rss_mb: number | null;
}

export const TARGET_CHAT_P99_MS = 100;

export interface ChatSizes {
  buyers?: number;
  msgsPerS?: number;
  conversations?: number;
  shops?: number;
  seconds?: number;
}

interface Fixtures {
  buyerTokens: string[];
  staffTokens: string[];
  /** Per conversation: id, buyer index, shop index. */
  conversations: Array<{ id: string; buyer: number; shop: number }>;
}

async function makeFixtures(store: BenchStore, sizes: Required<ChatSizes>): Promise<Fixtures> {
  const core = await openCore({ dataDir: store.dataDir, databaseUrl: store.databaseUrl });
  try {
    const started = Date.now();
    const staffIds = await insertPeople(core, 'chat-staff', sizes.shops);
    const buyerIds = await insertPeople(core, 'chat-buyer', sizes.buyers);
    for (let s = 0; s < sizes.shops; s++) {
      const owner = await loadActor(core.ctx.db, staffIds[s]!.userId);
      await createShop(core.ctx, owner, { name: `压测店铺${s}`, shippingFeeFen: 0, freeShippingOverFen: 0 });
    }
    const staff = await Promise.all(staffIds.map((p) => loadActor(core.ctx.db, p.userId)));
    const perShop = Math.ceil(sizes.conversations / sizes.shops);
    for (const a of staff) {
      const shopId = [...a.shops.keys()][0]!;
      await putServiceSettings(core.ctx, a, shopId, {
        maxOpen: Math.min(200, perShop + 10),
        hoursFrom: 0,
        hoursTo: 0,
        awayText: '',
      });
      await setPresence(core.ctx, a, shopId, true);
    }
    const conversations: Fixtures['conversations'] = [];
    for (let c = 0; c < sizes.conversations; c++) {
      const buyer = c % sizes.buyers;
      const shop = c % sizes.shops;
      const actor = await loadActor(core.ctx.db, buyerIds[buyer]!.userId);
      const conv = await openConversation(core.ctx, actor, {
        source: 'direct',
        shopId: [...staff[shop]!.shops.keys()][0]!,
      });
      conversations.push({ id: conv.id, buyer, shop });
    }
    log(
      `chat fixtures: ${sizes.shops} shops with staff online, ${sizes.buyers} buyers, ${conversations.length} conversations in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return { buyerTokens: buyerIds.map((b) => b.token), staffTokens: staffIds.map((s) => s.token), conversations };
  } finally {
    await core.close();
  }
}

async function insertPeople(
  core: Core,
  prefix: string,
  count: number,
): Promise<Array<{ userId: string; token: string }>> {
  const db = core.ctx.db;
  const now = Date.now();
  const out: Array<{ userId: string; token: string }> = [];
  // Nobody logs in with these: the password hash is a placeholder no password matches.
  const noPassword = `$argon2id$v=19$m=19456,t=2,p=1$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`;
  for (let start = 0; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, (_, k) => ({
      id: newId('user', now),
      login: `${prefix}-${start + k}`,
      token: randomBytes(32).toString('base64url'),
    }));
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('users')
        .values(
          rows.map((r) => ({
            id: r.id,
            login: r.login,
            display_name: r.login,
            password_hash: noPassword,
            created_at: now,
          })),
        )
        .execute();
      await tx
        .insertInto('user_roles')
        .values(rows.map((r) => ({ user_id: r.id, role: 'shopper', created_at: now })))
        .execute();
      await tx
        .insertInto('sessions')
        .values(
          rows.map((r) => ({
            id: newId('session', now),
            token_hash: hashToken(r.token),
            user_id: r.id,
            kind: 'bearer',
            csrf_token: randomBytes(12).toString('base64url'),
            created_at: now,
            expires_at: now + SESSION_TTL_MS,
            revoked_at: null,
          })),
        )
        .execute();
    });
    for (const r of rows) out.push({ userId: r.id, token: r.token });
  }
  return out;
}

export async function benchChat(sizes: ChatSizes = {}): Promise<ChatResult> {
  const full: Required<ChatSizes> = {
    buyers: sizes.buyers ?? 5000,
    msgsPerS: sizes.msgsPerS ?? 500,
    conversations: sizes.conversations ?? 1000,
    shops: sizes.shops ?? 50,
    seconds: sizes.seconds ?? 20,
  };
  full.conversations = Math.min(full.conversations, full.buyers * full.shops);
  const scope = new Scope();
  try {
    const store = await freshStore(scope);
    log(
      `chat: ${store.dialect}, ${full.buyers} buyers, ${full.conversations} conversations, ${full.shops} shops, ${full.msgsPerS} msg/s for ${full.seconds} s`,
    );
    const fx = await makeFixtures(store, full);
    const server = await startServerChild(scope, store, randomBytes(24).toString('hex'));
    let rss: number | null = null;
    const sampler = setInterval(() => {
      const mb = processRssMb(server.pid);
      if (mb !== null) rss = Math.max(rss ?? 0, mb);
    }, 1000);
    scope.defer('stop RSS sampler', async () => clearInterval(sampler));

    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const steady: number[] = [];
    const connected: number[] = [];
    const victims = new Set<Client>();
    const senderOf = new Map<string, Client>();
    let dropAt = Number.POSITIVE_INFINITY;
    const delivered = new Set<string>();
    let acked = 0;
    const onDelivered = (clientId: string, at: number, receiver: Client) => {
      if (delivered.has(clientId)) return;
      delivered.add(clientId);
      const t0 = sentAt.get(clientId);
      if (t0 !== undefined) {
        latencies.push(at - t0);
        if (t0 < dropAt) steady.push(at - t0);
        // Between two people who stayed connected (a dropped person's messages wait for them by design).
        if (t0 < dropAt || (!victims.has(receiver) && !victims.has(senderOf.get(clientId)!))) connected.push(at - t0);
      }
    };
    const onAck = () => void acked++;
    const convByBuyer = new Map<number, string[]>();
    const convByShop = new Map<number, string[]>();
    for (const c of fx.conversations) {
      convByBuyer.set(c.buyer, [...(convByBuyer.get(c.buyer) ?? []), c.id]);
      convByShop.set(c.shop, [...(convByShop.get(c.shop) ?? []), c.id]);
    }
    const buyers = fx.buyerTokens.map(
      (t, i) => new Client(server.origin, t, convByBuyer.get(i) ?? [], onDelivered, onAck),
    );
    const staff = fx.staffTokens.map(
      (t, i) => new Client(server.origin, t, convByShop.get(i) ?? [], onDelivered, onAck),
    );
    const t0 = performance.now();
    const all = [...staff, ...buyers];
    for (let i = 0; i < all.length; i += 200) await Promise.all(all.slice(i, i + 200).map((c) => c.connect(false)));
    log(`chat: ${all.length} sockets connected in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Warm-up (not measured): every buyer's first question, which assigns the conversation, and the rule book's first compile.
    const warmStart = performance.now();
    for (let k = 0; k < fx.conversations.length; k++) {
      const wait = warmStart + (k * 1000) / full.msgsPerS - performance.now();
      if (wait > 1) await sleep(wait);
      const conv = fx.conversations[k]!;
      buyers[conv.buyer]!.send(conv.id, `w${k}`);
    }
    await sleep(1000);

    // Send at the rate: conversation k in turn; even turns the buyer asks, odd turns the shop answers.
    const total = Math.round(full.msgsPerS * full.seconds);
    const started = performance.now();
    let reconnected = 0;
    let dropped = false;
    for (let n = 0; n < total; n++) {
      const due = started + (n * 1000) / full.msgsPerS;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      if (!dropped && n >= total / 2) {
        dropped = true;
        dropAt = performance.now();
        for (const v of all.filter((_, i) => i % 10 === 3)) victims.add(v);
        for (const v of victims) v.ws?.terminate();
        reconnected = victims.size;
        void Promise.all([...victims].map((v) => v.connect(true)));
      }
      const conv = fx.conversations[Math.floor(n / 2) % fx.conversations.length]!;
      const sender = n % 2 === 0 ? buyers[conv.buyer]! : staff[conv.shop]!;
      const clientId = `b${n}`;
      sentAt.set(clientId, performance.now());
      senderOf.set(clientId, sender);
      sender.send(conv.id, clientId);
    }
    // Let the last messages arrive, then resync everyone once more (as a client does on the next open) to count what is lost.
    await sleep(2000);
    for (const c of all) if (c.ws?.readyState !== WebSocket.OPEN) await c.connect(true);
    await sleep(1000);
    clearInterval(sampler);
    const last = processRssMb(server.pid);
    if (last !== null) rss = Math.max(rss ?? 0, last);

    let sentCount = 0;
    let lost = 0;
    for (const c of all) {
      for (const [clientId, s] of c.pending) {
        sentCount++;
        if (s.acked && !delivered.has(clientId)) lost++;
      }
    }
    for (const c of all) c.ws?.close();
    await server.stop();
    latencies.sort((a, b) => a - b);
    steady.sort((a, b) => a - b);
    connected.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      bench: 'chat',
      dialect: store.dialect,
      buyers: full.buyers,
      conversations: fx.conversations.length,
      shops: full.shops,
      target_msgs_per_s: full.msgsPerS,
      seconds: full.seconds,
      sent: sentCount,
      acked,
      delivered: delivered.size,
      p50_ms: round(latencies.length ? percentile(latencies, 50) : 0),
      p99_ms: round(latencies.length ? percentile(latencies, 99) : 0),
      p99_before_reconnect_ms: round(steady.length ? percentile(steady, 99) : 0),
      p99_connected_ms: round(connected.length ? percentile(connected, 99) : 0),
      lost,
      duplicates: all.reduce((a, c) => a + c.duplicates, 0),
      reconnected,
      errors: all.reduce((a, c) => a + c.errors, 0),
      rss_mb: rss,
    };
  } finally {
    await scope.close();
  }
}

export function chatSummary(r: ChatResult): string {
  const ok = r.p99_ms <= TARGET_CHAT_P99_MS && r.lost === 0 && r.duplicates === 0;
  return `chat (${r.dialect}): ${r.buyers} buyers and ${r.shops} staff connected, ${r.conversations} conversations, ${r.sent} messages at ${r.target_msgs_per_s}/s over ${r.seconds} s (${r.acked} acknowledged, ${r.delivered} delivered); ${r.reconnected} clients dropped and reconnected half-way; send → other side p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms (${r.p99_before_reconnect_ms} ms before the reconnect, ${r.p99_connected_ms} ms between people who stayed connected); lost ${r.lost}, duplicates ${r.duplicates}, errors ${r.errors}; server RSS ${r.rss_mb ?? '?'} MB — ${ok ? 'meets' : 'MISSES'} the target p99 ≤ ${TARGET_CHAT_P99_MS} ms, 0 lost, 0 duplicates`;
}
