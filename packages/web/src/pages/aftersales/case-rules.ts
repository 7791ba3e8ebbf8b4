/**
 * Pure rules of the after-sales screens: countdown text, which reasons fit a case type, what a
 * claim asks for, which action buttons to show (from the server's allowedActions) and what
 * each needs, and the checks a form makes before it is sent. The server stays the judge.
 */
import type { CaseStatus, CaseType, ReasonCode } from '../../api/aftersales';

export const FINAL_STATUSES: readonly CaseStatus[] = ['refunded', 'completed', 'closed', 'cancelled'];

/** Open = someone still has something to do (a rejected case may still be escalated). */
export function isOpen(status: CaseStatus): boolean {
  return !FINAL_STATUSES.includes(status) && status !== 'rejected';
}

export interface Countdown {
  text: string;
  /** Under two hours left (or overdue): shown red. */
  urgent: boolean;
  overdue: boolean;
}

const HOUR = 3_600_000;

/** "剩余 1天3小时" / "1d 3h left"; hours and minutes under a day, minutes and seconds under an hour. */
export function formatCountdown(dueAt: number, now: number, lang: string): Countdown {
  const left = dueAt - now;
  const total = Math.floor(Math.abs(left) / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const zh = lang.startsWith('zh');
  let span: string;
  if (d > 0) span = zh ? `${d}天${h}小时` : `${d}d ${h}h`;
  else if (h > 0) span = zh ? `${h}小时${m}分` : `${h}h ${m}m`;
  else span = zh ? `${m}分${s}秒` : `${m}m ${s}s`;
  if (left < 0) return { text: zh ? `已超时 ${span}` : `overdue ${span}`, urgent: true, overdue: true };
  return { text: zh ? `剩余 ${span}` : `${span} left`, urgent: left < 2 * HOUR, overdue: false };
}

/** Who the running deadline waits for. */
export function deadlineParty(kind: string): 'buyer' | 'merchant' | 'admin' {
  if (kind === 'return_ship' || kind.includes('counter_reply')) return 'buyer';
  if (kind.includes('escalat') || kind.includes('arbitr')) return 'admin';
  return 'merchant';
}

/** The reasons offered for a case type, most likely first. `no_reason` only where 7-day no-reason applies. */
export function reasonsFor(type: CaseType, sevenDayNoReason: boolean): ReasonCode[] {
  switch (type) {
    case 'refund_unshipped':
      return ['changed_mind', 'late', 'other'];
    case 'refund_only':
      return ['not_received', 'missing', 'quality', 'damaged', 'not_as_described', 'other'];
    case 'return_refund':
      return [
        ...(sevenDayNoReason ? (['no_reason'] as const) : []),
        'quality',
        'damaged',
        'wrong_item',
        'not_as_described',
        'changed_mind',
        'other',
      ];
    case 'exchange':
      return ['quality', 'damaged', 'wrong_item', 'not_as_described', 'other'];
    case 'fresh_claim':
      return ['spoiled', 'damaged', 'quality', 'other'];
  }
}

/** A fresh-produce claim asks for round(refundable × share spoiled / 100), half up, at least 1 fen (as the server does). */
export function claimFen(refundableFen: number, spoiledPercent: number): number {
  if (refundableFen <= 0) return 0;
  return Math.min(refundableFen, Math.max(1, Math.floor((refundableFen * spoiledPercent + 50) / 100)));
}

export interface ClaimDraft {
  type: CaseType;
  reasonCode: ReasonCode | null;
  refundableFen: number;
  amountFen: number | null;
  spoiledPercent: number;
  photos: number;
  uploading: boolean;
  note: string;
}

/** The first thing wrong with a claim form, as an i18n key under aftersales.form.*, or null. */
export function claimProblem(d: ClaimDraft): string | null {
  if (!d.reasonCode) return 'needReason';
  if (d.uploading) return 'stillUploading';
  if (d.note.length > 500) return 'noteTooLong';
  if (d.type === 'fresh_claim') {
    if (d.photos < 1) return 'needPhoto';
    if (!Number.isInteger(d.spoiledPercent) || d.spoiledPercent < 1 || d.spoiledPercent > 100) return 'badPercent';
    if (claimFen(d.refundableFen, d.spoiledPercent) < 1) return 'badAmount';
    return null;
  }
  if (d.type === 'exchange') return null;
  if (d.amountFen === null || d.amountFen < 1 || d.amountFen > d.refundableFen) return 'badAmount';
  return null;
}

/** A merchant's counter-offer: at least ¥0.01, below what was asked, within what is refundable. */
export function counterProblem(amountFen: number | null, requestedFen: number, refundableFen: number): string | null {
  if (amountFen === null || !Number.isInteger(amountFen) || amountFen < 1) return 'badAmount';
  if (amountFen >= requestedFen) return 'counterNotBelow';
  if (amountFen > refundableFen) return 'counterAboveRefundable';
  return null;
}

/** An arbitration refund: 1 fen up to what is refundable. */
export function arbitrationProblem(
  decision: 'refund' | 'reject',
  amountFen: number | null,
  refundableFen: number,
  reason: string,
): string | null {
  if (reason.trim().length < 1) return 'needReasonText';
  if (decision === 'reject') return null;
  if (amountFen === null || !Number.isInteger(amountFen) || amountFen < 1 || amountFen > refundableFen)
    return 'badAmount';
  return null;
}

export type ActionForm = 'none' | 'reason' | 'amount' | 'parcel' | 'confirm';

/** What an action asks before it is sent. */
export function formOf(action: string): ActionForm {
  switch (action) {
    case 'reject':
    case 'reject_return':
      return 'reason';
    case 'counter':
      return 'amount';
    case 'ship_return':
    case 'reship':
      return 'parcel';
    case 'cancel':
    case 'escalate':
    case 'accept_counter':
    case 'approve':
    case 'confirm_return':
      return 'confirm';
    default:
      return 'none';
  }
}

const ORDER: Record<'buyer' | 'merchant', readonly string[]> = {
  buyer: ['ship_return', 'accept_counter', 'escalate', 'cancel'],
  merchant: ['approve', 'confirm_return', 'reship', 'counter', 'reject', 'reject_return'],
};

/** The buttons for this viewer, in a stable order, primary first; unknown actions are left out. */
export function actionButtons(
  allowed: readonly string[],
  role: 'buyer' | 'merchant' | 'admin',
): Array<{ action: string; primary: boolean; danger: boolean }> {
  if (role === 'admin') return [];
  return ORDER[role]
    .filter((a) => allowed.includes(a))
    .map((action, i) => ({
      action,
      primary: i === 0 && !['cancel', 'reject', 'reject_return'].includes(action),
      danger: ['cancel', 'reject', 'reject_return'].includes(action),
    }));
}

/** Yuan text ("12.5") → fen, or null when it is not an amount with at most two decimals. */
export function yuanTextToFen(text: string): number | null {
  const v = text.trim();
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(v)) return null;
  const [yuan, cents = ''] = v.split('.');
  return Number(yuan) * 100 + Number(cents.padEnd(2, '0'));
}

/** fen → "12.50" for an input's starting value. */
export function fenToYuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
