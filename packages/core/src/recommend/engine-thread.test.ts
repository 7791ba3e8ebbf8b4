import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ItemMeta, PoolStep, Signal } from '@zhongcao/recsys';
import { ShownFilter } from './shown-filter.js';
import { LocalEngineHost, type EngineHost } from './engine-host.js';
import { EngineStopped, ThreadEngineHost } from './engine-thread.js';

const NOW = Date.UTC(2026, 10, 1);
const HOUR = 3600_000;

/** 60 videos in three categories by five creators, every hour one, the newest an hour ago. */
function catalog(): ItemMeta[] {
  const categories = ['fruit', 'beauty', 'toys'];
  return Array.from({ length: 60 }, (_, i) => ({
    id: `vid_${String(i).padStart(4, '0')}`,
    title: `video ${i}`,
    creatorId: `usr_creator${i % 5}`,
    creatorName: `creator ${i % 5}`,
    categoryId: categories[i % 3]!,
    categoryName: categories[i % 3]!,
    tags: [`tag${i % 4}`],
    priceFen: 990 + i,
    shopId: `shp_${categories[i % 3]}`,
    productIds: [`prd_${i}`],
    publishedAt: NOW - (60 - i) * HOUR,
  }));
}

/** A person who liked and watched fruit videos; another who follows creator 2. */
function signals(metas: ItemMeta[]): Signal[] {
  const fruit = metas.filter((m) => m.categoryId === 'fruit');
  const out: Signal[] = [];
  fruit.slice(0, 6).forEach((m, k) => {
    out.push({
      actor: 'usr_fan',
      kind: 'view_progress',
      videoId: m.id,
      watchMs: 30_000,
      durationMs: 30_000,
      at: NOW - 50 * 60_000 + k * 60_000,
    });
    out.push({ actor: 'usr_fan', kind: 'like', videoId: m.id, at: NOW - 50 * 60_000 + k * 60_000 + 1 });
  });
  out.push({ actor: 'usr_follower', kind: 'follow', creatorId: 'usr_creator2', at: NOW - 10 * 60_000 });
  return out;
}

async function feed(
  host: EngineHost,
  _steps: PoolStep[][],
): Promise<Array<{ fan: string[]; follower: string[]; anon: string[]; consulted: string[] }>> {
  const metas = catalog();
  host.upsertVideos(metas.slice(0, 40), NOW - 7 * 24 * HOUR, null);
  host.upsertVideos(metas.slice(40), NOW - 7 * 24 * HOUR, NOW - 30 * 60_000);
  host.observe(signals(metas));
  const pages = [];
  for (const now of [NOW, NOW + 5_000]) {
    const fan = await host.recommend('usr_fan', 6, now, ShownFilter.empty());
    const follower = await host.recommend('usr_follower', 6, now, ShownFilter.empty());
    const anon = await host.recommend('anon:device-0001', 6, now, ShownFilter.empty());
    pages.push({
      fan: fan.recs.map((r) => r.videoId),
      follower: follower.recs.map((r) => r.videoId),
      anon: anon.recs.map((r) => r.videoId),
      consulted: [...fan.consulted, ...follower.consulted, ...anon.consulted].sort(),
    });
  }
  await host.settled();
  return pages;
}

test('the engine on its own thread answers exactly as the engine in this thread, pool steps included', async () => {
  const localSteps: PoolStep[][] = [];
  const threadSteps: PoolStep[][] = [];
  const local = new LocalEngineHost((s) => localSteps.push(s));
  const thread = new ThreadEngineHost(
    (s) => threadSteps.push(s),
    (err) => assert.fail(err),
  );
  try {
    const a = await feed(local, localSteps);
    const b = await feed(thread, threadSteps);
    assert.deepEqual(b, a);
    assert.ok(a[0]!.fan.length === 6 && a[0]!.follower.length === 6 && a[0]!.anon.length === 6);
    assert.deepEqual(a[0]!.consulted, ['shp_beauty', 'shp_fruit', 'shp_toys'], 'the shops ranked are reported');
    assert.deepEqual(a[1]!.consulted, [], 'and not again within seconds');
    assert.ok(threadSteps.flat().length > 0, 'new videos entered the traffic pool');
    assert.deepEqual(threadSteps.flat(), localSteps.flat());
    assert.equal(thread.knows('vid_0001'), true);
    assert.equal(thread.knows('vid_9999'), false);
    // person vectors ("people like my buyers") cross the thread as they are
    const [lv, tv] = [
      await local.personVectors(['usr_fan', 'usr_nobody']),
      await thread.personVectors(['usr_fan', 'usr_nobody']),
    ];
    assert.deepEqual([...tv.found], [1, 0], 'the fan has a vector, a stranger none');
    assert.deepEqual([...tv.vectors], [...lv.vectors]);
    assert.ok(tv.vectors.slice(0, tv.dim).some((x) => x !== 0) && tv.vectors.slice(tv.dim).every((x) => x === 0));
    assert.equal(await thread.mergeProfile('usr_fan', 'usr_other', NOW), true);
    assert.equal(await thread.mergeProfile('anon:nobody', 'usr_other', NOW), false);
  } finally {
    await thread.close();
  }
});

test('a multiplier rule reaches the engine on its thread and re-ranks the page', async () => {
  const thread = new ThreadEngineHost(
    () => {},
    (err) => assert.fail(err),
  );
  try {
    const before = (await feed(thread, []))[0]!.fan;
    const fruitIds = new Set(
      catalog()
        .filter((m) => m.categoryId === 'fruit')
        .map((m) => m.id),
    );
    assert.ok(fruitIds.has(before[0]!), 'the fan is offered fruit first');
    thread.setMultipliers({ throttledShops: [], rules: [{ field: 'categoryId', value: 'fruit', multiplier: 0.01 }] });
    const after = (await thread.recommend('usr_fan', 6, NOW + 120_000, ShownFilter.empty())).recs.map((r) => r.videoId);
    assert.ok(!fruitIds.has(after[0]!), 'a lowered category loses the lead');
    thread.setMultipliers({ throttledShops: ['shp_beauty', 'shp_toys'], rules: [] });
    const throttled = (await thread.recommend('usr_fan', 6, NOW + 180_000, ShownFilter.empty())).recs.map(
      (r) => r.videoId,
    );
    assert.ok(fruitIds.has(throttled[0]!), 'throttling the other shops gives fruit the lead back');
  } finally {
    await thread.close();
  }
});

test('when the thread stops, waiting and later requests are refused with EngineStopped and the failure is reported', async () => {
  const failures: Error[] = [];
  const thread = new ThreadEngineHost(
    () => {},
    (err) => failures.push(err),
  );
  thread.upsertVideos(catalog(), 0, null);
  await thread.settled();
  // Asked after the thread was told to stop: it is never answered, so it is refused.
  const stopping = (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
  const waiting = thread.recommend('usr_fan', 6, NOW, ShownFilter.empty());
  await stopping;
  await assert.rejects(waiting, EngineStopped);
  await assert.rejects(thread.recommend('usr_fan', 6, NOW, ShownFilter.empty()), EngineStopped);
  assert.ok(failures[0] instanceof EngineStopped);
  thread.observe([]); // sending to a stopped thread is a no-op, not a throw
  await thread.close();
});

test('a signal that throws on the thread is counted and dropped; the engine goes on', async () => {
  let failure: Error | null = null;
  const thread = new ThreadEngineHost(
    () => {},
    (err) => (failure = err),
  );
  try {
    thread.upsertVideos(catalog(), 0, null);
    thread.observe([null as unknown as Signal]);
    await thread.settled();
    assert.equal(thread.requestErrors, 1);
    assert.match(thread.lastRequestError ?? '', /TypeError/);
    assert.equal(failure, null, 'the thread is not reported as stopped');
    assert.equal((await thread.recommend('usr_fan', 6, NOW, ShownFilter.empty())).recs.length, 6);
  } finally {
    await thread.close();
  }
});

test('a process waiting only for the engine thread stays alive until it answers, then may exit', async () => {
  const { spawnSync } = await import('node:child_process');
  // engine-thread.ts from source, engine-thread.js when the tests run compiled (its worker is then a
  // file, which refuses an inherited --input-type: the script is CommonJS with a dynamic import)
  const host = new URL(import.meta.url.endsWith('.ts') ? './engine-thread.ts' : './engine-thread.js', import.meta.url)
    .href;
  const script = `
    import(${JSON.stringify(host)}).then(async ({ ThreadEngineHost }) => {
      const thread = new ThreadEngineHost(() => {}, () => {});
      await thread.settled();
      console.log('answered');
    });`;
  const run = spawnSync(process.execPath, [...process.execArgv, '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.stdout.trim(), 'answered', run.stderr);
  assert.equal(run.status, 0, 'and the idle thread does not keep it from exiting');
});
