/**
 * Read models of after-sales cases: one case with its timeline and the actions the viewer may
 * take, the buyer's cases, a shop's cases (most urgent deadline first, with counts by status)
 * and the platform's arbitration queue.
 */
import type { Actor, Db } from '../context.js';
import { requireRole } from '../accounts/index.js';
import { notFound } from '../platform/index.js';
import { firstImages, imageUrl, type Page } from '../catalog/index.js';
import { loadCase, type CaseRow } from './case-store.js';
import { tableActions } from './case-transitions.js';
import {
  CASE_STATUSES,
  ESCALATION_WINDOW_MS,
  type CaseStatus,
  type CaseType,
  type Party,
  type ReasonCode,
} from './case-types.js';

export interface CaseSummary {
  id: string;
  orderId: string;
  orderLineId: string;
  shopId: string;
  shopName: string;
  type: CaseType;
  status: CaseStatus;
  reasonCode: ReasonCode;
  requestedFen: number;
  refundFen: number;
  title: string;
  imageUrl: string | null;
  createdAt: number;
  updatedAt: number;
  deadline: { kind: string; dueAt: number } | null;
}

export type ViewerRole = 'buyer' | 'merchant' | 'admin';

export interface CaseView extends CaseSummary {
  buyerId: string;
  note: string;
  spoiledPercent: number | null;
  counterFen: number | null;
  refundableFen: number;
  line: {
    title: string;
    specValues: string[];
    quantity: number;
    unitPriceFen: number;
    lineTotalFen: number;
    imageUrl: string | null;
  };
  returnShipment: { carrier: string; trackingNo: string; shippedAt: number } | null;
  reshipment: { carrier: string; trackingNo: string; shippedAt: number } | null;
  allowedActions: string[];
  viewerRole: ViewerRole;
  timeline: Array<{
    id: string;
    at: number;
    actor: Party;
    kind: string;
    text: string | null;
    amountFen: number | null;
    evidence: Array<{ id: string; url: string }>;
  }>;
}

type LineRow = {
  id: string;
  product_id: string;
  title: string;
  spec_values: string;
  quantity: number;
  unit_price_fen: number;
  line_total_fen: number;
  refunded_fen: number;
};

async function summaries(
  db: Db,
  rows: readonly CaseRow[],
): Promise<{ items: CaseSummary[]; lines: Map<string, LineRow>; images: Map<string, string> }> {
  const lineIds = [...new Set(rows.map((r) => r.order_line_id))];
  const shopIds = [...new Set(rows.map((r) => r.shop_id))];
  const [lineRows, shops] = await Promise.all([
    lineIds.length
      ? db
          .selectFrom('order_lines')
          .select([
            'id',
            'product_id',
            'title',
            'spec_values',
            'quantity',
            'unit_price_fen',
            'line_total_fen',
            'refunded_fen',
          ])
          .where('id', 'in', lineIds)
          .execute()
      : [],
    shopIds.length ? db.selectFrom('shops').select(['id', 'name']).where('id', 'in', shopIds).execute() : [],
  ]);
  const lines = new Map(lineRows.map((l) => [l.id, l as LineRow]));
  const shopNames = new Map(shops.map((s) => [s.id, s.name]));
  const images = await firstImages(
    db,
    lineRows.map((l) => l.product_id),
  );
  const items = rows.map((r) => {
    const l = lines.get(r.order_line_id);
    return {
      id: r.id,
      orderId: r.order_id,
      orderLineId: r.order_line_id,
      shopId: r.shop_id,
      shopName: shopNames.get(r.shop_id) ?? '',
      type: r.type,
      status: r.status,
      reasonCode: r.reason_code as ReasonCode,
      requestedFen: Number(r.requested_fen),
      refundFen: Number(r.refund_fen),
      title: l?.title ?? '',
      imageUrl: (l && images.get(l.product_id)) ?? null,
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
      deadline:
        r.deadline_kind && r.deadline_at !== null ? { kind: r.deadline_kind, dueAt: Number(r.deadline_at) } : null,
    };
  });
  return { items, lines, images };
}

/** The actions the viewer may take now: the transition table, narrowed by the case's own limits. */
export function allowedActionsFor(c: CaseRow, role: ViewerRole, now: number): string[] {
  if (role === 'admin') return c.status === 'escalated' ? ['arbitrate'] : [];
  return tableActions(c.type, c.status, role).filter((a) => {
    if (a === 'escalate') return c.decided_at !== null && now <= Number(c.decided_at) + ESCALATION_WINDOW_MS;
    if (a === 'counter') return c.counter_fen === null;
    return true;
  });
}

/** One case, for its buyer, its shop's members or an admin (others: NOT_FOUND). */
export async function caseView(db: Db, actor: Actor, caseId: string, now: number): Promise<CaseView> {
  const c = await loadCase(db, caseId);
  const role: ViewerRole | null = !c
    ? null
    : c.buyer_id === actor.userId
      ? 'buyer'
      : actor.shops.has(c.shop_id)
        ? 'merchant'
        : actor.roles.has('admin')
          ? 'admin'
          : null;
  if (!c || !role) throw notFound('after-sales case', caseId);
  const [
    {
      items: [summary],
      lines,
      images,
    },
    events,
    evidence,
  ] = await Promise.all([
    summaries(db, [c]),
    db.selectFrom('aftersales_events').selectAll().where('case_id', '=', c.id).orderBy('id').execute(),
    db
      .selectFrom('aftersales_evidence')
      .select(['id', 'event_id', 'file_name'])
      .where('case_id', '=', c.id)
      .orderBy('id')
      .execute(),
  ]);
  const l = lines.get(c.order_line_id)!;
  return {
    ...summary!,
    buyerId: c.buyer_id,
    note: c.note,
    spoiledPercent: c.spoiled_percent,
    counterFen: c.counter_fen,
    refundableFen: Number(l.line_total_fen) - Number(l.refunded_fen),
    line: {
      title: l.title,
      specValues: JSON.parse(l.spec_values) as string[],
      quantity: Number(l.quantity),
      unitPriceFen: Number(l.unit_price_fen),
      lineTotalFen: Number(l.line_total_fen),
      imageUrl: images.get(l.product_id) ?? null,
    },
    returnShipment:
      c.return_carrier && c.return_tracking_no && c.return_shipped_at !== null
        ? { carrier: c.return_carrier, trackingNo: c.return_tracking_no, shippedAt: c.return_shipped_at }
        : null,
    reshipment:
      c.reship_carrier && c.reship_tracking_no && c.reshipped_at !== null
        ? { carrier: c.reship_carrier, trackingNo: c.reship_tracking_no, shippedAt: c.reshipped_at }
        : null,
    allowedActions: allowedActionsFor(c, role, now),
    viewerRole: role,
    timeline: events.map((e) => ({
      id: e.id,
      at: Number(e.at),
      actor: e.actor as Party,
      kind: e.kind,
      text: e.text,
      amountFen: e.amount_fen === null ? null : Number(e.amount_fen),
      evidence: evidence.filter((x) => x.event_id === e.id).map((x) => ({ id: x.id, url: imageUrl(x.file_name) })),
    })),
  };
}

export interface CaseQuery {
  status?: CaseStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** The buyer's own cases, newest first. */
export async function buyerCases(db: Db, actor: Actor, query: CaseQuery): Promise<Page<CaseSummary>> {
  let q = db
    .selectFrom('aftersales_cases')
    .selectAll()
    .where('buyer_id', '=', actor.userId)
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.cursor) q = q.where('id', '<', query.cursor);
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  return {
    items: (await summaries(db, page)).items,
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

/** Cases in listing order (see `caseSortKey`); the cursor is the last item's sort key. */
async function sortedPage(
  db: Db,
  where: { shopId?: string; status?: CaseStatus | undefined },
  query: CaseQuery,
): Promise<Page<CaseSummary>> {
  let q = db
    .selectFrom('aftersales_cases')
    .selectAll()
    .orderBy('sort_key')
    .limit(query.limit + 1);
  if (where.shopId) q = q.where('shop_id', '=', where.shopId);
  if (where.status) q = q.where('status', '=', where.status);
  if (query.cursor) q = q.where('sort_key', '>', query.cursor);
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  return {
    items: (await summaries(db, page)).items,
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.sort_key : null,
  };
}

/** A shop's cases, most urgent deadline first, with counts by status (members and admins). */
export async function shopCases(
  db: Db,
  actor: Actor,
  shopId: string,
  query: CaseQuery,
): Promise<Page<CaseSummary> & { counts: Record<CaseStatus, number> }> {
  if (!actor.shops.has(shopId) && !actor.roles.has('admin')) throw notFound('shop', shopId);
  const [page, counted] = await Promise.all([
    sortedPage(db, { shopId, status: query.status }, query),
    db
      .selectFrom('aftersales_cases')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('shop_id', '=', shopId)
      .groupBy('status')
      .execute(),
  ]);
  const counts = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const r of counted) if (r.status in counts) counts[r.status as CaseStatus] = Number(r.n);
  return { ...page, counts };
}

/** The platform's queue (escalated cases by default), for admins. */
export async function adminCases(db: Db, actor: Actor, query: CaseQuery): Promise<Page<CaseSummary>> {
  requireRole(actor, 'admin');
  return sortedPage(db, { status: query.status ?? 'escalated' }, query);
}
