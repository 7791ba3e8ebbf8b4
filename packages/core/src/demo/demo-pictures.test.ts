import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sniffImageType } from '../catalog/index.js';
import { buildDemoCatalog } from './catalog.js';
import { productImagePng, videoCoverPng } from './demo-pictures.js';
import { motifFor } from './product-art.js';
import { outlineText } from './text-outline.js';

const catalog = buildDemoCatalog();
const categoryName = new Map(catalog.categories.map((c) => [c.key, c.name]));
const size = (png: Buffer): [number, number] => [png.readUInt32BE(16), png.readUInt32BE(20)];

test('every demo product name and category is drawable: the font has each character', () => {
  const texts = new Set([...catalog.products.map((p) => p.imageName), ...catalog.categories.map((c) => c.name)]);
  for (const text of texts) {
    const { d, width, missing } = outlineText(text, 0, 0, 40);
    assert.deepEqual(missing, [], `"${text}" draws every character`);
    assert.ok(d.length > 40 && width > 20 * [...text].length, `"${text}" has outlines`);
  }
  assert.deepEqual(
    outlineText('橙\u{1F9E1}', 0, 0, 40).missing,
    ['\u{1F9E1}'],
    'a character the font lacks is reported, not invented',
  );
});

test('each demo product gets a motif of its kind; seafood by what it is', () => {
  for (const p of catalog.products) assert.ok(motifFor(categoryName.get(p.categoryKey)!, p.imageName));
  assert.equal(motifFor('海鲜水产', '阳澄湖大闸蟹'), 'crab');
  assert.equal(motifFor('海鲜水产', '北极甜虾刺身级'), 'shrimp');
  assert.equal(motifFor('海鲜水产', '乳山生蚝'), 'shell');
  assert.equal(motifFor('海鲜水产', '舟山东海带鱼'), 'fish');
  assert.equal(motifFor('茶叶', '西湖龙井'), 'tea');
  assert.equal(motifFor('砧板', 'TPU抗菌砧板'), 'board');
  assert.throws(() => motifFor('不存在', '某物'));
  assert.equal(motifFor('不存在', '某物', 'rice'), 'rice');
});

test('product images and covers are PNGs the catalog accepts, the same bytes for the same product, different for another', () => {
  const orange = { name: '哀牢山冰糖橙', categoryName: '水果', color: '#f28c28' };
  const a = productImagePng(orange);
  assert.deepEqual(a, productImagePng({ ...orange }), 'deterministic');
  assert.equal(sniffImageType(a)?.type, 'image/png');
  assert.deepEqual(size(a), [360, 360]);
  assert.notDeepEqual(a, productImagePng({ ...orange, name: '云南沃柑' }), 'the name is drawn');
  assert.notDeepEqual(
    a,
    productImagePng({ name: '哀牢山冰糖橙', categoryName: '刀具', color: '#f28c28' }),
    'the motif is drawn',
  );
  assert.ok(a.length > 5000, 'more than a flat fill');
  const cover = videoCoverPng(orange, ['#ff7a18', '#ffd166']);
  assert.deepEqual(size(cover), [270, 480]);
  assert.deepEqual(cover, videoCoverPng(orange, ['#ff7a18', '#ffd166']));
});
