/**
 * The flash sale's hot counter in scaled mode: the units still on offer and what each buyer
 * holds, kept in a shared store (Redis, see the server's shared/redis-sale-counter.ts) that every
 * api process asks with one atomic step per reservation, in front of the database. The database
 * stays the truth: its conditional updates still guard every order, so a counter that is wrong
 * (lost, rebuilt from a stale read, holding a dead process's reservation) can only make a request
 * cost a refused write or a short wait for the reconciliation — never sell what does not exist.
 *
 * A reservation the counter grants is "in flight" under a token until it is settled: committed
 * (it became an order row; its units stay taken) or released (the write failed or replayed an
 * earlier answer; its units return). A reconciliation rewrites the counter from the database's
 * figures plus the in-flight reservations, dropping those older than `staleMs` (their process
 * died before settling them).
 */
export type HotVerdict = 'ok' | 'SALE_SOLD_OUT' | 'SALE_LIMIT_REACHED' | 'UNSEEDED';

export interface HotReply {
  verdict: HotVerdict;
  /** The units left after this step (as the counter knows them). */
  remaining: number;
}

export interface HotSeed {
  remaining: number;
  holdings: ReadonlyArray<readonly [string, number]>;
  /** The counter may be forgotten after this time (the sale's end plus a margin). */
  expiresAt: number;
}

export interface HotCounter {
  /** Takes `quantity` for the buyer when the counter has them and the buyer stays within `limit`; UNSEEDED when the counter does not exist (a new sale, or the store lost it). */
  reserve(
    saleId: string,
    buyerId: string,
    quantity: number,
    limit: number,
    token: string,
    now: number,
  ): Promise<HotReply>;
  /** Settles in-flight reservations: committed ones keep their units, released ones give them back. */
  settle(
    saleId: string,
    committed: readonly string[],
    released: ReadonlyArray<{ token: string; buyerId: string; quantity: number }>,
  ): Promise<void>;
  /** Creates the counter from the database's figures, unless another process created it first. */
  seed(saleId: string, seed: HotSeed): Promise<void>;
  /** Rewrites the remaining units (and one buyer's holding) from the database plus the fresh in-flight reservations; returns the new remaining, or null when the counter does not exist. */
  reconcile(
    saleId: string,
    db: { remaining: number; buyer?: { id: string; quantity: number } | undefined },
    now: number,
    staleMs: number,
  ): Promise<number | null>;
}

/** A reservation's token names its buyer and units, so a reconciliation can count in-flight units without another lookup. */
export function hotToken(buyerId: string, quantity: number, unique: string): string {
  return `${buyerId}|${quantity}|${unique}`;
}

export function parseHotToken(token: string): { buyerId: string; quantity: number } | null {
  const m = /^([^|]+)\|(\d+)\|/.exec(token);
  return m ? { buyerId: m[1]!, quantity: Number(m[2]) } : null;
}
