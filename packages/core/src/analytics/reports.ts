/**
 * The reports behind 罗盘: overview (figures, trend, the previous period), a breakdown by one
 * dimension with each value's funnel, and their CSV. Scoped like everything else: a shop's members
 * see the shop, a creator themself, an admin the platform. Reads rollups only.
 */
import type { Actor, CoreContext, Db } from '../context.js';
import { hasRole, requireRole, requireShopMember } from '../accounts/index.js';
import { notFound, csvDocument, type CsvCell } from '../platform/index.js';
import { HOURLY_DIMENSIONS, keepsPeople, ROLLUP_COUNTERS, type Dimension, type Scope } from './aggregate.js';
import { emptyTotals, METRICS, metricValues, type MetricKey, type Totals } from './metrics.js';
import {
  SqlRollupStore,
  type CounterSums,
  type PeopleCounts,
  type RollupStore,
  type ScopeRef,
} from './rollup-store.js';
import { checkDimension, dayRange, previousRange, type DayRange } from './range.js';
import { shanghaiDate, shanghaiHourLabel } from './time-buckets.js';

export interface ReportQuery {
  scope?: Scope;
  shopId?: string;
  from: string;
  to: string;
}

/** Works out whose figures the caller asks for, and checks they may see them. */
export function resolveScope(actor: Actor, q: { scope?: Scope; shopId?: string }): ScopeRef {
  const scope: Scope = q.scope ?? (q.shopId ? 'shop' : hasRole(actor, 'admin') ? 'platform' : 'creator');
  if (scope === 'shop') {
    if (!q.shopId) throw notFound('shop');
    if (!hasRole(actor, 'admin')) requireShopMember(actor, q.shopId);
    return { scope, scopeId: q.shopId };
  }
  if (scope === 'creator') {
    requireRole(actor, 'creator');
    return { scope, scopeId: actor.userId };
  }
  requireRole(actor, 'admin');
  return { scope, scopeId: '' };
}

const toTotals = (
  s: CounterSums | undefined,
  p: PeopleCounts | undefined,
  people: boolean,
  newBuyers = false,
): Totals => {
  const t = emptyTotals(people);
  if (s) for (const c of ROLLUP_COUNTERS) t[c] = s[c];
  if (people) {
    t.buyers = p?.buyer ?? 0;
    t.impression_people = p?.impression ?? 0;
    t.click_people = p?.click ?? 0;
    t.cart_people = p?.cart ?? 0;
  }
  if (newBuyers) t.new_buyers = p?.new_buyer ?? 0;
  return t;
};

async function totalsOf(
  store: RollupStore,
  ref: ScopeRef,
  dim: Dimension,
  dimId: string,
  r: DayRange,
): Promise<Totals> {
  const q = { ...ref, dim, fromHour: r.start, toHour: r.end };
  const [s] = await store.sumsByValue(q, { orderBy: 'gmv_fen', limit: 1, dimIds: [dimId] });
  const people = keepsPeople(ref.scope, dim);
  const p = people ? (await store.peopleByValue(q, [dimId])).get(dimId) : undefined;
  return toTotals(s, p, people, dim === 'total');
}

export interface OverviewPoint {
  bucket: number;
  label: string;
  values: Record<MetricKey, number | null>;
}

export interface Overview {
  scope: ScopeRef;
  range: DayRange;
  previous: DayRange;
  /** The value filtered on (a product, a video …), when one was named. */
  focus: { dim: Dimension; id: string; name: string } | null;
  values: Record<MetricKey, number | null>;
  previousValues: Record<MetricKey, number | null>;
  trend: OverviewPoint[];
  /** The platform's view: shops and creators with a sale in the range (动销店铺, 带货达人). */
  active: { shops: number; creators: number } | null;
}

export interface OverviewQuery extends ReportQuery {
  granularity?: 'day' | 'hour';
  dim?: string;
  id?: string;
}

export async function compassOverview(
  ctx: CoreContext,
  actor: Actor,
  q: OverviewQuery,
  store: RollupStore = new SqlRollupStore(ctx.db),
): Promise<Overview> {
  const ref = resolveScope(actor, q);
  const range = dayRange(q.from, q.to);
  const previous = previousRange(range);
  let dim: Dimension = 'total';
  let dimId = '';
  let focus: Overview['focus'] = null;
  if (q.dim || q.id) {
    dim = checkDimension(q.dim ?? '', ref.scope);
    dimId = q.id ?? '';
    await checkVisible(ctx.db, store, ref, dim, dimId);
    focus = { dim, id: dimId, name: (await namesOf(ctx.db, dim, [dimId])).get(dimId) ?? dimId };
  }
  const [now, before] = await Promise.all([
    totalsOf(store, ref, dim, dimId, range),
    totalsOf(store, ref, dim, dimId, previous),
  ]);
  // Rankings' dimensions are kept per day: their trend is by day.
  const by = HOURLY_DIMENSIONS.includes(dim) ? (q.granularity ?? (range.days <= 1 ? 'hour' : 'day')) : 'day';
  const rows = await store.series({ ...ref, dim, fromHour: range.start, toHour: range.end }, dimId, by);
  const people = keepsPeople(ref.scope, dim);
  const step = by === 'hour' ? 3_600_000 : 86_400_000;
  const byBucket = new Map(rows.map((r) => [r.bucket, r]));
  const trend: OverviewPoint[] = [];
  for (let b = range.start; b < range.end; b += step) {
    const r = byBucket.get(b);
    trend.push({
      bucket: b,
      label: by === 'hour' ? shanghaiHourLabel(b) : shanghaiDate(b),
      values: metricValues(toTotals(r, r?.people, people, dim === 'total')),
    });
  }
  let active: Overview['active'] = null;
  if (ref.scope === 'platform' && !focus) {
    const q2 = (d: Dimension) => ({ ...ref, dim: d, fromHour: range.start, toHour: range.end });
    const [shops, creators] = await Promise.all([
      store.countActive(q2('shop'), 'gmv_fen'),
      store.countActive(q2('creator'), 'gmv_fen'),
    ]);
    active = { shops, creators };
  }
  return {
    scope: ref,
    range,
    previous,
    focus,
    values: metricValues(now),
    previousValues: metricValues(before),
    trend,
    active,
  };
}

/** A value of another shop (or creator) answers 404, like one that does not exist. */
async function checkVisible(db: Db, store: RollupStore, ref: ScopeRef, dim: Dimension, id: string): Promise<void> {
  if (ref.scope === 'platform') return;
  if (dim === 'product' && ref.scope === 'shop') {
    const p = await db.selectFrom('products').select('shop_id').where('id', '=', id).executeTakeFirst();
    if (p?.shop_id === ref.scopeId) return;
    throw notFound('product', id);
  }
  const any = await store.sumsByValue(
    { ...ref, dim, fromHour: Number.MIN_SAFE_INTEGER, toHour: Number.MAX_SAFE_INTEGER },
    { orderBy: 'gmv_fen', limit: 1, dimIds: [id] },
  );
  if (!any.length) throw notFound(dim, id);
}

export interface BreakdownRow {
  id: string;
  name: string;
  values: Record<MetricKey, number | null>;
}

export interface Breakdown {
  scope: ScopeRef;
  range: DayRange;
  dim: Dimension;
  rows: BreakdownRow[];
}

export const BREAKDOWN_LIMIT = 100;

export async function compassBreakdown(
  ctx: CoreContext,
  actor: Actor,
  dimName: string,
  q: ReportQuery & {
    limit?: number;
    sort?: 'gmv_fen' | 'impressions' | 'clicks' | 'commission_fen' | 'carts' | 'favourites';
  },
  store: RollupStore = new SqlRollupStore(ctx.db),
): Promise<Breakdown> {
  const ref = resolveScope(actor, q);
  const dim = checkDimension(dimName, ref.scope);
  const range = dayRange(q.from, q.to);
  const rq = { ...ref, dim, fromHour: range.start, toHour: range.end };
  const sums = await store.sumsByValue(rq, {
    orderBy: q.sort ?? 'gmv_fen',
    limit: Math.min(q.limit ?? BREAKDOWN_LIMIT, BREAKDOWN_LIMIT),
  });
  const ids = sums.map((s) => s.dimId);
  const people = keepsPeople(ref.scope, dim);
  const [peopleBy, names] = await Promise.all([
    people ? store.peopleByValue(rq, ids) : Promise.resolve(new Map<string, PeopleCounts>()),
    namesOf(ctx.db, dim, ids),
  ]);
  return {
    scope: ref,
    range,
    dim,
    rows: sums.map((s) => ({
      id: s.dimId,
      name: names.get(s.dimId) ?? s.dimId,
      values: metricValues(toTotals(s, peopleBy.get(s.dimId), people)),
    })),
  };
}

/** The breakdown as a table: a header, then one row per value, one column per metric (money in yuan, ratios as decimals, null when not kept). */
export function breakdownTable(
  b: Breakdown,
  lang: 'zh-CN' | 'en' = 'zh-CN',
): { header: string[]; rows: Array<Array<string | number | null>> } {
  const header = [
    lang === 'en' ? 'id' : '编号',
    lang === 'en' ? 'name' : '名称',
    ...METRICS.map((m) => (lang === 'en' ? m.key : CSV_ZH[m.key])),
  ];
  const rows = b.rows.map((r) => [
    r.id,
    r.name,
    ...METRICS.map((m) => {
      const v = r.values[m.key];
      if (v === null) return null;
      return m.unit === 'fen' ? Math.round(v) / 100 : m.unit === 'ratio' ? Math.round(v * 10_000) / 10_000 : v;
    }),
  ]);
  return { header, rows };
}

/** The breakdown as CSV (money with two decimals). */
export function breakdownCsv(b: Breakdown, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const { header, rows } = breakdownTable(b, lang);
  const moneyCols = new Set(METRICS.map((m, i) => (m.unit === 'fen' ? i + 2 : -1)));
  const cells: CsvCell[][] = rows.map((r) =>
    r.map((v, i) => (v === null ? '' : moneyCols.has(i) && typeof v === 'number' ? v.toFixed(2) : v)),
  );
  return csvDocument([header, ...cells]);
}

const CSV_ZH: Record<MetricKey, string> = {
  gmv: '成交金额(元)',
  net_gmv: '净成交金额(元)',
  orders: '成交订单数',
  buyers: '成交人数',
  items: '成交件数',
  aov: '客单价(元)',
  refund_fen: '退款金额(元)',
  refunds: '退款笔数',
  impressions: '曝光次数',
  impression_people: '曝光人数',
  clicks: '点击次数',
  click_people: '点击人数',
  ctr: '曝光点击率',
  click_to_pay: '点击-成交转化率',
  new_buyers: '新客数',
  returning_buyers: '老客数',
  impression_to_pay: '曝光-成交转化率',
  gpm: 'GPM(元)',
  add_to_cart: '加购次数',
  cart_people: '加购人数',
  favourites: '收藏次数',
  bad_review_rate: '差评率',
  quality_return_rate: '品质退货率',
  commission: '预估佣金(元)',
  take: '平台服务费(元)',
};

/** Display names of dimension values (titles, shop and people names); channels are named by the app. */
async function namesOf(db: Db, dim: Dimension, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!ids.length) return out;
  const put = (rows: Array<{ id: string; name: string }>) => rows.forEach((r) => out.set(r.id, r.name));
  switch (dim) {
    case 'product':
      put(await db.selectFrom('products').select(['id', 'title as name']).where('id', 'in', ids).execute());
      break;
    case 'video':
      put(await db.selectFrom('videos').select(['id', 'title as name']).where('id', 'in', ids).execute());
      break;
    case 'live':
      put(await db.selectFrom('live_rooms').select(['id', 'title as name']).where('id', 'in', ids).execute());
      break;
    case 'creator':
      put(await db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', ids).execute());
      break;
    case 'shop':
      put(await db.selectFrom('shops').select(['id', 'name']).where('id', 'in', ids).execute());
      break;
    case 'category':
      put(await db.selectFrom('categories').select(['id', 'name']).where('id', 'in', ids).execute());
      break;
    default:
      break;
  }
  return out;
}
