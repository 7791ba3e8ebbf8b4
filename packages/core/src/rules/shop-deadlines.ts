/** Every deadline running for a shop, most urgent first: the console's countdowns. */
import type { Actor, Db } from '../context.js';
import { notFound } from '../platform/errors.js';

export interface DeadlineItem {
  orderId: string;
  kind: string;
  dueAt: number;
  /** Negative when the deadline has passed and its enforcement is pending. */
  remainingMs: number;
  /** The after-sales case the deadline runs on (after-sales deadlines only). */
  caseId?: string;
}

export async function shopDeadlines(db: Db, actor: Actor, shopId: string, now: number, query: { kind?: string | undefined; limit?: number | undefined } = {}): Promise<{ items: DeadlineItem[] }> {
  if (!actor.shops.has(shopId) && !actor.roles.has('admin')) throw notFound('shop', shopId);
  let q = db.selectFrom('timers').select(['kind', 'subject_id', 'due_at', 'payload']).where('scope_id', '=', shopId).where('status', '=', 'pending');
  if (query.kind) q = q.where('kind', '=', query.kind);
  const rows = await q.orderBy('due_at').orderBy('subject_id').limit(query.limit ?? 100).execute();
  return { items: rows.map((r) => ({ orderId: orderOf(r), kind: r.kind, dueAt: Number(r.due_at), remainingMs: Number(r.due_at) - now, ...caseOf(r) })) };
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
