/**
 * The demo data set reads like a real shop's: titles name the sizes their SKUs sell, captions and
 * title words fit the product's kind, hashtags name no other company's brand, and a shop's own
 * video never claims it is not an ad.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDemoCatalog } from './catalog.js';
import {
  CAPTION_OPENERS,
  CONTENT_KIND_OF_CATEGORY,
  SHOP_CAPTION_OPENERS,
  TAG_POOL,
  TITLE_HOOKS,
  type ContentKind,
} from './content-words.js';
import { clipForCategory, DEMO_CLIPS } from './demo-clips.js';
import { contentKindOf, demoVideoText } from './video-text.js';
import { parseHashtags } from '../content/index.js';

const catalog = buildDemoCatalog();
const categoryName = new Map(catalog.categories.map((c) => [c.key, c.name]));
const parentName = (key: string): string | null => {
  const parent = catalog.categories.find((c) => c.key === key)?.parentKey;
  return parent ? categoryName.get(parent)! : null;
};

/** "3/5/10斤装" → 3斤 5斤 10斤; "500g 约10-12只" → 500g; "900ml/1.8L/5L" → 900ml 1.8L 5L. */
function measures(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/((?:\d+(?:\.\d+)?\/)*\d+(?:\.\d+)?)(斤|kg|g|ml|L|cm)(?![a-zA-Z])/g)) {
    for (const n of m[1]!.split('/')) out.push(`${Number(n)}${m[2]}`);
  }
  // "1.8L/5L" leaves "1.8L" and "5L" as two matches already; "900ml/1.8L" likewise.
  return out;
}

test('a title names exactly the weights and sizes its SKUs sell, or none', () => {
  let named = 0;
  for (const p of catalog.products) {
    const inTitle = new Set(measures(p.title));
    if (inTitle.size === 0) continue;
    named++;
    const inSkus = p.skus.map((s) => new Set(s.specValues.flatMap(measures)));
    for (const m of inTitle)
      assert.ok(
        inSkus.some((s) => s.has(m)),
        `${p.key} "${p.title}" names ${m}, which no SKU sells`,
      );
    // A title that names one size of a spec names them all (the range), never just one of several.
    const units = new Set([...inTitle].map((m) => m.replace(/^[\d.]+/, '')));
    for (const unit of units) {
      const skuSizes = new Set(inSkus.flatMap((s) => [...s]).filter((m) => m.replace(/^[\d.]+/, '') === unit));
      for (const size of skuSizes)
        assert.ok(inTitle.has(size), `${p.key} "${p.title}" names some ${unit} sizes but not ${size}`);
    }
  }
  assert.ok(named > 150, `most titles name their sizes (${named})`);
});

test('the size rule itself catches a title that names a size the SKUs do not sell', () => {
  const tea = catalog.products.find((p) => p.skus.some((s) => s.specValues.includes('125g')))!;
  const inSkus = new Set(tea.skus.flatMap((s) => s.specValues.flatMap(measures)));
  assert.deepEqual(measures('滇红金芽 50g 一口回甘'), ['50g']);
  assert.ok(inSkus.has('50g') && inSkus.has('125g'));
  assert.deepEqual(measures('西湖龙井 50/125/250g'), ['50g', '125g', '250g']);
  assert.deepEqual(measures('花生油 900ml/1.8L/5L'), ['900ml', '1.8L', '5L']);
});

/** Words that give a text away as written for another kind of goods. */
const COOKING = ['做菜', '三道菜', '家常菜', '凉菜', '菜市场', '下饭', '煮了一锅'];
const FOREIGN_WORDS: Record<ContentKind, string[]> = {
  fruit: [...COOKING, '茶', '锅', '刀', '海鲜', '海味', '下饭', '一泡', '零食'],
  seafood: ['茶', '一泡', '回甘', '现摘', '果香', '锅具', '刀', '零食', '追剧'],
  tea: [...COOKING, '饭', '爆汁', '现摘', '海鲜', '海味', '锅', '刀', '零食', '嚼'],
  staple: ['茶', '一泡', '回甘', '现摘', '爆汁', '海鲜', '海味', '果香', '刀', '零食', '追剧'],
  condiment: ['茶', '一泡', '回甘', '现摘', '爆汁', '海鲜', '海味', '果香', '刀', '零食', '追剧'],
  snack: [...COOKING, '茶', '一泡', '回甘', '现摘', '海鲜', '海味', '锅', '刀', '清蒸'],
  kitchen: ['吃', '新鲜', '鲜甜', '甜', '一泡', '回甘', '爆汁', '现摘', '海鲜', '海味', '果香', '零食', '香太多'],
};

const foreignIn = (kind: ContentKind, text: string): string | undefined =>
  FOREIGN_WORDS[kind].find((w) => text.includes(w));

test('every caption, title hook and hashtag word belongs to its kind of goods', () => {
  for (const kind of Object.keys(FOREIGN_WORDS) as ContentKind[]) {
    for (const list of [CAPTION_OPENERS[kind], SHOP_CAPTION_OPENERS[kind], TITLE_HOOKS[kind], TAG_POOL[kind]]) {
      for (const text of list) assert.equal(foreignIn(kind, text), undefined, `${kind}: "${text}"`);
    }
  }
  for (const clip of DEMO_CLIPS) {
    for (const category of clip.categories) {
      const kind = CONTENT_KIND_OF_CATEGORY[category]!;
      for (const hook of clip.hooks)
        assert.equal(foreignIn(kind, hook), undefined, `${clip.file} (${category}): "${hook}"`);
    }
  }
});

test("each product's titles and videos use words of its own kind; wood claims only on wooden boards", () => {
  let seed = 7;
  const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  for (const p of catalog.products) {
    const leaf = categoryName.get(p.categoryKey)!;
    const kind = contentKindOf(leaf, parentName(p.categoryKey));
    const own = (text: string): string => text.replaceAll(p.imageName, ''); // "山茶油" is oil, not tea
    assert.equal(foreignIn(kind, own(p.title)), undefined, `${p.key} title "${p.title}"`);
    if (!/木/.test(p.imageName))
      assert.doesNotMatch(p.title, /整木|实木|无拼接/, `${p.key} "${p.title}" is not a wooden board`);
    const clip = clipForCategory(leaf, parentName(p.categoryKey));
    for (let i = 0; i < 12; i++) {
      const { title, caption } = demoVideoText(
        rand,
        { title: p.title, leaf, parent: parentName(p.categoryKey) },
        clip,
        i % 2 === 0,
      );
      assert.equal(foreignIn(kind, own(`${title} ${caption}`)), undefined, `${p.key} video "${title}" / "${caption}"`);
    }
  }
});

test('the kind rule itself catches a cooking caption on tea and a wood claim on a plastic board', () => {
  assert.equal(foreignIn('tea', '做了三道菜全靠它'), '三道菜');
  assert.equal(foreignIn('kitchen', '比超市香太多'), '香太多');
  const plastic = catalog.products.find((p) => p.imageName.includes('TPU'))!;
  assert.ok(plastic, 'the demo sells a TPU board');
  assert.doesNotMatch(plastic.title, /整木/);
});

/** Other companies' brands and platforms' trademarks: never a demo hashtag. */
const TRADEMARKS = [
  '抖音',
  '抖in',
  'douyin',
  'tiktok',
  '淘宝',
  '天猫',
  '京东',
  '拼多多',
  '小红书',
  '快手',
  '褚橙',
  '顺丰',
  '三只松鼠',
  '良品铺子',
  '百草味',
  '金龙鱼',
  '鲁花',
  '海天',
  '老干妈',
  '张小泉',
  '苏泊尔',
  '双立人',
  '九阳',
  '星巴克',
];

test("no demo hashtag or product name carries another company's brand", () => {
  const tags = new Set<string>();
  let seed = 11;
  const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  for (const kind of Object.keys(TAG_POOL) as ContentKind[]) for (const t of TAG_POOL[kind]) tags.add(t);
  for (const p of catalog.products) {
    const leaf = categoryName.get(p.categoryKey)!;
    const clip = clipForCategory(leaf, parentName(p.categoryKey));
    for (let i = 0; i < 4; i++)
      for (const t of parseHashtags(
        demoVideoText(rand, { title: p.title, leaf, parent: parentName(p.categoryKey) }, clip, i % 2 === 1).caption,
      ))
        tags.add(t);
    for (const mark of TRADEMARKS)
      assert.ok(!p.imageName.toLowerCase().includes(mark), `${p.key} name "${p.imageName}" carries ${mark}`);
  }
  assert.ok(tags.size > 100, `${tags.size} distinct hashtags`);
  for (const tag of tags)
    for (const mark of TRADEMARKS) assert.ok(!tag.toLowerCase().includes(mark), `#${tag} carries ${mark}`);
});

test("a shop's own broadcast never says it is not an ad; neither does a creator paid by commission", () => {
  const notAnAd = /非广告|不是广告|没有广告|自费|自己花钱/;
  for (const kind of Object.keys(SHOP_CAPTION_OPENERS) as ContentKind[]) {
    for (const text of [...SHOP_CAPTION_OPENERS[kind], ...CAPTION_OPENERS[kind]])
      assert.doesNotMatch(text, notAnAd, `${kind}: "${text}"`);
  }
  let seed = 3;
  const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  for (const p of catalog.products.slice(0, 60)) {
    const leaf = categoryName.get(p.categoryKey)!;
    const { caption } = demoVideoText(
      rand,
      { title: p.title, leaf, parent: parentName(p.categoryKey) },
      clipForCategory(leaf, parentName(p.categoryKey)),
      true,
    );
    assert.match(caption, /#店播/);
    assert.doesNotMatch(caption, notAnAd);
  }
});
