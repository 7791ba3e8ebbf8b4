/**
 * Applies one action to a case inside the caller's transaction: the transition table decides
 * whether it is allowed; the action's own checks run; the status changes conditionally (a
 * concurrent action makes this one fail, never both win); the timeline records it; money
 * moves when the case ends refunded; the next deadline starts.
 */
import type { Tx } from '../context.js';
import { DomainError, invalid, checkParcelRef } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { takeFromStock } from '../inventory/index.js';
import type { TransitionActor } from '../orders/index.js';
import { checkNamedAmount, counterVerdict, grantableFen } from './amounts.js';
import { addEvent, lineRefundable, lineRules, moveCase, type CasePatch, type CaseRow } from './case-store.js';
import { nextStatus } from './case-transitions.js';
import {
  ESCALATION_WINDOW_MS,
  type CaseAction,
  type CaseStatus,
  type CaseType,
  type EventKind,
  type Party,
} from './case-types.js';
import { payReturnInsurance } from './insurance.js';
import { refundCaseLine, settleUnshippedLine } from './refunds.js';

export interface ActionInput {
  amountFen?: number | undefined;
  reason?: string | undefined;
  note?: string | undefined;
  carrier?: string | undefined;
  trackingNo?: string | undefined;
}

const EVENT_OF: Record<CaseAction, EventKind> = {
  approve: 'approved',
  reject: 'rejected',
  counter: 'countered',
  confirm_return: 'return_confirmed',
  reject_return: 'return_rejected',
  reship: 'reshipped',
  cancel: 'cancelled',
  accept_counter: 'counter_accepted',
  escalate: 'escalated',
  ship_return: 'return_shipped',
  arbitrate_refund: 'arbitrated',
  arbitrate_reject: 'arbitrated',
  fast_refund: 'auto_approved',
  auto_approve: 'auto_approved',
  counter_lapsed: 'closed',
  return_ship_lapsed: 'closed',
  return_confirm_lapsed: 'auto_approved',
};

const SYSTEM_TEXT: Partial<Record<CaseAction, string>> = {
  fast_refund: '极速退款 / fast refund',
  auto_approve: '商家超时未处理，系统自动同意 / the merchant did not answer in time: approved',
  counter_lapsed: '买家超时未回应协商方案，售后关闭 / the counter-offer was not answered in time: closed',
  return_ship_lapsed: '买家超时未寄回，售后关闭 / the goods were not shipped back in time: closed',
  return_confirm_lapsed:
    '商家超时未确认收货，系统自动退款 / the merchant did not confirm the returned parcel in time: refunded',
};

/** An action's reason (a refusal, an arbitration) and its note, in characters after trimming. */
export const MAX_ACTION_REASON_CHARS = 200;
export const MAX_ACTION_NOTE_CHARS = 500;

function text(value: string | undefined, field: string, max: number, required: boolean): string | null {
  const v = (value ?? '').trim();
  if (!v) {
    if (required) throw invalid(`${field} is required`, { field });
    return null;
  }
  if (v.length > max) throw invalid(`${field} must be at most ${max} characters`, { field });
  return v;
}

const notAllowed = (c: CaseRow, action: string): DomainError =>
  new DomainError('ACTION_NOT_ALLOWED', `"${action}" is not possible on a ${c.status} ${c.type} case`, {
    status: c.status,
    type: c.type,
    action,
  });

/**
 * Applies `action` by `party`. Parties' actions that the table or the case refuses throw
 * (ACTION_NOT_ALLOWED, COUNTER_ALREADY_MADE, …); the system's return false instead.
 */
export async function applyAction(
  tx: Tx,
  c: CaseRow,
  action: CaseAction,
  party: Party,
  actorId: string | null,
  input: ActionInput,
  now: number,
): Promise<boolean> {
  const to = nextStatus(c.type, c.status, action, party);
  if (!to) {
    if (party === 'system') return false;
    if (action === 'counter' && c.counter_fen !== null)
      throw new DomainError('COUNTER_ALREADY_MADE', 'a counter-offer can be made once');
    throw notAllowed(c, action);
  }
  const { rules } = await lineRules(tx, c.order_line_id);
  const refundable = await lineRefundable(tx, c.order_line_id);
  const patch: CasePatch = {};
  let note = text(input.note, 'note', MAX_ACTION_NOTE_CHARS, false);
  let amount: number | null = null; // shown on the action's event
  let refund: number | null = null; // money to move when the case ends refunded

  switch (action) {
    case 'reject':
    case 'reject_return':
      note = text(input.reason, 'reason', MAX_ACTION_REASON_CHARS, true);
      patch.decided_at = now;
      break;
    case 'counter': {
      if (c.counter_fen !== null) throw new DomainError('COUNTER_ALREADY_MADE', 'a counter-offer can be made once');
      const offer = input.amountFen;
      if (offer === undefined) throw invalid('amountFen is required for a counter-offer', { field: 'amountFen' });
      if (counterVerdict(offer, c.requested_fen, refundable) !== 'ok') {
        throw new DomainError(
          'COUNTER_EXCEEDS_PAID',
          'a counter-offer must be at least 1 fen, below what was asked and within what was paid',
          { requestedFen: c.requested_fen, refundableFen: refundable },
        );
      }
      note = text(input.note, 'note', MAX_ACTION_NOTE_CHARS, true);
      patch.counter_fen = offer;
      patch.decided_at = now;
      amount = offer;
      break;
    }
    case 'escalate':
      if (c.decided_at === null || now > c.decided_at + ESCALATION_WINDOW_MS) {
        throw new DomainError('CLAIM_WINDOW_CLOSED', 'a decision can be escalated within 7 days');
      }
      break;
    case 'ship_return': {
      const p = checkParcelRef(input);
      Object.assign(patch, { return_carrier: p.carrier, return_tracking_no: p.trackingNo, return_shipped_at: now });
      note = `${p.carrier} ${p.trackingNo}`;
      break;
    }
    case 'reship': {
      const p = checkParcelRef(input);
      Object.assign(patch, { reship_carrier: p.carrier, reship_tracking_no: p.trackingNo, reshipped_at: now });
      note = `${p.carrier} ${p.trackingNo}`;
      break;
    }
    case 'arbitrate_refund':
      note = text(input.reason, 'reason', MAX_ACTION_REASON_CHARS, true);
      refund = checkNamedAmount(input.amountFen, refundable);
      amount = refund;
      break;
    case 'arbitrate_reject':
      note = text(input.reason, 'reason', MAX_ACTION_REASON_CHARS, true);
      break;
    case 'accept_counter':
      refund = grantableFen(c.counter_fen ?? 0, refundable);
      break;
    default:
      if (party === 'system') note = SYSTEM_TEXT[action] ?? null;
      if (to === 'refunded') refund = grantableFen(c.requested_fen, refundable);
  }
  if (to === 'refunded' && refund === null) refund = grantableFen(c.requested_fen, refundable);
  if (refund !== null) patch.refund_fen = refund;

  if (!(await moveCase(tx, c, to, patch, rules, now))) {
    if (party === 'system') return false;
    throw notAllowed(c, action);
  }
  if (action === 'reship') {
    await takeReplacementFromStock(tx, c.order_line_id, now);
    await addEvent(tx, c.id, { actor: party, actorId, kind: 'return_confirmed', text: null }, now);
  }
  await addEvent(tx, c.id, { actor: party, actorId, kind: EVENT_OF[action], text: note, amountFen: amount }, now);

  if (to === 'refunded' && refund !== null && refund > 0) {
    await refundCaseLine(tx, c, refund, now);
    await addEvent(tx, c.id, { actor: 'system', actorId: null, kind: 'refunded', amountFen: refund }, now);
    if (c.type === 'refund_unshipped') await settleUnshippedLine(tx, c, orderActor(c, party, actorId), now);
  }
  if (to === 'refunded' && (c.return_shipped_at ?? patch.return_shipped_at ?? null) !== null) {
    const paid = await payReturnInsurance(tx, c, now);
    if (paid > 0)
      await addEvent(tx, c.id, { actor: 'system', actorId: null, kind: 'insurance_paid', amountFen: paid }, now);
  }
  if (to === 'closed' && action === 'arbitrate_reject')
    await addEvent(tx, c.id, { actor: 'admin', actorId, kind: 'closed', text: null }, now);
  await emit(
    tx,
    `aftersales.${to}`,
    c.id,
    {
      caseId: c.id,
      orderId: c.order_id,
      shopId: c.shop_id,
      type: c.type,
      from: c.status,
      to,
      action,
      party,
      refundFen: refund ?? 0,
    },
    now,
  );
  return true;
}

/** Who cancels the order when a refund before shipping empties it: the merchant or admin who decided, else the buyer who asked. */
function orderActor(c: CaseRow, party: Party, actorId: string | null): TransitionActor {
  if (party === 'merchant' || party === 'admin') return { kind: party, id: actorId };
  return { kind: 'buyer', id: c.buyer_id };
}

/** The replacement parcel of an exchange leaves the warehouse: the line's SKU and quantity come out of stock. */
async function takeReplacementFromStock(tx: Tx, orderLineId: string, now: number): Promise<void> {
  const line = await tx
    .selectFrom('order_lines')
    .select(['sku_id', 'quantity'])
    .where('id', '=', orderLineId)
    .executeTakeFirstOrThrow();
  if (!(await takeFromStock(tx, line.sku_id, Number(line.quantity), now))) {
    throw new DomainError('OUT_OF_STOCK', 'not enough stock to send the replacement; receive stock first', {
      skuId: line.sku_id,
    });
  }
}

/** A case moved between states (`aftersales.refunded`, …). */
export interface CaseMovedEvent {
  caseId: string;
  orderId: string;
  shopId: string;
  type: CaseType;
  from: CaseStatus;
  to: CaseStatus;
  action: CaseAction;
  party: Party;
  refundFen: number;
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents extends Record<`aftersales.${Exclude<CaseStatus, 'requested'>}`, CaseMovedEvent> {
    'aftersales.requested': { caseId: string; orderId: string; shopId: string; type: CaseType; requestedFen: number };
  }
}
