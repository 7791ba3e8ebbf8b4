import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ItemMeta, ModelSnapshot, Signal } from '@zhongcao/recsys';
import { newId } from '../platform/index.js';
import { insertRows } from '../storage/index.js';
import { makePerson, openTestCore } from '../test-support/index.js';
import type { RecommendAnswer, PersonVectors, SwapAnswer } from './engine-desk.js';
import type { EngineHost } from './engine-host.js';
import { SignalColumns } from './signal-columns.js';
import { storedSignals, WARM_PAGE, warmEngine } from './warm.js';

test('signal columns give back each signal with the fields its shape carries, in time order, ties in the order added', () => {
  const cols = new SignalColumns();
  const added: Array<[Parameters<SignalColumns['add']>[0], Signal]> = [
    [
      'client',
      {
        actor: 'anon:d1',
        kind: 'view_progress',
        videoId: 'vid_2',
        productId: null,
        watchMs: 2500.5,
        durationMs: 15000,
        at: 30,
      },
    ],
    ['creator', { actor: 'usr_a', kind: 'follow', creatorId: 'usr_c', at: 20 }],
    ['video', { actor: 'usr_a', kind: 'like', videoId: 'vid_1', at: 30 }],
    ['product', { actor: 'usr_b', kind: 'add_to_cart', productId: 'prd_1', at: 10 }],
    ['order', { actor: 'usr_b', kind: 'purchase', productId: 'prd_1', videoId: null, at: 30 }],
    [
      'client',
      { actor: 'usr_b', kind: 'impression', videoId: 'vid_1', productId: null, watchMs: null, durationMs: null, at: 5 },
    ],
  ];
  for (const [shape, s] of added) cols.add(shape, s);
  assert.equal(cols.length, added.length);
  const inOrder = [...cols.timeOrder()].map((row) => cols.signal(row));
  // Stable by time: the three signals at 30 keep the order they were added in.
  assert.deepEqual(inOrder, [added[5]![1], added[3]![1], added[1]![1], added[0]![1], added[2]![1], added[4]![1]]);
});

test('signal columns hold more rows than one chunk', () => {
  const cols = new SignalColumns();
  const n = 70_000;
  for (let i = 0; i < n; i++)
    cols.add('video', { actor: `usr_${i % 7}`, kind: 'like', videoId: `vid_${i}`, at: n - i });
  const order = cols.timeOrder();
  assert.equal(order.length, n);
  assert.deepEqual(cols.signal(order[0]!), {
    actor: `usr_${(n - 1) % 7}`,
    kind: 'like',
    videoId: `vid_${n - 1}`,
    at: 1,
  });
  assert.deepEqual(cols.signal(order[n - 1]!), { actor: 'usr_0', kind: 'like', videoId: 'vid_0', at: n });
});

/** An engine host that only records what it is sent, and answers `settled` when told to. */
class RecordingHost implements EngineHost {
  readonly pages: Signal[][] = [];
  /** Pages sent but not yet learnt when the next one was sent (most at once). */
  maxUnsettled = 0;
  private unsettled = 0;
  knows(): boolean {
    return false;
  }
  upsertVideos(_metas: readonly ItemMeta[]): void {}
  observe(signals: readonly Signal[]): void {
    this.pages.push([...signals]);
    this.unsettled++;
    this.maxUnsettled = Math.max(this.maxUnsettled, this.unsettled);
  }
  async settled(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    this.unsettled = 0;
  }
  recommend(): Promise<RecommendAnswer> {
    throw new Error('not used');
  }
  removeVideo(): void {}
  mergeProfile(): Promise<boolean> {
    throw new Error('not used');
  }
  expire(): void {}
  setMultipliers(): void {}
  swapModel(_v: string, _s: ModelSnapshot): Promise<SwapAnswer> {
    throw new Error('not used');
  }
  personVectors(): Promise<PersonVectors> {
    throw new Error('not used');
  }
  async close(): Promise<void> {}
}

test('the warm-up hands the stored signals to the engine in time order, a page at a time, the next once the one before is learnt', async () => {
  const core = await openTestCore();
  try {
    const person = await makePerson(core, 'warm-reader', [], false);
    const now = core.clock.now();
    const count = WARM_PAGE * 2 + 123;
    // Client events whose client times run against their ids, so time order is not read order.
    const rows = Array.from({ length: count }, (_, i) => ({
      id: newId('event', now - 3600_000 + i),
      actor_key: i % 2 ? person.userId : `anon:dev-${i % 97}`,
      user_id: i % 2 ? person.userId : null,
      type: i % 3 ? 'impression' : 'view_progress',
      video_id: `vid_${i % 500}`,
      product_id: null,
      watch_ms: i % 3 ? null : 4000,
      duration_ms: i % 3 ? null : 15000,
      at: now - 60_000 - ((i * 7919) % 50_000),
      received_at: now,
      client_event_id: `c${i}`,
    }));
    for (let i = 0; i < rows.length; i += 1_000) await insertRows(core.ctx.db, 'events', rows.slice(i, i + 1_000));
    const expected = await storedSignals(core.ctx, now - 14 * 24 * 3600_000);
    assert.equal(expected.length, count);
    for (let i = 1; i < expected.length; i++) assert.ok(expected[i - 1]!.at <= expected[i]!.at, 'in time order');

    const host = new RecordingHost();
    const report = await warmEngine(core.ctx, host);
    assert.equal(report.signals, count);
    assert.deepEqual(
      host.pages.map((p) => p.length),
      [WARM_PAGE, WARM_PAGE, 123],
    );
    assert.deepEqual(host.pages.flat(), expected);
    assert.ok(host.maxUnsettled <= 2, `at most two pages in flight, saw ${host.maxUnsettled}`);
  } finally {
    await core.dispose();
  }
});
