/**
 * The experience score's service: computed for every shop daily by the background loop (its first
 * housekeeping round of each Asia/Shanghai day, and at a start when the day's scores are missing;
 * the worker role's loop in scaled mode) and on demand, stored per shop and day, read by the
 * merchant's page, the admins' list, the affiliate marketplace and the engine's multiplier sync. A
 * request never computes the daily scores: before the day's exist it reads the latest stored day's
 * (the answer names the day). Each computation also sets the shop's settlement terms in the ledger
 * (a top score settles sooner).
 */
import type { Actor, CoreContext, Db } from '../context.js';
import { requireRole } from '../accounts/index.js';
import { DomainError, notFound } from '../platform/index.js';
import { setShopSettleCap } from '../ledger/index.js';
import { runtimeOf, runtimePart, startOfShanghaiDay } from '../platform/index.js';
import { serviceFigures } from '../service/index.js';
import { shopCounts, type ImFiguresSource } from './figures.js';
import { gatesOf, type Gates } from './gates.js';
import { MIN_ORDERS, MIN_PEERS, WINDOW_DAYS, type IndicatorKey } from './indicators.js';
import { improvements, scoreShops, type ScoreStatus, type ShopScore } from './scoring.js';
import {
  dayComplete,
  latestScores,
  loadWeights,
  saveScore,
  saveWeights,
  scoreHistory,
  type StoredScore,
} from './store.js';
import { defaultWeights, weightsProblem, type ExperienceWeights } from './weights.js';

const DAY_MS = 86_400_000;
/** A merchant may ask for a fresh computation this often. */
export const RECOMPUTE_EVERY_MS = 5 * 60_000;
/** Shops whose rows are written in one transaction (the requests queued meanwhile run between two). */
const STORE_CHUNK = 100;

export type ExperienceErrorCode =
  | 'EXPERIENCE_RECOMPUTE_TOO_SOON'
  | 'EXPERIENCE_WEIGHTS_INVALID'
  | 'CATEGORY_NOT_TOP_LEVEL';

/** Where the customer-service figures come from: the customer-service module unless a test passes another source (or null for none). */
export interface ExperienceOptions {
  im?: ImFiguresSource | null;
}

const defaultIm: ImFiguresSource = serviceFigures;

export function shanghaiDay(t: number): string {
  return new Date(startOfShanghaiDay(t) + 8 * 3_600_000).toISOString().slice(0, 10);
}

async function compute(
  ctx: CoreContext,
  opts: ExperienceOptions,
  onlyShops?: readonly string[],
): Promise<{ scores: ShopScore[]; window: { from: number; to: number }; now: number }> {
  const now = ctx.clock.now();
  const window = { from: now - WINDOW_DAYS * DAY_MS, to: now };
  const [counts, weights] = await Promise.all([
    shopCounts(ctx.db, window, opts.im === undefined ? defaultIm : opts.im),
    loadWeights(ctx.db),
  ]);
  const scores = scoreShops(counts, (cat) => (cat && weights.get(cat)) || defaultWeights());
  return { scores: onlyShops ? scores.filter((s) => onlyShops.includes(s.shopId)) : scores, window, now };
}

async function store(
  ctx: CoreContext,
  scores: readonly ShopScore[],
  window: { from: number; to: number },
  now: number,
): Promise<void> {
  const day = shanghaiDay(now);
  // In chunks: on SQLite a transaction holds the store's one connection (a day that stops half-way
  // is finished by the next round, see dayComplete).
  for (let i = 0; i < scores.length; i += STORE_CHUNK) {
    await ctx.db.transaction().execute(async (tx) => {
      for (const s of scores.slice(i, i + STORE_CHUNK)) {
        await saveScore(tx, s, day, window, now);
        const cap = gatesOf(s.total).settleCapDays;
        await setShopSettleCap(
          tx,
          s.shopId,
          cap,
          cap === null ? 'category window' : `experience score ${s.total}`,
          now,
        );
      }
    });
  }
}

/** Scores every shop now and stores today's rows; returns how many shops were scored. */
export async function scoreAllShops(ctx: CoreContext, opts: ExperienceOptions = {}): Promise<number> {
  const { scores, window, now } = await compute(ctx, opts);
  await store(ctx, scores, window, now);
  return scores.length;
}

/** What this process knows of the daily computation (for the tests and the logs: nothing decides on it but this module). */
export interface DailyScoring {
  /** Daily computations this process ran. */
  runs: number;
  /** The Asia/Shanghai day of the last one. */
  lastDay: string | null;
  /** The day being computed now, if one is. */
  running: string | null;
}

const dailyPart = runtimePart<DailyScoring & { complete: string | null }, Db>('experience.daily', () => ({
  runs: 0,
  lastDay: null,
  running: null,
  complete: null,
}));

/** The daily computation's counters in this process. */
export function dailyScoring(ctx: CoreContext): DailyScoring {
  const { runs, lastDay, running } = runtimeOf(ctx.db).use(dailyPart);
  return { runs, lastDay, running };
}

/**
 * The daily run: once per Asia/Shanghai day, from the background loop (which calls this every
 * housekeeping round). It does nothing once the day is complete (every shop that existed when the
 * day began has the day's row, see dayComplete), nor while a run is under way. Returns how many
 * shops it scored, or null when it had nothing to do.
 */
export async function scoreShopsDaily(ctx: CoreContext, opts: ExperienceOptions = {}): Promise<number | null> {
  const state = runtimeOf(ctx.db).use(dailyPart);
  const now = ctx.clock.now();
  const day = shanghaiDay(now);
  if (state.complete === day || state.running !== null) return null;
  state.running = day;
  try {
    if (await dayComplete(ctx.db, day, startOfShanghaiDay(now))) {
      state.complete = day;
      return null;
    }
    const shops = await scoreAllShops(ctx, opts);
    state.runs++;
    state.lastDay = day;
    return shops;
  } finally {
    state.running = null;
  }
}

export interface ExperienceView {
  shopId: string;
  /** The Asia/Shanghai day of the figures: today's once the day's computation ran, until then the latest stored day's (null: never computed). */
  day: string | null;
  computedAt: number | null;
  window: { from: number; to: number } | null;
  status: StoredScore['status'] | 'not_computed';
  orders: number;
  minOrders: number;
  minPeers: number;
  total: number | null;
  dimensions: StoredScore['dimensions'];
  indicators: StoredScore['indicators'];
  peers: number;
  improve: IndicatorKey[];
  gates: Gates;
  history: Array<{ day: string; status: ScoreStatus; total: number | null }>;
  nextRecomputeAt: number | null;
}

function viewOf(
  shopId: string,
  s: StoredScore | undefined,
  history: Array<{ day: string; status: ScoreStatus; total: number | null }>,
): ExperienceView {
  if (!s) {
    return {
      shopId,
      day: null,
      computedAt: null,
      window: null,
      status: 'not_computed',
      orders: 0,
      minOrders: MIN_ORDERS,
      minPeers: MIN_PEERS,
      total: null,
      dimensions: { product: null, logistics: null, service: null },
      indicators: [],
      peers: 0,
      improve: [],
      gates: gatesOf(null),
      history,
      nextRecomputeAt: null,
    };
  }
  return {
    shopId,
    day: s.day,
    computedAt: s.computedAt,
    window: { from: s.windowFrom, to: s.windowTo },
    status: s.status,
    orders: s.orders,
    minOrders: MIN_ORDERS,
    minPeers: MIN_PEERS,
    total: s.total,
    dimensions: s.dimensions,
    indicators: s.indicators,
    peers: s.peers,
    improve: s.status === 'scored' ? improvements(s) : [],
    gates: gatesOf(s.total),
    history,
    nextRecomputeAt: s.computedAt + RECOMPUTE_EVERY_MS,
  };
}

function canSee(actor: Actor, shopId: string): boolean {
  return actor.shops.has(shopId) || actor.roles.has('admin');
}

/** 商家后台 · 店铺体验分 (read only: never computes): the latest score, each indicator with its value and benchmark, what to improve, what the score decides, the last 30 days. */
export async function shopExperience(ctx: CoreContext, actor: Actor, shopId: string): Promise<ExperienceView> {
  if (!canSee(actor, shopId)) throw notFound('shop', shopId);
  if (!(await ctx.db.selectFrom('shops').select('id').where('id', '=', shopId).executeTakeFirst()))
    throw notFound('shop', shopId);
  const [latest, history] = await Promise.all([
    latestScores(ctx.db, [shopId]),
    scoreHistory(ctx.db, shopId, WINDOW_DAYS),
  ]);
  return viewOf(shopId, latest.get(shopId), history);
}

/** The merchant asks for a fresh computation (at most every RECOMPUTE_EVERY_MS). Peers are read as they are now. */
export async function recomputeShopExperience(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  opts: ExperienceOptions = {},
): Promise<ExperienceView> {
  if (!canSee(actor, shopId)) throw notFound('shop', shopId);
  const last = (await latestScores(ctx.db, [shopId])).get(shopId);
  const now = ctx.clock.now();
  if (last && !actor.roles.has('admin') && now < last.computedAt + RECOMPUTE_EVERY_MS) {
    throw new DomainError(
      'EXPERIENCE_RECOMPUTE_TOO_SOON',
      'the score was computed a moment ago; try again in a few minutes',
      { retryAt: last.computedAt + RECOMPUTE_EVERY_MS },
    );
  }
  const { scores, window } = await compute(ctx, opts, [shopId]);
  if (scores.length === 0) throw notFound('shop', shopId);
  await store(ctx, scores, window, now);
  return shopExperience(ctx, actor, shopId);
}

export interface ScoreListItem {
  shopId: string;
  shopName: string;
  /** The Asia/Shanghai day of the shop's latest score (yesterday's until today's computation ran). */
  day: string;
  status: StoredScore['status'];
  orders: number;
  total: number | null;
  dimensions: StoredScore['dimensions'];
  categoryId: string | null;
  peers: number;
  gates: Gates;
  computedAt: number;
}

/** 平台管理 · 体验分: every shop's latest score, lowest first (unscored last). */
export async function listExperienceScores(ctx: CoreContext, actor: Actor): Promise<ScoreListItem[]> {
  requireRole(actor, 'admin');
  const [latest, shops] = await Promise.all([
    latestScores(ctx.db),
    ctx.db.selectFrom('shops').select(['id', 'name']).execute(),
  ]);
  const names = new Map(shops.map((s) => [s.id, s.name]));
  return [...latest.values()]
    .map((s) => ({
      shopId: s.shopId,
      shopName: names.get(s.shopId) ?? s.shopId,
      day: s.day,
      status: s.status,
      orders: s.orders,
      total: s.total,
      dimensions: s.dimensions,
      categoryId: s.categoryId,
      peers: s.peers,
      gates: gatesOf(s.total),
      computedAt: s.computedAt,
    }))
    .sort((a, b) => (a.total ?? 1000) - (b.total ?? 1000) || a.shopName.localeCompare(b.shopName));
}

/** An admin recomputes every shop now. */
export async function recomputeAllExperience(
  ctx: CoreContext,
  actor: Actor,
  opts: ExperienceOptions = {},
): Promise<{ shops: number }> {
  requireRole(actor, 'admin');
  return { shops: await scoreAllShops(ctx, opts) };
}

async function topCategory(db: Db, categoryId: string): Promise<void> {
  const row = await db
    .selectFrom('categories')
    .select(['id', 'parent_id'])
    .where('id', '=', categoryId)
    .executeTakeFirst();
  if (!row) throw notFound('category', categoryId);
  if (row.parent_id)
    throw new DomainError(
      'CATEGORY_NOT_TOP_LEVEL',
      'weights are set on top-level categories (the score compares shops by their top-level category)',
      { categoryId },
    );
}

export async function categoryWeights(
  ctx: CoreContext,
  actor: Actor,
  categoryId: string,
): Promise<{ categoryId: string; weights: ExperienceWeights; custom: boolean }> {
  requireRole(actor, 'admin');
  await topCategory(ctx.db, categoryId);
  const stored = (await loadWeights(ctx.db)).get(categoryId);
  return { categoryId, weights: stored ?? defaultWeights(), custom: !!stored };
}

/** An admin edits a top-level category's weights (used from the next computation). */
export async function setCategoryWeights(
  ctx: CoreContext,
  actor: Actor,
  categoryId: string,
  weights: ExperienceWeights,
): Promise<{ categoryId: string; weights: ExperienceWeights; custom: boolean }> {
  requireRole(actor, 'admin');
  await topCategory(ctx.db, categoryId);
  const problem = weightsProblem(weights);
  if (problem) throw new DomainError('EXPERIENCE_WEIGHTS_INVALID', problem, {});
  await saveWeights(ctx.db, categoryId, weights, actor.userId, ctx.clock.now());
  return { categoryId, weights, custom: true };
}

/** The latest total of each given shop (null: not enough orders or never computed), for the marketplace and the engine. */
export async function currentExperienceTotals(
  db: Db,
  shopIds?: readonly string[],
): Promise<Map<string, number | null>> {
  const latest = await latestScores(db, shopIds);
  const out = new Map<string, number | null>();
  for (const id of shopIds ?? [...latest.keys()]) out.set(id, latest.get(id)?.total ?? null);
  return out;
}
