/**
 * The non-personalised feed's mixing rule. Pure.
 *
 * Sources, each already in its own order: `new` (published in the last 7 days, newest first),
 * `popular` (likes + comments + shares + completions in the last 24 hours, most first),
 * `followed` (the viewer's followed creators' recent videos, newest first) and `more` (older
 * published videos, newest first, so the feed does not end when a week's videos run out).
 *
 * A page is filled slot by slot following PATTERN, over and over: each slot takes the first
 * video of its source that is neither shown in this session nor already on the page. A slot whose
 * source is exhausted goes to the next source in PATTERN that still has one; `more` is used only
 * when new, popular and followed are all exhausted. So a page is about 3 new : 2 popular :
 * 1 followed, and a video that is in two sources appears once.
 */
export type FeedSource = 'new' | 'popular' | 'followed' | 'more';

export const PATTERN: readonly FeedSource[] = ['new', 'popular', 'new', 'followed', 'popular', 'new'];

export interface Picked {
  id: string;
  source: FeedSource;
}

export function interleave(
  sources: Readonly<Record<FeedSource, readonly string[]>>,
  isShown: (id: string) => boolean,
  limit: number,
): Picked[] {
  const at: Record<FeedSource, number> = { new: 0, popular: 0, followed: 0, more: 0 };
  const onPage = new Set<string>();
  const out: Picked[] = [];
  /** The next usable id of a source (advancing past shown and taken ones), or null when exhausted. */
  const next = (source: FeedSource): string | null => {
    const list = sources[source];
    while (at[source] < list.length) {
      const id = list[at[source]++]!;
      if (!onPage.has(id) && !isShown(id)) return id;
    }
    return null;
  };
  let slot = 0;
  while (out.length < limit) {
    let id: string | null = null;
    let source: FeedSource = 'more';
    for (let tried = 0; tried < PATTERN.length && id === null; tried++) {
      source = PATTERN[(slot + tried) % PATTERN.length]!;
      id = next(source);
    }
    if (id === null) {
      source = 'more';
      id = next('more');
    }
    if (id === null) break;
    onPage.add(id);
    out.push({ id, source });
    slot++;
  }
  return out;
}
