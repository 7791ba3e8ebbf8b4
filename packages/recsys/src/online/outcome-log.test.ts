import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Head, Labels } from './hashed-ranker.js';
import fc from 'fast-check';
import { OutcomeLog, type Train } from './outcome-log.js';

interface Example {
  slot: number;
  labels: Labels;
  only?: Head;
}

function recorder(): { examples: Example[]; train: (slots: Int32Array, labels: Labels, only?: Head) => void } {
  const examples: Example[] = [];
  return {
    examples,
    train: (slots, labels, only) =>
      examples.push({ slot: slots[0]!, labels: { ...labels }, ...(only ? { only } : {}) }),
  };
}

const slots = (n: number): Int32Array => Int32Array.of(n);

test('a seen pair is trained when its person asks for the next page; an unseen one waits', () => {
  const log = new OutcomeLog(60_000, 50_000, 1);
  const { examples, train } = recorder();
  log.served('a', 1, slots(1), 0, train);
  log.served('a', 2, slots(2), 0, train);
  log.served('b', 3, slots(3), 0, train);
  log.mark('a', 1, 'seen');
  log.mark('a', 1, 'complete');
  log.mark('b', 3, 'seen');
  log.movedOn('a', train);
  assert.deepEqual(examples, [{ slot: 1, labels: { complete: 1, engage: 0, purchase: 0 } }]);
  log.movedOn('a', train);
  assert.equal(examples.length, 1, 'a pair is trained once');
  log.mark('a', 2, 'engage');
  log.movedOn('a', train);
  assert.deepEqual(
    examples.map((e) => e.slot),
    [1, 2],
  );
  log.closeDue(60_000, train);
  assert.deepEqual(
    examples.map((e) => e.slot),
    [1, 2, 3],
    'the window still closes the other person’s pair',
  );
  assert.equal(log.size, 0);
});

test('a label after the pair was trained corrects that head alone; after the window it is ignored', () => {
  const log = new OutcomeLog(60_000, 50_000, 1);
  const { examples, train } = recorder();
  log.served('a', 1, slots(1), 0, train);
  log.mark('a', 1, 'seen');
  log.movedOn('a', train);
  assert.equal(log.mark('a', 1, 'purchase', train), true);
  assert.deepEqual(examples[1], { slot: 1, labels: { complete: 0, engage: 0, purchase: 1 }, only: 'purchase' });
  log.mark('a', 1, 'purchase', train);
  assert.equal(examples.length, 2, 'the same label corrects once');
  log.closeDue(60_000, train);
  assert.equal(log.mark('a', 1, 'engage', train), false);
  assert.equal(examples.length, 2);
});

test('serving a trained pair again starts a fresh example; capacity closes the oldest', () => {
  const log = new OutcomeLog(60_000, 2, 1);
  const { examples, train } = recorder();
  log.served('a', 1, slots(1), 0, train);
  log.mark('a', 1, 'purchase');
  log.movedOn('a', train);
  log.served('a', 1, slots(10), 5, train);
  log.mark('a', 1, 'seen');
  log.movedOn('a', train);
  assert.deepEqual(examples[1], { slot: 10, labels: { complete: 0, engage: 0, purchase: 0 } });
  log.served('b', 2, slots(2), 6, train);
  log.mark('b', 2, 'seen');
  log.served('c', 3, slots(3), 7, train);
  assert.deepEqual(
    examples.map((e) => e.slot),
    [1, 10],
    'over capacity: the oldest pending pair (a trained one) closes silently',
  );
  log.served('d', 4, slots(4), 8, train);
  assert.deepEqual(
    examples.map((e) => e.slot),
    [1, 10, 2],
    'then the next, seen and untrained, is trained as it closes',
  );
});

/** The log's rules over a plain list in serving order (replaced pairs keep their place until they leave). */
class ListLog {
  private readonly list: Array<{
    actor: string;
    item: number;
    slot: number;
    labels: Labels;
    seen: boolean;
    trained: boolean;
    live: boolean;
    at: number;
  }> = [];
  constructor(
    readonly windowMs: number,
    readonly capacity: number,
  ) {}
  private find(actor: string, item: number) {
    return this.list.find((p) => p.live && p.actor === actor && p.item === item);
  }
  private close(train: Train): void {
    const p = this.list.shift()!;
    if (p.live && p.seen && !p.trained) train(Int32Array.of(p.slot), p.labels);
  }
  served(actor: string, item: number, slot: number, at: number, train: Train): void {
    if (this.list.length === this.capacity) this.close(train);
    const had = this.find(actor, item);
    const carry = had && !had.trained;
    if (had) had.live = false;
    this.list.push({
      actor,
      item,
      slot,
      labels: carry ? { ...had.labels } : { complete: 0, engage: 0, purchase: 0 },
      seen: carry ? had.seen : false,
      trained: false,
      live: true,
      at,
    });
  }
  movedOn(actor: string, train: Train): void {
    for (const p of this.list)
      if (p.live && p.actor === actor && p.seen && !p.trained) {
        p.trained = true;
        train(Int32Array.of(p.slot), p.labels);
      }
  }
  mark(actor: string, item: number, what: 'seen' | Head, train: Train): boolean {
    const p = this.find(actor, item);
    if (!p) return false;
    p.seen = true;
    if (what === 'seen') return true;
    const late = p.trained && p.labels[what] === 0;
    p.labels[what] = 1;
    if (late) train(Int32Array.of(p.slot), p.labels, what);
    return true;
  }
  closeDue(now: number, train: Train): void {
    while (this.list.length && now - this.list[0]!.at >= this.windowMs) this.close(train);
  }
  get size(): number {
    return this.list.filter((p) => p.live).length;
  }
}

test('the ring keeps the same examples as a plain list, through wrap-around, replacements and late labels', () => {
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('served' as const),
      actor: fc.constantFrom('a', 'b', 'c'),
      item: fc.integer({ min: 0, max: 5 }),
      dt: fc.integer({ min: 0, max: 30 }),
    }),
    fc.record({
      kind: fc.constant('mark' as const),
      actor: fc.constantFrom('a', 'b', 'c'),
      item: fc.integer({ min: 0, max: 5 }),
      what: fc.constantFrom('seen' as const, 'complete' as const, 'engage' as const, 'purchase' as const),
    }),
    fc.record({ kind: fc.constant('movedOn' as const), actor: fc.constantFrom('a', 'b', 'c') }),
    fc.record({ kind: fc.constant('closeDue' as const), dt: fc.integer({ min: 0, max: 60 }) }),
  );
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 9 }), fc.array(op, { maxLength: 200 }), (capacity, ops) => {
      const ring = new OutcomeLog(100, capacity, 1);
      const list = new ListLog(100, capacity);
      const got = recorder();
      const want = recorder();
      let now = 0;
      let next = 1;
      for (const o of ops) {
        if (o.kind === 'served') {
          now += o.dt;
          const slot = next++;
          ring.served(o.actor, o.item, slots(slot), now, got.train);
          list.served(o.actor, o.item, slot, now, want.train);
        } else if (o.kind === 'mark') {
          assert.equal(ring.mark(o.actor, o.item, o.what, got.train), list.mark(o.actor, o.item, o.what, want.train));
        } else if (o.kind === 'movedOn') {
          ring.movedOn(o.actor, got.train);
          list.movedOn(o.actor, want.train);
        } else {
          now += o.dt;
          ring.closeDue(now, got.train);
          list.closeDue(now, want.train);
        }
        assert.equal(ring.size, list.size);
      }
      assert.deepEqual(sortExamples(got.examples), sortExamples(want.examples));
    }),
    { numRuns: 500 },
  );
});

/** movedOn trains a person's pairs in an order neither log promises; compare as multisets. */
const sortExamples = (e: Example[]): string[] => e.map((x) => JSON.stringify(x)).sort();

test('a pair with another number of features than the log keeps is refused', () => {
  const log = new OutcomeLog(60_000, 4, 2);
  const { train } = recorder();
  assert.throws(() => log.served('a', 1, slots(1), 0, train), RangeError);
  log.served('a', 1, Int32Array.of(5, 6), 0, train);
  assert.equal(log.size, 1);
});
