/**
 * Reads the facts committed in a time window (after, upTo] from the raw rows: paid orders'
 * lines (by payment time), completed refunds (by refund time), client impressions and product
 * taps (by receipt; counted in the hour they happened), favourites, reviews and quality cases
 * (by creation). The consumer reads each window once; a rebuild reads them all again.
 */
import { sql } from 'kysely';
import type { Db } from '../context.js';
import { isIdOf } from '../platform/index.js';
import { eventChannel, lineChannel } from './channels.js';
import { priceBandOf, shareByWeight, type Fact, type FactProduct } from './aggregate.js';

/** After-sales reasons that count as a quality return (品质退货). */
import { QUALITY_RETURN_REASONS } from '../aftersales/index.js';

export { QUALITY_RETURN_REASONS };
const CHUNK = 500;

interface LineRow {
  id: string;
  order_id: string;
  shop_id: string;
  product_id: string;
  category_id: string;
  quantity: number;
  unit_price_fen: number;
  line_total_fen: number;
  attr_source: string;
  attr_content_id: string | null;
  attr_creator_id: string | null;
  plan_kind: string | null;
  creator_rate_bp: number;
  fee_rate_bp: number;
}

const LINE_COLUMNS = [
  'order_lines.id',
  'order_lines.order_id',
  'order_lines.shop_id',
  'order_lines.product_id',
  'order_lines.category_id',
  'order_lines.quantity',
  'order_lines.unit_price_fen',
  'order_lines.line_total_fen',
  'order_lines.attr_source',
  'order_lines.attr_content_id',
  'order_lines.attr_creator_id',
  'order_lines.plan_kind',
  'order_lines.creator_rate_bp',
  'order_lines.fee_rate_bp',
] as const;

/** The dimensions of an order line, from its attribution snapshot; only a verified creator (a plan decided) is credited. */
export function lineDims(l: LineRow): Pick<Fact, 'products' | 'channel' | 'creatorId' | 'videoId' | 'liveId'> {
  const creatorId = l.plan_kind !== null ? l.attr_creator_id : null;
  const content = l.attr_content_id;
  return {
    products: [{ productId: l.product_id, shopId: l.shop_id, categoryId: l.category_id }],
    channel: lineChannel(l.attr_source, creatorId),
    creatorId,
    videoId: content && isIdOf('video', content) ? content : null,
    liveId: content && isIdOf('liveRoom', content) ? content : null,
  };
}

const num = (v: unknown): number => Number(v ?? 0);

async function linesOfOrders(db: Db, orderIds: string[]): Promise<Map<string, LineRow[]>> {
  const out = new Map<string, LineRow[]>();
  for (let i = 0; i < orderIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('order_lines')
      .select([...LINE_COLUMNS])
      .where('order_id', 'in', orderIds.slice(i, i + CHUNK))
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const l = {
        ...r,
        quantity: num(r.quantity),
        unit_price_fen: num(r.unit_price_fen),
        line_total_fen: num(r.line_total_fen),
        creator_rate_bp: num(r.creator_rate_bp),
        fee_rate_bp: num(r.fee_rate_bp),
      } as LineRow;
      const list = out.get(l.order_id) ?? [];
      list.push(l);
      out.set(l.order_id, list);
    }
  }
  return out;
}

/**
 * What a rebuild remembers from one window to the next: each buyer's first payment times, looked
 * up once instead of once per window (each window's buyers are mostly the same people, and the
 * look-up reads all their orders). Exact for a rebuild: every order it reads was paid before its
 * watermark, so committed before it started, so already seen by the first look-up of its buyer.
 */
export interface FactsCache {
  firsts: Map<string, FirstPaid>;
}

/** The most buyers a rebuild remembers (the oldest looked up are forgotten first). */
const FIRSTS_CACHED = 200_000;

export function newFactsCache(): FactsCache {
  return { firsts: new Map() };
}

/** The raw rows a stream message names (scaled mode): each kind read by id, with the same rules as a window's. */
export interface FactIds {
  orders?: readonly string[];
  refunds?: readonly string[];
  events?: readonly string[];
  reviews?: readonly string[];
  cases?: readonly string[];
}

/**
 * Which raw rows to read: those committed in (after, upTo] (upTo absent: no upper bound) and,
 * with `ids`, only the rows named there (a kind not named is not read).
 */
export interface FactsSelection {
  after: number;
  upTo?: number;
  ids?: FactIds;
  /** Kinds of row not read at all (a set-based rebuild counts the events in SQL). */
  skip?: ReadonlyArray<keyof FactIds>;
}

export async function factsInWindow(db: Db, after: number, upTo: number, cache?: FactsCache): Promise<Fact[]> {
  return factsOf(db, { after, upTo }, cache);
}

/** Whether a kind of row is read at all: every kind for a window, only the named ones for ids. */
const wanted = (sel: FactsSelection, kind: keyof FactIds): boolean =>
  !sel.skip?.includes(kind) && (!sel.ids || (sel.ids[kind]?.length ?? 0) > 0);
const idsOf = (sel: FactsSelection, kind: keyof FactIds): readonly string[] | undefined => sel.ids?.[kind];

export async function factsOf(db: Db, sel: FactsSelection, cache?: FactsCache): Promise<Fact[]> {
  const facts: Fact[] = [];
  const { after, upTo } = sel;

  // Paid orders' lines, by payment time.
  const orderIds = idsOf(sel, 'orders');
  const paid = !wanted(sel, 'orders')
    ? []
    : await db
        .selectFrom('orders')
        .select(['id', 'buyer_id', 'paid_at', 'address'])
        .where('paid_at', '>', after)
        .$if(upTo !== undefined, (q) => q.where('paid_at', '<=', upTo!))
        .$if(orderIds !== undefined, (q) => q.where('id', 'in', orderIds!))
        .execute();
  const paidLines = await linesOfOrders(
    db,
    paid.map((o) => o.id),
  );
  const firsts = await firstPaidCached(db, [...new Set(paid.map((o) => o.buyer_id))], cache);
  for (const o of paid) {
    const first = firsts.get(o.buyer_id);
    const t = num(o.paid_at);
    for (const l of paidLines.get(o.id) ?? []) {
      const dims = lineDims(l);
      const commission = dims.creatorId ? Math.round((l.line_total_fen * l.creator_rate_bp) / 10_000) : 0;
      facts.push({
        at: t,
        ...dims,
        orderId: o.id,
        person: { kind: 'buyer', id: o.buyer_id },
        firstOrder: {
          platform: first?.platform === t,
          shop: first?.shops.get(l.shop_id) === t,
          creator: dims.creatorId !== null && first?.creators.get(dims.creatorId) === t,
        },
        region: provinceOf(o.address),
        priceBand: priceBandOf(l.unit_price_fen),
        counters: {
          gmv_fen: l.line_total_fen,
          items: l.quantity,
          commission_fen: commission,
          fee_fen: Math.round((l.line_total_fen * l.fee_rate_bp) / 10_000),
        },
      });
    }
  }

  // Completed refunds, by refund time, shared over the order's lines by their totals.
  const refundIds = idsOf(sel, 'refunds');
  const refunds = !wanted(sel, 'refunds')
    ? []
    : await db
        .selectFrom('refunds')
        .select(['id', 'order_id', 'amount_fen', 'completed_at'])
        .where('status', '=', 'succeeded')
        .where('completed_at', '>', after)
        .$if(upTo !== undefined, (q) => q.where('completed_at', '<=', upTo!))
        .$if(refundIds !== undefined, (q) => q.where('id', 'in', refundIds!))
        .execute();
  const refundLines = await linesOfOrders(db, [...new Set(refunds.map((r) => r.order_id))]);
  for (const r of refunds) {
    const lines = refundLines.get(r.order_id) ?? [];
    const shares = shareByWeight(
      num(r.amount_fen),
      lines.map((l) => l.line_total_fen),
    );
    lines.forEach((l, i) =>
      facts.push({ at: num(r.completed_at), ...lineDims(l), refundId: r.id, counters: { refund_fen: shares[i]! } }),
    );
  }

  // Impressions, product taps, add-to-carts and favourites, by receipt, counted in the hour they happened.
  const eventIds = idsOf(sel, 'events');
  const events = !wanted(sel, 'events')
    ? []
    : await db
        .selectFrom('events')
        .select(['type', 'actor_key', 'video_id', 'product_id', 'at', 'source', 'content_id'])
        // `type || ''`, not `type`: on a bare `type in (…)` SQLite walks the (type, at) index through
        // every event of those types ever received and only then checks the window, so each window
        // cost grew with the whole table (0.7 s at 420,000 events); this way the receipt-time index
        // bounds the read to the window on both dialects.
        .where(sql<string>`${sql.ref('type')} || ''`, 'in', [...EVENT_FACT_TYPES])
        .where('received_at', '>', after)
        .$if(upTo !== undefined, (q) => q.where('received_at', '<=', upTo!))
        .$if(eventIds !== undefined, (q) => q.where('id', 'in', eventIds!))
        .execute();
  if (events.length) {
    const videoIds = [...new Set(events.map((e) => e.video_id).filter((v): v is string => !!v))];
    const videos = new Map<string, { creatorId: string | null; products: string[] }>();
    for (let i = 0; i < videoIds.length; i += CHUNK) {
      const part = videoIds.slice(i, i + CHUNK);
      for (const v of await db
        .selectFrom('videos')
        .select(['id', 'owner_id', 'host_kind'])
        .where('id', 'in', part)
        .execute()) {
        videos.set(v.id, { creatorId: v.host_kind === 'creator' ? v.owner_id : null, products: [] });
      }
      for (const a of await db
        .selectFrom('video_anchors')
        .select(['video_id', 'product_id'])
        .where('video_id', 'in', part)
        .orderBy('video_id')
        .orderBy('position')
        .execute()) {
        videos.get(a.video_id)?.products.push(a.product_id);
      }
    }
    const productIds = new Set(events.map((e) => e.product_id).filter((p): p is string => !!p));
    for (const v of videos.values()) for (const p of v.products) productIds.add(p);
    const products = await productsById(db, [...productIds]);
    for (const e of events) {
      const video = e.video_id ? videos.get(e.video_id) : undefined;
      const ids = e.product_id ? [e.product_id] : (video?.products ?? []);
      const found = ids.map((p) => products.get(p)).filter((p): p is FactProduct => !!p);
      const common = { at: num(e.at), products: found, creatorId: video?.creatorId ?? null, videoId: e.video_id };
      if (e.type === 'add_to_cart' || e.type === 'favourite') {
        // Recorded by the server with the card's attribution: its channel and its video or live room.
        const content = e.content_id ?? null;
        const liveId = content && isIdOf('liveRoom', content) ? content : null;
        const cart = e.type === 'add_to_cart';
        facts.push({
          ...common,
          channel: e.source ? lineChannel(e.source, null) : eventChannel(e.video_id),
          liveId,
          ...(cart ? { person: { kind: 'cart' as const, id: e.actor_key } } : {}),
          counters: cart ? { carts: 1 } : { favourites: 1 },
        });
        continue;
      }
      const click = e.type === 'product_tap';
      facts.push({
        ...common,
        channel: eventChannel(e.video_id),
        liveId: null,
        person: { kind: click ? 'click' : 'impression', id: e.actor_key },
        counters: click ? { clicks: 1 } : { impressions: 1 },
      });
    }
  }

  // Reviews and quality cases, by creation.
  const reviewIds = idsOf(sel, 'reviews');
  const reviews = !wanted(sel, 'reviews')
    ? []
    : await db
        .selectFrom('reviews')
        .innerJoin('order_lines', 'order_lines.id', 'reviews.order_line_id')
        .select([...LINE_COLUMNS, 'reviews.product_stars', 'reviews.created_at'])
        .where('reviews.created_at', '>', after)
        .$if(upTo !== undefined, (q) => q.where('reviews.created_at', '<=', upTo!))
        .$if(reviewIds !== undefined, (q) => q.where('reviews.id', 'in', reviewIds!))
        .execute();
  for (const r of reviews) {
    facts.push({
      at: num(r.created_at),
      ...lineDims(r as unknown as LineRow),
      counters: { reviews: 1, bad_reviews: num(r.product_stars) <= 2 ? 1 : 0 },
    });
  }
  const caseIds = idsOf(sel, 'cases');
  const cases = !wanted(sel, 'cases')
    ? []
    : await db
        .selectFrom('aftersales_cases')
        .innerJoin('order_lines', 'order_lines.id', 'aftersales_cases.order_line_id')
        .select([...LINE_COLUMNS, 'aftersales_cases.created_at'])
        .where('aftersales_cases.reason_code', 'in', [...QUALITY_RETURN_REASONS])
        .where('aftersales_cases.created_at', '>', after)
        .$if(upTo !== undefined, (q) => q.where('aftersales_cases.created_at', '<=', upTo!))
        .$if(caseIds !== undefined, (q) => q.where('aftersales_cases.id', 'in', caseIds!))
        .execute();
  for (const c of cases)
    facts.push({ at: num(c.created_at), ...lineDims(c as unknown as LineRow), counters: { quality_returns: 1 } });

  return facts;
}

async function firstPaidCached(
  db: Db,
  buyerIds: string[],
  cache: FactsCache | undefined,
): Promise<Map<string, FirstPaid>> {
  if (!cache) return firstPaid(db, buyerIds);
  const found = await firstPaid(
    db,
    buyerIds.filter((b) => !cache.firsts.has(b)),
  );
  for (const [buyer, f] of found) {
    if (cache.firsts.size >= FIRSTS_CACHED) cache.firsts.delete(cache.firsts.keys().next().value!);
    cache.firsts.set(buyer, f);
  }
  const out = new Map<string, FirstPaid>();
  for (const b of buyerIds) {
    const f = cache.firsts.get(b) ?? found.get(b);
    if (f) out.set(b, f);
  }
  return out;
}

/** Each buyer's first payment time on the platform and in each shop (a new buyer is one whose first paid order falls in the period). */
async function firstPaid(db: Db, buyerIds: string[]): Promise<Map<string, FirstPaid>> {
  const out = new Map<string, FirstPaid>();
  const of = (buyer: string): FirstPaid => {
    let b = out.get(buyer);
    if (!b) out.set(buyer, (b = { platform: Number.POSITIVE_INFINITY, shops: new Map(), creators: new Map() }));
    return b;
  };
  for (let i = 0; i < buyerIds.length; i += CHUNK) {
    const part = buyerIds.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('orders')
      .select((eb) => ['buyer_id', 'shop_id', eb.fn.min<number>('paid_at').as('first')])
      .where('buyer_id', 'in', part)
      .where('paid_at', 'is not', null)
      .groupBy(['buyer_id', 'shop_id'])
      .execute();
    for (const r of rows) {
      const t = num(r.first);
      const b = of(r.buyer_id);
      b.shops.set(r.shop_id, t);
      b.platform = Math.min(b.platform, t);
    }
    // A creator's new buyer: the first paid order with a line credited to that creator (a plan decided).
    const credited = await db
      .selectFrom('orders')
      .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
      .select((eb) => [
        'orders.buyer_id',
        'order_lines.attr_creator_id',
        eb.fn.min<number>('orders.paid_at').as('first'),
      ])
      .where('orders.buyer_id', 'in', part)
      .where('orders.paid_at', 'is not', null)
      .where('order_lines.plan_kind', 'is not', null)
      .where('order_lines.attr_creator_id', 'is not', null)
      .groupBy(['orders.buyer_id', 'order_lines.attr_creator_id'])
      .execute();
    for (const r of credited) of(r.buyer_id).creators.set(r.attr_creator_id!, num(r.first));
  }
  return out;
}

interface FirstPaid {
  platform: number;
  shops: Map<string, number>;
  creators: Map<string, number>;
}

/** The event types the rollups count. */
export const EVENT_FACT_TYPES = ['impression', 'product_tap', 'add_to_cart', 'favourite'] as const;

/** The province of an order's address snapshot (JSON), or 'unknown'. */
export function provinceOf(address: string | null): string {
  if (!address) return 'unknown';
  try {
    const a = JSON.parse(address) as { province?: unknown };
    return typeof a.province === 'string' && a.province.trim() ? a.province.trim().slice(0, 32) : 'unknown';
  } catch {
    return 'unknown';
  }
}

async function productsById(db: Db, ids: string[]): Promise<Map<string, FactProduct>> {
  const out = new Map<string, FactProduct>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const p of await db
      .selectFrom('products')
      .select(['id', 'shop_id', 'category_id'])
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute()) {
      out.set(p.id, { productId: p.id, shopId: p.shop_id, categoryId: p.category_id });
    }
  }
  return out;
}
