/**
 * The live module's pure rules: the room state table, a flash sale's status at a moment, and the
 * checks on what a host may start (flash sales, coupons, lucky bags). No I/O here.
 */
import { DomainError, invalid, stateTable } from '../platform/index.js';

export const ROOM_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];
export type SaleStatus = 'scheduled' | 'open' | 'ended';

/** scheduled → live → ended; a scheduled room may also be ended without ever opening. The host moves it. */
export const ROOM_STATES = stateTable<RoomStatus, 'open' | 'end', 'host'>('room', [
  { from: 'scheduled', action: 'open', to: 'live', who: ['host'] },
  { from: 'scheduled', action: 'end', to: 'ended', who: ['host'] },
  { from: 'live', action: 'end', to: 'ended', who: ['host'] },
]);

export function canMoveRoom(from: RoomStatus, to: RoomStatus): boolean {
  return ROOM_STATES.canMove(from, to, 'host');
}

export const MAX_TITLE = 60;
export const MAX_SALE_WINDOW_MS = 24 * 3600_000;
export const MAX_SALE_QUANTITY = 1_000_000;
export const MAX_PER_PERSON = 99;
/** How long a flash-sale order may wait for payment before its units return to the sale. */
export const SALE_PAY_WINDOW_MS = 5 * 60_000;
export const MAX_KEYWORD = 20;
export const MAX_PRIZE = 60;
export const MAX_LUCKY_WINNERS = 1000;
export const MAX_LUCKY_WAIT_MS = 24 * 3600_000;

export interface SaleWindow {
  startsAt: number;
  endsAt: number;
  closedAt: number | null;
  remaining: number;
}

/** A sale is open from its start until its end, unless it was closed early; sold out is still open (units may come back). */
export function saleStatus(s: SaleWindow, now: number): SaleStatus {
  if (s.closedAt !== null || now >= s.endsAt) return 'ended';
  if (now < s.startsAt) return 'scheduled';
  return 'open';
}

export interface FlashSaleInput {
  skuId: string;
  priceFen: number;
  quantity: number;
  perPersonLimit: number;
  startsAt: number;
  endsAt: number;
}

export function checkFlashSale(input: FlashSaleInput, skuPriceFen: number, now: number): void {
  if (!Number.isSafeInteger(input.priceFen) || input.priceFen < 1)
    throw invalid('priceFen must be a positive integer', { field: 'priceFen' });
  if (input.priceFen >= skuPriceFen)
    throw invalid('a flash sale must be cheaper than the usual price', {
      field: 'priceFen',
      usualPriceFen: skuPriceFen,
    });
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_SALE_QUANTITY)
    throw invalid(`quantity must be 1–${MAX_SALE_QUANTITY}`, { field: 'quantity' });
  if (!Number.isSafeInteger(input.perPersonLimit) || input.perPersonLimit < 1 || input.perPersonLimit > MAX_PER_PERSON)
    throw invalid(`perPersonLimit must be 1–${MAX_PER_PERSON}`, { field: 'perPersonLimit' });
  if (!Number.isSafeInteger(input.startsAt) || !Number.isSafeInteger(input.endsAt))
    throw invalid('startsAt and endsAt are epoch milliseconds', { field: 'startsAt' });
  if (input.endsAt <= input.startsAt || input.endsAt <= now)
    throw invalid('a flash sale must end after it starts and in the future', { field: 'endsAt' });
  if (input.endsAt - Math.max(input.startsAt, now) > MAX_SALE_WINDOW_MS)
    throw invalid('a flash sale lasts at most 24 hours', { field: 'endsAt' });
  if (input.startsAt < now - 60_000) throw invalid('a flash sale cannot start in the past', { field: 'startsAt' });
}

export interface CouponInput {
  amountFen: number;
  minSpendFen: number;
  quantity: number;
}

export function checkCoupon(input: CouponInput): void {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen < 1)
    throw invalid('amountFen must be a positive integer', { field: 'amountFen' });
  if (!Number.isSafeInteger(input.minSpendFen) || input.minSpendFen < 0)
    throw invalid('minSpendFen must be zero or more', { field: 'minSpendFen' });
  if (input.minSpendFen > 0 && input.amountFen >= input.minSpendFen)
    throw invalid('the discount must be smaller than the minimum spend', { field: 'amountFen' });
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_SALE_QUANTITY)
    throw invalid(`quantity must be 1–${MAX_SALE_QUANTITY}`, { field: 'quantity' });
}

export interface LuckyBagInput {
  keyword: string;
  prize: string;
  winners: number;
  drawAt: number;
}

export function checkLuckyBag(input: LuckyBagInput, now: number): { keyword: string; prize: string } {
  const keyword = input.keyword.trim();
  const prize = input.prize.trim();
  if (keyword.length < 1 || keyword.length > MAX_KEYWORD)
    throw invalid(`keyword is 1–${MAX_KEYWORD} characters`, { field: 'keyword' });
  if (prize.length < 1 || prize.length > MAX_PRIZE)
    throw invalid(`prize is 1–${MAX_PRIZE} characters`, { field: 'prize' });
  if (!Number.isSafeInteger(input.winners) || input.winners < 1 || input.winners > MAX_LUCKY_WINNERS)
    throw invalid(`winners must be 1–${MAX_LUCKY_WINNERS}`, { field: 'winners' });
  if (!Number.isSafeInteger(input.drawAt) || input.drawAt <= now || input.drawAt > now + MAX_LUCKY_WAIT_MS)
    throw invalid('drawAt must be in the next 24 hours', { field: 'drawAt' });
  return { keyword, prize };
}

/** A comment enters a lucky bag when, trimmed, it is exactly the keyword. */
export function entersLuckyBag(comment: string, keyword: string): boolean {
  return comment.trim() === keyword;
}

export const roomNotFound = (roomId: string): DomainError =>
  new DomainError('ROOM_NOT_FOUND', 'live room not found', { roomId });
export const notRoomHost = (): DomainError => new DomainError('NOT_ROOM_HOST', 'only the room’s host may do this');
export const roomNotLive = (status: string): DomainError =>
  new DomainError('ROOM_NOT_LIVE', 'the room is not live', { status });
