/**
 * From facts (a paid line, a refund's share of a line, an impression, a tap, a favourite, a
 * review, a quality case) to rollup deltas per hour, scope and dimension, and the distinct people
 * behind them. The consumer and a rebuild both go through here, so they cannot count differently. Pure.
 */
import type { Channel } from './channels.js';
import { hourOf, shanghaiDayStart } from './time-buckets.js';

export const ROLLUP_COUNTERS = [
  'gmv_fen', 'orders', 'items', 'refund_fen', 'refunds', 'impressions', 'clicks', 'favourites', 'reviews', 'bad_reviews', 'quality_returns', 'commission_fen', 'fee_fen',
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];

export const SCOPES = ['platform', 'shop', 'creator'] as const;
export type Scope = (typeof SCOPES)[number];
export const DIMENSIONS = ['total', 'channel', 'product', 'video', 'live', 'creator', 'shop', 'category'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** The dimensions each scope keeps: what its screens split by. */
export const SCOPE_DIMENSIONS: Record<Scope, readonly Dimension[]> = {
  platform: ['total', 'channel', 'category', 'shop', 'creator', 'product'],
  shop: ['total', 'channel', 'product', 'video', 'live', 'creator'],
  creator: ['total', 'channel', 'product', 'video', 'live'],
};
/** Kept per hour (the trends by hour); every other dimension per Shanghai day (rankings), a 24th of the rows. */
export const HOURLY_DIMENSIONS: readonly Dimension[] = ['total', 'channel'];
/** Which dimensions keep the distinct people (buyers, people shown, people who tapped): the funnels. */
export function keepsPeople(scope: Scope, dim: Dimension): boolean {
  return dim === 'total' || dim === 'channel' || (scope !== 'platform' && (dim === 'product' || dim === 'video'));
}
export function keepsDimension(scope: Scope, dim: Dimension): boolean {
  return SCOPE_DIMENSIONS[scope].includes(dim);
}
export const PEOPLE_KINDS = ['buyer', 'impression', 'click'] as const;
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
}

export interface RollupKey {
  /** The hour's start, or the Shanghai day's start for the dimensions kept per day. */
  hour: number;
  scope: Scope;
  scope_id: string;
  dim: Dimension;
  dim_id: string;
}

export type RollupDelta = RollupKey & Record<RollupCounter, number>;
export type PeopleRow = RollupKey & { kind: PeopleKind; person: string };

const keyString = (k: RollupKey): string => `${k.hour}|${k.scope}|${k.scope_id}|${k.dim}|${k.dim_id}`;

/** The keys a fact counts under: each scope it belongs to × each dimension value it has. */
export function factKeys(f: Fact): RollupKey[] {
  const hour = hourOf(f.at);
  const day = shanghaiDayStart(f.at);
  const out = new Map<string, RollupKey>();
  const scopes: Array<[Scope, string, FactProduct[]]> = [['platform', '', f.products]];
  for (const shopId of new Set(f.products.map((p) => p.shopId))) scopes.push(['shop', shopId, f.products.filter((p) => p.shopId === shopId)]);
  if (f.creatorId) scopes.push(['creator', f.creatorId, f.products]);
  for (const [scope, scopeId, products] of scopes) {
    const add = (dim: Dimension, dimId: string | null): void => {
      if (dimId === null || !SCOPE_DIMENSIONS[scope].includes(dim)) return;
      const k: RollupKey = { hour: HOURLY_DIMENSIONS.includes(dim) ? hour : day, scope, scope_id: scopeId, dim, dim_id: dimId };
      out.set(keyString(k), k);
    };
    add('total', '');
    add('channel', f.channel);
    add('video', f.videoId);
    add('live', f.liveId);
    add('creator', f.creatorId);
    for (const p of products) {
      add('product', p.productId);
      add('shop', p.shopId);
      add('category', p.categoryId);
    }
  }
  return [...out.values()];
}

const zero = (k: RollupKey): RollupDelta => {
  const d = { ...k } as RollupDelta;
  for (const c of ROLLUP_COUNTERS) d[c] = 0;
  return d;
};

/** Sums facts into one delta per key, and the people rows (duplicates removed). */
export function aggregate(facts: Iterable<Fact>): { deltas: RollupDelta[]; people: PeopleRow[] } {
  const deltas = new Map<string, RollupDelta>();
  const seenIds = new Set<string>();
  const people = new Map<string, PeopleRow>();
  for (const f of facts) {
    for (const k of factKeys(f)) {
      const ks = keyString(k);
      let d = deltas.get(ks);
      if (!d) deltas.set(ks, (d = zero(k)));
      for (const [c, v] of Object.entries(f.counters) as Array<[RollupCounter, number]>) d[c] += v;
      if (f.orderId && !seenIds.has(`o|${ks}|${f.orderId}`)) {
        seenIds.add(`o|${ks}|${f.orderId}`);
        d.orders += 1;
      }
      if (f.refundId && !seenIds.has(`r|${ks}|${f.refundId}`)) {
        seenIds.add(`r|${ks}|${f.refundId}`);
        d.refunds += 1;
      }
      if (f.person && keepsPeople(k.scope, k.dim)) {
        const row: PeopleRow = { ...k, kind: f.person.kind, person: f.person.id };
        people.set(`${ks}|${row.kind}|${row.person}`, row);
      }
    }
  }
  return { deltas: [...deltas.values()], people: [...people.values()] };
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
