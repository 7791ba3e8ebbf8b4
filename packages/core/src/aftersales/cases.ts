/**
 * After-sales commands, one transaction each: a buyer files a case on an order line; buyer and
 * merchant act on it; anyone of the case writes to its timeline; an admin arbitrates an
 * escalated case. Strangers get NOT_FOUND; the wrong side gets WRONG_PARTY.
 */
import type { Actor, CoreContext } from '../context.js';
import { requireRole } from '../accounts/index.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { DEADLINE_HOUR_MS } from '../rules/index.js';
import { requestedFen } from './amounts.js';
import { applyAction, type ActionInput } from './case-engine.js';
import { caseDeadline } from './case-deadlines.js';
import {
  addEvent,
  attachEvidence,
  lineRefundable,
  lineRules,
  loadCase,
  startDeadline,
  type CaseRow,
} from './case-store.js';
import {
  BUYER_ACTIONS,
  CASE_TYPES,
  caseSortKey,
  MERCHANT_ACTIONS,
  REASON_CODES,
  type CaseType,
  type PartyAction,
} from './case-types.js';
import { checkEligibility } from './eligibility.js';

export const MAX_EVIDENCE_PER_ENTRY = 9;
/** The buyer's note on a new case, and a message on a case's timeline, in characters. */
export const MAX_CASE_NOTE_CHARS = 500;
export const MAX_CASE_MESSAGE_CHARS = 500;

export interface FileCaseInput {
  type: string;
  orderLineId: string;
  reasonCode: string;
  note?: string | undefined;
  amountFen?: number | undefined;
  spoiledPercent?: number | undefined;
  evidence?: string[] | undefined;
}

function checkEvidenceList(evidence: readonly string[] | undefined): string[] {
  const list = evidence ?? [];
  if (!Array.isArray(list) || list.length > MAX_EVIDENCE_PER_ENTRY || list.some((e) => typeof e !== 'string'))
    throw invalid(`evidence is a list of at most ${MAX_EVIDENCE_PER_ENTRY} ids`, { field: 'evidence' });
  return [...new Set(list)];
}

/** The buyer files a case on a line of their order. Returns the case id. */
export async function fileCase(ctx: CoreContext, actor: Actor, orderId: string, input: FileCaseInput): Promise<string> {
  if (!(CASE_TYPES as readonly string[]).includes(input.type)) throw invalid('unknown case type', { field: 'type' });
  if (!(REASON_CODES as readonly string[]).includes(input.reasonCode))
    throw invalid('unknown reason code', { field: 'reasonCode' });
  const type = input.type as CaseType;
  const note = (input.note ?? '').trim();
  if (note.length > MAX_CASE_NOTE_CHARS)
    throw invalid(`note must be at most ${MAX_CASE_NOTE_CHARS} characters`, { field: 'note' });
  const evidence = checkEvidenceList(input.evidence);
  if (type === 'fresh_claim' && evidence.length === 0)
    throw new DomainError('EVIDENCE_REQUIRED', 'a fresh-produce claim needs at least one photo', { field: 'evidence' });

  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const order = await tx
      .selectFrom('orders')
      .innerJoin('shops', 'shops.id', 'orders.shop_id')
      .select([
        'orders.id',
        'orders.shop_id',
        'orders.buyer_id',
        'orders.status',
        'orders.paid_at',
        'orders.delivered_at',
        'orders.completed_at',
        'shops.fast_refund',
      ])
      .where('orders.id', '=', orderId)
      .executeTakeFirst();
    if (!order || order.buyer_id !== actor.userId) {
      if (order && (actor.shops.has(order.shop_id) || actor.roles.has('admin')))
        throw new DomainError('WRONG_PARTY', 'only the buyer files after-sales cases');
      throw notFound('order', orderId);
    }
    const line = await tx
      .selectFrom('order_lines')
      .select(['id'])
      .where('id', '=', input.orderLineId)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    if (!line) throw notFound('order line', input.orderLineId);
    const [{ rules, perishable }, refundable, shipped, open, claim] = await Promise.all([
      lineRules(tx, line.id),
      lineRefundable(tx, line.id),
      tx.selectFrom('shipment_lines').select('order_line_id').where('order_line_id', '=', line.id).executeTakeFirst(),
      tx.selectFrom('aftersales_cases').select('id').where('open_line_key', '=', line.id).executeTakeFirst(),
      tx.selectFrom('aftersales_cases').select('id').where('claim_line_key', '=', line.id).executeTakeFirst(),
    ]);
    const verdict = checkEligibility(
      type,
      input.reasonCode,
      {
        orderStatus: order.status,
        deliveredAt: order.delivered_at === null ? null : Number(order.delivered_at),
        completedAt: order.completed_at === null ? null : Number(order.completed_at),
        lineShipped: Boolean(shipped),
        refundableFen: refundable,
        perishable,
        rules,
        openCase: Boolean(open),
        hadFreshClaim: Boolean(claim),
      },
      now,
    );
    if (!verdict.ok) throw new DomainError(verdict.code, verdict.message, { type });
    const requested = requestedFen(type, input, refundable);

    const id = newId('afterSalesCase', now);
    const deadline = caseDeadline(type, 'requested', rules, now);
    const row: CaseRow = {
      id,
      order_id: orderId,
      order_line_id: line.id,
      shop_id: order.shop_id,
      buyer_id: actor.userId,
      type,
      status: 'requested',
      reason_code: input.reasonCode,
      note,
      requested_fen: requested,
      refund_fen: 0,
      counter_fen: null,
      spoiled_percent: type === 'fresh_claim' ? (input.spoiledPercent ?? null) : null,
      open_line_key: line.id,
      claim_line_key: type === 'fresh_claim' ? line.id : null,
      return_carrier: null,
      return_tracking_no: null,
      return_shipped_at: null,
      reship_carrier: null,
      reship_tracking_no: null,
      reshipped_at: null,
      decided_at: null,
      deadline_kind: deadline?.kind ?? null,
      deadline_at: deadline?.dueAt ?? null,
      sort_key: caseSortKey({
        id,
        status: 'requested',
        deadlineAt: deadline?.dueAt ?? null,
        createdAt: now,
        updatedAt: now,
      }),
      created_at: now,
      updated_at: now,
    };
    // The unique line keys make a concurrent second case on the line insert nothing.
    const inserted = await tx
      .insertInto('aftersales_cases')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1)
      throw new DomainError('CASE_EXISTS', 'this line already has an after-sales case');
    const filed = await addEvent(
      tx,
      id,
      { actor: 'buyer', actorId: actor.userId, kind: 'filed', text: note || null, amountFen: requested || null },
      now,
    );
    await attachEvidence(tx, actor.userId, evidence, id, filed);
    await emit(
      tx,
      'aftersales.requested',
      id,
      { caseId: id, orderId, shopId: order.shop_id, type, requestedFen: requested },
      now,
    );

    const paidAt = order.paid_at === null ? null : Number(order.paid_at);
    const fast =
      type === 'refund_unshipped' &&
      Number(order.fast_refund) === 1 &&
      requested <= rules.fastRefundMaxFen &&
      paidAt !== null &&
      now - paidAt <= rules.fastRefundWithinHours * DEADLINE_HOUR_MS;
    if (fast) await applyAction(tx, row, 'fast_refund', 'system', null, {}, now);
    else if (deadline) await startDeadline(tx, row, deadline, now);
    return id;
  });
}

export interface ActInput extends ActionInput {
  action: string;
}

/** The side an action belongs to. */
function sideOf(action: string): 'buyer' | 'merchant' | null {
  if ((BUYER_ACTIONS as readonly string[]).includes(action)) return 'buyer';
  if ((MERCHANT_ACTIONS as readonly string[]).includes(action)) return 'merchant';
  return null;
}

/** The buyer or the shop acts on a case (the party follows from the action and who asks). */
export async function actOnCase(ctx: CoreContext, actor: Actor, caseId: string, input: ActInput): Promise<void> {
  const action = input.action === 'accept' ? 'approve' : input.action; // a claim is "accepted": the same as approving it
  const side = sideOf(action);
  if (!side) throw invalid('unknown action', { field: 'action' });
  await ctx.db.transaction().execute(async (tx) => {
    const c = await loadCase(tx, caseId);
    const isBuyer = c?.buyer_id === actor.userId;
    const isMember = c ? actor.shops.has(c.shop_id) : false;
    if (!c || !(isBuyer || isMember || actor.roles.has('admin'))) throw notFound('after-sales case', caseId);
    if ((side === 'buyer' && !isBuyer) || (side === 'merchant' && !isMember)) {
      throw new DomainError('WRONG_PARTY', `"${action}" is the ${side === 'buyer' ? 'buyer' : 'shop'}'s to take`, {
        action,
      });
    }
    await applyAction(tx, c, action as PartyAction, side, actor.userId, input, ctx.clock.now());
  });
}

/**
 * The shop acts on several cases at once, all or nothing (the open platform's afterSale.operate):
 * one transaction; when one item is refused, nothing of the batch is applied and the error names
 * the failing item (`details.index`, its position in `items`).
 */
export async function actOnCasesTogether(
  ctx: CoreContext,
  actor: Actor,
  items: ReadonlyArray<{ caseId: string; input: ActInput }>,
): Promise<void> {
  if (items.length < 1 || items.length > 50) throw invalid('give 1–50 cases', { field: 'items' });
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    for (const [index, { caseId, input }] of items.entries()) {
      try {
        const action = input.action === 'accept' ? 'approve' : input.action;
        if (sideOf(action) !== 'merchant') throw invalid('unknown action', { field: 'action' });
        const c = await loadCase(tx, caseId);
        if (!c || !actor.shops.has(c.shop_id)) throw notFound('after-sales case', caseId);
        await applyAction(tx, c, action as PartyAction, 'merchant', actor.userId, input, now);
      } catch (err) {
        if (err instanceof DomainError) throw new DomainError(err.code, err.message, { ...err.details, index, caseId });
        throw err;
      }
    }
  });
}

/** An admin decides an escalated case: refund an amount (1..refundable) or reject, with a reason. Final. */
export async function arbitrateCase(
  ctx: CoreContext,
  actor: Actor,
  caseId: string,
  input: { decision: string; amountFen?: number | undefined; reason: string },
): Promise<void> {
  requireRole(actor, 'admin');
  if (input.decision !== 'refund' && input.decision !== 'reject')
    throw invalid('decision must be refund or reject', { field: 'decision' });
  await ctx.db.transaction().execute(async (tx) => {
    const c = await loadCase(tx, caseId);
    if (!c) throw notFound('after-sales case', caseId);
    await applyAction(
      tx,
      c,
      input.decision === 'refund' ? 'arbitrate_refund' : 'arbitrate_reject',
      'admin',
      actor.userId,
      { amountFen: input.amountFen, reason: input.reason },
      ctx.clock.now(),
    );
  });
}

/** A message (and photos) on the case's timeline, from its buyer, its shop or an admin. */
export async function postCaseMessage(
  ctx: CoreContext,
  actor: Actor,
  caseId: string,
  input: { text: string; evidence?: string[] | undefined },
): Promise<void> {
  const body = (input.text ?? '').trim();
  if (body.length < 1 || body.length > MAX_CASE_MESSAGE_CHARS)
    throw invalid(`text must be 1–${MAX_CASE_MESSAGE_CHARS} characters`, { field: 'text' });
  const evidence = checkEvidenceList(input.evidence);
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const c = await loadCase(tx, caseId);
    const party = !c
      ? null
      : c.buyer_id === actor.userId
        ? 'buyer'
        : actor.shops.has(c.shop_id)
          ? 'merchant'
          : actor.roles.has('admin')
            ? 'admin'
            : null;
    if (!c || !party) throw notFound('after-sales case', caseId);
    const eventId = await addEvent(tx, c.id, { actor: party, actorId: actor.userId, kind: 'message', text: body }, now);
    await attachEvidence(tx, actor.userId, evidence, c.id, eventId);
    const sortKey = caseSortKey({
      id: c.id,
      status: c.status,
      deadlineAt: c.deadline_at,
      createdAt: c.created_at,
      updatedAt: now,
    });
    await tx
      .updateTable('aftersales_cases')
      .set({ updated_at: now, sort_key: sortKey })
      .where('id', '=', c.id)
      .where('status', '=', c.status)
      .execute();
  });
}
