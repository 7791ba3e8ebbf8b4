/**
 * Every deadline running for a shop, most urgent first: the console's countdowns. The ship-by
 * deadline of a paid, unshipped order comes from the order itself (awaiting-shipment.ts, as the
 * 首页 reads it), so an order stays on the list, overdue, until it ships, also once its timer has
 * fired; ship-by timers still running on shipped orders (waiting for a carrier's first scan) and
 * every other deadline come from the timers.
 */
import type { Actor, Db } from '../context.js';
import { notFound } from '../platform/index.js';
import { awaitingShipment } from './awaiting-shipment.js';
import { DEADLINE } from './deadline-kinds.js';

export interface DeadlineItem {
  orderId: string;
  kind: string;
  dueAt: number;
  /** Negative when the deadline has passed and its enforcement is pending. */
  remainingMs: number;
  /** The after-sales case the deadline runs on (after-sales deadlines only). */
  caseId?: string;
}

export async function shopDeadlines(
  db: Db,
  actor: Actor,
  shopId: string,
  now: number,
  query: { kind?: string | undefined; limit?: number | undefined } = {},
): Promise<{ items: DeadlineItem[] }> {
  if (!actor.shops.has(shopId) && !actor.roles.has('admin')) throw notFound('shop', shopId);
  const limit = query.limit ?? 100;
  let q = db
    .selectFrom('timers')
    .select(['kind', 'subject_id', 'due_at', 'payload'])
    .where('scope_id', '=', shopId)
    .where('status', '=', 'pending');
  if (query.kind) q = q.where('kind', '=', query.kind);
  const rows = await q.orderBy('due_at').orderBy('subject_id').limit(limit).execute();
  const waiting =
    !query.kind || query.kind === DEADLINE.shipBy
      ? (await awaitingShipment(db, shopId, now, limit)).filter((o) => o.shipByAt !== null)
      : [];
  const fromOrders = new Set(waiting.map((o) => o.orderId));
  const items: DeadlineItem[] = [
    ...waiting.map((o) => ({
      orderId: o.orderId,
      kind: DEADLINE.shipBy as string,
      dueAt: o.shipByAt!,
      remainingMs: o.shipByAt! - now,
    })),
    ...rows
      .filter((r) => !(r.kind === DEADLINE.shipBy && fromOrders.has(r.subject_id)))
      .map((r) => ({
        orderId: orderOf(r),
        kind: r.kind,
        dueAt: Number(r.due_at),
        remainingMs: Number(r.due_at) - now,
        ...caseOf(r),
      })),
  ];
  items.sort((a, b) => a.dueAt - b.dueAt || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
  return { items: items.slice(0, limit) };
}

/** Order deadlines are keyed by the order; others (an after-sales case) name their order in the payload. */
function orderOf(r: { subject_id: string; payload: string }): string {
  if (r.payload === '{}') return r.subject_id;
  try {
    const p = JSON.parse(r.payload) as { orderId?: unknown };
    return typeof p.orderId === 'string' ? p.orderId : r.subject_id;
  } catch {
    return r.subject_id;
  }
}

/** After-sales deadlines name their case in the payload. */
function caseOf(r: { payload: string }): { caseId?: string } {
  if (r.payload === '{}') return {};
  try {
    const p = JSON.parse(r.payload) as { caseId?: unknown };
    return typeof p.caseId === 'string' ? { caseId: p.caseId } : {};
  } catch {
    return {};
  }
}
