import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ItemCatalog } from './item-catalog.js';
import { pairFeatures, personFeatures, PERSON_FIELDS, FEATURE_COUNT, type PairContext } from './ranking-features.js';

test("personFeatures writes the person's fields exactly as pairFeatures does, and nothing else", () => {
  const catalog = new ItemCatalog();
  for (let i = 0; i < 12; i++)
    catalog.upsert({
      id: `vid_${i}`,
      title: `video ${i}`,
      creatorId: `usr_c${i % 3}`,
      creatorName: `creator ${i % 3}`,
      categoryId: i % 4 === 3 ? null : `cat_${i % 2}`,
      categoryName: null,
      tags: i % 5 === 0 ? [] : [`tag${i % 4}`, `tag${i % 3}`],
      priceFen: i % 6 === 5 ? null : 990 + i * 3_000,
      shopId: null,
      productIds: [`prd_${i % 4}`],
      publishedAt: 1_000,
    });
  const keys = catalog.keys(0);
  const tagKey = catalog.keys(1).tags[0]!;
  const affs = [
    new Map<string, number>(),
    new Map<string, number>([
      [keys.creator, 2.5],
      [keys.category!, 0.3],
      [tagKey, 7],
      ...(keys.band ? ([[keys.band, 1.2]] as [string, number][]) : []),
    ]),
  ];
  for (let item = 0; item < catalog.size; item++)
    for (const aff of affs)
      for (const [embedding, followed] of [
        [0, false],
        [0.7, true],
        [-3.2, false],
      ] as const) {
        const c: PairContext = { source: null, retrieval: 0, embedding, trending: 0, followed, now: 2_000 };
        const pair = new Uint32Array(FEATURE_COUNT);
        pairFeatures(catalog, item, aff, c, pair);
        const person = new Uint32Array(FEATURE_COUNT).fill(7);
        personFeatures(catalog, item, aff, embedding, followed, person);
        for (let f = 0; f < FEATURE_COUNT; f++)
          assert.equal(
            person[f],
            (PERSON_FIELDS as readonly number[]).includes(f) ? pair[f] : 7,
            `item ${item}, field ${f}`,
          );
      }
});
