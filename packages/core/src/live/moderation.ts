/**
 * The moderation hook every live comment passes through before anyone sees it. The default is the
 * rule book (governance): a comment with a reject-severity hit is blocked, except off-platform
 * diversion (phone numbers, WeChat/QQ ids, links, 加微信 …), which is masked with ＊ so the rest of
 * the comment still shows; review and warn hits pass. Tests or another policy can replace it on the
 * runtime (`liveRuntime(ctx).moderator = …`).
 */
import type { CoreContext } from '../context.js';
import { commentDecision, currentMatcher } from '../governance/index.js';

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

/** The rule book's moderator: blocks reject-severity hits, masks diversion. */
export function ruleBookModerator(ctx: CoreContext): CommentModerator {
  return {
    async review(comment) {
      const matcher = await currentMatcher(ctx);
      const hits = matcher.check(comment.text);
      if (hits.length === 0) return { allow: true };
      const decision = commentDecision(comment.text, hits);
      if (!decision.allow)
        return {
          allow: false,
          reason: `${decision.blocking[0]!.rule}: ${decision.blocking.map((h) => h.term).join(', ')}`,
        };
      return decision.text === comment.text ? { allow: true } : { allow: true, text: decision.text };
    },
  };
}
