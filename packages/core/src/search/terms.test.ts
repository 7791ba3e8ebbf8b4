import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutForSearch, cutWords } from './segmenter.js';
import { indexTerms, normaliseText, queryGroups, wholeWords, weightedTerms } from './terms.js';

test('titles are segmented with jieba into words, sub-words and the Han characters of longer words', () => {
  const terms = indexTerms('云南普洱茶 熟茶饼 357g', cutForSearch);
  for (const t of ['云南', '普洱', '普洱茶', '熟茶', '357g', '普', '洱', '茶'])
    assert.ok(terms.includes(t), `${t} in ${terms.join(' ')}`);
  assert.equal(new Set(terms).size, terms.length, 'each term once');
  assert.deepEqual(
    indexTerms('TPU砧板', cutForSearch).slice(0, 2),
    ['tpu', '砧板'],
    'mixed Latin and Chinese split apart, Latin lower-cased',
  );
  assert.deepEqual(wholeWords('陶瓷水果刀', cutWords), ['陶瓷', '水果刀'], 'whole words leave out sub-words');
});

test('full-width and upper-case text normalise to the same terms', () => {
  assert.equal(normaliseText('ＴＰＵ砧板'), 'tpu砧板');
  assert.deepEqual(indexTerms('ＴＰＵ砧板', cutForSearch), indexTerms('tpu砧板', cutForSearch));
});

test('a query becomes groups of alternatives: stems, compounds, characters of long words', () => {
  assert.deepEqual(
    queryGroups('橙子', cutForSearch),
    [{ term: '橙子', alternatives: [['橙']] }],
    '橙子 also answers to 橙 (脐橙, 冰糖橙)',
  );
  assert.deepEqual(
    queryGroups('普洱茶', cutForSearch),
    [{ term: '普洱茶', alternatives: [['普洱', '茶']] }],
    'the compound or its pieces',
  );
  assert.deepEqual(
    queryGroups('不粘锅', cutForSearch),
    [{ term: '不粘锅', alternatives: [['不', '粘', '锅']] }],
    'a 3-character word may be written apart (不粘炒锅)',
  );
  assert.deepEqual(
    queryGroups('大米', cutForSearch),
    [{ term: '大米', alternatives: [] }],
    'two-character words stay whole',
  );
  assert.deepEqual(
    queryGroups('云南的橙子', cutForSearch).map((g) => g.term),
    ['云南', '橙子'],
    'stop words dropped',
  );
  assert.deepEqual(
    queryGroups('砂糖桔', cutForSearch).find((g) => g.term === '桔')?.alternatives,
    [['橘']],
    'common variant spellings',
  );
  assert.deepEqual(weightedTerms(queryGroups('橙子', cutForSearch)), [
    { term: '橙子', weight: 2 },
    { term: '橙', weight: 1 },
  ]);
});

test('query syntax and punctuation never survive into terms', () => {
  for (const q of ['"', "'", '*', 'NEAR(a b)', 'a OR b', '-x', '^', ':', '\\', '()', '%_', '!!', '\u0000', '😀']) {
    for (const g of queryGroups(q, cutForSearch))
      for (const t of [g.term, ...g.alternatives.flat()])
        assert.match(t, /^[\p{L}\p{N}]+$/u, `${JSON.stringify(q)} gave ${t}`);
  }
  assert.deepEqual(queryGroups('!!! ???', cutForSearch), [], 'nothing searchable');
  assert.equal(queryGroups('一 二 三 四 五 六 七 八 九 十', cutForSearch).length, 8, 'at most 8 groups');
});
