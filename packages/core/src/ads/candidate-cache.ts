/**
 * The auction's campaign list, held for a second. Every recommend page with an ad slot needs the
 * campaigns that may enter an auction (auction.ts `liveCandidates`: active, creative published or
 * live, balance above zero, with today's spend); that join over six tables is the same for every
 * viewer and changes rarely, so this process keeps its result per store for at most
 * `CANDIDATES_HOLD_MS` of the core's clock, and a new ad day reads it again.
 *
 * Dropped at once, in this process, once a change to what decides eligibility is committed here: a
 * campaign created, paused or resumed (campaigns.ts), taken down or restored in review
 * (review.ts); an ad account topped up or withdrawn from (ad-account.ts); an impression's billing
 * that reaches the campaign's daily budget (or finds it reached already) or leaves its account at
 * or near zero, i.e. short of another impression at that price (billing.ts); a live room that went
 * live or ended (the live module's room events, to which the list listens). A read that began
 * before a drop serves its own page but is not kept.
 *
 * What may be up to a second old:
 * - the spend so far today that the pacing throttle reads (billing itself enforces the budget
 *   exactly, on the day's row, whatever the list says), and the impressions, clicks, conversions
 *   and GMV behind the predicted rates (their writers — billing, clicks, attribution, room entries —
 *   do not drop the list; nor does the lookalike audiences' refresh, whose members are read per
 *   viewer);
 * - a video creative published again after a take-down (a video taken down is never shown: the
 *   page checks the status on the cards it loads for its ads);
 * - in the scaled mode (several api processes on one store), every change made by another
 *   process: each process holds its own list and sees the others' changes within the second.
 *
 * Not held: the advertisers whose paid traffic is suspended for violation points and the shops'
 * experience scores are looked up on every page (auction.ts; two indexed reads of small tables),
 * so a penalty or a score below the threshold takes effect on the next page whoever wrote it; nor
 * the half-hour schedule, checked against each page's time.
 */
import type { CoreContext, Db } from '../context.js';
import { runtimePart, runtimeOf } from '../platform/index.js';
import { liveRuntime, type LiveEvent } from '../live/index.js';

/** How long a read list may serve pages, in ms of the core's clock. */
export const CANDIDATES_HOLD_MS = 1_000;

/** When a list was read: the clock's time and the ad day it was read for. */
export interface ReadStamp {
  at: number;
  day: string;
}

/** Whether a list read at `held` may serve a page at `now` of ad day `day` (a clock set back reads again). */
export function heldListServes(held: ReadStamp | null, now: number, day: string): boolean {
  return held !== null && held.day === day && now >= held.at && now - held.at < CANDIDATES_HOLD_MS;
}

/** Whether a billed impression brought the campaign's day to its budget: it leaves the auction at once. */
export function budgetReached(spentTodayMfen: number, dailyBudgetFen: number): boolean {
  return spentTodayMfen >= dailyBudgetFen * 1000;
}

/**
 * Whether a spend debit left the account at or near zero: less than the impression just paid for,
 * so the next one like it could not be paid (at zero, its campaigns leave the auction).
 */
export function balanceNearZero(balanceMfen: number, priceMfen: number): boolean {
  return balanceMfen < Math.max(priceMfen, 1);
}

/** Whether a live room's event changes which campaigns may enter: a room that went live or ended. */
export function roomEventDrops(event: LiveEvent): boolean {
  return event.kind === 'opened' || event.kind === 'ended';
}

interface Slot {
  /** Listening to the live rooms' events of this store (from the first read on: before it nothing is held). */
  watching: boolean;
  /** Bumped by every drop: a read that began under an older generation is not kept. */
  generation: number;
  held: (ReadStamp & { list: unknown }) | null;
  /** The read in flight, which pages arriving meanwhile share. */
  reading: (ReadStamp & { generation: number; list: Promise<unknown> }) | null;
}

const candidatesPart = runtimePart<Slot, Db>('ads.candidates', () => ({
  watching: false,
  generation: 0,
  held: null,
  reading: null,
}));

/**
 * The list for a page at `now`: the one held if it may serve, else the one being read, else
 * `read()`'s, kept unless a drop came while it ran.
 */
export async function heldCandidates<T>(
  ctx: CoreContext,
  now: number,
  day: string,
  read: () => Promise<T>,
): Promise<T> {
  const db = ctx.db;
  const slot = runtimeOf(db).use(candidatesPart);
  if (!slot.watching) {
    slot.watching = true;
    liveRuntime(ctx).on((event) => {
      if (roomEventDrops(event)) dropHeldCandidates(db);
    });
  }
  if (slot.held && heldListServes(slot.held, now, day)) return slot.held.list as T;
  if (slot.reading && slot.reading.generation === slot.generation && heldListServes(slot.reading, now, day))
    return (await slot.reading.list) as T;
  const generation = slot.generation;
  const list = read();
  const reading = { at: now, day, generation, list };
  slot.reading = reading;
  try {
    const value = await list;
    if (slot.generation === generation) slot.held = { at: now, day, list: value };
    return value;
  } finally {
    if (slot.reading === reading) slot.reading = null;
  }
}

/** Forgets the held list of this store (after a committed change to what decides eligibility). */
export function dropHeldCandidates(db: Db): void {
  const slot = runtimeOf(db).peek(candidatesPart);
  if (!slot) return;
  slot.generation++;
  slot.held = null;
  slot.reading = null;
}
