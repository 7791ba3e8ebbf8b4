/**
 * From facts (a paid line, a refund's share of a line, an impression, a tap, a favourite, a
 * review, a quality case) to rollup deltas per hour, scope and dimension, and the distinct people
 * behind them. The consumer and a rebuild both go through here, so they cannot count differently. Pure.
 */
import type { Channel } from './channels.js';
import { hourOf, shanghaiDayStart } from './time-buckets.js';

export const ROLLUP_COUNTERS = [
  'gmv_fen',
  'orders',
  'items',
  'refund_fen',
  'refunds',
  'impressions',
  'clicks',
  'favourites',
  'reviews',
  'bad_reviews',
  'quality_returns',
  'commission_fen',
  'fee_fen',
  'carts',
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];

export const SCOPES = ['platform', 'shop', 'creator'] as const;
export type Scope = (typeof SCOPES)[number];
export const DIMENSIONS = [
  'total',
  'channel',
  'product',
  'video',
  'live',
  'creator',
  'shop',
  'category',
  'region',
  'price_band',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** The dimensions each scope keeps: what its screens split by (region, price band and category are the audience). */
export const SCOPE_DIMENSIONS: Record<Scope, readonly Dimension[]> = {
  platform: ['total', 'channel', 'category', 'shop', 'creator', 'product', 'region', 'price_band'],
  shop: ['total', 'channel', 'product', 'video', 'live', 'creator', 'category', 'region', 'price_band'],
  creator: ['total', 'channel', 'product', 'video', 'live', 'category', 'region', 'price_band'],
};
/** Price bands (价格带) of a line's unit price, in yuan: [lower, upper). */
export const PRICE_BANDS = [
  { id: '0-50', upTo: 5_000 },
  { id: '50-100', upTo: 10_000 },
  { id: '100-200', upTo: 20_000 },
  { id: '200-500', upTo: 50_000 },
  { id: '500+', upTo: Number.POSITIVE_INFINITY },
] as const;
export type PriceBand = (typeof PRICE_BANDS)[number]['id'];
export function priceBandOf(unitPriceFen: number): PriceBand {
  return PRICE_BANDS.find((b) => unitPriceFen < b.upTo)!.id;
}
/**
 * Also kept per hour (the trend by hour, ranges of a day or two); every dimension is kept per
 * Shanghai day (splits, rankings and the trend by day read the day rows, a 24th of the hours).
 */
export const HOURLY_DIMENSIONS: readonly Dimension[] = ['total'];
/** The two grains of the rollups: per hour (the hourly dimensions) and per Shanghai day (all). */
export const GRAINS = ['hour', 'day'] as const;
export type Grain = (typeof GRAINS)[number];
/** Which dimensions keep the distinct people (buyers, people shown, people who tapped): the funnels. */
export function keepsPeople(scope: Scope, dim: Dimension): boolean {
  return (
    dim === 'total' ||
    dim === 'channel' ||
    (scope !== 'platform' && (dim === 'product' || dim === 'video' || dim === 'region' || dim === 'price_band'))
  );
}
export function keepsDimension(scope: Scope, dim: Dimension): boolean {
  return SCOPE_DIMENSIONS[scope].includes(dim);
}
export const PEOPLE_KINDS = ['buyer', 'impression', 'click', 'new_buyer', 'cart'] as const;
export type PeopleKind = (typeof PEOPLE_KINDS)[number];

export interface FactProduct {
  productId: string;
  shopId: string;
  categoryId: string;
}

export interface Fact {
  at: number;
  /** Usually one; an impression of a video with several products in its cart names each. */
  products: FactProduct[];
  channel: Channel;
  creatorId: string | null;
  videoId: string | null;
  liveId: string | null;
  counters: Partial<Record<Exclude<RollupCounter, 'orders' | 'refunds'>, number>>;
  /** Counted once per key however many facts carry it (an order's lines, a refund's shares). */
  orderId?: string;
  refundId?: string;
  person?: { kind: PeopleKind; id: string };
  /** A paid line of the buyer's first paid order on the platform / in its shop / credited to its creator (new buyers; kept on the totals). */
  firstOrder?: { platform: boolean; shop: boolean; creator?: boolean };
  /** A paid line's buyer's province (from the order's address) and its unit price's band: the audience. */
  region?: string;
  priceBand?: PriceBand;
}

/** A live room's minute: orders and GMV of the paid lines credited to the room (viewers and comments come from the room's process). */
export interface LiveMinuteDelta {
  room_id: string;
  minute: number;
  orders: number;
  gmv_fen: number;
}

export const MINUTE_MS = 60_000;
export const minuteOf = (at: number): number => Math.floor(at / MINUTE_MS) * MINUTE_MS;

export interface RollupKey {
  /** Per hour or per Shanghai day. */
  grain: Grain;
  /** The hour's start, or the Shanghai day's start for a day row (UTC epoch ms). */
  hour: number;
  scope: Scope;
  scope_id: string;
  dim: Dimension;
  dim_id: string;
}

export type RollupDelta = RollupKey & Record<RollupCounter, number>;
export type PeopleRow = RollupKey & { kind: PeopleKind; person: string };

const SEP = '\u0001';

/** Per scope, the dimensions it keeps, and which of them keep people: looked up per key, so tables rather than list scans. */
const KEEPS_DIMENSION = Object.fromEntries(
  SCOPES.map((s) => [s, Object.fromEntries(DIMENSIONS.map((d) => [d, SCOPE_DIMENSIONS[s].includes(d)]))]),
) as Record<Scope, Record<Dimension, boolean>>;
const KEEPS_PEOPLE = Object.fromEntries(
  SCOPES.map((s) => [s, Object.fromEntries(DIMENSIONS.map((d) => [d, keepsPeople(s, d)]))]),
) as Record<Scope, Record<Dimension, boolean>>;
const HOURLY = Object.fromEntries(DIMENSIONS.map((d) => [d, HOURLY_DIMENSIONS.includes(d)])) as Record<
  Dimension,
  boolean
>;

/**
 * The keys one fact counts under, written into reused arrays (no object per key): the key's
 * string (the batch's map key) and its parts. A fact's keys are distinct except when several of
 * its products share a shop or a category; then the repeats are dropped.
 */
class FactKeys {
  n = 0;
  readonly ks: string[] = [];
  readonly grain: Grain[] = [];
  readonly time: number[] = [];
  readonly scope: Scope[] = [];
  readonly scopeId: string[] = [];
  readonly dim: Dimension[] = [];
  readonly dimId: string[] = [];
  /** The last hour and day seen, with their text (a window's facts mostly share them; a number's text is costly). */
  private hourAt = Number.NaN;
  private hourText = '';
  private dayAt = Number.NaN;
  private dayText = '';
  private unique: Set<string> | null = null;

  of(f: Fact): this {
    this.n = 0;
    const hour = hourOf(f.at);
    const day = shanghaiDayStart(f.at);
    if (hour !== this.hourAt) {
      this.hourAt = hour;
      this.hourText = `hour${SEP}${hour}`;
    }
    if (day !== this.dayAt) {
      this.dayAt = day;
      this.dayText = `day${SEP}${day}`;
    }
    this.unique = f.products.length > 1 ? new Set() : null;
    this.visit(f, 'platform', '', f.products);
    if (f.products.length === 1) this.visit(f, 'shop', f.products[0]!.shopId, f.products);
    else
      for (const shopId of new Set(f.products.map((p) => p.shopId)))
        this.visit(
          f,
          'shop',
          shopId,
          f.products.filter((p) => p.shopId === shopId),
        );
    if (f.creatorId) this.visit(f, 'creator', f.creatorId, f.products);
    return this;
  }

  private visit(f: Fact, scope: Scope, scopeId: string, products: readonly FactProduct[]): void {
    this.add(scope, scopeId, 'total', '');
    this.add(scope, scopeId, 'channel', f.channel);
    this.add(scope, scopeId, 'video', f.videoId);
    this.add(scope, scopeId, 'live', f.liveId);
    this.add(scope, scopeId, 'creator', f.creatorId);
    if (f.region !== undefined) this.add(scope, scopeId, 'region', f.region);
    if (f.priceBand !== undefined) this.add(scope, scopeId, 'price_band', f.priceBand);
    for (const p of products) {
      this.add(scope, scopeId, 'product', p.productId);
      this.add(scope, scopeId, 'shop', p.shopId);
      this.add(scope, scopeId, 'category', p.categoryId);
    }
  }

  private add(scope: Scope, scopeId: string, dim: Dimension, dimId: string | null): void {
    if (dimId === null || !KEEPS_DIMENSION[scope][dim]) return;
    const rest = `${SEP}${scope}${SEP}${scopeId}${SEP}${dim}${SEP}${dimId}`;
    if (HOURLY[dim]) this.push(this.hourText + rest, 'hour', this.hourAt, scope, scopeId, dim, dimId);
    this.push(this.dayText + rest, 'day', this.dayAt, scope, scopeId, dim, dimId);
  }

  private push(ks: string, grain: Grain, time: number, scope: Scope, scopeId: string, dim: Dimension, dimId: string) {
    if (this.unique) {
      if (this.unique.has(ks)) return;
      this.unique.add(ks);
    }
    const i = this.n++;
    this.ks[i] = ks;
    this.grain[i] = grain;
    this.time[i] = time;
    this.scope[i] = scope;
    this.scopeId[i] = scopeId;
    this.dim[i] = dim;
    this.dimId[i] = dimId;
  }
}

/** The keys a fact counts under. */
export function factKeys(f: Fact): RollupKey[] {
  const k = new FactKeys().of(f);
  return Array.from({ length: k.n }, (_, i) => ({
    grain: k.grain[i]!,
    hour: k.time[i]!,
    scope: k.scope[i]!,
    scope_id: k.scopeId[i]!,
    dim: k.dim[i]!,
    dim_id: k.dimId[i]!,
  }));
}

/** A delta at zero, built as one literal (a spread of the key made this the rebuild's hottest line). */
const zero = (
  grain: Grain,
  hour: number,
  scope: Scope,
  scopeId: string,
  dim: Dimension,
  dimId: string,
): RollupDelta => ({
  grain,
  hour,
  scope,
  scope_id: scopeId,
  dim,
  dim_id: dimId,
  gmv_fen: 0,
  orders: 0,
  items: 0,
  refund_fen: 0,
  refunds: 0,
  impressions: 0,
  clicks: 0,
  favourites: 0,
  reviews: 0,
  bad_reviews: 0,
  quality_returns: 0,
  commission_fen: 0,
  fee_fen: 0,
  carts: 0,
});

const isNewIn = (f: Fact, scope: Scope): boolean =>
  !!f.firstOrder &&
  (scope === 'platform' ? f.firstOrder.platform : scope === 'shop' ? f.firstOrder.shop : !!f.firstOrder.creator);

/** One key's sums in a batch, with what was counted under it once: people (kind and id), orders, refunds. */
interface Slot {
  d: RollupDelta;
  keepsPeople: boolean;
  people: Set<string> | null;
  orders: Set<string> | null;
  refunds: Set<string> | null;
}

/** Sums facts into one delta per key, the people rows (duplicates removed) and the live rooms' minutes. */
export function aggregate(facts: Iterable<Fact>): {
  deltas: RollupDelta[];
  people: PeopleRow[];
  liveMinutes: LiveMinuteDelta[];
} {
  const slots = new Map<string, Slot>();
  const people: PeopleRow[] = [];
  const minutes = new Map<string, { m: LiveMinuteDelta; orders: Set<string> }>();
  const keys = new FactKeys();
  for (const f of facts) {
    if (f.liveId && f.orderId && f.counters.gmv_fen !== undefined) {
      const minute = minuteOf(f.at);
      const mk = `${f.liveId}${SEP}${minute}`;
      let m = minutes.get(mk);
      if (!m) minutes.set(mk, (m = { m: { room_id: f.liveId, minute, orders: 0, gmv_fen: 0 }, orders: new Set() }));
      m.m.gmv_fen += f.counters.gmv_fen;
      if (!m.orders.has(f.orderId)) {
        m.orders.add(f.orderId);
        m.m.orders += 1;
      }
    }
    const counters = f.counters as Partial<Record<RollupCounter, number>>;
    const names = Object.keys(counters) as RollupCounter[];
    const person = f.person;
    const personKey = person ? `${person.kind}${SEP}${person.id}` : '';
    const newKey = person ? `new_buyer${SEP}${person.id}` : '';
    keys.of(f);
    for (let i = 0; i < keys.n; i++) {
      const ks = keys.ks[i]!;
      let s = slots.get(ks);
      if (!s) {
        const scope = keys.scope[i]!;
        const dim = keys.dim[i]!;
        s = {
          d: zero(keys.grain[i]!, keys.time[i]!, scope, keys.scopeId[i]!, dim, keys.dimId[i]!),
          keepsPeople: KEEPS_PEOPLE[scope][dim],
          people: null,
          orders: null,
          refunds: null,
        };
        slots.set(ks, s);
      }
      const d = s.d;
      for (const c of names) d[c] += counters[c]!;
      if (f.orderId) {
        s.orders ??= new Set();
        if (!s.orders.has(f.orderId)) {
          s.orders.add(f.orderId);
          d.orders += 1;
        }
      }
      if (f.refundId) {
        s.refunds ??= new Set();
        if (!s.refunds.has(f.refundId)) {
          s.refunds.add(f.refundId);
          d.refunds += 1;
        }
      }
      if (person && s.keepsPeople) {
        s.people ??= new Set();
        if (!s.people.has(personKey)) {
          s.people.add(personKey);
          people.push(peopleRow(d, person.kind, person.id));
        }
        if (d.dim === 'total' && isNewIn(f, d.scope) && !s.people.has(newKey)) {
          s.people.add(newKey);
          people.push(peopleRow(d, 'new_buyer', person.id));
        }
      }
    }
  }
  return {
    deltas: Array.from(slots.values(), (s) => s.d),
    people,
    liveMinutes: Array.from(minutes.values(), (m) => m.m),
  };
}

const peopleRow = (d: RollupDelta, kind: PeopleKind, person: string): PeopleRow => ({
  grain: d.grain,
  hour: d.hour,
  scope: d.scope,
  scope_id: d.scope_id,
  dim: d.dim,
  dim_id: d.dim_id,
  kind,
  person,
});

/**
 * Shares an amount over parts in proportion to their weights, in whole fen, largest remainder
 * first (ties to the earlier part); the shares always add up to the amount.
 */
export function shareByWeight(amount: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (total <= 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const exact = weights.map((w) => (amount * w) / total);
  const shares = exact.map((x) => Math.floor(x));
  let left = amount - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) shares[order[j]!.i]! += 1;
  return shares;
}
