/**
 * Performance and earnings of the creator economy, from the order lines' commission snapshots
 * and the ledger's settlement state: GMV, paid orders, refunds and each party's commission,
 * grouped by creator, product or video. For a settled line each commission is what the ledger paid
 * for it (its settlement entry less any clawback, read from the entries that name the line), so
 * the rows add up to the ledger to the fen; a line not settled yet shows what settlement will pay,
 * the settlement's own split (ledger/split-rules.ts) of what the line kept after refunds.
 * `settledFen` is the asker's part of orders already settled.
 * Periods are by order time (default: the last 30 days).
 */
import type { Actor, CoreContext } from '../context.js';
import { requireShopMember } from '../accounts/index.js';
import { accountId, effectiveRates, paidPerLine, splitLine, type LineMoneyRow } from '../ledger/index.js';
import { DAY_MS } from '../platform/index.js';
import { displayNames, requireCreator, requireColonel, requireMcn } from './access.js';

export type GroupBy = 'creator' | 'product' | 'video';

export interface PerformanceQuery {
  from?: number | undefined;
  to?: number | undefined;
  groupBy?: GroupBy | undefined;
}

export interface PerformanceRow {
  key: string;
  label: string;
  gmvFen: number;
  orders: number;
  refundsFen: number;
  creatorFen: number;
  mcnFen: number;
  colonelFen: number;
  /** Of the party's own part (the asker's), what has settled. */
  settledFen: number;
}

export interface PerformanceReport {
  from: number;
  to: number;
  groupBy: GroupBy;
  rows: PerformanceRow[];
  total: Omit<PerformanceRow, 'key' | 'label'>;
  /** More lines than one report reads: narrow the period. */
  truncated: boolean;
}

const MAX_LINES = 50_000;
type Party = 'merchant' | 'creator' | 'mcn' | 'colonel';
type Scope = { shopId: string } | { creatorId: string } | { mcnId: string } | { colonelId: string };

interface Line extends LineMoneyRow {
  product_id: string;
  attr_content_id: string | null;
  product_title: string;
  money_status: string | null;
}

async function report(
  ctx: CoreContext,
  scope: Scope,
  party: Party,
  q: PerformanceQuery,
  groupBy: GroupBy,
): Promise<PerformanceReport> {
  const to = q.to ?? ctx.clock.now();
  const from = q.from ?? to - 30 * DAY_MS;
  let query = ctx.db
    .selectFrom('order_lines as l')
    .innerJoin('orders as o', 'o.id', 'l.order_id')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .leftJoin('ledger_order_money as m', 'm.order_id', 'l.order_id')
    .select([
      'l.id',
      'l.order_id',
      'l.line_total_fen',
      'l.refunded_fen',
      'l.fee_rate_bp',
      'l.creator_rate_bp',
      'l.mcn_share_bp',
      'l.colonel_fee_bp',
      'l.attr_creator_id',
      'l.mcn_id',
      'l.colonel_id',
      'l.product_id',
      'l.attr_content_id',
      'p.title as product_title',
      'm.status as money_status',
    ])
    .where('o.paid_at', 'is not', null)
    .where('l.created_at', '>=', from)
    .where('l.created_at', '<', to)
    .limit(MAX_LINES + 1);
  if ('shopId' in scope) query = query.where('l.shop_id', '=', scope.shopId).where('l.plan_kind', 'is not', null);
  if ('creatorId' in scope)
    query = query.where('l.attr_creator_id', '=', scope.creatorId).where('l.plan_kind', 'is not', null);
  if ('mcnId' in scope) query = query.where('l.mcn_id', '=', scope.mcnId);
  if ('colonelId' in scope) query = query.where('l.colonel_id', '=', scope.colonelId);
  const all = (await query.execute()) as Line[];
  const lines = all.slice(0, MAX_LINES);
  const paid = await paidPerLine(
    ctx.db,
    lines.filter((l) => l.money_status === 'settled').map((l) => l.id),
  );

  const groups = new Map<string, PerformanceRow & { orderIds: Set<string> }>();
  const total = { gmvFen: 0, orders: 0, refundsFen: 0, creatorFen: 0, mcnFen: 0, colonelFen: 0, settledFen: 0 };
  const orderIds = new Set<string>();
  for (const l of lines) {
    const key =
      groupBy === 'creator'
        ? (l.attr_creator_id ?? '')
        : groupBy === 'product'
          ? l.product_id
          : (l.attr_content_id ?? '');
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = {
          key,
          label: groupBy === 'product' ? l.product_title : '',
          gmvFen: 0,
          orders: 0,
          refundsFen: 0,
          creatorFen: 0,
          mcnFen: 0,
          colonelFen: 0,
          settledFen: 0,
          orderIds: new Set(),
        }),
      );
    const refunded = Number(l.refunded_fen);
    const parts = commissions(l, paid);
    const own = party === 'merchant' ? parts.creator + parts.mcn + parts.colonel : parts[party];
    const settled = l.money_status === 'settled' ? own : 0;
    for (const t of [g, total]) {
      t.gmvFen += Number(l.line_total_fen);
      t.refundsFen += refunded;
      t.creatorFen += parts.creator;
      t.mcnFen += parts.mcn;
      t.colonelFen += parts.colonel;
      t.settledFen += settled;
    }
    g.orderIds.add(l.order_id);
    orderIds.add(l.order_id);
  }
  total.orders = orderIds.size;
  const rows = [...groups.values()]
    .map(({ orderIds: ids, ...r }) => ({ ...r, orders: ids.size }))
    .sort((a, b) => b.gmvFen - a.gmvFen || a.key.localeCompare(b.key));
  await label(ctx, rows, groupBy);
  return { from, to, groupBy, rows, total, truncated: all.length > MAX_LINES };
}

/** A line's commissions: as the ledger paid them once settled, as settlement will pay them before. */
function commissions(
  l: Line,
  paid: { amounts: Map<string, number>; lines: Set<string> },
): { creator: number; mcn: number; colonel: number } {
  if (l.money_status === 'settled' && paid.lines.has(l.id)) {
    const of = (kind: 'creator_available' | 'mcn_available' | 'colonel_available', owner: string | null): number =>
      owner ? (paid.amounts.get(`${l.id}|${accountId(kind, owner)}`) ?? 0) : 0;
    return {
      creator: of('creator_available', l.attr_creator_id),
      mcn: of('mcn_available', l.mcn_id),
      colonel: of('colonel_available', l.colonel_id),
    };
  }
  return splitLine(Number(l.line_total_fen) - Number(l.refunded_fen), effectiveRates(l));
}

async function label(ctx: CoreContext, rows: PerformanceRow[], groupBy: GroupBy): Promise<void> {
  if (groupBy === 'creator') {
    const names = await displayNames(ctx.db, rows.map((r) => r.key).filter(Boolean));
    for (const r of rows) r.label = names.get(r.key) ?? '';
  } else if (groupBy === 'video') {
    const ids = rows.map((r) => r.key).filter(Boolean);
    const videos = ids.length
      ? await ctx.db.selectFrom('videos').select(['id', 'title']).where('id', 'in', ids).execute()
      : [];
    const titles = new Map(videos.map((v) => [v.id, v.title]));
    for (const r of rows) r.label = titles.get(r.key) ?? (r.key ? '' : '(no video)');
  }
}

/** Merchant: the shop's creator-driven sales and the commissions they cost, by creator (default) or product. */
export async function shopAffiliatePerformance(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  q: PerformanceQuery,
): Promise<PerformanceReport> {
  requireShopMember(actor, shopId);
  const groupBy = q.groupBy === 'product' ? 'product' : 'creator';
  return report(ctx, { shopId }, 'merchant', q, groupBy);
}

/** Creator: my attributed sales and earnings, by product (default) or video. */
export async function creatorEarnings(ctx: CoreContext, actor: Actor, q: PerformanceQuery): Promise<PerformanceReport> {
  requireCreator(actor);
  return report(ctx, { creatorId: actor.userId }, 'creator', q, q.groupBy === 'video' ? 'video' : 'product');
}

/** MCN: my creators' sales and my share, by creator (default) or product. */
export async function mcnPerformance(ctx: CoreContext, actor: Actor, q: PerformanceQuery): Promise<PerformanceReport> {
  requireMcn(actor);
  return report(ctx, { mcnId: actor.userId }, 'mcn', q, q.groupBy === 'product' ? 'product' : 'creator');
}

/** Colonel: sales through my activities and my service fees, by product (default) or creator. */
export async function colonelPerformance(
  ctx: CoreContext,
  actor: Actor,
  q: PerformanceQuery,
): Promise<PerformanceReport> {
  requireColonel(actor);
  return report(ctx, { colonelId: actor.userId }, 'colonel', q, q.groupBy === 'creator' ? 'creator' : 'product');
}
