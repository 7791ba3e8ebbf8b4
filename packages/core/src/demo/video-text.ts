/** Title, caption and hashtags of a demo video, from the words of its product's kind (pure). */
import { TITLE_MAX } from '../content/index.js';
import {
  CAPTION_OPENERS,
  CONTENT_KIND_OF_CATEGORY,
  SHOP_CAPTION_OPENERS,
  TAG_POOL,
  TITLE_HOOKS,
  type ContentKind,
} from './content-words.js';
import type { DemoClip } from './demo-clips.js';

export interface VideoProduct {
  title: string;
  /** Leaf and parent category names, e.g. "水果" and "生鲜". */
  leaf: string;
  parent: string | null;
}

/** The kind of goods a product is, from its leaf category name, then its parent's, else `fallback`. */
export function contentKindOf(leaf: string, parent: string | null, fallback?: ContentKind): ContentKind {
  const kind =
    CONTENT_KIND_OF_CATEGORY[leaf] ?? (parent === null ? undefined : CONTENT_KIND_OF_CATEGORY[parent]) ?? fallback;
  if (kind === undefined) throw new Error(`demo videos: no words for category ${leaf}`);
  return kind;
}

/** "云南冰糖橙 新鲜现摘 3/5斤装…" → "云南冰糖橙" (the listing's first words, short enough for a title). */
export const shortName = (title: string): string =>
  (
    title
      .replace(/【[^】]*】/g, '')
      .trim()
      .split(/[\s|｜,，]+/)[0] ?? title
  ).slice(0, 16);

const hashtag = (word: string): string => `#${word.replace(/[^\p{L}\p{N}_·]/gu, '')}`;

/**
 * A video's title and caption. Draws exactly four numbers from `rand`, whatever the kind, so the
 * rest of the demo (owners, anchors, counters) does not move when word lists change.
 */
export function demoVideoText(
  rand: () => number,
  product: VideoProduct,
  clip: DemoClip,
  byShop: boolean,
): { title: string; caption: string } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const kind = contentKindOf(product.leaf, product.parent, clip.kind);
  const name = shortName(product.title);
  const title = `${pick(clip.hooks)}｜${name}${pick(TITLE_HOOKS[kind])}`.slice(0, TITLE_MAX);
  const tags = [name, product.leaf, pick(TAG_POOL[kind]), ...(byShop ? ['店播'] : [])];
  const opener = pick(byShop ? SHOP_CAPTION_OPENERS[kind] : CAPTION_OPENERS[kind]);
  const caption = `${opener}，${name}${byShop ? '，官方直发' : ''} ${tags.map(hashtag).join(' ')}`;
  return { title, caption };
}
