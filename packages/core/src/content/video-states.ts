/** The video state machine: a table of allowed transitions and who may cause each. Pure. */
import { DomainError } from '../platform/errors.js';

export type VideoStatus = 'draft' | 'review' | 'published' | 'removed';
/** owner: the creator or shop member who uploaded it; reviewer: content review (auto-approval in this release); admin: the platform. */
export type VideoActor = 'owner' | 'reviewer' | 'admin';

export const VIDEO_STATUSES: readonly VideoStatus[] = ['draft', 'review', 'published', 'removed'];

export const VIDEO_TRANSITIONS: ReadonlyArray<{ from: VideoStatus; to: VideoStatus; by: readonly VideoActor[] }> = [
  { from: 'draft', to: 'review', by: ['owner'] }, // submitted for publication
  { from: 'review', to: 'published', by: ['reviewer', 'admin'] }, // approved
  { from: 'review', to: 'draft', by: ['reviewer', 'admin'] }, // sent back
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
 * The steps from `from` to published for an owner's publish request: submit for review, then the
 * review decision. This release approves every review at once (governance arrives later).
 */
export function publishPath(from: string): Array<{ to: VideoStatus; by: VideoActor }> {
  if (from === 'draft') return [{ to: 'review', by: 'owner' }, { to: 'published', by: 'reviewer' }];
  if (from === 'review') return [{ to: 'published', by: 'reviewer' }];
  assertVideoTransition(from, 'published', 'owner'); // throws INVALID_TRANSITION
  return [];
}
