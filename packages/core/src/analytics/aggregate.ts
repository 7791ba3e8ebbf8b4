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
const parseKey = (ks: string): RollupKey => {
  const [grain, hour, scope, scopeId, dim, dimId] = ks.split(SEP) as [Grain, string, Scope, string, Dimension, string];
  return { grain, hour: Number(hour), scope, scope_id: scopeId, dim, dim_id: dimId };
};

/** The keys (as strings) a fact counts under: each scope it belongs to × each dimension value that scope keeps. */
function factKeyStrings(f: Fact): Set<string> {
  const hour = hourOf(f.at);
  const day = shanghaiDayStart(f.at);
  const out = new Set<string>();
  const visit = (scope: Scope, scopeId: string, products: FactProduct[]): void => {
    const dims = SCOPE_DIMENSIONS[scope];
    const add = (dim: Dimension, dimId: string | null): void => {
      if (dimId === null || !dims.includes(dim)) return;
      const rest = `${SEP}${scope}${SEP}${scopeId}${SEP}${dim}${SEP}${dimId}`;
      if (HOURLY_DIMENSIONS.includes(dim)) out.add(`hour${SEP}${hour}${rest}`);
      out.add(`day${SEP}${day}${rest}`);
    };
    add('total', '');
    add('channel', f.channel);
    add('video', f.videoId);
    add('live', f.liveId);
    add('creator', f.creatorId);
    if (f.region !== undefined) add('region', f.region);
    if (f.priceBand !== undefined) add('price_band', f.priceBand);
    for (const p of products) {
      add('product', p.productId);
      add('shop', p.shopId);
      add('category', p.categoryId);
    }
  };
  visit('platform', '', f.products);
  const shops = f.products.length === 1 ? [f.products[0]!.shopId] : [...new Set(f.products.map((p) => p.shopId))];
  for (const shopId of shops)
    visit('shop', shopId, f.products.length === 1 ? f.products : f.products.filter((p) => p.shopId === shopId));
  if (f.creatorId) visit('creator', f.creatorId, f.products);
  return out;
}

/** The keys a fact counts under. */
export function factKeys(f: Fact): RollupKey[] {
  return [...factKeyStrings(f)].map(parseKey);
}

/** A delta at zero, built as one literal (a spread of the key made this the rebuild's hottest line). */
const zero = (k: RollupKey): RollupDelta => ({
  grain: k.grain,
  hour: k.hour,
  scope: k.scope,
  scope_id: k.scope_id,
  dim: k.dim,
  dim_id: k.dim_id,
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

/** Sums facts into one delta per key, the people rows (duplicates removed) and the live rooms' minutes. */
export function aggregate(facts: Iterable<Fact>): {
  deltas: RollupDelta[];
  people: PeopleRow[];
  liveMinutes: LiveMinuteDelta[];
} {
  const deltas = new Map<string, RollupDelta>();
  const seenIds = new Set<string>();
  const people = new Map<string, PeopleRow>();
  const minutes = new Map<string, LiveMinuteDelta>();
  for (const f of facts) {
    if (f.liveId && f.orderId && f.counters.gmv_fen !== undefined) {
      const minute = minuteOf(f.at);
      const mk = `${f.liveId}${SEP}${minute}`;
      let m = minutes.get(mk);
      if (!m) minutes.set(mk, (m = { room_id: f.liveId, minute, orders: 0, gmv_fen: 0 }));
      m.gmv_fen += f.counters.gmv_fen;
      if (!seenIds.has(`m${SEP}${mk}${SEP}${f.orderId}`)) {
        seenIds.add(`m${SEP}${mk}${SEP}${f.orderId}`);
        m.orders += 1;
      }
    }
    const counters = Object.entries(f.counters) as Array<[RollupCounter, number]>;
    for (const ks of factKeyStrings(f)) {
      let d = deltas.get(ks);
      if (!d) deltas.set(ks, (d = zero(parseKey(ks))));
      for (const [c, v] of counters) d[c] += v;
      if (f.orderId && !seenIds.has(`o${SEP}${ks}${SEP}${f.orderId}`)) {
        seenIds.add(`o${SEP}${ks}${SEP}${f.orderId}`);
        d.orders += 1;
      }
      if (f.refundId && !seenIds.has(`r${SEP}${ks}${SEP}${f.refundId}`)) {
        seenIds.add(`r${SEP}${ks}${SEP}${f.refundId}`);
        d.refunds += 1;
      }
      if (f.person && keepsPeople(d.scope, d.dim)) {
        const pk = `${ks}${SEP}${f.person.kind}${SEP}${f.person.id}`;
        if (!people.has(pk))
          people.set(pk, {
            grain: d.grain,
            hour: d.hour,
            scope: d.scope,
            scope_id: d.scope_id,
            dim: d.dim,
            dim_id: d.dim_id,
            kind: f.person.kind,
            person: f.person.id,
          });
        if (d.dim === 'total' && isNewIn(f, d.scope)) {
          const nk = `${ks}${SEP}new_buyer${SEP}${f.person.id}`;
          if (!people.has(nk))
            people.set(nk, {
              grain: d.grain,
              hour: d.hour,
              scope: d.scope,
              scope_id: d.scope_id,
              dim: d.dim,
              dim_id: d.dim_id,
              kind: 'new_buyer',
              person: f.person.id,
            });
        }
      }
    }
  }
  return { deltas: [...deltas.values()], people: [...people.values()], liveMinutes: [...minutes.values()] };
}

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
