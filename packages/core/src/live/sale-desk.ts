/**
 * One flash sale's front desk in this process: the admission gate, the group-commit writer, and
 * the refreshes that keep the gate close to the database (the sale's terms every few seconds,
 * the remaining units at most once a second after a sold-out reject, a buyer's holdings when the
 * gate would refuse them for the limit). In scaled mode a hot counter shared by every api process
 * (hot-counter.ts) admits instead of the in-process gate (sale-hot.ts); while it is unreachable
 * the desk falls back to its gate, the database's guards deciding as always.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CoreContext } from '../context.js';
import { DomainError } from '../platform/index.js';
import type { HotCounter } from './hot-counter.js';
import { SaleGate, type GateVerdict } from './sale-gate.js';
import { HotAdmission } from './sale-hot.js';
import { loadSaleInfo, type SaleInfo } from './sale-info.js';
import { SaleWriter, storedAnswer, type SaleOrderRequest, type SaleOrderResult } from './sale-writer.js';

const TERMS_REFRESH_MS = 3000;
const REMAINING_REFRESH_MS = 1000;
/**
 * Scaled mode: how long a request refused for the limit waits for the buyer's units still in
 * another process's writer to be settled, and how often it looks again. Writing it beside them
 * instead would take a unit the database then refuses to one of them (or to it), and a refused
 * request costs its whole group of orders a rollback.
 */
const IN_FLIGHT_WAIT_MS = 3000;
const IN_FLIGHT_POLL_MS = 50;

export interface DeskEvents {
  /** Orders committed: stats and the room's broadcast of the remaining units. */
  placed(sale: SaleInfo, orders: number, units: number, gmvFen: number, buyers: string[]): void;
}

export class SaleDesk {
  private readonly gate: SaleGate;
  private readonly writer: SaleWriter;
  private pendingUnits = 0;
  private readonly pendingByBuyer = new Map<string, number>();
  private termsAt: number;
  private remainingAt = 0;
  private refreshing: Promise<void> | null = null;
  private readonly inflight = new Map<string, Promise<SaleOrderResult>>();
  private readonly hot: HotAdmission | null;

  private constructor(
    private readonly ctx: CoreContext,
    private info: SaleInfo,
    holdings: Array<[string, number]>,
    events: DeskEvents,
    hotCounter: HotCounter | null,
  ) {
    this.gate = new SaleGate(info, holdings);
    this.hot = hotCounter ? new HotAdmission(ctx, hotCounter, () => this.info) : null;
    this.termsAt = performance.now();
    this.writer = new SaleWriter(
      ctx,
      () => this.info,
      (done) => {
        let units = 0;
        let gmv = 0;
        const buyers: string[] = [];
        for (const { req, result } of done) {
          this.settlePending(req);
          if (result.replayed) {
            this.gate.giveBack(req.buyerId, req.quantity);
            continue;
          }
          units += req.quantity;
          gmv += result.totalFen;
          buyers.push(req.buyerId);
        }
        if (buyers.length) events.placed(this.info, buyers.length, units, gmv, buyers);
      },
    );
  }

  static async open(
    ctx: CoreContext,
    saleId: string,
    events: DeskEvents,
    hotCounter: HotCounter | null = null,
  ): Promise<SaleDesk | null> {
    const info = await loadSaleInfo(ctx.db, saleId);
    if (!info) return null;
    const rows = await ctx.db
      .selectFrom('live_sale_buyers')
      .select(['buyer_id', 'quantity'])
      .where('sale_id', '=', saleId)
      .execute();
    return new SaleDesk(
      ctx,
      info,
      rows.map((r) => [r.buyer_id, Number(r.quantity)]),
      events,
      hotCounter,
    );
  }

  get sale(): SaleInfo {
    return this.info;
  }

  get remaining(): number {
    return this.gate.estimatedRemaining;
  }

  async place(req: SaleOrderRequest): Promise<SaleOrderResult> {
    if (req.idemKey !== undefined) {
      const key = `${req.buyerId}|${req.idemKey}`;
      const running = this.inflight.get(key);
      if (running) return running;
      const p = this.placeOnce(req).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
      return p;
    }
    return this.placeOnce(req);
  }

  private async placeOnce(req: SaleOrderRequest): Promise<SaleOrderResult> {
    if (performance.now() - this.termsAt > TERMS_REFRESH_MS) void this.refreshTerms();
    if (this.hot) {
      const hot = await this.placeHot(this.hot, req);
      if (hot !== 'unreachable') return hot;
    }
    let verdict = this.gate.admit(req.buyerId, req.quantity, this.ctx.clock.now());
    if (verdict !== 'ok') {
      // An earlier attempt with this key may be why the gate refuses (its units count against the
      // limit); a buyer who holds nothing here has no such attempt, so a sold-out answer costs no query.
      const askedBefore = req.idemKey !== undefined && this.gate.holdsOf(req.buyerId) > 0;
      if (askedBefore) {
        const stored = await storedAnswer(this.ctx.db, req.buyerId, req.idemKey!, req.requestHash);
        if (stored) return { ...stored, replayed: true };
      }
      verdict = await this.recheck(req, verdict);
      // The earlier attempt may have been written by another process (this one learnt the buyer's units just now).
      if (verdict === 'SALE_LIMIT_REACHED' && req.idemKey !== undefined && !askedBefore) {
        const stored = await storedAnswer(this.ctx.db, req.buyerId, req.idemKey, req.requestHash);
        if (stored) return { ...stored, replayed: true };
      }
      if (verdict !== 'ok') throw refused(verdict);
    }
    return this.write(req);
  }

  /** Writes an admitted request (the gate has taken its units). */
  private async write(req: SaleOrderRequest): Promise<SaleOrderResult> {
    this.pendingUnits += req.quantity;
    this.pendingByBuyer.set(req.buyerId, (this.pendingByBuyer.get(req.buyerId) ?? 0) + req.quantity);
    try {
      return await this.writer.submit(req);
    } catch (err) {
      this.settlePending(req);
      this.gate.giveBack(req.buyerId, req.quantity);
      throw err;
    }
  }

  /**
   * Scaled mode: the shared counter admits (one atomic step), then the request is written as any
   * other; its reservation is settled by the outcome. 'unreachable' when the counter's store does
   * not answer: the caller admits through the in-process gate instead.
   */
  private async placeHot(hot: HotAdmission, req: SaleOrderRequest): Promise<SaleOrderResult | 'unreachable'> {
    const now = this.ctx.clock.now();
    const terms = this.gate.checkTerms(now);
    if (terms !== 'ok') throw refused(terms);
    let admitted = await hot.admit(req.buyerId, req.quantity, now);
    const waitUntil = performance.now() + IN_FLIGHT_WAIT_MS;
    while (admitted !== 'unreachable' && admitted.verdict === 'SALE_LIMIT_REACHED' && req.idemKey !== undefined) {
      // An earlier attempt with this key may be what holds the buyer's units: its answer is this one's.
      const stored = await storedAnswer(this.ctx.db, req.buyerId, req.idemKey, req.requestHash);
      if (stored) return { ...stored, replayed: true };
      const row = await this.ctx.db
        .selectFrom('live_sale_buyers')
        .select('quantity')
        .where('sale_id', '=', this.info.id)
        .where('buyer_id', '=', req.buyerId)
        .executeTakeFirst();
      // The database confirms the limit, or this process is writing the buyer's units (under other keys: a retry of a
      // key running here waits for it in place()).
      if (Number(row?.quantity ?? 0) + req.quantity > this.info.perPersonLimit || this.gate.holdsOf(req.buyerId) > 0)
        break;
      // The units the counter holds for this buyer are not all written yet, in another process's writer: wait for
      // them to be settled (written: the database then answers; released: the counter grants again). Past the wait,
      // possibly this very request's first try is stuck there: the database decides (its unique Idempotency-Key makes
      // a duplicate wait for the first try and replay its answer).
      if (performance.now() > waitUntil) {
        return 'unreachable';
      }
      await sleep(IN_FLIGHT_POLL_MS);
      admitted = await hot.admit(req.buyerId, req.quantity, this.ctx.clock.now());
    }
    if (admitted === 'unreachable') return 'unreachable';
    if (admitted.verdict !== 'ok') throw refused(admitted.verdict);
    // The in-process gate follows (it answers the room's remaining units, and takes over if the store goes away).
    this.gate.take(req.buyerId, req.quantity, admitted.remaining);
    let result: SaleOrderResult;
    try {
      result = await this.write(req);
    } catch (err) {
      hot.release(admitted.token, req.buyerId, req.quantity);
      // The database refused units the counter granted: the counter is ahead of the truth.
      if (err instanceof DomainError && err.code === 'SALE_SOLD_OUT') hot.reconcileSoon();
      throw err;
    }
    if (result.replayed) hot.release(admitted.token, req.buyerId, req.quantity);
    else hot.commit(admitted.token);
    return result;
  }

  /** The gate said no: when its figures may be stale, ask the database and try once more. */
  private async recheck(req: SaleOrderRequest, verdict: GateVerdict): Promise<GateVerdict> {
    if (verdict === 'SALE_LIMIT_REACHED') {
      const row = await this.ctx.db
        .selectFrom('live_sale_buyers')
        .select('quantity')
        .where('sale_id', '=', this.info.id)
        .where('buyer_id', '=', req.buyerId)
        .executeTakeFirst();
      const inDb = Number(row?.quantity ?? 0);
      const pending = this.pendingByBuyer.get(req.buyerId) ?? 0;
      if (inDb + pending === this.gate.holdsOf(req.buyerId)) return verdict;
      this.gate.syncBuyer(req.buyerId, inDb, pending);
      return this.gate.admit(req.buyerId, req.quantity, this.ctx.clock.now());
    }
    if (verdict === 'SALE_SOLD_OUT' && performance.now() - this.remainingAt > REMAINING_REFRESH_MS) {
      this.remainingAt = performance.now();
      const row = await this.ctx.db
        .selectFrom('live_flash_sales')
        .select('remaining')
        .where('id', '=', this.info.id)
        .executeTakeFirst();
      if (row) this.gate.syncRemaining(Number(row.remaining), this.pendingUnits);
      return this.gate.admit(req.buyerId, req.quantity, this.ctx.clock.now());
    }
    return verdict;
  }

  private settlePending(req: SaleOrderRequest): void {
    this.pendingUnits -= req.quantity;
    const left = (this.pendingByBuyer.get(req.buyerId) ?? 0) - req.quantity;
    if (left > 0) this.pendingByBuyer.set(req.buyerId, left);
    else this.pendingByBuyer.delete(req.buyerId);
  }

  /** Units came back to the sale (a lapsed reservation) in this process. */
  returned(buyerId: string, quantity: number): void {
    this.gate.giveBack(buyerId, quantity);
  }

  /** The sale was closed, or its product delisted: read its terms again. */
  refreshTerms(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const info = await loadSaleInfo(this.ctx.db, this.info.id);
        if (info) {
          this.info = info;
          this.gate.updateTerms(info);
        }
        this.termsAt = performance.now();
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }
}

export function refused(code: Exclude<GateVerdict, 'ok'> | 'OUT_OF_STOCK'): DomainError {
  const messages: Record<string, string> = {
    SALE_NOT_OPEN: 'the flash sale is not open',
    SALE_SOLD_OUT: 'the flash sale is sold out',
    SALE_LIMIT_REACHED: 'you already hold the most this sale allows per person',
    PRODUCT_UNAVAILABLE: 'this product is not on sale',
    OUT_OF_STOCK: 'not enough stock for this item',
  };
  return new DomainError(code, messages[code] ?? code);
}
