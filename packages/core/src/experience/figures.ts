/**
 * The counts behind the experience score, for every shop at once over one window: grouped,
 * read-only queries over orders, reviews and after-sales cases (the modules' own rows, never
 * written here), and the customer-service figures from whoever provides them.
 *
 * The grouped queries read a month of orders and their lines (hundreds of milliseconds each on a
 * large store): on SQLite they run on the store's background read-aside worker, so the requests
 * answered meanwhile (the first screens after a start or after midnight) do not wait behind them.
 */
import { sql, type Compilable } from 'kysely';
import type { Db } from '../context.js';
import { readAside } from '../storage/index.js';
import { DELIVERY_PROMISE_HOURS, QUALITY_RETURN_REASONS, TRANSPORT_REASONS, type IndicatorKey } from './indicators.js';
import type { Ratio, ShopCounts } from './scoring.js';

export interface Window {
  from: number;
  to: number;
}

/** The customer-service figures the service dimension reads (the customer-service module provides them). */
export interface ImFigures {
  buyerMessages: number;
  repliedWithin3Min: number;
  ratings: number;
  dissatisfied: number;
}
export type ImFiguresSource = (db: Db, shopId: string, window: Window) => Promise<ImFigures | null>;

const HOUR_MS = 3_600_000;
const MERCHANT_STEPS = ['approved', 'rejected', 'countered', 'return_confirmed', 'return_rejected', 'reshipped'];
/** The system's automatic approval when the merchant let a deadline pass (the fast refund at filing is not a lapse). */
const FAST_REFUND_PREFIX = '极速退款';

const one = sql.lit(1);
const zero = sql.lit(0);
type Row = Record<string, unknown> & { shop_id: string };
const n = (v: unknown): number => Number(v ?? 0);

function byShop<T extends Row>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.shop_id, r]));
}

/** The top-level category of each category (walking parents). */
async function rootsOfCategories(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('categories').select(['id', 'parent_id']).execute();
  const parent = new Map(rows.map((r) => [r.id, r.parent_id]));
  const root = new Map<string, string>();
  for (const r of rows) {
    let id = r.id;
    for (let hops = 0; hops < 16 && parent.get(id); hops++) id = parent.get(id)!;
    root.set(r.id, id);
  }
  return root;
}

export async function shopCounts(
  db: Db,
  w: Window,
  im: ImFiguresSource | null,
  onlyShops?: readonly string[],
): Promise<ShopCounts[]> {
  const aside = <R>(query: Compilable<R>): Promise<R[]> => readAside(db, query, 'background');
  const shops = await db
    .selectFrom('shops')
    .select('id')
    .$if(!!onlyShops, (q) => q.where('id', 'in', onlyShops!.length ? [...onlyShops!] : ['']))
    .orderBy('id')
    .execute();
  const [orders, lines, roots, reviews, cases, complaints, pickup, delivery, steps, disputes] = await Promise.all([
    aside(
      db
        .selectFrom('orders')
        .select((eb) => ['shop_id', eb.fn.countAll<number>().as('n')])
        .where('paid_at', '>=', w.from)
        .where('paid_at', '<=', w.to)
        .groupBy('shop_id'),
    ),
    aside(
      db
        .selectFrom('order_lines as l')
        .innerJoin('orders as o', 'o.id', 'l.order_id')
        .select((eb) => ['l.shop_id', 'l.category_id', eb.fn.countAll<number>().as('n')])
        .where('o.paid_at', '>=', w.from)
        .where('o.paid_at', '<=', w.to)
        .groupBy(['l.shop_id', 'l.category_id']),
    ),
    rootsOfCategories(db),
    aside(
      db
        .selectFrom('reviews')
        .select((eb) => [
          'shop_id',
          eb.fn.countAll<number>().as('n'),
          sql<number>`sum(case when ${sql.ref('product_stars')} <= 2 then ${one} else ${zero} end)`.as('bad'),
        ])
        .where('created_at', '>=', w.from)
        .where('created_at', '<=', w.to)
        .groupBy('shop_id'),
    ),
    aside(
      db
        .selectFrom('aftersales_cases')
        .select((eb) => [
          'shop_id',
          sql<number>`sum(case when ${sql.ref('reason_code')} in (${sql.join(QUALITY_RETURN_REASONS.map((r) => sql.lit(r)))}) then ${one} else ${zero} end)`.as(
            'quality',
          ),
          sql<number>`sum(case when ${sql.ref('reason_code')} in (${sql.join(TRANSPORT_REASONS.map((r) => sql.lit(r)))}) then ${one} else ${zero} end)`.as(
            'transport',
          ),
          eb.fn.countAll<number>().as('n'),
        ])
        .where('created_at', '>=', w.from)
        .where('created_at', '<=', w.to)
        .where('status', '!=', 'cancelled')
        .groupBy('shop_id'),
    ),
    aside(
      db
        .selectFrom('aftersales_events as e')
        .innerJoin('aftersales_cases as c', 'c.id', 'e.case_id')
        .select((eb) => ['c.shop_id', eb.fn.count<number>('e.case_id').distinct().as('n')])
        .where('e.kind', '=', 'escalated')
        .where('e.at', '>=', w.from)
        .where('e.at', '<=', w.to)
        .groupBy('c.shop_id'),
    ),
    aside(
      db
        .selectFrom('orders')
        .select((eb) => [
          'shop_id',
          eb.fn.countAll<number>().as('due'),
          sql<number>`sum(case when coalesce(${sql.ref('dispatched_at')}, ${sql.ref('shipped_at')}) <= ${sql.ref('ship_by_at')} then ${one} else ${zero} end)`.as(
            'on_time',
          ),
        ])
        .where('ship_by_at', '>=', w.from)
        .where('ship_by_at', '<=', w.to)
        // Cancelled before anything left the warehouse: nothing was due.
        .where((eb) => eb.or([eb('cancelled_at', 'is', null), eb('shipped_at', 'is not', null)]))
        .groupBy('shop_id'),
    ),
    aside(
      db
        .selectFrom('orders')
        .select((eb) => [
          'shop_id',
          eb.fn.countAll<number>().as('n'),
          sql<number>`sum(case when ${sql.ref('delivered_at')} - coalesce(${sql.ref('dispatched_at')}, ${sql.ref('shipped_at')}) <= ${DELIVERY_PROMISE_HOURS * HOUR_MS} then ${one} else ${zero} end)`.as(
            'on_time',
          ),
        ])
        .where('delivered_at', '>=', w.from)
        .where('delivered_at', '<=', w.to)
        .where((eb) => eb.or([eb('dispatched_at', 'is not', null), eb('shipped_at', 'is not', null)]))
        .groupBy('shop_id'),
    ),
    aside(
      db
        .selectFrom('aftersales_events as e')
        .innerJoin('aftersales_cases as c', 'c.id', 'e.case_id')
        .select([
          'c.shop_id',
          sql<number>`sum(case when ${sql.ref('e.actor')} = 'merchant' and ${sql.ref('e.kind')} in (${sql.join(MERCHANT_STEPS.map((k) => sql.lit(k)))}) then ${one} else ${zero} end)`.as(
            'met',
          ),
          sql<number>`sum(case when ${sql.ref('e.actor')} = 'system' and ${sql.ref('e.kind')} = 'auto_approved' and coalesce(${sql.ref('e.text')}, '') not like ${sql.lit(FAST_REFUND_PREFIX + '%')} then ${one} else ${zero} end)`.as(
            'missed',
          ),
        ])
        .where('e.at', '>=', w.from)
        .where('e.at', '<=', w.to)
        .groupBy('c.shop_id'),
    ),
    aside(
      db
        .selectFrom('aftersales_events as e')
        .innerJoin('aftersales_cases as c', 'c.id', 'e.case_id')
        .select((eb) => ['c.shop_id', eb.fn.count<number>('e.case_id').distinct().as('n')])
        .where('e.kind', '=', 'arbitrated')
        .where('c.status', '=', 'refunded')
        .where('e.at', '>=', w.from)
        .where('e.at', '<=', w.to)
        .groupBy('c.shop_id'),
    ),
  ]);
  const [o, r, c, cp, pk, dl, st, dp] = [
    byShop(orders),
    byShop(reviews),
    byShop(cases),
    byShop(complaints),
    byShop(pickup),
    byShop(delivery),
    byShop(steps),
    byShop(disputes),
  ];
  const linesByShop = new Map<string, Map<string, number>>();
  for (const l of lines) {
    const root = roots.get(l.category_id) ?? l.category_id;
    const m = linesByShop.get(l.shop_id) ?? new Map<string, number>();
    m.set(root, (m.get(root) ?? 0) + n(l.n));
    linesByShop.set(l.shop_id, m);
  }
  const out: ShopCounts[] = [];
  for (const { id } of shops) {
    const paid = n(o.get(id)?.n);
    const cat =
      [...(linesByShop.get(id) ?? new Map<string, number>())].sort(
        (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
      )[0]?.[0] ?? null;
    const per = (num: number): Ratio | null => (paid > 0 ? { num, den: paid } : null);
    const ratio = (num: number, den: number): Ratio | null => (den > 0 ? { num, den } : null);
    const imFigures = im ? await im(db, id, w) : null;
    const ratios: Partial<Record<IndicatorKey, Ratio | null>> = {
      bad_review_rate: ratio(n(r.get(id)?.bad), n(r.get(id)?.n)),
      quality_return_rate: per(n(c.get(id)?.quality)),
      complaint_rate: per(n(cp.get(id)?.n)),
      pickup_on_time_rate: ratio(n(pk.get(id)?.on_time), n(pk.get(id)?.due)),
      delivery_on_time_rate: ratio(n(dl.get(id)?.on_time), n(dl.get(id)?.n)),
      transport_return_rate: per(n(c.get(id)?.transport)),
      im_reply_rate_3min: imFigures ? ratio(imFigures.repliedWithin3Min, imFigures.buyerMessages) : null,
      im_dissatisfied_rate: imFigures ? ratio(imFigures.dissatisfied, imFigures.ratings) : null,
      aftersales_on_time_rate: ratio(n(st.get(id)?.met), n(st.get(id)?.met) + n(st.get(id)?.missed)),
      disputes_lost_rate: per(n(dp.get(id)?.n)),
    };
    out.push({ shopId: id, categoryId: cat, orders: paid, ratios });
  }
  return out;
}
