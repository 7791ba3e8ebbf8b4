/**
 * The metric catalogue of 罗盘: one definition per metric (key, unit, the i18n keys of its name
 * and its formula, the formula in code). Every screen takes its figures and tooltips from here. Pure.
 */

/** Counters summed over rollup rows, plus the distinct people where the dimension keeps them. */
export interface Totals {
  gmv_fen: number;
  orders: number;
  items: number;
  refund_fen: number;
  refunds: number;
  impressions: number;
  clicks: number;
  favourites: number;
  reviews: number;
  bad_reviews: number;
  quality_returns: number;
  commission_fen: number;
  fee_fen: number;
  carts: number;
  /** Distinct people; null where the dimension does not keep them (creator, shop, category, live room). */
  buyers: number | null;
  impression_people: number | null;
  click_people: number | null;
  /** Distinct people who added a product to their cart; null where the dimension does not keep them. */
  cart_people: number | null;
  /** Buyers whose first paid order (on the platform, in the shop, or credited to the creator) is in the period; totals only. */
  new_buyers: number | null;
}

export type MetricUnit = 'fen' | 'count' | 'ratio';

export const METRIC_KEYS = [
  'gmv',
  'net_gmv',
  'orders',
  'buyers',
  'items',
  'aov',
  'refund_fen',
  'refunds',
  'impressions',
  'impression_people',
  'clicks',
  'click_people',
  'new_buyers',
  'returning_buyers',
  'ctr',
  'click_to_pay',
  'impression_to_pay',
  'gpm',
  'add_to_cart',
  'cart_people',
  'favourites',
  'bad_review_rate',
  'quality_return_rate',
  'commission',
  'take',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export interface MetricDefinition {
  key: MetricKey;
  unit: MetricUnit;
  /** i18n key of the name (compass.metric.<key>) and of the formula shown as its tooltip (compass.formula.<key>). */
  nameKey: string;
  formulaKey: string;
  /** The formula in plain words, the same as the tooltip's English. */
  formula: string;
  value(t: Totals): number | null;
}

const ratio = (n: number | null, d: number | null): number | null =>
  n === null || d === null || d === 0 ? null : n / d;

const DEFS: Array<Omit<MetricDefinition, 'nameKey' | 'formulaKey'>> = [
  {
    key: 'gmv',
    unit: 'fen',
    formula:
      'What buyers paid for the goods of orders paid in the period (after coupons, without shipping), by payment time',
    value: (t) => t.gmv_fen,
  },
  {
    key: 'net_gmv',
    unit: 'fen',
    formula: 'GMV less refunds completed in the period (by refund time)',
    value: (t) => t.gmv_fen - t.refund_fen,
  },
  { key: 'orders', unit: 'count', formula: 'Orders paid in the period', value: (t) => t.orders },
  {
    key: 'buyers',
    unit: 'count',
    formula: 'Distinct people who paid for an order in the period',
    value: (t) => t.buyers,
  },
  { key: 'items', unit: 'count', formula: 'Units sold in orders paid in the period', value: (t) => t.items },
  {
    key: 'aov',
    unit: 'fen',
    formula: 'GMV ÷ buyers',
    value: (t) => (t.buyers ? Math.round(t.gmv_fen / t.buyers) : null),
  },
  {
    key: 'refund_fen',
    unit: 'fen',
    formula:
      'Refunds completed in the period (by refund time), shared over the order’s lines in proportion to their totals',
    value: (t) => t.refund_fen,
  },
  { key: 'refunds', unit: 'count', formula: 'Refunds completed in the period', value: (t) => t.refunds },
  {
    key: 'impressions',
    unit: 'count',
    formula: 'Times a video or product card was shown',
    value: (t) => t.impressions,
  },
  {
    key: 'impression_people',
    unit: 'count',
    formula: 'Distinct people (or devices) shown a video or product card',
    value: (t) => t.impression_people,
  },
  { key: 'clicks', unit: 'count', formula: 'Times a product card was tapped', value: (t) => t.clicks },
  {
    key: 'click_people',
    unit: 'count',
    formula: 'Distinct people (or devices) who tapped a product card',
    value: (t) => t.click_people,
  },
  {
    key: 'new_buyers',
    unit: 'count',
    formula:
      'Buyers whose first paid order (on the platform, in this shop, or credited to this creator) was paid in the period',
    value: (t) => t.new_buyers,
  },
  {
    key: 'returning_buyers',
    unit: 'count',
    formula: 'Buyers less new buyers: they had paid for an order before the period',
    value: (t) => (t.buyers === null || t.new_buyers === null ? null : t.buyers - t.new_buyers),
  },
  { key: 'ctr', unit: 'ratio', formula: 'Clicks ÷ impressions (times)', value: (t) => ratio(t.clicks, t.impressions) },
  {
    key: 'click_to_pay',
    unit: 'ratio',
    formula: 'Buyers ÷ people who clicked',
    value: (t) => ratio(t.buyers, t.click_people),
  },
  {
    key: 'impression_to_pay',
    unit: 'ratio',
    formula: 'Buyers ÷ people shown',
    value: (t) => ratio(t.buyers, t.impression_people),
  },
  {
    key: 'gpm',
    unit: 'fen',
    formula: 'GMV per 1,000 impressions (views)',
    value: (t) => (t.impressions ? Math.round((t.gmv_fen * 1000) / t.impressions) : null),
  },
  {
    key: 'add_to_cart',
    unit: 'count',
    formula: 'Times a product was put in a cart in the period (a new cart line)',
    value: (t) => t.carts,
  },
  {
    key: 'cart_people',
    unit: 'count',
    formula: 'Distinct people who put a product in their cart in the period',
    value: (t) => t.cart_people,
  },
  {
    key: 'favourites',
    unit: 'count',
    formula: 'Times a product was added to favourites in the period',
    value: (t) => t.favourites,
  },
  {
    key: 'bad_review_rate',
    unit: 'ratio',
    formula: 'Reviews with one or two product stars ÷ reviews written in the period',
    value: (t) => ratio(t.bad_reviews, t.reviews),
  },
  {
    key: 'quality_return_rate',
    unit: 'ratio',
    formula: 'After-sales cases opened for quality, damage, spoilage or not as described ÷ orders paid in the period',
    value: (t) => ratio(t.quality_returns, t.orders),
  },
  {
    key: 'commission',
    unit: 'fen',
    formula: 'Estimated creator commission of lines paid in the period (line total × the line’s snapshotted rate)',
    value: (t) => t.commission_fen,
  },
  {
    key: 'take',
    unit: 'fen',
    formula:
      'The platform’s fee on lines paid in the period (line total × the category’s fee rate snapshotted on the line), before refunds',
    value: (t) => t.fee_fen,
  },
];

export const METRICS: readonly MetricDefinition[] = DEFS.map((d) => ({
  ...d,
  nameKey: `compass.metric.${d.key}`,
  formulaKey: `compass.formula.${d.key}`,
}));
const BY_KEY = new Map(METRICS.map((m) => [m.key, m]));

export function metricDefinition(key: MetricKey): MetricDefinition {
  return BY_KEY.get(key)!;
}

/** Every metric's value for these totals. */
export function metricValues(t: Totals): Record<MetricKey, number | null> {
  const out = {} as Record<MetricKey, number | null>;
  for (const m of METRICS) out[m.key] = m.value(t);
  return out;
}

export function emptyTotals(people: boolean): Totals {
  return {
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
    buyers: people ? 0 : null,
    impression_people: people ? 0 : null,
    click_people: people ? 0 : null,
    cart_people: people ? 0 : null,
    new_buyers: null,
  };
}
