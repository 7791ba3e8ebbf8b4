/**
 * Reading and writing cases inside the caller's transaction: the case row, its line's facts and
 * rules, timeline events, evidence attachment, and the conditional status change that keeps two
 * concurrent actions from both winning.
 */
import type { Selectable } from 'kysely';
import type { Db, Tx } from '../context.js';
import { DomainError, newId } from '../platform/index.js';
import type { RuleProfile } from '../rules/index.js';
import { scheduleTimer } from '../timers/index.js';
import type { AftersalesCasesTable } from '../storage/index.js';
import { caseDeadline } from './case-deadlines.js';
import { lineRuleProfile } from './eligibility.js';
import { caseSortKey, isOpen, type CaseStatus, type EventKind, type Party } from './case-types.js';

export type CaseRow = Selectable<AftersalesCasesTable>;

export async function loadCase(db: Db | Tx, caseId: string): Promise<CaseRow | undefined> {
  const row = await db.selectFrom('aftersales_cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** PostgreSQL returns bigint columns as numbers already (parsed); SQLite too. Null stays null. */
function normalise(r: CaseRow): CaseRow {
  const n = (v: number | null): number | null => (v === null ? null : Number(v));
  return {
    ...r,
    requested_fen: Number(r.requested_fen),
    refund_fen: Number(r.refund_fen),
    counter_fen: n(r.counter_fen),
    spoiled_percent: n(r.spoiled_percent),
    return_shipped_at: n(r.return_shipped_at),
    reshipped_at: n(r.reshipped_at),
    decided_at: n(r.decided_at),
    deadline_at: n(r.deadline_at),
    created_at: Number(r.created_at),
    updated_at: Number(r.updated_at),
  };
}

/** The rules an order line was sold under (see `lineRuleProfile`). */
export async function lineRules(db: Db | Tx, lineId: string): Promise<{ rules: RuleProfile; perishable: boolean }> {
  const l = await db
    .selectFrom('order_lines')
    .innerJoin('orders', 'orders.id', 'order_lines.order_id')
    .select(['order_lines.rules as line_rules', 'orders.rules as order_rules', 'order_lines.perishable'])
    .where('order_lines.id', '=', lineId)
    .executeTakeFirstOrThrow();
  return lineRuleProfile(l.line_rules, l.order_rules, l.perishable);
}

/** What remains refundable of a line (paid amount less refunds). */
export async function lineRefundable(db: Db | Tx, lineId: string): Promise<number> {
  const l = await db
    .selectFrom('order_lines')
    .select(['line_total_fen', 'refunded_fen'])
    .where('id', '=', lineId)
    .executeTakeFirstOrThrow();
  return Number(l.line_total_fen) - Number(l.refunded_fen);
}

export interface EventInput {
  actor: Party;
  actorId: string | null;
  kind: EventKind;
  text?: string | null;
  amountFen?: number | null;
}

export async function addEvent(tx: Tx, caseId: string, e: EventInput, now: number): Promise<string> {
  const id = newId('afterSalesEvent', now);
  await tx
    .insertInto('aftersales_events')
    .values({
      id,
      case_id: caseId,
      at: now,
      actor: e.actor,
      actor_id: e.actorId,
      kind: e.kind,
      text: e.text ?? null,
      amount_fen: e.amountFen ?? null,
    })
    .execute();
  return id;
}

/** Attaches the uploader's own, not yet used photos to a case event; EVIDENCE_NOT_FOUND for anything else. */
export async function attachEvidence(
  tx: Tx,
  uploaderId: string,
  evidenceIds: readonly string[],
  caseId: string,
  eventId: string,
): Promise<void> {
  const ids = [...new Set(evidenceIds)];
  if (ids.length === 0) return;
  const res = await tx
    .updateTable('aftersales_evidence')
    .set({ case_id: caseId, event_id: eventId })
    .where('id', 'in', ids)
    .where('uploader_id', '=', uploaderId)
    .where('case_id', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== ids.length) {
    throw new DomainError('EVIDENCE_NOT_FOUND', 'some evidence was not uploaded by you, or is already used', {
      field: 'evidence',
    });
  }
}

/** True for a unique-constraint violation (one open case per line) on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export type CasePatch = Partial<
  Pick<
    CaseRow,
    | 'refund_fen'
    | 'counter_fen'
    | 'return_carrier'
    | 'return_tracking_no'
    | 'return_shipped_at'
    | 'reship_carrier'
    | 'reship_tracking_no'
    | 'reshipped_at'
    | 'decided_at'
  >
>;

/**
 * Moves a case from its current status to `to` (conditionally: false when it changed meanwhile),
 * with the patch; stops the old deadline and starts the new status's one, mirrored on the row.
 */
export async function moveCase(
  tx: Tx,
  c: CaseRow,
  to: CaseStatus,
  patch: CasePatch,
  rules: RuleProfile,
  now: number,
): Promise<boolean> {
  const deadline = caseDeadline(c.type, to, rules, now);
  const sortKey = caseSortKey({
    id: c.id,
    status: to,
    deadlineAt: deadline?.dueAt ?? null,
    createdAt: c.created_at,
    updatedAt: now,
  });
  let updated: number;
  try {
    const res = await tx
      .updateTable('aftersales_cases')
      .set({
        ...patch,
        status: to,
        open_line_key: isOpen(to) ? c.order_line_id : null,
        deadline_kind: deadline?.kind ?? null,
        deadline_at: deadline?.dueAt ?? null,
        sort_key: sortKey,
        updated_at: now,
      })
      .where('id', '=', c.id)
      .where('status', '=', c.status)
      .executeTakeFirst();
    updated = Number(res.numUpdatedRows);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('CASE_EXISTS', 'this line already has an open after-sales case');
    throw err;
  }
  if (updated !== 1) return false;
  if (c.deadline_kind) {
    // A due timer is left to fire: its handler sees the new status and does nothing (and the lock order stays timer → case).
    await tx
      .updateTable('timers')
      .set({ status: 'cancelled', updated_at: now })
      .where('kind', '=', c.deadline_kind)
      .where('subject_id', '=', c.id)
      .where('status', '=', 'pending')
      .where('due_at', '>', now)
      .execute();
  }
  if (deadline) await startDeadline(tx, c, deadline, now);
  return true;
}

export async function startDeadline(
  tx: Tx,
  c: Pick<CaseRow, 'id' | 'order_id' | 'shop_id'>,
  deadline: { kind: string; dueAt: number; merchant: boolean },
  now: number,
): Promise<void> {
  await scheduleTimer(
    tx,
    {
      kind: deadline.kind,
      subjectId: c.id,
      scopeId: deadline.merchant ? c.shop_id : null,
      dueAt: deadline.dueAt,
      payload: { orderId: c.order_id, caseId: c.id },
    },
    now,
  );
}
