/**
 * Reports (举报) by users on a video, a comment, a product or a live room: a reason from the fixed
 * list and an optional note; one open report per person and subject; at most REPORTS_PER_HOUR an
 * hour per reporter (429); the reports of one subject group under its open queue item, counted.
 */
import type { Actor, CoreContext } from '../context.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';
import {
  checkReportRate,
  HOUR_MS,
  NOTE_MAX_CHARS,
  REPORT_REASONS,
  reportKey,
  SUBJECT_KINDS,
  type ReportReason,
  type SubjectKind,
} from './rules.js';
import { openItem } from './queue.js';
import { readSubject } from './subjects.js';

export interface ReportInput {
  subjectKind: SubjectKind;
  subjectId: string;
  reason: ReportReason;
  note?: string | undefined;
}

export async function fileReport(
  ctx: CoreContext,
  actor: Actor,
  input: ReportInput,
  reviewWindowMs: number,
): Promise<{ id: string; itemId: string; reportCount: number }> {
  if (!SUBJECT_KINDS.includes(input.subjectKind)) throw invalid('unknown subject kind', { field: 'subjectKind' });
  if (!REPORT_REASONS.includes(input.reason)) throw invalid('pick a reason from the list', { field: 'reason' });
  const note = (input.note ?? '').trim();
  if ([...note].length > NOTE_MAX_CHARS)
    throw invalid(`the note has at most ${NOTE_MAX_CHARS} characters`, { field: 'note' });
  const now = ctx.clock.now();
  const id = newId('report', now);
  return ctx.db.transaction().execute(async (tx) => {
    const subject = await readSubject(tx, input.subjectKind, input.subjectId);
    if (!subject) throw notFound(input.subjectKind, input.subjectId);
    if (subject.ownerId === actor.userId) throw invalid('you cannot report your own content', { field: 'subjectId' });
    const recent = await tx
      .selectFrom('moderation_reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reporter_id', '=', actor.userId)
      .where('created_at', '>', now - HOUR_MS)
      .executeTakeFirstOrThrow();
    checkReportRate(Number(recent.n));
    const key = reportKey(actor.userId, input.subjectKind, input.subjectId);
    const open = await tx.selectFrom('moderation_reports').select('id').where('open_key', '=', key).executeTakeFirst();
    if (open)
      throw new DomainError('REPORT_ALREADY_OPEN', 'you have reported this already; it is being reviewed', {
        reportId: open.id,
      });
    const itemId = await openItem(
      tx,
      {
        kind: input.subjectKind,
        subjectId: input.subjectId,
        ownerId: subject.ownerId,
        source: 'reports',
        excerpt: subject.text,
      },
      now,
      reviewWindowMs,
    );
    await tx
      .insertInto('moderation_reports')
      .values({
        id,
        item_id: itemId,
        reporter_id: actor.userId,
        subject_kind: input.subjectKind,
        subject_id: input.subjectId,
        reason: input.reason,
        note,
        status: 'open',
        open_key: key,
        created_at: now,
      })
      .execute();
    await tx
      .updateTable('moderation_items')
      .set((eb) => ({ report_count: eb('report_count', '+', 1), updated_at: now }))
      .where('id', '=', itemId)
      .execute();
    const item = await tx
      .selectFrom('moderation_items')
      .select('report_count')
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    return { id, itemId, reportCount: Number(item.report_count) };
  });
}
