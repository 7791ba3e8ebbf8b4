/** Rules on the words of a video: title and caption lengths, hashtags parsed from the caption. Pure. */
import { invalid } from '../platform/index.js';

export const TITLE_MAX = 55;
export const CAPTION_MAX = 300;
export const COMMENT_MAX = 500;
export const MAX_HASHTAGS = 10;
export const MAX_ANCHORS = 3;

/** Characters a hashtag may hold: letters and digits of any script, and "_" or "·". */
const HASHTAG = /#([\p{L}\p{N}_·]{1,30})/gu;

/** `#tags` in order of first appearance, without the "#", duplicates removed, at most MAX_HASHTAGS. */
export function parseHashtags(caption: string): string[] {
  const seen: string[] = [];
  for (const m of caption.matchAll(HASHTAG)) {
    const tag = m[1]!;
    if (!seen.includes(tag)) seen.push(tag);
    if (seen.length === MAX_HASHTAGS) break;
  }
  return seen;
}

/** Length in characters as a person counts them (a Chinese character or an emoji is one). */
export const charLength = (s: string): number => [...s].length;

export function checkTitle(title: string): string {
  const t = title.trim();
  if (charLength(t) < 1 || charLength(t) > TITLE_MAX)
    throw invalid(`title must be 1–${TITLE_MAX} characters`, { field: 'title' });
  return t;
}

export function checkCaption(caption: string): string {
  const c = caption.trim();
  if (charLength(c) > CAPTION_MAX)
    throw invalid(`caption must be at most ${CAPTION_MAX} characters`, { field: 'caption' });
  return c;
}

export function checkCommentText(text: string): string {
  const t = text.trim();
  if (charLength(t) < 1 || charLength(t) > COMMENT_MAX)
    throw invalid(`a comment must be 1–${COMMENT_MAX} characters`, { field: 'text' });
  return t;
}

/** Anchor product ids: at most MAX_ANCHORS, no repeats. Whether they are listed is checked against the store. */
export function checkAnchorIds(ids: readonly string[]): string[] {
  if (ids.length > MAX_ANCHORS)
    throw invalid(`a video carries at most ${MAX_ANCHORS} products`, { field: 'productIds' });
  if (new Set(ids).size !== ids.length) throw invalid('a product is anchored twice', { field: 'productIds' });
  return [...ids];
}
