/**
 * Why a campaign ended the simulated day where it did, from what the auctions saw of it (core's
 * `onAuction` observer):
 * - `budget`: it spent at least 95 % of its budget;
 * - `pacing`: the pacing throttle kept it out of an auction while its spend was under the pacing
 *   curve — the pacer held back a campaign that was behind (a pacing defect);
 * - `bid`: the throttle only ever held it while it was ahead of the curve, and once behind it
 *   entered every auction it was eligible for and lost them on its score (cost cap × predicted
 *   click × predicted conversion × quality). The legitimate outcome of a cost cap: a campaign
 *   whose clicks do not convert — or have not yet, as far as its own history shows — cannot buy
 *   impressions at the market's price without paying more than its cap per conversion.
 */
import type { AuctionTrace } from '@zhongcao/core';

export type LimitedBy = 'budget' | 'pacing' | 'bid';

/** The evening (18:00–24:00), where a campaign under its curve should be catching up. */
export const EVENING_FROM_SLOT = 36;
export const FULL_USE = 0.95;

export interface AuctionTally {
  /** Auctions in which the throttle kept it out while its spend was under the pacing curve (0 unless the pacer is wrong). */
  throttled_behind: number;
  /** The last half-hour (0–47) in which the throttle kept it out of an auction, null if never. */
  last_throttled_half_hour: number | null;
  /** Evening auctions (18:00–24:00) it bid in and won. */
  evening_bids: number;
  evening_won: number;
  /** Over the evening's lost bids: the campaign's score ÷ the winner's (median); null without any. */
  evening_lost_score_ratio: number | null;
}

interface Counts {
  throttledBehind: number;
  lastThrottled: number | null;
  bids: number;
  won: number;
  ratios: number[];
}

export class AuctionObserver {
  private readonly by = new Map<string, Counts>();
  constructor(private readonly halfHourOf: (t: number) => number) {}

  readonly observe = (a: AuctionTrace): void => {
    const h = this.halfHourOf(a.now);
    for (const t of a.throttled) {
      const c = this.get(t.campaignId);
      c.lastThrottled = h;
      if (t.spentMfen < t.allowedMfen) c.throttledBehind++;
    }
    if (h < EVENING_FROM_SLOT) return;
    const winScore = a.winner ? (a.bids.find((b) => b.campaignId === a.winner!.campaignId)?.score ?? null) : null;
    for (const b of a.bids) {
      const c = this.get(b.campaignId);
      c.bids++;
      if (a.winner?.campaignId === b.campaignId) c.won++;
      else if (winScore) c.ratios.push(b.score / winScore);
    }
  };

  tally(campaignId: string): AuctionTally {
    const c = this.by.get(campaignId) ?? { throttledBehind: 0, lastThrottled: null, bids: 0, won: 0, ratios: [] };
    return {
      throttled_behind: c.throttledBehind,
      last_throttled_half_hour: c.lastThrottled,
      evening_bids: c.bids,
      evening_won: c.won,
      evening_lost_score_ratio: median(c.ratios),
    };
  }

  private get(id: string): Counts {
    let c = this.by.get(id);
    if (!c) this.by.set(id, (c = { throttledBehind: 0, lastThrottled: null, bids: 0, won: 0, ratios: [] }));
    return c;
  }
}

export function limitedBy(budgetUse: number, t: Pick<AuctionTally, 'throttled_behind'>): LimitedBy {
  if (budgetUse >= FULL_USE) return 'budget';
  return t.throttled_behind > 0 ? 'pacing' : 'bid';
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return Math.round((s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) * 1000) / 1000;
}
