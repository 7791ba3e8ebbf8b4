import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBp, percentToBp } from './affiliate';

test('percentages typed in the forms become basis points without floating point; anything else is refused', () => {
  assert.equal(percentToBp('30'), 3000);
  assert.equal(percentToBp('12.5'), 1250);
  assert.equal(percentToBp('0.01'), 1);
  assert.equal(percentToBp(' 7.25 '), 725);
  assert.equal(percentToBp('100'), 10_000);
  for (const bad of ['', '-1', '100.01', '12.345', 'abc', '1e2', '1,5', null, undefined])
    assert.equal(percentToBp(bad), null, String(bad));
});

test('basis points show as a percentage with as few decimals as needed', () => {
  assert.deepEqual(
    [formatBp(3000), formatBp(1250), formatBp(725), formatBp(1), formatBp(0), formatBp(null)],
    ['30%', '12.5%', '7.25%', '0.01%', '0%', '—'],
  );
});
