/**
 * Violation points: recording (one transaction with its milestone penalties), appeals and their
 * decisions, the rule catalogue, the views of each console, and the penalty queries other modules
 * enforce through. The only writer of the violation_* tables.
 */
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { requireRole } from '../accounts/index.js';
import { DomainError, notFound, newId } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { compiledOnce } from '../storage/index.js';
import { sql, type RawBuilder } from 'kysely';
import { cancelTimers, scheduleTimer, type TimerRegistry } from '../timers/index.js';
import {
  appealWindow,
  catalogueRule,
  creditScore,
  DEFAULT_CATALOGUE,
  DEFAULT_EXPIRY_MS,
  isRuleCode,
  LEDGERS,
  MAX_RULE_MILLI_POINTS,
  nextThreshold,
  penaltiesForCrossing,
  pointsInForce,
  thresholdsLost,
  CREDIT_MAX,
  MILLI,
  type Ledger,
  type PenaltyKind,
  type SubjectKind,
  type ViolationRuleCode,
} from './rules.js';
import { appealEvidenceSource } from './appeal-evidence.js';

export type ViolationStatus = 'in_force' | 'revoked';
export type AppealStatus = 'pending' | 'granted' | 'rejected';
export type PenaltyStatus = 'active' | 'ended' | 'lifted';
export type TimelineKind =
  | 'recorded'
  | 'penalty_applied'
  | 'appeal_filed'
  | 'appeal_granted'
  | 'appeal_rejected'
  | 'penalty_lifted'
  | 'points_removed';
export type ViolationErrorCode =
  | 'APPEAL_WINDOW_CLOSED'
  | 'APPEAL_LIMIT_REACHED'
  | 'APPEAL_PENDING'
  | 'VIOLATION_REVOKED'
  | 'APPEAL_DECIDED'
  | 'RULE_NOT_FOR_SUBJECT'
  | 'EVIDENCE_NOT_FOUND'
  | 'VIOLATION_EXISTS';
export type ViolationEventTopic =
  | 'violation.recorded'
  | 'violation.penalty_applied'
  | 'violation.penalty_lifted'
  | 'violation.appeal_decided';

export const PENALTY_END_TIMER = 'violation.penalty_end';
export const APPEAL_TEXT_MAX = 1000;
export const APPEAL_EVIDENCE_MAX = 6;
export const DECISION_REASON_MAX = 500;

/** How long points count: 90 days unless VIOLATION_EXPIRY_DAYS says otherwise. */
export function expiryMs(): number {
  const days = Number(process.env.VIOLATION_EXPIRY_DAYS);
  return Number.isInteger(days) && days > 0 && days <= 3650 ? days * 86_400_000 : DEFAULT_EXPIRY_MS;
}

const err = (code: ViolationErrorCode, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, details);

// ---- catalogue -----------------------------------------------------------------------------------

export interface CatalogueEntry {
  code: ViolationRuleCode;
  ledger: Ledger;
  milliPoints: number;
  defaultMilliPoints: number;
  subjects: readonly SubjectKind[];
  manual: boolean;
  updatedAt: number | null;
}

export async function listCatalogue(db: Db | Tx): Promise<CatalogueEntry[]> {
  const rows = await db.selectFrom('violation_rules').selectAll().execute();
  const edited = new Map(rows.map((r) => [r.code, r]));
  return DEFAULT_CATALOGUE.map((d) => {
    const e = edited.get(d.code);
    return {
      code: d.code,
      ledger: d.ledger,
      milliPoints: e ? Number(e.milli_points) : d.milliPoints,
      defaultMilliPoints: d.milliPoints,
      subjects: d.subjects,
      manual: d.manual,
      updatedAt: e ? Number(e.updated_at) : null,
    };
  });
}

async function rulePoints(tx: Tx | Db, code: ViolationRuleCode): Promise<number> {
  const r = await tx.selectFrom('violation_rules').select('milli_points').where('code', '=', code).executeTakeFirst();
  return r ? Number(r.milli_points) : catalogueRule(code).milliPoints;
}

/** An admin sets a rule's points (thousandths, 0–48 000); violations already recorded keep theirs. */
export async function setRulePoints(
  ctx: CoreContext,
  actor: Actor,
  code: string,
  milliPoints: number,
): Promise<CatalogueEntry> {
  requireRole(actor, 'admin');
  if (!isRuleCode(code)) throw notFound('violation rule', code);
  if (!Number.isInteger(milliPoints) || milliPoints < 0 || milliPoints > MAX_RULE_MILLI_POINTS)
    throw new DomainError('INVALID_INPUT', `points are 0–${MAX_RULE_MILLI_POINTS} thousandths`, {
      field: 'milliPoints',
    });
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('violation_rules')
    .values({ code, milli_points: milliPoints, updated_by: actor.userId, updated_at: now })
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({ milli_points: milliPoints, updated_by: actor.userId, updated_at: now }),
    )
    .execute();
  return (await listCatalogue(ctx.db)).find((e) => e.code === code)!;
}

// ---- recording -----------------------------------------------------------------------------------

export interface RecordInput {
  subjectKind: SubjectKind;
  subjectId: string;
  rule: ViolationRuleCode;
  /** What it is about (order, case, video, message…): a rule is broken once per subject and ref. */
  refId: string;
  detail?: Record<string, unknown>;
  recordedBy?: string | null;
}

async function ledgerRecords(tx: Tx | Db, kind: SubjectKind, subjectId: string, ledger: Ledger) {
  const rows = await tx
    .selectFrom('violations')
    .select(['milli_points', 'created_at', 'expires_at', 'status'])
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .where('ledger', '=', ledger)
    .execute();
  return rows.map((r) => ({
    milliPoints: Number(r.milli_points),
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    revoked: r.status === 'revoked',
  }));
}

async function addEvent(
  tx: Tx,
  violationId: string,
  kind: TimelineKind,
  detail: Record<string, unknown>,
  actorId: string | null,
  now: number,
): Promise<void> {
  await tx
    .insertInto('violation_events')
    .values({
      id: newId('violationEvent', now),
      violation_id: violationId,
      kind,
      detail: JSON.stringify(detail),
      actor_id: actorId,
      at: now,
    })
    .execute();
}

/**
 * Records a violation in the caller's transaction, with the catalogue's points, and applies the
 * penalties of every threshold the points in force now cross. Returns the id, or null when this
 * rule was already recorded for this subject and ref (detectors may run twice).
 */
export async function recordViolation(tx: Tx, input: RecordInput, now: number): Promise<string | null> {
  const rule = catalogueRule(input.rule);
  if (!rule.subjects.includes(input.subjectKind))
    throw err('RULE_NOT_FOR_SUBJECT', `${input.rule} is not a rule for a ${input.subjectKind}`, { rule: input.rule });
  const milliPoints = await rulePoints(tx, input.rule);
  const before = pointsInForce(await ledgerRecords(tx, input.subjectKind, input.subjectId, rule.ledger), now);
  const id = newId('violation', now);
  const inserted = await tx
    .insertInto('violations')
    .values({
      id,
      subject_kind: input.subjectKind,
      subject_id: input.subjectId,
      rule: input.rule,
      ledger: rule.ledger,
      ref_id: input.refId,
      milli_points: milliPoints,
      status: 'in_force',
      appeals_used: 0,
      detail: JSON.stringify(input.detail ?? {}),
      recorded_by: input.recordedBy ?? null,
      created_at: now,
      expires_at: now + expiryMs(),
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['subject_kind', 'subject_id', 'rule', 'ref_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
  await addEvent(
    tx,
    id,
    'recorded',
    { milliPoints, rule: input.rule, ledger: rule.ledger },
    input.recordedBy ?? null,
    now,
  );
  await emit(
    tx,
    'violation.recorded',
    id,
    { violationId: id, subjectKind: input.subjectKind, subjectId: input.subjectId, rule: input.rule, milliPoints },
    now,
  );
  await applyCrossing(
    tx,
    { kind: input.subjectKind, id: input.subjectId, ledger: rule.ledger, violationId: id },
    before,
    before + milliPoints,
    now,
  );
  return id;
}

async function applyCrossing(
  tx: Tx,
  s: { kind: SubjectKind; id: string; ledger: Ledger; violationId: string },
  before: number,
  after: number,
  now: number,
): Promise<void> {
  for (const p of penaltiesForCrossing(before, after, now)) {
    const open = await tx
      .selectFrom('violation_penalties')
      .select('id')
      .where('subject_kind', '=', s.kind)
      .where('subject_id', '=', s.id)
      .where('ledger', '=', s.ledger)
      .where('milestone', '=', p.milestone)
      .where('kind', '=', p.kind)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (open) continue;
    const pid = newId('violationPenalty', now);
    await tx
      .insertInto('violation_penalties')
      .values({
        id: pid,
        subject_kind: s.kind,
        subject_id: s.id,
        ledger: s.ledger,
        milestone: p.milestone,
        kind: p.kind,
        multiplier_permille: p.multiplierPermille,
        status: 'active',
        starts_at: p.startsAt,
        ends_at: p.endsAt,
        lifted_at: null,
        lift_reason: null,
        created_at: now,
      })
      .execute();
    await scheduleTimer(
      tx,
      { kind: PENALTY_END_TIMER, subjectId: pid, dueAt: p.endsAt, scopeId: s.kind === 'shop' ? s.id : null },
      now,
    );
    await addEvent(
      tx,
      s.violationId,
      'penalty_applied',
      {
        penaltyId: pid,
        kind: p.kind,
        milestone: p.milestone,
        endsAt: p.endsAt,
        multiplierPermille: p.multiplierPermille,
      },
      null,
      now,
    );
    await emit(
      tx,
      'violation.penalty_applied',
      pid,
      { penaltyId: pid, subjectKind: s.kind, subjectId: s.id, kind: p.kind, milestone: p.milestone, endsAt: p.endsAt },
      now,
    );
  }
}

/** Registers the timer that ends a penalty at its end date. */
export function registerViolationTimers(registry: TimerRegistry): TimerRegistry {
  registry.register(PENALTY_END_TIMER, async (tx, timer, now) => {
    const done = await tx
      .updateTable('violation_penalties')
      .set({ status: 'ended' })
      .where('id', '=', timer.subjectId)
      .where('status', '=', 'active')
      .returning(['subject_kind', 'subject_id', 'kind'])
      .executeTakeFirst();
    if (done)
      await emit(
        tx,
        'violation.penalty_lifted',
        timer.subjectId,
        {
          penaltyId: timer.subjectId,
          subjectKind: done.subject_kind,
          subjectId: done.subject_id,
          kind: done.kind,
          reason: 'ended',
        },
        now,
      );
  });
  return registry;
}

/** An admin records a violation by hand (a confirmed fake order, a confirmed report…). */
export async function recordByHand(
  ctx: CoreContext,
  actor: Actor,
  input: { subjectKind: SubjectKind; subjectId: string; rule: string; refId: string; note: string },
): Promise<ViolationView> {
  requireRole(actor, 'admin');
  if (!isRuleCode(input.rule)) throw notFound('violation rule', input.rule);
  const rule = input.rule;
  if (input.subjectKind === 'shop') {
    if (!(await ctx.db.selectFrom('shops').select('id').where('id', '=', input.subjectId).executeTakeFirst()))
      throw notFound('shop', input.subjectId);
  } else if (!(await ctx.db.selectFrom('users').select('id').where('id', '=', input.subjectId).executeTakeFirst()))
    throw notFound('creator', input.subjectId);
  const id = await ctx.db.transaction().execute(async (tx) =>
    recordViolation(
      tx,
      {
        subjectKind: input.subjectKind,
        subjectId: input.subjectId,
        rule,
        refId: input.refId,
        detail: { note: input.note },
        recordedBy: actor.userId,
      },
      ctx.clock.now(),
    ),
  );
  if (!id) throw err('VIOLATION_EXISTS', 'this rule is already recorded for this subject and reference');
  return violationView(ctx.db, id, ctx.clock.now());
}

// ---- views ---------------------------------------------------------------------------------------

export interface TimelineEntry {
  kind: TimelineKind;
  detail: Record<string, unknown>;
  actorId: string | null;
  at: number;
}

export interface AppealView {
  id: string;
  violationId: string;
  attempt: number;
  text: string;
  evidence: Array<{ id: string; url: string }>;
  status: AppealStatus;
  decisionReason: string | null;
  createdAt: number;
  decidedAt: number | null;
}

export interface ViolationView {
  id: string;
  subjectKind: SubjectKind;
  subjectId: string;
  rule: ViolationRuleCode;
  ledger: Ledger;
  refId: string;
  milliPoints: number;
  status: ViolationStatus;
  inForce: boolean;
  detail: Record<string, unknown>;
  createdAt: number;
  expiresAt: number;
  appeals: AppealView[];
  /** Until when an appeal may be filed, or why not. */
  appeal: { open: true; attempt: number; until: number } | { open: false; reason: string };
  timeline: TimelineEntry[];
}

export interface PenaltyView {
  id: string;
  ledger: Ledger;
  milestone: number;
  kind: PenaltyKind;
  multiplierPermille: number | null;
  status: PenaltyStatus;
  startsAt: number;
  endsAt: number;
  liftedAt: number | null;
  liftReason: string | null;
}

type AppealRow = {
  id: string;
  violation_id: string;
  attempt: number;
  text: string;
  evidence: string;
  status: string;
  decision_reason: string | null;
  created_at: number;
  decided_at: number | null;
};
const appealView = (a: AppealRow): AppealView => ({
  id: a.id,
  violationId: a.violation_id,
  attempt: Number(a.attempt),
  text: a.text,
  evidence: JSON.parse(a.evidence) as AppealView['evidence'],
  status: a.status as AppealStatus,
  decisionReason: a.decision_reason,
  createdAt: Number(a.created_at),
  decidedAt: a.decided_at === null ? null : Number(a.decided_at),
});

async function violationViews(
  db: Db | Tx,
  rows: Array<{
    id: string;
    subject_kind: string;
    subject_id: string;
    rule: string;
    ledger: string;
    ref_id: string;
    milli_points: number;
    status: string;
    detail: string;
    created_at: number;
    expires_at: number;
  }>,
  now: number,
): Promise<ViolationView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [appeals, events] = await Promise.all([
    db.selectFrom('violation_appeals').selectAll().where('violation_id', 'in', ids).orderBy('attempt').execute(),
    db.selectFrom('violation_events').selectAll().where('violation_id', 'in', ids).orderBy('id').execute(),
  ]);
  return rows.map((r) => {
    const mine = appeals.filter((a) => a.violation_id === r.id).map(appealView);
    const w = appealWindow(
      {
        createdAt: Number(r.created_at),
        revoked: r.status === 'revoked',
        appeals: mine.map((a) => ({ status: a.status, decidedAt: a.decidedAt })),
      },
      now,
    );
    return {
      id: r.id,
      subjectKind: r.subject_kind as SubjectKind,
      subjectId: r.subject_id,
      rule: r.rule as ViolationRuleCode,
      ledger: r.ledger as Ledger,
      refId: r.ref_id,
      milliPoints: Number(r.milli_points),
      status: r.status as ViolationStatus,
      inForce: r.status === 'in_force' && now < Number(r.expires_at),
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      createdAt: Number(r.created_at),
      expiresAt: Number(r.expires_at),
      appeals: mine,
      appeal: w.ok
        ? { open: true as const, attempt: w.attempt, until: w.until }
        : { open: false as const, reason: w.code },
      timeline: events
        .filter((e) => e.violation_id === r.id)
        .map((e) => ({
          kind: e.kind as TimelineKind,
          detail: JSON.parse(e.detail) as Record<string, unknown>,
          actorId: e.actor_id,
          at: Number(e.at),
        })),
    };
  });
}

export async function violationView(db: Db | Tx, id: string, now: number): Promise<ViolationView> {
  const r = await db.selectFrom('violations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('violation', id);
  return (await violationViews(db, [r], now))[0]!;
}

const penaltyView = (p: {
  id: string;
  ledger: string;
  milestone: number;
  kind: string;
  multiplier_permille: number | null;
  status: string;
  starts_at: number;
  ends_at: number;
  lifted_at: number | null;
  lift_reason: string | null;
}): PenaltyView => ({
  id: p.id,
  ledger: p.ledger as Ledger,
  milestone: Number(p.milestone),
  kind: p.kind as PenaltyKind,
  multiplierPermille: p.multiplier_permille === null ? null : Number(p.multiplier_permille),
  status: p.status as PenaltyStatus,
  startsAt: Number(p.starts_at),
  endsAt: Number(p.ends_at),
  liftedAt: p.lifted_at === null ? null : Number(p.lifted_at),
  liftReason: p.lift_reason,
});

export interface ViolationBoard {
  ledgers: Array<{ ledger: Ledger; milliPoints: number; next: { points: number; caution: boolean } | null }>;
  penalties: PenaltyView[];
  items: ViolationView[];
}

async function board(
  db: Db,
  kind: SubjectKind,
  subjectId: string,
  now: number,
  limit: number,
): Promise<ViolationBoard> {
  const rows = await db
    .selectFrom('violations')
    .selectAll()
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const ledgers = await Promise.all(
    LEDGERS.map(async (ledger) => {
      const milliPoints = pointsInForce(await ledgerRecords(db, kind, subjectId, ledger), now);
      return { ledger, milliPoints, next: nextThreshold(milliPoints) };
    }),
  );
  const penalties = await db
    .selectFrom('violation_penalties')
    .selectAll()
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return { ledgers, penalties: penalties.map(penaltyView), items: await violationViews(db, rows, now) };
}

/** 商家后台 · 违规管理: points in force per ledger, penalties, records with their timelines. */
export async function shopViolationBoard(
  ctx: CoreContext,
  actor: Actor,
  shopId: string,
  limit = 100,
): Promise<ViolationBoard> {
  if (!actor.shops.has(shopId) && !actor.roles.has('admin')) throw notFound('shop', shopId);
  return board(ctx.db, 'shop', shopId, ctx.clock.now(), limit);
}

export interface CreditView {
  score: number;
  max: number;
  history: ViolationView[];
  penalties: PenaltyView[];
}

/** 达人中心 · 信用分: the creator's credit score and its history. */
export async function creatorCredit(ctx: CoreContext, actor: Actor): Promise<CreditView> {
  const now = ctx.clock.now();
  const b = await board(ctx.db, 'creator', actor.userId, now, 100);
  const all = await ctx.db
    .selectFrom('violations')
    .select(['milli_points', 'created_at'])
    .where('subject_kind', '=', 'creator')
    .where('subject_id', '=', actor.userId)
    .where('status', '=', 'in_force')
    .execute();
  const score = creditScore(
    all.map((r) => ({ at: Number(r.created_at), milliPoints: Number(r.milli_points) })),
    now,
  );
  return { score, max: CREDIT_MAX * MILLI, history: b.items, penalties: b.penalties };
}

/** A shop's records in the old flat shape (points and items), for the fulfilment card. */
export async function shopPointRecords(db: Db, shopId: string, now: number, limit = 100) {
  const rows = await db
    .selectFrom('violations')
    .selectAll()
    .where('subject_kind', '=', 'shop')
    .where('subject_id', '=', shopId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const all = await db
    .selectFrom('violations')
    .select(['milli_points', 'created_at', 'expires_at', 'status'])
    .where('subject_kind', '=', 'shop')
    .where('subject_id', '=', shopId)
    .execute();
  const milli = pointsInForce(
    all.map((r) => ({
      milliPoints: Number(r.milli_points),
      createdAt: Number(r.created_at),
      expiresAt: Number(r.expires_at),
      revoked: r.status === 'revoked',
    })),
    now,
  );
  return {
    milliPoints: milli,
    items: rows.map((r) => ({
      id: r.id,
      rule: r.rule,
      refId: r.ref_id,
      milliPoints: Number(r.milli_points),
      status: r.status as ViolationStatus,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      at: Number(r.created_at),
    })),
  };
}

/** Points in force per shop (thousandths) since `since`, for scores other modules compute. */
export async function shopPointsSince(
  db: Db,
  shopIds: readonly string[],
  since: number,
  until: number,
): Promise<Map<string, number>> {
  if (shopIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('violations')
    .select(['subject_id', (eb) => eb.fn.sum<number>('milli_points').as('m')])
    .where('subject_kind', '=', 'shop')
    .where('subject_id', 'in', [...shopIds])
    .where('status', '=', 'in_force')
    .where('created_at', '>=', since)
    .where('created_at', '<=', until)
    .groupBy('subject_id')
    .execute();
  return new Map(rows.map((r) => [r.subject_id, Number(r.m ?? 0)]));
}

// ---- appeals -------------------------------------------------------------------------------------

function canAct(actor: Actor, v: { subject_kind: string; subject_id: string }): boolean {
  return v.subject_kind === 'shop' ? actor.shops.has(v.subject_id) : v.subject_id === actor.userId;
}

/** The shop or creator appeals a violation with text and evidence photos (uploaded as after-sales evidence). */
export async function fileAppeal(
  ctx: CoreContext,
  actor: Actor,
  violationId: string,
  input: { text: string; evidence?: readonly string[] },
): Promise<ViolationView> {
  const text = input.text.trim();
  if (text.length === 0 || text.length > APPEAL_TEXT_MAX)
    throw new DomainError('INVALID_INPUT', `the appeal text is 1–${APPEAL_TEXT_MAX} characters`, { field: 'text' });
  const evidenceIds = [...new Set(input.evidence ?? [])];
  if (evidenceIds.length > APPEAL_EVIDENCE_MAX)
    throw new DomainError('INVALID_INPUT', `at most ${APPEAL_EVIDENCE_MAX} photos`, { field: 'evidence' });
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const v = await tx.selectFrom('violations').selectAll().where('id', '=', violationId).executeTakeFirst();
    if (!v || !canAct(actor, v)) throw notFound('violation', violationId);
    const past = await tx
      .selectFrom('violation_appeals')
      .select(['status', 'decided_at'])
      .where('violation_id', '=', v.id)
      .orderBy('attempt')
      .execute();
    const w = appealWindow(
      {
        createdAt: Number(v.created_at),
        revoked: v.status === 'revoked',
        appeals: past.map((a) => ({
          status: a.status as AppealStatus,
          decidedAt: a.decided_at === null ? null : Number(a.decided_at),
        })),
      },
      now,
    );
    if (!w.ok) {
      throw err(
        w.code,
        {
          APPEAL_WINDOW_CLOSED: 'the time to appeal this violation has passed',
          APPEAL_LIMIT_REACHED: 'a violation may be appealed twice',
          APPEAL_PENDING: 'an appeal of this violation is waiting for a decision',
          VIOLATION_REVOKED: 'this violation was already removed',
        }[w.code],
      );
    }
    let evidence: Array<{ id: string; url: string }> = [];
    if (evidenceIds.length) {
      // Photos uploaded through the after-sales evidence upload (its type and size checks); the appeal keeps them.
      evidence = await appealEvidenceSource(ctx)(tx, actor.userId, evidenceIds);
      if (evidence.length !== evidenceIds.length)
        throw err('EVIDENCE_NOT_FOUND', 'a photo was not found among your unused uploads', { field: 'evidence' });
    }
    const id = newId('violationAppeal', now);
    await tx
      .insertInto('violation_appeals')
      .values({
        id,
        violation_id: v.id,
        attempt: w.attempt,
        text,
        evidence: JSON.stringify(evidence),
        status: 'pending',
        filed_by: actor.userId,
        decided_by: null,
        decision_reason: null,
        created_at: now,
        decided_at: null,
      })
      .execute();
    await tx
      .updateTable('violations')
      .set({ appeals_used: w.attempt, updated_at: now })
      .where('id', '=', v.id)
      .execute();
    await addEvent(tx, v.id, 'appeal_filed', { appealId: id, attempt: w.attempt }, actor.userId, now);
    return violationView(tx, v.id, now);
  });
}

export interface AppealQueueItem extends AppealView {
  violation: ViolationView;
}

/** 平台管理 · 违规与申诉: appeals by status, oldest first. */
export async function listAppeals(
  ctx: CoreContext,
  actor: Actor,
  status: AppealStatus = 'pending',
  limit = 50,
): Promise<AppealQueueItem[]> {
  requireRole(actor, 'admin');
  const now = ctx.clock.now();
  const rows = await ctx.db
    .selectFrom('violation_appeals')
    .selectAll()
    .where('status', '=', status)
    .orderBy('created_at', status === 'pending' ? 'asc' : 'desc')
    .limit(limit)
    .execute();
  const vs = rows.length
    ? await ctx.db
        .selectFrom('violations')
        .selectAll()
        .where(
          'id',
          'in',
          rows.map((r) => r.violation_id),
        )
        .execute()
    : [];
  const views = new Map((await violationViews(ctx.db, vs, now)).map((v) => [v.id, v]));
  return rows.map((r) => ({ ...appealView(r), violation: views.get(r.violation_id)! }));
}

/**
 * An admin decides an appeal with a reason. Granted: the violation's points are removed and every
 * penalty whose threshold the subject no longer reaches in that ledger is lifted at once (its end
 * timer cancelled); all of it on the violation's timeline, in one transaction.
 */
export async function decideAppeal(
  ctx: CoreContext,
  actor: Actor,
  appealId: string,
  input: { grant: boolean; reason: string },
): Promise<ViolationView> {
  requireRole(actor, 'admin');
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > DECISION_REASON_MAX)
    throw new DomainError('INVALID_INPUT', `the reason is 1–${DECISION_REASON_MAX} characters`, { field: 'reason' });
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const decided = await tx
      .updateTable('violation_appeals')
      .set({
        status: input.grant ? 'granted' : 'rejected',
        decided_by: actor.userId,
        decision_reason: reason,
        decided_at: now,
      })
      .where('id', '=', appealId)
      .where('status', '=', 'pending')
      .returning(['violation_id'])
      .executeTakeFirst();
    if (!decided) {
      if (await tx.selectFrom('violation_appeals').select('id').where('id', '=', appealId).executeTakeFirst())
        throw err('APPEAL_DECIDED', 'this appeal was already decided');
      throw notFound('appeal', appealId);
    }
    const v = await tx
      .selectFrom('violations')
      .selectAll()
      .where('id', '=', decided.violation_id)
      .executeTakeFirstOrThrow();
    await addEvent(
      tx,
      v.id,
      input.grant ? 'appeal_granted' : 'appeal_rejected',
      { appealId, reason },
      actor.userId,
      now,
    );
    if (input.grant && v.status === 'in_force') {
      const kind = v.subject_kind as SubjectKind;
      const ledger = v.ledger as Ledger;
      const before = pointsInForce(await ledgerRecords(tx, kind, v.subject_id, ledger), now);
      await tx.updateTable('violations').set({ status: 'revoked', updated_at: now }).where('id', '=', v.id).execute();
      await addEvent(tx, v.id, 'points_removed', { milliPoints: Number(v.milli_points) }, actor.userId, now);
      const after = pointsInForce(await ledgerRecords(tx, kind, v.subject_id, ledger), now);
      const lost = thresholdsLost(before, after);
      if (lost.length) {
        const lifted = await tx
          .updateTable('violation_penalties')
          .set({ status: 'lifted', lifted_at: now, lift_reason: `appeal ${appealId}` })
          .where('subject_kind', '=', kind)
          .where('subject_id', '=', v.subject_id)
          .where('ledger', '=', ledger)
          .where('milestone', 'in', lost)
          .where('status', '=', 'active')
          .returning(['id', 'kind', 'milestone'])
          .execute();
        for (const p of lifted) {
          await cancelTimers(tx, [PENALTY_END_TIMER], p.id, now);
          await addEvent(
            tx,
            v.id,
            'penalty_lifted',
            { penaltyId: p.id, kind: p.kind, milestone: Number(p.milestone) },
            actor.userId,
            now,
          );
          await emit(
            tx,
            'violation.penalty_lifted',
            p.id,
            { penaltyId: p.id, subjectKind: kind, subjectId: v.subject_id, kind: p.kind, reason: 'appeal' },
            now,
          );
        }
      }
    }
    await emit(tx, 'violation.appeal_decided', appealId, { appealId, violationId: v.id, granted: input.grant }, now);
    return violationView(tx, v.id, now);
  });
}

// ---- enforcement ---------------------------------------------------------------------------------

/** The active penalty of this kind on a subject at `now`, if any. */
/** Checked by every checkout: compiled once. */
const penaltyInForce = compiledOnce((db, v) =>
  db
    .selectFrom('violation_penalties')
    .selectAll()
    .where('subject_kind', '=', v('subjectKind'))
    .where('subject_id', '=', v('subjectId'))
    .where('kind', '=', v('kind'))
    .where('status', '=', 'active')
    .where('starts_at', '<=', v('now') as unknown as number)
    .where('ends_at', '>', v('now') as unknown as number)
    .orderBy('ends_at', 'desc')
    .limit(1),
);

export async function activePenalty(
  db: Db | Tx,
  subjectKind: SubjectKind,
  subjectId: string,
  kind: PenaltyKind,
  now: number,
): Promise<PenaltyView | null> {
  const r = await penaltyInForce.takeFirst(db, { subjectKind, subjectId, kind, now });
  return r ? penaltyView(r) : null;
}

export type PenaltyRefusalCode = 'PAYOUT_HELD' | 'AFFILIATE_SUSPENDED' | 'SHOP_CLEARED_OUT';
const REFUSAL: Record<PenaltyRefusalCode, { kind: PenaltyKind; message: string }> = {
  PAYOUT_HELD: { kind: 'payout_hold', message: 'payouts of this shop are on hold for violation points' },
  AFFILIATE_SUSPENDED: {
    kind: 'affiliate_suspension',
    message: 'affiliate promotion of this shop is suspended for violation points',
  },
  SHOP_CLEARED_OUT: {
    kind: 'clear_out',
    message: 'this shop is cleared out for violation points and sells nothing new',
  },
};

/** Throws the stable 409 when the shop is under the penalty behind `code` (owners call this). */
export async function assertShopNotPenalised(
  db: Db | Tx,
  shopId: string,
  code: PenaltyRefusalCode,
  now: number,
): Promise<void> {
  const p = await activePenalty(db, 'shop', shopId, REFUSAL[code].kind, now);
  if (p) throw penaltyRefusal(code, shopId, p.endsAt);
}

/** The stable 409 of a shop under the penalty behind `code` until `until` (what assertShopNotPenalised throws). */
export function penaltyRefusal(code: PenaltyRefusalCode, shopId: string, until: number): DomainError {
  return new DomainError(code, REFUSAL[code].message, { shopId, until });
}

/**
 * The end of the penalty behind `code` in force at `now` on the shop in `shopIdColumn`, or null: a
 * column for another module's query over rows of shops (checkout reads it with its SKUs' prices,
 * in the same statement), decided as assertShopNotPenalised decides (the latest-ending one).
 */
export function shopPenaltyEndColumn(
  shopIdColumn: string,
  code: PenaltyRefusalCode,
  now: unknown,
): RawBuilder<number | null> {
  return sql<
    number | null
  >`(select max(p.ends_at) from violation_penalties p where p.subject_kind = 'shop' and p.subject_id = ${sql.ref(shopIdColumn)} and p.kind = ${REFUSAL[code].kind} and p.status = 'active' and p.starts_at <= ${now} and p.ends_at > ${now})`;
}

/** Shops under a penalty of `kind` at `now` (marketplace listings leave them out). */
export async function shopsUnderPenalty(db: Db | Tx, kind: PenaltyKind, now: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('violation_penalties')
    .select('subject_id')
    .where('subject_kind', '=', 'shop')
    .where('kind', '=', kind)
    .where('status', '=', 'active')
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .execute();
  return new Set(rows.map((r) => r.subject_id));
}

/** Every subject (shop or creator) under an active penalty of this kind, as `<subject kind>:<id>`. */
export async function subjectsUnderPenalty(db: Db | Tx, kind: PenaltyKind, now: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('violation_penalties')
    .select(['subject_kind', 'subject_id'])
    .where('kind', '=', kind)
    .where('status', '=', 'active')
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .execute();
  return new Set(rows.map((r) => `${r.subject_kind}:${r.subject_id}`));
}

/** The traffic multiplier of each throttled shop (several throttles multiply). */
export async function throttledShopMultipliers(db: Db | Tx, now: number): Promise<Map<string, number>> {
  return throttled(db, 'shop', now);
}

/** The traffic multiplier of each throttled creator (their videos in the feed). */
export async function throttledCreatorMultipliers(db: Db | Tx, now: number): Promise<Map<string, number>> {
  return throttled(db, 'creator', now);
}

async function throttled(db: Db | Tx, kind: SubjectKind, now: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('violation_penalties')
    .select(['subject_id', 'multiplier_permille'])
    .where('subject_kind', '=', kind)
    .where('kind', '=', 'traffic_throttle')
    .where('status', '=', 'active')
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .execute();
  const out = new Map<string, number>();
  for (const r of rows)
    out.set(r.subject_id, (out.get(r.subject_id) ?? 1) * (Number(r.multiplier_permille ?? 1000) / 1000));
  return out;
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'violation.recorded': {
      violationId: string;
      subjectKind: string;
      subjectId: string;
      rule: string;
      milliPoints: number;
    };
    'violation.penalty_applied': {
      penaltyId: string;
      subjectKind: string;
      subjectId: string;
      kind: string;
      milestone: number;
      endsAt: number | null;
    };
    'violation.penalty_lifted': {
      penaltyId: string;
      subjectKind: string;
      subjectId: string;
      kind: string;
      reason: 'ended' | 'appeal';
    };
    'violation.appeal_decided': { appealId: string; violationId: string; granted: boolean };
  }
}
