/**
 * "Why this": a short reason code with parameters for each recommended video, chosen from the
 * candidate source that brought it. The app turns the code into a sentence (i18n). Pure.
 */
import type { ItemCatalog } from './item-catalog.js';
import type { Candidate } from './sources.js';

export type ReasonCode =
  | 'explore'
  | 'followed_creator'
  | 'because_you_liked'
  | 'popular_in_category'
  | 'tag_interest'
  | 'similar_taste'
  | 'trending'
  | 'new'
  | 'popular'
  | 'more';

export interface Reason {
  code: ReasonCode;
  params: Record<string, string>;
}

export function reasonFor(c: Candidate, catalog: ItemCatalog): Reason {
  const meta = catalog.meta(c.item);
  switch (c.source) {
    case 'followed':
      return { code: 'followed_creator', params: { creator: meta.creatorName } };
    case 'covisit': {
      const liked = typeof c.via === 'number' ? catalog.meta(c.via) : null;
      return liked
        ? { code: 'because_you_liked', params: { videoId: liked.id, title: liked.title } }
        : { code: 'similar_taste', params: {} };
    }
    case 'category': {
      const id = typeof c.via === 'string' ? c.via : meta.categoryId;
      return { code: 'popular_in_category', params: { category: (id && catalog.categoryNames.get(id)) || id || '' } };
    }
    case 'tag':
      return { code: 'tag_interest', params: { tag: String(c.via ?? '') } };
    case 'embedding':
      return { code: 'similar_taste', params: {} };
    case 'trending':
      return { code: 'trending', params: {} };
    case 'pool':
    case 'fresh':
      return { code: 'new', params: {} };
    case 'explore': {
      const id = typeof c.via === 'string' ? c.via : meta.categoryId;
      return { code: 'explore', params: { category: (id && catalog.categoryNames.get(id)) || id || '' } };
    }
  }
}
