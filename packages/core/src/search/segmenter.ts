/** Chinese word segmentation with jieba (search-engine style cutting), loaded once on first use. */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

let jieba: Jieba | null = null;

function load(): Jieba {
  // Loaded on first use, not at import: the dictionary is a few MB and most processes never search.
  const require = createRequire(import.meta.url);
  const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict.js') as { dict: Buffer };
  return JiebaClass.withDict(dict);
}

/** Precise cut: the whole words of the text, each once in place (冰糖, 橙; 水果刀). */
export function cutWords(text: string): string[] {
  jieba ??= load();
  return jieba.cut(text, true);
}

/** Search-engine style cut of the text (long words also yield their shorter words), in order. */
export function cutForSearch(text: string): string[] {
  jieba ??= load();
  return jieba.cutForSearch(text, true);
}
