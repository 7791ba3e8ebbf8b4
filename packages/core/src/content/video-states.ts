/** The video state machine: a table of allowed transitions and who may cause each. Pure. */
import { stateTable, type Transition } from '../platform/index.js';

import type { VideoStatus } from '../storage/index.js';

export type { VideoStatus };
/** owner: the creator or shop member who uploaded it; reviewer: the automatic review (clean text is approved at once); admin: the platform's reviewers. */
export type VideoActor = 'owner' | 'reviewer' | 'admin';
export type VideoAction = 'submit' | 'approve' | 'send_back' | 'reject' | 'remove';

export const VIDEO_STATUSES: readonly VideoStatus[] = ['draft', 'review', 'published', 'rejected', 'removed'];

export const VIDEO_TRANSITIONS: readonly Transition<VideoStatus, VideoAction, VideoActor>[] = [
  { from: 'draft', action: 'submit', to: 'review', who: ['owner'] }, // submitted for publication
  { from: 'review', action: 'approve', to: 'published', who: ['reviewer', 'admin'] },
  { from: 'review', action: 'send_back', to: 'draft', who: ['reviewer', 'admin'] },
  { from: 'review', action: 'reject', to: 'rejected', who: ['admin'] }, // 未通过: a reviewer rejected it with a reason
  { from: 'rejected', action: 'submit', to: 'review', who: ['owner'] }, // submitted again
  { from: 'rejected', action: 'remove', to: 'removed', who: ['owner', 'admin'] },
  { from: 'draft', action: 'remove', to: 'removed', who: ['owner', 'admin'] },
  { from: 'review', action: 'remove', to: 'removed', who: ['owner', 'admin'] },
  { from: 'published', action: 'remove', to: 'removed', who: ['owner', 'admin'] },
];

export const VIDEO_STATES = stateTable('video', VIDEO_TRANSITIONS);

export function canVideoTransition(from: string, to: VideoStatus, by: VideoActor): boolean {
  return VIDEO_STATES.canMove(from, to, by);
}

export function assertVideoTransition(from: string, to: VideoStatus, by: VideoActor): void {
  VIDEO_STATES.assertMove(from, to, by);
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
