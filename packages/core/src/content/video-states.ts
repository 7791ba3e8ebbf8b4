/** The video state machine: a table of allowed transitions and who may cause each. Pure. */
import { DomainError } from '../platform/index.js';

export type VideoStatus = 'draft' | 'review' | 'published' | 'rejected' | 'removed';
/** owner: the creator or shop member who uploaded it; reviewer: the automatic review (clean text is approved at once); admin: the platform's reviewers. */
export type VideoActor = 'owner' | 'reviewer' | 'admin';

export const VIDEO_STATUSES: readonly VideoStatus[] = ['draft', 'review', 'published', 'rejected', 'removed'];

export const VIDEO_TRANSITIONS: ReadonlyArray<{ from: VideoStatus; to: VideoStatus; by: readonly VideoActor[] }> = [
  { from: 'draft', to: 'review', by: ['owner'] }, // submitted for publication
  { from: 'review', to: 'published', by: ['reviewer', 'admin'] }, // approved
  { from: 'review', to: 'draft', by: ['reviewer', 'admin'] }, // sent back
  { from: 'review', to: 'rejected', by: ['admin'] }, // 未通过: a reviewer rejected it with a reason
  { from: 'rejected', to: 'review', by: ['owner'] }, // submitted again
  { from: 'rejected', to: 'removed', by: ['owner', 'admin'] },
  { from: 'draft', to: 'removed', by: ['owner', 'admin'] },
  { from: 'review', to: 'removed', by: ['owner', 'admin'] },
  { from: 'published', to: 'removed', by: ['owner', 'admin'] },
];

export function canVideoTransition(from: string, to: VideoStatus, by: VideoActor): boolean {
  return VIDEO_TRANSITIONS.some((t) => t.from === from && t.to === to && t.by.includes(by));
}

export function assertVideoTransition(from: string, to: VideoStatus, by: VideoActor): void {
  if (!canVideoTransition(from, to, by)) {
    throw new DomainError('INVALID_TRANSITION', `a ${from} video cannot become ${to} (by ${by})`, 409, { from, to, by });
  }
}

/**
 * The steps from `from` for an owner's publish request: submit for review, then, when the rule book
 * found nothing of severity review in the text (`clean`), the automatic approval; otherwise the
 * video waits in review for a person (the review queue).
 */
export function publishPath(from: string, clean: boolean): Array<{ to: VideoStatus; by: VideoActor }> {
  const approve: Array<{ to: VideoStatus; by: VideoActor }> = clean ? [{ to: 'published', by: 'reviewer' }] : [];
  if (from === 'draft' || from === 'rejected') return [{ to: 'review', by: 'owner' }, ...approve];
  if (from === 'review') return approve;
  assertVideoTransition(from, 'published', 'owner'); // throws INVALID_TRANSITION
  return [];
}

/** A reviewer's decision on a video in review: approve → published, reject → rejected. */
export type VideoReviewDecision = 'approve' | 'reject';

export function reviewTarget(decision: VideoReviewDecision): VideoStatus {
  return decision === 'approve' ? 'published' : 'rejected';
}
