import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pinyinTerms, wholeNamePinyin, withPinyin } from './pinyin.js';

test('pinyin terms: full pinyin run together, initials for two characters or more', () => {
  assert.deepEqual(pinyinTerms(['茶']), ['cha'], 'one character: its pinyin, no initial (c would match every c-word)');
  assert.deepEqual(pinyinTerms(['普洱']), ['puer', 'pe']);
  assert.deepEqual(pinyinTerms(['普洱茶']), ['puercha', 'pec']);
  assert.deepEqual(pinyinTerms(['绿茶']), ['lvcha', 'lc'], 'ü is written v, as on a keyboard');
  assert.deepEqual(pinyinTerms(['长白山']), ['changbaishan', 'cbs'], 'the word picks the reading of 长');
  assert.deepEqual(pinyinTerms(['5斤装']), ['jinzhuang', 'jz'], 'only the Han characters are read');
  assert.deepEqual(pinyinTerms(['tpu', '5kg', '']), [], 'no Han characters, nothing to add');
});

test('withPinyin keeps the terms and adds each pinyin term once', () => {
  assert.deepEqual(withPinyin(['普洱', '茶', '普洱茶', 'cha']), [
    '普洱',
    '茶',
    '普洱茶',
    'cha',
    'puer',
    'pe',
    'puercha',
    'pec',
  ]);
});

test('a name’s whole pinyin, whatever the segmenter does with it', () => {
  assert.deepEqual(wholeNamePinyin('茶小仙'), ['chaxiaoxian', 'cxx']);
  assert.deepEqual(wholeNamePinyin('普洱 品鉴夜!'), ['puerpinjianye', 'pepjy']);
  assert.deepEqual(wholeNamePinyin('茶'), [], 'one character is already a term of its own');
  assert.deepEqual(wholeNamePinyin('demo'), []);
});
