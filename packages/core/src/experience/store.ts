/** The experience module's rows: scores per shop and day, and the weights per category. */
import type { Db, Tx } from '../context.js';
import type { Dimension } from './indicators.js';
import type { IndicatorResult, ScoreStatus, ShopScore } from './scoring.js';
import { mergeWeights, type ExperienceWeights } from './weights.js';

export interface StoredScore {
  shopId: string;
  day: string;
  computedAt: number;
  windowFrom: number;
  windowTo: number;
  orders: number;
  categoryId: string | null;
  status: ScoreStatus;
  total: number | null;
  dimensions: Record<Dimension, number | null>;
  peers: number;
  indicators: IndicatorResult[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

type ScoreRow = {
  shop_id: string;
  day: string;
  computed_at: number;
  window_from: number;
  window_to: number;
  orders: number;
  category_id: string | null;
  status: string;
  total: number | null;
  product: number | null;
  logistics: number | null;
  service: number | null;
  peers: number;
  indicators: string;
};

function fromRow(r: ScoreRow): StoredScore {
  return {
    shopId: r.shop_id,
    day: r.day,
    computedAt: Number(r.computed_at),
    windowFrom: Number(r.window_from),
    windowTo: Number(r.window_to),
    orders: Number(r.orders),
    categoryId: r.category_id,
    status: r.status as ScoreStatus,
    total: num(r.total),
    dimensions: { product: num(r.product), logistics: num(r.logistics), service: num(r.service) },
    peers: Number(r.peers),
    indicators: JSON.parse(r.indicators) as IndicatorResult[],
  };
}

/** Writes (or replaces) the day's score of a shop. */
export async function saveScore(
  db: Db | Tx,
  s: ShopScore,
  day: string,
  window: { from: number; to: number },
  now: number,
): Promise<void> {
  const values = {
    computed_at: now,
    window_from: window.from,
    window_to: window.to,
    orders: s.orders,
    category_id: s.categoryId,
    status: s.status,
    total: s.total,
    product: s.dimensions.product,
    logistics: s.dimensions.logistics,
    service: s.dimensions.service,
    peers: s.peers,
    indicators: JSON.stringify(s.indicators),
  };
  await db
    .insertInto('experience_scores')
    .values({ shop_id: s.shopId, day, ...values })
    .onConflict((oc) => oc.columns(['shop_id', 'day']).doUpdateSet(values))
    .execute();
}

/** The latest score of each shop (one query per shop batch: the newest day per shop). */
export async function latestScores(db: Db | Tx, shopIds?: readonly string[]): Promise<Map<string, StoredScore>> {
  let q = db
    .selectFrom('experience_scores as s')
    .selectAll('s')
    .where('s.day', '=', (eb) =>
      eb
        .selectFrom('experience_scores as t')
        .select((e) => e.fn.max('t.day').as('d'))
        .whereRef('t.shop_id', '=', 's.shop_id'),
    );
  if (shopIds) q = q.where('s.shop_id', 'in', shopIds.length ? [...shopIds] : ['']);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.shop_id, fromRow(r)]));
}

/** A shop's totals per day, oldest first. */
export async function scoreHistory(
  db: Db,
  shopId: string,
  days: number,
): Promise<Array<{ day: string; status: ScoreStatus; total: number | null }>> {
  const rows = await db
    .selectFrom('experience_scores')
    .select(['day', 'status', 'total'])
    .where('shop_id', '=', shopId)
    .orderBy('day', 'desc')
    .limit(days)
    .execute();
  return rows.reverse().map((r) => ({ day: r.day, status: r.status as ScoreStatus, total: num(r.total) }));
}

/**
 * Whether the day's daily computation is done: the day has rows, and every shop that existed when
 * the day began has one. A merchant's recompute of one shop after midnight writes a row of the day
 * too and does not stand for the others'; a run stopped half-way is finished by the next round; a
 * shop opened during the day waits for the next day's run (or its own recompute).
 */
export async function dayComplete(db: Db, day: string, dayStart: number): Promise<boolean> {
  const any = await db
    .selectFrom('experience_scores')
    .select('shop_id')
    .where('day', '=', day)
    .limit(1)
    .executeTakeFirst();
  if (!any) return false;
  const missing = await db
    .selectFrom('shops as s')
    .select('s.id')
    .where('s.created_at', '<', dayStart)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('experience_scores as e')
            .select('e.shop_id')
            .whereRef('e.shop_id', '=', 's.id')
            .where('e.day', '=', day),
        ),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return !missing;
}

export async function loadWeights(db: Db | Tx): Promise<Map<string, ExperienceWeights>> {
  const rows = await db.selectFrom('experience_weights').select(['category_id', 'weights']).execute();
  return new Map(rows.map((r) => [r.category_id, mergeWeights(JSON.parse(r.weights))]));
}

export async function saveWeights(
  db: Db | Tx,
  categoryId: string,
  weights: ExperienceWeights,
  by: string,
  now: number,
): Promise<void> {
  const values = { weights: JSON.stringify(weights), updated_by: by, updated_at: now };
  await db
    .insertInto('experience_weights')
    .values({ category_id: categoryId, ...values })
    .onConflict((oc) => oc.column('category_id').doUpdateSet(values))
    .execute();
}
