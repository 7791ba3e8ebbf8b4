/** The HTTP side of the benchmarks: keep-alive undici pools, a checkout, a signed sandbox payment notification, and a timed worker loop. */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { SIGNATURE_HEADER, sign } from '@zhongcao/core';
import { log, type Scope } from './resources.js';

/** status 0 means the request failed on the network (refused, reset, timeout). */
export interface Reply {
  status: number;
  body: string;
}

export function openPool(scope: Scope, origin: string, connections: number): Pool {
  const pool = new Pool(origin, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: 120_000,
    bodyTimeout: 120_000,
    connectTimeout: 30_000,
  });
  scope.defer('close HTTP pool', () => pool.destroy());
  return pool;
}

export async function post(pool: Pool, path: string, headers: Record<string, string>, body: string): Promise<Reply> {
  try {
    const res = await pool.request({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: res.statusCode, body: await res.body.text() };
  } catch (err) {
    return { status: 0, body: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

export async function get(pool: Pool, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  try {
    const res = await pool.request({ method: 'GET', path, headers });
    return { status: res.statusCode, body: await res.body.text() };
  } catch (err) {
    return { status: 0, body: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

export interface Placed {
  paymentId: string;
  amountFen: number;
}

/** POST /api/v1/checkout for one unit of a SKU, as a buyer arriving from the feed. */
export async function placeCheckout(
  pool: Pool,
  token: string,
  skuId: string,
  idempotencyKey: string,
): Promise<{ reply: Reply; placed: Placed | null }> {
  const body = JSON.stringify({ items: [{ skuId, quantity: 1, attribution: { source: 'feed' } }] });
  const reply = await post(
    pool,
    '/api/v1/checkout',
    { authorization: `Bearer ${token}`, 'idempotency-key': idempotencyKey },
    body,
  );
  if (reply.status !== 201) return { reply, placed: null };
  const parsed = JSON.parse(reply.body) as { payment?: { id?: unknown; amountFen?: unknown } };
  const id = parsed.payment?.id;
  const amountFen = parsed.payment?.amountFen;
  if (typeof id !== 'string' || typeof amountFen !== 'number')
    return { reply: { status: 201, body: `201 without a payment: ${reply.body.slice(0, 200)}` }, placed: null };
  return { reply, placed: { paymentId: id, amountFen } };
}

/** The sandbox gateway's signed payment.succeeded notification for a payment, delivered to the real notify route. */
export async function notifyPaid(pool: Pool, secret: string, placed: Placed, ref: string): Promise<Reply> {
  const at = Date.now();
  const body = JSON.stringify({
    eventId: `sbx_bench_${ref}:paid`,
    kind: 'payment.succeeded',
    merchantRef: placed.paymentId,
    txnId: `sbx_bench_${ref}`,
    amountFen: placed.amountFen,
    at,
  });
  return post(pool, '/api/v1/payments/notify/sandbox', { [SIGNATURE_HEADER]: sign(secret, body, at) }, body);
}

/** Runs `concurrency` workers that each repeat `iteration` until `ms` have passed (or the signal aborts); returns the wall time until the last one finished. */
export async function runFor(
  concurrency: number,
  ms: number,
  signal: AbortSignal,
  iteration: (worker: number) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  const deadline = started + ms;
  const worker = async (n: number): Promise<void> => {
    while (performance.now() < deadline && !signal.aborted) await iteration(n);
  };
  await Promise.all(Array.from({ length: concurrency }, (_, n) => worker(n)));
  return performance.now() - started;
}

/** Logs the first few failures of each kind, so a broken run explains itself. */
export class ErrorSampler {
  private readonly seen = new Map<string, number>();

  note(what: string, reply: Reply): void {
    const key = `${what} ${reply.status}`;
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    if (n <= 3) log(`${what} failed: HTTP ${reply.status || 'network error'} ${reply.body.slice(0, 300)}`);
  }

  summary(): string {
    return [...this.seen].map(([k, n]) => `${k}×${n}`).join(', ');
  }
}
