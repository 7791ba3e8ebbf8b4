/**
 * The moderation hook every live comment passes through before anyone sees it. The default lets
 * everything through; the governance module replaces it (setCommentModerator) with its filters.
 */
export interface CommentToModerate {
  roomId: string;
  userId: string;
  text: string;
}

export type ModerationVerdict = { allow: true; text?: string } | { allow: false; reason: string };

export interface CommentModerator {
  review(comment: CommentToModerate): ModerationVerdict | Promise<ModerationVerdict>;
}

export const allowAllModerator: CommentModerator = {
  review: () => ({ allow: true }),
};
