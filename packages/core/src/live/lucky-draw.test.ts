import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { drawWinners, newSeed, seedHash } from './lucky-draw.js';

test('the draw is a function of the seed and the set of entrants: anyone recomputes the same winners', () => {
  fc.assert(
    fc.property(
      fc.string({ minLength: 8, maxLength: 64 }),
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 60 }),
      fc.integer({ min: 1, max: 80 }),
      (seed, entrants, k) => {
        const winners = drawWinners(seed, entrants, k);
        assert.equal(winners.length, Math.min(k, entrants.length));
        assert.equal(new Set(winners).size, winners.length, 'nobody wins twice');
        for (const w of winners) assert.ok(entrants.includes(w));
        assert.deepEqual(
          drawWinners(seed, [...entrants].reverse(), k),
          winners,
          'the order entrants arrived in does not matter',
        );
        assert.deepEqual(drawWinners(seed, [...entrants, ...entrants], k), winners, 'duplicates do not count twice');
      },
    ),
  );
});

test('each entrant is about equally likely to win', () => {
  const entrants = Array.from({ length: 10 }, (_, i) => `usr_${i}`);
  const wins = new Map<string, number>();
  const runs = 4000;
  for (let i = 0; i < runs; i++)
    for (const w of drawWinners(`seed-${i}`, entrants, 2)) wins.set(w, (wins.get(w) ?? 0) + 1);
  const expected = (runs * 2) / entrants.length;
  for (const e of entrants)
    assert.ok(
      Math.abs((wins.get(e) ?? 0) - expected) < expected * 0.12,
      `${e}: ${wins.get(e)} wins, expected about ${expected}`,
    );
});

test('the published hash commits to the seed', () => {
  const seed = newSeed();
  assert.match(seed, /^[0-9a-f]{64}$/);
  assert.equal(seedHash(seed), seedHash(seed));
  assert.notEqual(seedHash(seed), seedHash(newSeed()));
});
