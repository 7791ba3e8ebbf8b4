/**
 * The admission gate in front of a flash sale, one per sale per process: the units still on offer
 * and what each buyer holds, loaded from the database and kept in step by this process's own
 * reservations and releases. It answers in arrival order and only ever as a fast reject: a
 * request it admits still has to pass the database's conditional updates, so a stale gate (another
 * process sold units, a crash lost its counts) can never oversell — at worst it admits a request
 * the database then refuses, or it rejects one that a refresh from the database turns around.
 */
import { saleStatus, type SaleWindow } from './live-rules.js';

export type GateVerdict = 'ok' | 'SALE_NOT_OPEN' | 'SALE_SOLD_OUT' | 'SALE_LIMIT_REACHED' | 'PRODUCT_UNAVAILABLE';

export interface GateTerms extends SaleWindow {
  perPersonLimit: number;
  onSale: boolean;
}

export class SaleGate {
  private remaining: number;
  private readonly held = new Map<string, number>();

  constructor(
    private terms: GateTerms,
    holdings: Iterable<[string, number]>,
  ) {
    this.remaining = terms.remaining;
    for (const [buyer, qty] of holdings) this.held.set(buyer, qty);
  }

  /** Takes `quantity` units for the buyer when the sale is open, has them, and the buyer stays within the limit. */
  admit(buyerId: string, quantity: number, now: number): GateVerdict {
    const status = saleStatus(this.terms, now);
    if (status !== 'open') return 'SALE_NOT_OPEN';
    if (!this.terms.onSale) return 'PRODUCT_UNAVAILABLE';
    const holds = this.held.get(buyerId) ?? 0;
    if (holds + quantity > this.terms.perPersonLimit) return 'SALE_LIMIT_REACHED';
    if (this.remaining < quantity) return 'SALE_SOLD_OUT';
    this.remaining -= quantity;
    this.held.set(buyerId, holds + quantity);
    return 'ok';
  }

  /** Whether the sale takes orders now, before any count (the hot counter decides the counts in scaled mode). */
  checkTerms(now: number): 'ok' | 'SALE_NOT_OPEN' | 'PRODUCT_UNAVAILABLE' {
    if (saleStatus(this.terms, now) !== 'open') return 'SALE_NOT_OPEN';
    return this.terms.onSale ? 'ok' : 'PRODUCT_UNAVAILABLE';
  }

  /** Records units another admission (the shared hot counter) granted, and the remaining units it reports. */
  take(buyerId: string, quantity: number, remaining: number): void {
    this.held.set(buyerId, (this.held.get(buyerId) ?? 0) + quantity);
    this.remaining = remaining;
  }

  /** Units come back: an admitted request failed to commit, or a reservation lapsed. */
  giveBack(buyerId: string, quantity: number): void {
    this.remaining += quantity;
    const holds = (this.held.get(buyerId) ?? 0) - quantity;
    if (holds > 0) this.held.set(buyerId, holds);
    else this.held.delete(buyerId);
  }

  /** The database's figures replace ours (a refresh after a reject, or another process's changes). */
  syncRemaining(remaining: number, pending: number): void {
    this.remaining = remaining - pending;
  }

  syncBuyer(buyerId: string, dbQuantity: number, pending: number): void {
    this.held.set(buyerId, dbQuantity + pending);
  }

  updateTerms(terms: GateTerms): void {
    this.terms = terms;
  }

  get estimatedRemaining(): number {
    return Math.max(0, this.remaining);
  }

  holdsOf(buyerId: string): number {
    return this.held.get(buyerId) ?? 0;
  }
}
