/** What the queue reads of a subject, through each owning module's public API, and how a take-down reaches that module. */
import type { Db, Tx } from '../context.js';
import {
  commentForReview,
  decideVideoReview,
  hideComment,
  takeDownVideo,
  videoForReview,
  type VideoReviewDecision,
} from '../content/index.js';
import { delistProductByPlatform, productForReview } from '../catalog/index.js';
import { loadRoom } from '../live/index.js';
import type { SubjectKind } from './rules.js';

export interface SubjectInfo {
  /** The person who sees the decision; null when the subject belongs to a shop. */
  ownerId: string | null;
  text: string;
  /** The owning module's status of the subject (a video's review, a comment's visible …). */
  status: string;
}

/** The subject as it is now; null when there is none (or it is gone). */
export async function readSubject(db: Db | Tx, kind: SubjectKind, id: string): Promise<SubjectInfo | null> {
  switch (kind) {
    case 'video': {
      const v = await videoForReview(db, id);
      return v && v.status !== 'removed' ? v : null;
    }
    case 'comment': {
      const c = await commentForReview(db, id);
      return c && c.status === 'visible' ? c : null;
    }
    case 'product': {
      const p = await productForReview(db, id);
      return p && p.status !== 'draft' ? { ownerId: null, text: p.text, status: p.status } : null;
    }
    case 'live_room': {
      const room = await loadRoom(db, id).catch(() => null);
      return room
        ? { ownerId: room.host_kind === 'creator' ? room.host_id : null, text: room.title, status: room.status }
        : null;
    }
  }
}

/** Takes a subject down through its owner module: video removed, comment hidden, product delisted; a live room is warned (the decision itself). */
export async function takeDown(tx: Tx, kind: SubjectKind, id: string, now: number): Promise<void> {
  if (kind === 'video') await takeDownVideo(tx, id, now);
  else if (kind === 'comment') await hideComment(tx, id);
  else if (kind === 'product') await delistProductByPlatform(tx, id, now);
}

export async function decideVideo(tx: Tx, videoId: string, decision: VideoReviewDecision, now: number): Promise<void> {
  await decideVideoReview(tx, videoId, decision, now);
}
