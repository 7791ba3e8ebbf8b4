import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { newId } from '../platform/index.js';
import { ShownFilter } from './shown-filter.js';

test('property: the filter never forgets a shown id, also after a round trip through text', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 300 }), (items) => {
      const f = ShownFilter.empty();
      for (const id of items) f.add(id);
      const back = ShownFilter.decode(f.encode());
      assert.ok(back);
      for (const id of items) assert.ok(back.has(id), id);
    }),
  );
});

test('false positives stay rare for a long session (800 shown videos)', () => {
  const f = ShownFilter.empty();
  const now = Date.now();
  for (let i = 0; i < 800; i++) f.add(newId('video', now + i));
  let hits = 0;
  for (let i = 0; i < 10_000; i++) if (f.has(newId('video', now + 10_000 + i))) hits++;
  assert.ok(hits / 10_000 < 0.12, `false positive rate ${hits / 10_000}`);
});

test('text that is not a filter is refused', () => {
  assert.equal(ShownFilter.decode('abc'), null);
  assert.equal(ShownFilter.decode(ShownFilter.empty().encode().slice(1)), null);
  assert.equal(ShownFilter.decode(`${ShownFilter.empty().encode()}A`), null);
});
