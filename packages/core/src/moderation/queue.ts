/**
 * The review queue: items opened by the rule book (a video held in review, with the hits as
 * evidence) or by reports, each with a review deadline on a durable timer; the admins' decisions,
 * carried out through the owning modules' public APIs in the same transaction, and the
 * `moderation.decided` event for whoever reacts to them (violation points, notices).
 */
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { requireRole } from '../accounts/index.js';
import { DomainError, notFound, newId } from '../platform/index.js';
import { emit } from '../outbox/index.js';
import { cancelTimer, scheduleTimer } from '../timers/index.js';
import type { FieldHit } from '../governance/index.js';
import {
  allowedDecisions,
  checkDecision,
  openKey,
  REVIEW_DUE_TIMER,
  type Decision,
  type ItemSource,
  type ItemStatus,
  type ReportReason,
  type ReportStatus,
  type SubjectKind,
} from './rules.js';
import { decideVideo, readSubject, takeDown } from './subjects.js';

/** The payload of `moderation.decided`. */
export interface ModerationDecidedEvent {
  itemId: string;
  subjectKind: SubjectKind;
  subjectId: string;
  ownerId: string | null;
  source: ItemSource;
  decision: Decision;
  reason: string;
  decidedBy: string;
}

/** The payload of `moderation.overdue`: the deadline passed with the item still open. */
export interface ModerationOverdueEvent {
  itemId: string;
  subjectKind: SubjectKind;
  subjectId: string;
}

export type ModerationEvent =
  | { topic: 'moderation.decided'; payload: ModerationDecidedEvent }
  | { topic: 'moderation.overdue'; payload: ModerationOverdueEvent };

export interface ReportView {
  id: string;
  reporterId: string;
  reason: ReportReason;
  note: string;
  status: ReportStatus;
  createdAt: number;
}

export interface ItemView {
  id: string;
  subjectKind: SubjectKind;
  subjectId: string;
  ownerId: string | null;
  source: ItemSource;
  status: ItemStatus;
  excerpt: string;
  hits: FieldHit[];
  reportCount: number;
  overdue: boolean;
  dueAt: number;
  openedAt: number;
  decidedAt: number | null;
  decisionReason: string | null;
  /** The decisions that fit it now (empty once decided). */
  allowed: Decision[];
  reports: ReportView[];
}

type ItemRow = Awaited<ReturnType<typeof loadItems>>[number];

async function loadItems(db: Db | Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('moderation_items')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

async function inReview(db: Db | Tx, row: Pick<ItemRow, 'subject_kind' | 'subject_id'>): Promise<boolean> {
  if (row.subject_kind !== 'video') return false;
  const s = await readSubject(db, 'video', row.subject_id);
  return s?.status === 'review';
}

async function views(db: Db | Tx, rows: readonly ItemRow[]): Promise<ItemView[]> {
  if (rows.length === 0) return [];
  const reports = await db
    .selectFrom('moderation_reports')
    .selectAll()
    .where(
      'item_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const out: ItemView[] = [];
  for (const r of rows) {
    const review = await inReview(db, r);
    out.push({
      id: r.id,
      subjectKind: r.subject_kind as SubjectKind,
      subjectId: r.subject_id,
      ownerId: r.owner_id,
      source: r.source as ItemSource,
      status: r.status as ItemStatus,
      excerpt: r.excerpt,
      hits: JSON.parse(r.hits) as FieldHit[],
      reportCount: Number(r.report_count),
      overdue: Number(r.overdue) === 1,
      dueAt: Number(r.due_at),
      openedAt: Number(r.opened_at),
      decidedAt: r.decided_at === null ? null : Number(r.decided_at),
      decisionReason: r.decision_reason,
      allowed:
        r.status === 'open'
          ? allowedDecisions({
              subjectKind: r.subject_kind as SubjectKind,
              inReview: review,
              reportCount: Number(r.report_count),
            })
          : [],
      reports: reports
        .filter((x) => x.item_id === r.id)
        .map((x) => ({
          id: x.id,
          reporterId: x.reporter_id,
          reason: x.reason as ReportReason,
          note: x.note,
          status: x.status as ReportStatus,
          createdAt: Number(x.created_at),
        })),
    });
  }
  return out;
}

/**
 * The open item of a subject, made when there is none: with the review deadline's timer. The
 * caller's transaction; `hits` replace the item's evidence when given (the text was checked again).
 */
export async function openItem(
  tx: Tx,
  input: {
    kind: SubjectKind;
    subjectId: string;
    ownerId: string | null;
    source: ItemSource;
    excerpt: string;
    hits?: readonly FieldHit[];
  },
  now: number,
  reviewWindowMs: number,
): Promise<string> {
  const key = openKey(input.kind, input.subjectId);
  const open = await tx.selectFrom('moderation_items').select(['id']).where('open_key', '=', key).executeTakeFirst();
  if (open) {
    if (input.hits)
      await tx
        .updateTable('moderation_items')
        .set({ hits: JSON.stringify(input.hits), excerpt: input.excerpt, updated_at: now })
        .where('id', '=', open.id)
        .execute();
    return open.id;
  }
  const id = newId('moderation', now);
  const dueAt = now + reviewWindowMs;
  await tx
    .insertInto('moderation_items')
    .values({
      id,
      subject_kind: input.kind,
      subject_id: input.subjectId,
      owner_id: input.ownerId,
      source: input.source,
      status: 'open',
      open_key: key,
      excerpt: input.excerpt,
      hits: JSON.stringify(input.hits ?? []),
      report_count: 0,
      overdue: 0,
      due_at: dueAt,
      opened_at: now,
      decided_at: null,
      decided_by: null,
      decision_reason: null,
      updated_at: now,
    })
    .execute();
  await scheduleTimer(
    tx,
    { kind: REVIEW_DUE_TIMER, subjectId: id, dueAt, payload: { subjectKind: input.kind, subjectId: input.subjectId } },
    now,
  );
  return id;
}

/** The deadline passed: flag the item overdue (first in the queue). It is never decided by itself. */
export async function markOverdue(tx: Tx, itemId: string, now: number): Promise<void> {
  const row = await tx
    .selectFrom('moderation_items')
    .select(['subject_kind', 'subject_id'])
    .where('id', '=', itemId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (!row) return;
  await tx.updateTable('moderation_items').set({ overdue: 1, updated_at: now }).where('id', '=', itemId).execute();
  await emit(
    tx,
    'moderation.overdue',
    itemId,
    {
      itemId,
      subjectKind: row.subject_kind as SubjectKind,
      subjectId: row.subject_id,
    } satisfies ModerationOverdueEvent,
    now,
  );
}

export interface QueueQuery {
  kind?: SubjectKind | undefined;
  source?: ItemSource | undefined;
  overdue?: boolean | undefined;
  status?: ItemStatus | undefined;
  limit?: number | undefined;
}

/** The queue for admins: open items by default, overdue first, then oldest first. */
export async function listQueue(ctx: CoreContext, actor: Actor, q: QueueQuery): Promise<{ items: ItemView[] }> {
  requireRole(actor, 'admin');
  const status = q.status ?? 'open';
  let query = ctx.db.selectFrom('moderation_items').selectAll().where('status', '=', status);
  if (q.kind) query = query.where('subject_kind', '=', q.kind);
  if (q.source) query = query.where('source', '=', q.source);
  if (q.overdue !== undefined) query = query.where('overdue', '=', q.overdue ? 1 : 0);
  query =
    status === 'open'
      ? query.orderBy('overdue', 'desc').orderBy('opened_at').orderBy('id')
      : query.orderBy('decided_at', 'desc').orderBy('id', 'desc');
  const rows = await query.limit(q.limit ?? 50).execute();
  return { items: await views(ctx.db, rows) };
}

export async function getItem(ctx: CoreContext, actor: Actor, itemId: string): Promise<ItemView> {
  requireRole(actor, 'admin');
  const rows = await loadItems(ctx.db, [itemId]);
  if (!rows[0]) throw notFound('moderationItem', itemId);
  return (await views(ctx.db, rows))[0]!;
}

/**
 * An admin decides an item, in one transaction: approve/reject a held video (through the content
 * module: published, or rejected with the reason), dismiss the reports, or take the subject down
 * (video removed, comment hidden, product delisted, live room warned). The deadline's timer is
 * cancelled, the reports closed, `moderation.decided` emitted.
 */
export async function decideItem(
  ctx: CoreContext,
  actor: Actor,
  itemId: string,
  input: { decision: Decision; reason?: string | undefined },
): Promise<ItemView> {
  requireRole(actor, 'admin');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const row = (await loadItems(tx, [itemId]))[0];
    if (!row) throw notFound('moderationItem', itemId);
    const kind = row.subject_kind as SubjectKind;
    const { to, reason } = checkDecision(
      {
        status: row.status,
        subjectKind: kind,
        inReview: await inReview(tx, row),
        reportCount: Number(row.report_count),
      },
      input.decision,
      input.reason,
    );
    const done = await tx
      .updateTable('moderation_items')
      .set({
        status: to,
        open_key: null,
        decided_at: now,
        decided_by: actor.userId,
        decision_reason: reason || null,
        updated_at: now,
      })
      .where('id', '=', itemId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1)
      throw new DomainError('REVIEW_ITEM_DECIDED', 'this item has been decided already', {});
    if (input.decision === 'approve' || input.decision === 'reject')
      await decideVideo(tx, row.subject_id, input.decision, now);
    if (input.decision === 'take_down') await takeDown(tx, kind, row.subject_id, now);
    const reportStatus: ReportStatus =
      input.decision === 'take_down' || input.decision === 'reject' ? 'upheld' : 'dismissed';
    await tx
      .updateTable('moderation_reports')
      .set({ status: reportStatus, open_key: null })
      .where('item_id', '=', itemId)
      .where('status', '=', 'open')
      .execute();
    await cancelTimer(tx, REVIEW_DUE_TIMER, itemId, now);
    await emit(
      tx,
      'moderation.decided',
      itemId,
      {
        itemId,
        subjectKind: kind,
        subjectId: row.subject_id,
        ownerId: row.owner_id,
        source: row.source as ItemSource,
        decision: input.decision,
        reason,
        decidedBy: actor.userId,
      } satisfies ModerationDecidedEvent,
      now,
    );
  });
  return getItem(ctx, actor, itemId);
}

export interface OwnDecisionView {
  itemId: string;
  subjectKind: SubjectKind;
  subjectId: string;
  status: ItemStatus;
  overdue: boolean;
  reason: string | null;
  openedAt: number;
  decidedAt: number | null;
}

/** What an author sees of the reviews of their own content: the latest item per subject (the status and the reviewer's reason). Reporters stay anonymous. */
export async function myModerationDecisions(
  ctx: CoreContext,
  actor: Actor,
  q: { kind?: SubjectKind | undefined; subjectIds?: readonly string[] | undefined },
): Promise<{ items: OwnDecisionView[] }> {
  let query = ctx.db
    .selectFrom('moderation_items')
    .select(['id', 'subject_kind', 'subject_id', 'status', 'overdue', 'decision_reason', 'opened_at', 'decided_at'])
    .where('owner_id', '=', actor.userId);
  if (q.kind) query = query.where('subject_kind', '=', q.kind);
  if (q.subjectIds?.length) query = query.where('subject_id', 'in', [...q.subjectIds]);
  const rows = await query.orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(200).execute();
  const latest = new Map<string, OwnDecisionView>();
  for (const r of rows) {
    const key = `${r.subject_kind}:${r.subject_id}`;
    if (latest.has(key)) continue;
    latest.set(key, {
      itemId: r.id,
      subjectKind: r.subject_kind as SubjectKind,
      subjectId: r.subject_id,
      status: r.status as ItemStatus,
      overdue: Number(r.overdue) === 1,
      reason: r.decision_reason,
      openedAt: Number(r.opened_at),
      decidedAt: r.decided_at === null ? null : Number(r.decided_at),
    });
  }
  return { items: [...latest.values()] };
}

/**
 * A held video left review without a decision (its owner removed it, or it was published some
 * other way): its open item, when nobody reported the video, is closed as withdrawn, so the queue
 * holds nothing an admin cannot act on.
 */
export async function withdrawIfLeftReview(ctx: CoreContext, videoId: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const open = await tx
      .selectFrom('moderation_items')
      .select(['id', 'report_count'])
      .where('open_key', '=', openKey('video', videoId))
      .executeTakeFirst();
    if (!open || Number(open.report_count) > 0) return;
    if (await inReview(tx, { subject_kind: 'video', subject_id: videoId })) return;
    await tx
      .updateTable('moderation_items')
      .set({ status: 'withdrawn', open_key: null, decided_at: now, updated_at: now })
      .where('id', '=', open.id)
      .where('status', '=', 'open')
      .execute();
    await cancelTimer(tx, REVIEW_DUE_TIMER, open.id, now);
  });
}

/** Opens a subject's item from the rule book's hold (the content module's `video.held` event). */
export async function holdFromRules(
  ctx: CoreContext,
  input: { videoId: string; ownerId: string; title: string; caption: string; hits: FieldHit[] },
  reviewWindowMs: number,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const subject = await readSubject(tx, 'video', input.videoId);
    if (subject?.status !== 'review') return; // withdrawn or decided meanwhile
    await openItem(
      tx,
      {
        kind: 'video',
        subjectId: input.videoId,
        ownerId: input.ownerId,
        source: 'rules',
        excerpt: `${input.title}\n${input.caption}`.trim(),
        hits: input.hits,
      },
      now,
      reviewWindowMs,
    );
  });
}

declare module '../outbox/outbox.js' {
  interface OutboxEvents {
    'moderation.decided': ModerationDecidedEvent;
    'moderation.overdue': ModerationOverdueEvent;
  }
}
