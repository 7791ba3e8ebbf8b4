import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.js';
import { Covisitation, COVISITATION_DEFAULTS } from './covisitation.js';

/** The table's rules written plainly, one array of pairs per item: the oracle for the slabs. */
class Plain {
  readonly rows = new Map<number, { ref: number; pairs: { b: number; w: number }[] }>();
  constructor(
    readonly cap: number,
    readonly halfLife: number,
  ) {}
  add(a: number, b: number, weight: number, at: number): void {
    let row = this.rows.get(a);
    if (!row) this.rows.set(a, (row = { ref: at, pairs: [] }));
    if (at > row.ref) {
      for (const p of row.pairs) p.w = Math.fround(p.w * Math.pow(2, -(at - row.ref) / this.halfLife));
      row.ref = at;
    }
    const hit = row.pairs.find((p) => p.b === b);
    if (hit) hit.w = Math.fround(hit.w + weight);
    else if (row.pairs.length < this.cap) row.pairs.push({ b, w: Math.fround(weight) });
    else {
      let weakest = 0;
      for (let i = 1; i < row.pairs.length; i++) if (row.pairs[i]!.w < row.pairs[weakest]!.w) weakest = i;
      if (weight > row.pairs[weakest]!.w) row.pairs[weakest] = { b, w: Math.fround(weight) };
    }
  }
}

test('the slab table keeps what a plain table of rows keeps, evictions and decay included, growing past its first size', () => {
  const opts = { ...COVISITATION_DEFAULTS, rowCap: 4, halfLife: 60_000 };
  const slab = new Covisitation(opts);
  const plain = new Plain(opts.rowCap, opts.halfLife);
  const rng = new Rng(3);
  const items = 3_000; // past the slabs' first 1,024 rows
  const recent: number[] = [];
  const recentAt: number[] = [];
  for (let k = 0, at = 0; k < 20_000; k++, at += 1 + rng.int(2_000)) {
    const item = rng.int(10) < 7 ? rng.int(50) : rng.int(items);
    slab.observe(recent, recentAt, item, at);
    let w = 1;
    for (let j = recent.length - 1, dist = 0; j >= 0 && dist < opts.window; j--, dist++) {
      if (at - recentAt[j]! > opts.sessionGapMs) break;
      if (recent[j] !== item) {
        plain.add(recent[j]!, item, w, at);
        plain.add(item, recent[j]!, w * opts.backward, at);
      }
      w *= opts.decay;
    }
    recent.push(item);
    recentAt.push(at);
    if (recent.length > 24) {
      recent.shift();
      recentAt.shift();
    }
  }
  assert.equal(slab.rowCount, plain.rows.size);
  const now = 40_000_000;
  for (const [a, row] of plain.rows) {
    const got: { b: number; w: number }[] = [];
    slab.forEachNeighbour(a, now, (b, w) => got.push({ b, w }));
    const f = Math.pow(2, -(now - row.ref) / opts.halfLife);
    assert.deepEqual(
      got.map((p) => p.b),
      row.pairs.map((p) => p.b),
      `row ${a}`,
    );
    got.forEach((p, i) =>
      assert.ok(
        Math.abs(p.w - row.pairs[i]!.w * f) <= 1e-6 * Math.max(1, p.w),
        `row ${a}, ${p.w} against ${row.pairs[i]!.w * f}`,
      ),
    );
  }
  // 4 bytes per item of the index map, and per row rowCap ids and weights (8 bytes each), a count byte and a reference time; the rows grow by half.
  const row = 4 * 8 + 1 + 8;
  assert.ok(
    slab.bytes >= plain.rows.size * row &&
      slab.bytes <= (plain.rows.size * 1.5 + 1_024) * row + 4 * 2 * (items + 1_024),
    String(slab.bytes),
  );
  let none = 0;
  slab.forEachNeighbour(items + 10_000, now, () => none++);
  assert.equal(none, 0);
});
