import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Converter } from 'opencc-js/cn2t';
import { buildDemoCatalog } from '../demo/index.js';
import { defaultHomophones, defaultTerms } from './default-book.js';
import { foldText } from './folding.js';
import { compileRuleBook, maskHits, verdictOf } from './matcher.js';
import type { BookTerm } from './types.js';

const terms = defaultTerms();
const book = { version: 1, terms, homophones: defaultHomophones() };
const matcher = compileRuleBook(book);
const toTraditional = Converter({ from: 'cn', to: 'tw' });

test('the default book covers the five classes with at least 150 terms, ids unique', () => {
  assert.ok(terms.length >= 150, `${terms.length} terms`);
  assert.deepEqual(
    new Set(terms.map((t) => t.class)),
    new Set(['absolute', 'medical', 'diversion', 'bait', 'prohibited']),
  );
  assert.equal(new Set(terms.map((t) => t.id)).size, terms.length);
  assert.ok(
    terms.every((t) => [...t.text].length >= 2),
    'no single-character term',
  );
});

test('folding: full-width, case, traditional, skipped separators; every folded unit maps to its original code point', () => {
  const f = foldText('ＡＢｃ 國家級🔥頂\u200b級 ㎏');
  assert.equal(f.text, 'abc国家级顶级kg');
  const original = 'ＡＢｃ 國家級🔥頂\u200b級 ㎏';
  assert.equal(original.slice(f.start[3]!, f.end[3]!), '國');
  assert.equal(original.slice(f.start[6]!, f.end[6]!), '頂');
  assert.equal(original.slice(f.start[8]!, f.end[9]!), '㎏');
});

const SEPARATORS = [
  ' ',
  '\u3000',
  '.',
  '*',
  '-',
  '_',
  '|',
  '/',
  '~',
  '·',
  '🔥',
  '❤️',
  '👍🏻',
  '\u200b',
  '\u200d',
  '★',
  '（',
  '）',
  '#',
];
const FILLER = ['好', '茶', '叶', '的', '新', '鲜', '云', '南', '水', '果', '包', '邮', ' ', '。'];
const separator = fc.array(fc.constantFrom(...SEPARATORS), { maxLength: 3 }).map((a) => a.join(''));
const filler = fc.array(fc.constantFrom(...FILLER), { maxLength: 12 }).map((a) => a.join(''));

function disguise(term: string, seps: string[], style: number): string {
  let t = term;
  if (style === 1) t = toTraditional(t);
  if (style === 2)
    t = [...t].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
  if (style === 3) t = t.toUpperCase();
  const chars = [...t];
  return chars.map((c, i) => (i < chars.length - 1 ? c + (seps[i] ?? '') : c)).join('');
}

test('property: a banned term with separators, emoji, full-width, upper-case or traditional forms inside still matches, at its original span', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: terms.length - 1 }),
      fc.array(separator, { minLength: 12, maxLength: 12 }),
      fc.integer({ min: 0, max: 3 }),
      filler,
      filler,
      (index, seps, style, before, after) => {
        const term = terms[index]!;
        const evasion = disguise(term.text, seps, style);
        const text = before + evasion + after;
        const hits = matcher.check(text).filter((h) => h.termId === term.id);
        const start = before.length;
        const end = before.length + evasion.length;
        assert.ok(
          hits.some((h) => h.start === start && h.end === end && h.matched === evasion),
          `${term.text} hidden as ${JSON.stringify(evasion)} in ${JSON.stringify(text)}: ${JSON.stringify(hits)}`,
        );
      },
    ),
    { numRuns: 800 },
  );
});

test('homophones: 薇信, vx and v信 stand for 微信; 第1 for 第一; an admin-added spelling is caught once the book is rebuilt', () => {
  for (const t of ['加薇信', '加vx', '加V信', '加 威 信', '全网销量第1']) {
    assert.ok(
      matcher.check(t).some((h) => h.class === 'diversion' || h.class === 'absolute'),
      t,
    );
  }
  assert.equal(matcher.check('加卫心').length, 0);
  const extended = compileRuleBook({
    ...book,
    version: 2,
    homophones: [...book.homophones, { canonical: '微信', variant: '卫心' }],
  });
  assert.equal(extended.version, 2);
  const hit = extended.check('加卫心领福利').find((h) => h.term === '加微信');
  assert.deepEqual(hit && [hit.start, hit.end, hit.matched], [0, 3, '加卫心']);
});

test('clause punctuation between two characters is a sentence, not an evasion; interleaving is still caught', () => {
  assert.deepEqual(matcher.check('颗粒大、麻味足，香气扑鼻'), []);
  assert.ok(matcher.check('恭，喜，获，奖').some((h) => h.term === '恭喜获奖'));
  assert.ok(matcher.check('国。家。级 工艺').some((h) => h.term === '国家级'));
});

test('最 alone is no term: 最近发货 and 最后一件 pass, 最好 and 全网最低价 do not', () => {
  assert.deepEqual(matcher.check('最近发货的批次，下单后48小时内发出'), []);
  assert.deepEqual(matcher.check('最后一件，最大的一箱'), []);
  assert.ok(matcher.check('最 好 喝 的 茶').some((h) => h.term === '最好'));
  assert.ok(matcher.check('全網最低價').some((h) => h.term === '全网最低价'));
});

test('detectors: phone numbers, QQ and WeChat ids, links and domains, each at its original span', () => {
  const phone = '咨询 138 1234 5678 有优惠';
  assert.deepEqual(
    matcher.check(phone).map((h) => [h.termId, h.matched]),
    [['detector:phone', '138 1234 5678']],
  );
  assert.ok(matcher.check('電話：１３９－００００－１１１１').some((h) => h.termId === 'detector:phone'));
  assert.ok(matcher.check('打 一三八 一二三四 五六七八').some((h) => h.termId === 'detector:phone'));
  assert.ok(matcher.check('扣扣：12345678').some((h) => h.termId === 'detector:qq' && h.matched === '扣扣：12345678'));
  assert.ok(matcher.check('v x: tea_lover88').some((h) => h.termId === 'detector:wechat_id'));
  assert.ok(
    matcher
      .check('去 https://shop.example.com/a?b=1 买')
      .some((h) => h.termId === 'detector:url' && h.matched === 'https://shop.example.com/a?b=1'),
  );
  assert.ok(matcher.check('搜 ｔａｏｂａｏ。ｃｏｍ').some((h) => h.termId === 'detector:url'));
  assert.ok(matcher.check('mytea 点 com').some((h) => h.termId === 'detector:url'));
  const spaced = '电话 138 1234 5678 2箱起发';
  assert.deepEqual(
    matcher
      .check(spaced)
      .filter((h) => h.termId === 'detector:phone')
      .map((h) => h.matched),
    ['138 1234 5678'],
  );
  // Not phones: order numbers, prices, weights
  assert.deepEqual(matcher.check('规格500g×2，¥13.90，订单号 202612061234567'), []);
});

test('the demo catalogue: no title, description or spec value of the 318 clean products is flagged', () => {
  const catalog = buildDemoCatalog();
  assert.equal(catalog.products.length, 318);
  const flagged: string[] = [];
  for (const p of catalog.products) {
    for (const t of [p.title, p.description, ...p.specOptions.flatMap((o) => [o.name, ...o.values])]) {
      const hits = matcher.check(t);
      if (hits.length > 0) flagged.push(`${p.key}: ${hits.map((h) => h.matched).join(',')}`);
    }
  }
  assert.deepEqual(flagged, []);
});

test('disabled terms do not match; verdict is the worst severity; masking hides diversion only', () => {
  const off: BookTerm[] = terms.map((t) => (t.text === '国家级' ? { ...t, enabled: false } : t));
  const m = compileRuleBook({ ...book, terms: off });
  assert.equal(m.check('国家级工艺').filter((h) => h.term === '国家级').length, 0);
  const hits = matcher.check('首选好茶，加vx：abcdef1');
  assert.equal(verdictOf(hits), 'reject');
  assert.equal(verdictOf(matcher.check('首选好茶')), 'warn');
  assert.equal(verdictOf([]), 'pass');
  assert.equal(maskHits('首选好茶，加vx：abcdef1', hits, ['diversion']), '首选好茶，***********');
});

test('property: a mobile number with spaces, dashes, dots or emoji between its digits, full-width or not, is found at its original span', () => {
  const digit = fc.integer({ min: 0, max: 9 }).map(String);
  const phone = fc
    .tuple(fc.integer({ min: 3, max: 9 }), fc.array(digit, { minLength: 9, maxLength: 9 }))
    .map(([second, rest]) => ['1', String(second), ...rest]);
  const gap = fc.constantFrom('', '', ' ', '-', '.', '🔥', '\u200b', '·');
  fc.assert(
    fc.property(
      phone,
      fc.array(gap, { minLength: 10, maxLength: 10 }),
      fc.boolean(),
      fc.constantFrom('咨询', '有事找我', '下单备注'),
      fc.constantFrom('', '谢谢', '，2箱起发'),
      (digits, gaps, wide, before, after) => {
        const shown = digits.map((d) => (wide ? String.fromCharCode(d.charCodeAt(0) + 0xfee0) : d));
        const disguised = shown.map((d, i) => d + (i < 10 ? gaps[i]! : '')).join('');
        const text = before + disguised + after;
        const hits = matcher.check(text).filter((h) => h.termId === 'detector:phone');
        assert.deepEqual(
          hits.map((h) => [h.start, h.end]),
          [[before.length, before.length + disguised.length]],
          text,
        );
      },
    ),
    { numRuns: 300 },
  );
});
