/**
 * The learning curve: per half (personalisation on / off) and per bucket of each person's
 * impressions (their 1st–Nth, N+1th–2Nth, …), the watch completion rate, the product-tap rate
 * and purchases per 100 impressions. A purchase counts in the bucket of the impression it came from.
 */
export type Half = 'personalised' | 'non_personalised';
export const HALVES: readonly Half[] = ['personalised', 'non_personalised'];

export interface Outcome {
  completed: boolean;
  tapped: boolean;
  purchased: boolean;
}

interface Counts {
  impressions: number;
  completions: number;
  taps: number;
  purchases: number;
}

export interface CurvePoint {
  /** First per-person impression index of the bucket (0-based). */
  from: number;
  impressions: number;
  completion_rate: number;
  tap_rate: number;
  purchases_per_100: number;
  /** Purchases counted in the bucket (so curves of several runs can be pooled). */
  purchases: number;
}

export interface HalfSummary {
  impressions: number;
  completion_rate: number;
  tap_rate: number;
  purchases_per_100: number;
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const empty = (): Counts => ({ impressions: 0, completions: 0, taps: 0, purchases: 0 });

function rates(c: Counts): HalfSummary {
  const per = (n: number): number => (c.impressions ? n / c.impressions : 0);
  return {
    impressions: c.impressions,
    completion_rate: round(per(c.completions), 4),
    tap_rate: round(per(c.taps), 4),
    purchases_per_100: round(100 * per(c.purchases), 3),
  };
}

export class LearningCurve {
  private readonly buckets: Record<Half, Counts[]> = { personalised: [], non_personalised: [] };

  constructor(readonly bucketSize: number) {
    if (!Number.isInteger(bucketSize) || bucketSize < 1)
      throw new RangeError(`bucket size must be a whole number ≥ 1, got ${bucketSize}`);
  }

  /** The outcome of a person's `impressionIndex`-th impression (0-based). */
  record(half: Half, impressionIndex: number, outcome: Outcome): void {
    const list = this.buckets[half];
    const b = Math.floor(impressionIndex / this.bucketSize);
    while (list.length <= b) list.push(empty());
    const c = list[b]!;
    c.impressions++;
    if (outcome.completed) c.completions++;
    if (outcome.tapped) c.taps++;
    if (outcome.purchased) c.purchases++;
  }

  /** A purchase that completed after its impression was recorded (checkout and payment take a moment). */
  recordPurchase(half: Half, impressionIndex: number): void {
    const c = this.buckets[half][Math.floor(impressionIndex / this.bucketSize)];
    if (!c) throw new RangeError(`no impression ${impressionIndex} was recorded for ${half}`);
    c.purchases++;
  }

  points(half: Half): CurvePoint[] {
    return this.buckets[half].map((c, i) => ({ from: i * this.bucketSize, ...rates(c), purchases: c.purchases }));
  }

  /** Totals over the buckets starting at or after `fromImpression` (the warm-up is left out). */
  summary(half: Half, fromImpression: number): HalfSummary {
    const total = empty();
    this.buckets[half].forEach((c, i) => {
      if (i * this.bucketSize < fromImpression) return;
      total.impressions += c.impressions;
      total.completions += c.completions;
      total.taps += c.taps;
      total.purchases += c.purchases;
    });
    return rates(total);
  }
}

/**
 * The last bucket's purchases per 100 impressions over the best bucket's (how much of its peak a
 * curve keeps at the end); null when no bucket has a purchase.
 */
export function lastBucketRatio(points: readonly CurvePoint[]): number | null {
  if (points.length === 0) return null;
  const peak = Math.max(...points.map((p) => p.purchases_per_100));
  return peak > 0 ? round(points[points.length - 1]!.purchases_per_100 / peak, 3) : null;
}

/**
 * Purchases per 100 impressions of each bucket's centred three-bucket window (the bucket and its
 * neighbours, pooled by counts; the first and last buckets use the two they have). A maximum
 * over single noisy buckets is biased upward (it picks the luckiest bucket), so a ratio to it is
 * biased downward; the smoothed curve damps that.
 */
export function smoothedPurchases(points: readonly CurvePoint[]): number[] {
  return points.map((_, i) => {
    const window = points.slice(Math.max(0, i - 1), i + 2);
    const impressions = window.reduce((n, p) => n + p.impressions, 0);
    const purchases = window.reduce((n, p) => n + p.purchases, 0);
    return impressions ? (100 * purchases) / impressions : 0;
  });
}

/** The smoothed curve's last value over its peak (see smoothedPurchases); null without purchases. */
export function smoothedLastBucketRatio(points: readonly CurvePoint[]): number | null {
  if (points.length === 0) return null;
  const smooth = smoothedPurchases(points);
  const peak = Math.max(...smooth);
  return peak > 0 ? round(smooth[smooth.length - 1]! / peak, 3) : null;
}

/** Curves of several runs with the same bucket size summed bucket by bucket (rates from the summed counts). */
export function poolCurves(curves: ReadonlyArray<readonly CurvePoint[]>): CurvePoint[] {
  const rows = Math.max(0, ...curves.map((c) => c.length));
  return Array.from({ length: rows }, (_, i) => {
    const c = empty();
    let from = 0;
    for (const curve of curves) {
      const p = curve[i];
      if (!p) continue;
      from = p.from;
      c.impressions += p.impressions;
      c.completions += Math.round(p.completion_rate * p.impressions);
      c.taps += Math.round(p.tap_rate * p.impressions);
      c.purchases += p.purchases;
    }
    return { from, ...rates(c), purchases: c.purchases };
  });
}

/** The curve as an aligned text table, one row per bucket, both halves side by side. */
export function curveTable(bucketSize: number, on: readonly CurvePoint[], off: readonly CurvePoint[]): string {
  const rows = Math.max(on.length, off.length);
  const cols = (p: CurvePoint | undefined): string[] =>
    p
      ? [
          `${(p.completion_rate * 100).toFixed(1)}%`,
          `${(p.tap_rate * 100).toFixed(2)}%`,
          p.purchases_per_100.toFixed(2),
        ]
      : ['', '', ''];
  const table = [
    ['', 'personalised', '', '', 'not personalised', '', ''],
    ['impressions', 'complete', 'tap', 'buy/100', 'complete', 'tap', 'buy/100'],
    ...Array.from({ length: rows }, (_, i) => [
      `${i * bucketSize + 1}–${(i + 1) * bucketSize}`,
      ...cols(on[i]),
      ...cols(off[i]),
    ]),
  ];
  const widths = table[1]!.map((_, c) =>
    Math.max(...table.map((r) => ((c === 1 || c === 4) && r === table[0] ? 0 : r[c]!.length))),
  );
  return table
    .map((r, i) => {
      if (i === 0)
        return `${''.padEnd(widths[0]!)} │ ${r[1]!.padEnd(widths[1]! + widths[2]! + widths[3]! + 4)} │ ${r[4]}`;
      const cell = (c: number): string => (c === 0 ? r[c]!.padEnd(widths[c]!) : r[c]!.padStart(widths[c]!));
      return `${cell(0)} │ ${cell(1)}  ${cell(2)}  ${cell(3)} │ ${cell(4)}  ${cell(5)}  ${cell(6)}`;
    })
    .join('\n');
}
