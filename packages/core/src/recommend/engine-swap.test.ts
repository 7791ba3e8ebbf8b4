import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OnlineEngine, type ItemMeta, type ModelSnapshot } from '@zhongcao/recsys';
import { EngineDesk, type RecommendAnswer, type SwapAnswer } from './engine-desk.js';
import { ShownFilter } from './shown-filter.js';
import { LocalEngineHost, type EngineHost } from './engine-host.js';
import { ThreadEngineHost } from './engine-thread.js';

const T0 = 1_800_000_000_000;
const VIDEOS = 300;

function meta(i: number): ItemMeta {
  return {
    id: `vid_${i}`,
    title: '',
    creatorId: `usr_c${i % 7}`,
    creatorName: '',
    categoryId: `cat_${i % 5}`,
    categoryName: null,
    tags: [],
    priceFen: null,
    shopId: null,
    productIds: [],
    publishedAt: T0,
  };
}

/** A model of every video, vectors and biases from `seed`. */
function snapshot(seed: number): ModelSnapshot {
  const dim = 32;
  let x = seed;
  const rand = (): number => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31 - 0.5;
  };
  return {
    dim,
    items: Array.from({ length: VIDEOS }, (_, i) => `vid_${i}`),
    vectors: Float32Array.from({ length: VIDEOS * dim }, rand),
    bias: Float32Array.from({ length: VIDEOS }, rand),
    recency: Float32Array.from({ length: 20 }, (_, k) => 0.85 ** k),
  };
}

function desk(sliceUnits: number): EngineDesk {
  const d = new EngineDesk(new OnlineEngine(), () => {}, { sliceMs: Number.POSITIVE_INFINITY, sliceUnits });
  d.handle({ op: 'upsert', metas: Array.from({ length: VIDEOS }, (_, i) => meta(i)), poolSince: T0 + 1, now: null });
  d.handle({
    op: 'observe',
    signals: Array.from({ length: 40 }, (_, k) => ({
      actor: 'usr_a',
      kind: 'like' as const,
      videoId: `vid_${(k * 31) % VIDEOS}`,
      at: T0 + k * 1000,
    })),
  });
  return d;
}

const ask = (d: EngineDesk, now: number) =>
  d.handle({ op: 'recommend', actor: 'usr_a', limit: 10, now, shown: ShownFilter.empty().bytes }) as RecommendAnswer;

test('pages asked while a swap is prepared in slices are wholly the old model’s; the swap answers once switched in', async () => {
  const sliced = desk(40);
  const reference = desk(Number.POSITIVE_INFINITY);
  await sliced.handle({ op: 'swap', version: 'mdl_a', snapshot: snapshot(1), now: T0 + 50_000 });
  await reference.handle({ op: 'swap', version: 'mdl_a', snapshot: snapshot(1), now: T0 + 50_000 });
  let done: SwapAnswer | null = null;
  const swapping = (
    sliced.handle({ op: 'swap', version: 'mdl_b', snapshot: snapshot(2), now: T0 + 60_000 }) as Promise<SwapAnswer>
  ).then((a) => {
    done = a;
  });
  let now = T0 + 60_000;
  let during = 0;
  while (!done) {
    const page = ask(sliced, ++now);
    if (done) break;
    assert.equal(page.model, 'mdl_a');
    assert.deepEqual(page.recs, ask(reference, now).recs, `page ${during} during the swap`);
    during++;
    await new Promise((r) => setImmediate(r));
  }
  await swapping;
  assert.ok(during > 5, `${during} pages during the swap`);
  const answer = done as unknown as SwapAnswer;
  assert.equal(answer.version, 'mdl_b');
  assert.equal(answer.videos, VIDEOS);
  assert.ok(answer.slices > 5);
  await reference.handle({ op: 'swap', version: 'mdl_b', snapshot: snapshot(2), now: T0 + 60_000 });
  const after = ask(sliced, now + 1);
  assert.equal(after.model, 'mdl_b');
  assert.deepEqual(after.recs, ask(reference, now + 1).recs);
  assert.equal(await sliced.handle({ op: 'settled' }), true);
});

test('a swap on the engine’s thread answers as in this thread, and the caller keeps its snapshot whole', async () => {
  const thread = new ThreadEngineHost(
    () => {},
    () => {},
  );
  const local = new LocalEngineHost(() => {});
  try {
    const answers = [];
    for (const host of [thread, local] as EngineHost[]) {
      host.upsertVideos(
        Array.from({ length: VIDEOS }, (_, i) => meta(i)),
        T0 + 1,
        null,
      );
      const snap = snapshot(3);
      const answer = await host.swapModel('mdl_t', snap, T0 + 10_000);
      // The arrays sent to the thread were copies: the caller's are not detached.
      assert.equal(snap.vectors.length, VIDEOS * 32);
      assert.equal(snap.bias.length, VIDEOS);
      const page = await host.recommend('usr_x', 10, T0 + 20_000, ShownFilter.empty());
      answers.push({ videos: answer.videos, model: page.model, recs: page.recs });
    }
    assert.deepEqual(answers[0], answers[1]);
    assert.equal(answers[0]!.model, 'mdl_t');
    assert.equal(answers[0]!.videos, VIDEOS);
  } finally {
    await thread.close();
  }
});
