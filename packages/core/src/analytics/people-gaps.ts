/**
 * Distinct people over any range of days from counters: for each value, kind and Shanghai day, how
 * many people were seen that day after a gap of g days since they were last seen (g capped at
 * GAP_CAP_DAYS, which also stands for "never seen before"). A person seen in [A, B) is counted
 * once, on their first day d in it: the day whose gap reaches back before A (g > d − A). So the
 * distinct people of a range of at most GAP_CAP_DAYS days are a sum over its days' gap rows, exact,
 * with no distinct count over people rows. Kept for the dense values only (totals and channels:
 * thousands of people a day); a product's or a video's people are few enough to count directly.
 * Pure: the store reads the people's first and last days seen (and, for a day landing between
 * them, the days seen around it) and writes what this plans.
 */
import type { Dimension, PeopleKind, PeopleRow, Scope } from './aggregate.js';
import { DAY_MS } from './time-buckets.js';

/** The dimensions whose values keep gap rows (and first and last days seen). */
export const GAP_DIMENSIONS: readonly Dimension[] = ['total', 'channel'];
/** A gap of this many days or more, or a first sight, is stored as this (the longest range read: 90 days). */
export const GAP_CAP_DAYS = 90;

export const keepsGaps = (dim: Dimension): boolean => GAP_DIMENSIONS.includes(dim);

/** A person's key within a value and kind. */
export interface SeenKey {
  scope: Scope;
  scope_id: string;
  dim: Dimension;
  dim_id: string;
  kind: PeopleKind;
  person: string;
}

export interface SeenSpan {
  first: number;
  last: number;
}

export interface GapDelta {
  scope: Scope;
  scope_id: string;
  dim: Dimension;
  dim_id: string;
  kind: PeopleKind;
  day: number;
  gap: number;
  n: number;
}

const SEP = '\u0001';
export const seenKeyString = (k: SeenKey): string =>
  `${k.scope}${SEP}${k.scope_id}${SEP}${k.dim}${SEP}${k.dim_id}${SEP}${k.kind}${SEP}${k.person}`;

/** The gap in days from a day seen to a later one (no earlier day: the cap). */
export const gapOf = (before: number | undefined, day: number): number =>
  before === undefined ? GAP_CAP_DAYS : Math.min(Math.round((day - before) / DAY_MS), GAP_CAP_DAYS);

/** A batch's day people of the dense values, one entry per person and value with the days seen (ascending). */
export function daysByKey(people: readonly PeopleRow[]): Map<string, { key: SeenKey; days: number[] }> {
  const out = new Map<string, { key: SeenKey; days: number[] }>();
  for (const p of people) {
    if (p.grain !== 'day' || !keepsGaps(p.dim)) continue;
    const key: SeenKey = {
      scope: p.scope,
      scope_id: p.scope_id,
      dim: p.dim,
      dim_id: p.dim_id,
      kind: p.kind,
      person: p.person,
    };
    const ks = seenKeyString(key);
    const e = out.get(ks);
    if (!e) out.set(ks, { key, days: [p.hour] });
    else if (!e.days.includes(p.hour)) e.days.push(p.hour);
  }
  for (const e of out.values()) e.days.sort((a, b) => a - b);
  return out;
}

/** Days of the batch strictly between the first and last days seen: the days seen around them must be read. */
export function daysToProbe(span: SeenSpan, days: readonly number[]): number[] {
  const inside = days.filter((d) => d > span.first && d < span.last);
  if (!inside.length) return [];
  const lo = Math.max(span.first + DAY_MS, inside[0]! - GAP_CAP_DAYS * DAY_MS);
  const hi = Math.min(span.last - DAY_MS, inside[inside.length - 1]! + GAP_CAP_DAYS * DAY_MS);
  const out: number[] = [];
  for (let d = lo; d <= hi; d += DAY_MS) out.push(d);
  return out;
}

/**
 * Adds a person's days to what is known of them: the first and last days seen (absent: never seen),
 * and the days seen that `daysToProbe` asked for. Gives the new span (null: unchanged) and the gap
 * counters' changes: a new day counts under its gap, and the next day seen after it (a late day
 * landing before days already seen) moves from its old gap to the gap from the new day.
 */
export function planPerson(
  span: SeenSpan | undefined,
  probed: readonly number[],
  days: readonly number[],
): { span: SeenSpan | null; changes: Array<{ day: number; gap: number; n: number }> } {
  const known = new Set<number>(probed);
  if (span) {
    known.add(span.first);
    known.add(span.last);
  }
  const sorted = [...known].sort((a, b) => a - b);
  const changes: Array<{ day: number; gap: number; n: number }> = [];
  for (const d of days) {
    if (known.has(d)) continue;
    let i = 0;
    while (i < sorted.length && sorted[i]! < d) i++;
    const prev = i > 0 ? sorted[i - 1] : undefined;
    const next = i < sorted.length ? sorted[i] : undefined;
    changes.push({ day: d, gap: gapOf(prev, d), n: 1 });
    if (next !== undefined) {
      const was = gapOf(prev, next);
      const now = gapOf(d, next);
      if (was !== now) changes.push({ day: next, gap: was, n: -1 }, { day: next, gap: now, n: 1 });
    }
    sorted.splice(i, 0, d);
    known.add(d);
  }
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const changed = !span || first !== span.first || last !== span.last;
  return { span: changed ? { first, last } : null, changes };
}

/** Adds changes into per-(value, kind, day, gap) deltas, dropping those that cancel out. */
export function sumGapChanges(
  into: Map<string, GapDelta>,
  key: SeenKey,
  changes: ReadonlyArray<{ day: number; gap: number; n: number }>,
): void {
  for (const c of changes) {
    const k = `${key.scope}${SEP}${key.scope_id}${SEP}${key.dim}${SEP}${key.dim_id}${SEP}${key.kind}${SEP}${c.day}${SEP}${c.gap}`;
    const g = into.get(k);
    if (g) g.n += c.n;
    else
      into.set(k, {
        scope: key.scope,
        scope_id: key.scope_id,
        dim: key.dim,
        dim_id: key.dim_id,
        kind: key.kind,
        day: c.day,
        gap: c.gap,
        n: c.n,
      });
  }
}

/** The gap counters a set of day people rows make, recounted from scratch (tests compare the kept ones with it). */
export function gapsOfDays(
  rows: ReadonlyArray<{
    scope: string;
    scope_id: string;
    dim: string;
    dim_id: string;
    kind: string;
    person: string;
    day: number;
  }>,
): Map<string, number> {
  const byPerson = new Map<string, number[]>();
  for (const r of rows) {
    if (!keepsGaps(r.dim as Dimension)) continue;
    const k = `${r.scope}|${r.scope_id}|${r.dim}|${r.dim_id}|${r.kind}|${r.person}`;
    const days = byPerson.get(k) ?? [];
    days.push(Number(r.day));
    byPerson.set(k, days);
  }
  const out = new Map<string, number>();
  for (const [k, days] of byPerson) {
    const value = k.slice(0, k.lastIndexOf('|'));
    days.sort((a, b) => a - b);
    days.forEach((d, i) => {
      const g = `${value}|${d}|${gapOf(i > 0 ? days[i - 1] : undefined, d)}`;
      out.set(g, (out.get(g) ?? 0) + 1);
    });
  }
  return out;
}
