import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import {
  addToBag,
  createFlashSale,
  createRoom,
  HOT_STALE_MS,
  hotToken,
  liveRuntime,
  loadActor,
  openRoom,
  placeSaleOrder,
  type Actor,
} from '@zhongcao/core';
import { makePerson, makeShop, openTestCore, type TestCore } from '@zhongcao/core/test-support';
import { startPrivateRedis, type PrivateService } from '../test-support/private-services.js';
import { redisSaleCounter, saleCounterKeys } from './redis-sale-counter.js';

async function withRedis(fn: (redis: PrivateService, a: Redis, b: Redis) => Promise<void>): Promise<void> {
  const redis = await startPrivateRedis();
  // Two connections stand for two api processes.
  const a = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  const b = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  try {
    await fn(redis, a, b);
  } finally {
    a.disconnect();
    b.disconnect();
    await redis.close();
  }
}

test('the counter: one atomic step per reservation across processes, seeded once, settled, reconciled', {
  timeout: 60_000,
}, async () => {
  await withRedis(async (_redis, a, b) => {
    const pa = redisSaleCounter(a);
    const pb = redisSaleCounter(b);
    const now = Date.now();
    assert.equal((await pa.reserve('s1', 'u1', 1, 2, hotToken('u1', 1, 'x'), now)).verdict, 'UNSEEDED');
    await pa.seed('s1', { remaining: 3, holdings: [['u9', 2]], expiresAt: now + 3_600_000 });
    await pb.seed('s1', { remaining: 100, holdings: [], expiresAt: now + 3_600_000 }); // the first creation wins
    assert.equal(await a.get(saleCounterKeys('s1')[0]), '3');
    assert.equal((await pb.reserve('s1', 'u9', 1, 2, hotToken('u9', 1, 'y'), now)).verdict, 'SALE_LIMIT_REACHED');
    const r1 = await pa.reserve('s1', 'u1', 2, 2, hotToken('u1', 2, 'a'), now);
    assert.deepEqual(r1, { verdict: 'ok', remaining: 1 });
    assert.equal((await pb.reserve('s1', 'u1', 1, 2, hotToken('u1', 1, 'b'), now)).verdict, 'SALE_LIMIT_REACHED');
    assert.deepEqual(await pb.reserve('s1', 'u2', 1, 2, hotToken('u2', 1, 'c'), now), { verdict: 'ok', remaining: 0 });
    assert.equal((await pa.reserve('s1', 'u3', 1, 2, hotToken('u3', 1, 'd'), now)).verdict, 'SALE_SOLD_OUT');
    // u1's order is written; u2's write failed: its unit returns, once however often it is settled.
    await pa.settle('s1', [hotToken('u1', 2, 'a')], []);
    await pb.settle('s1', [], [{ token: hotToken('u2', 1, 'c'), buyerId: 'u2', quantity: 1 }]);
    await pb.settle('s1', [], [{ token: hotToken('u2', 1, 'c'), buyerId: 'u2', quantity: 1 }]);
    assert.deepEqual(await pa.reserve('s1', 'u3', 1, 2, hotToken('u3', 1, 'e'), now), { verdict: 'ok', remaining: 0 });
    // u3's process dies before settling; the database says 1 unit is left (u1's 2 written, u3's never).
    assert.equal(
      await pb.reconcile('s1', { remaining: 1 }, now + 1_000, HOT_STALE_MS),
      0,
      'a fresh in-flight reservation still counts',
    );
    assert.equal(
      await pb.reconcile('s1', { remaining: 1 }, now + HOT_STALE_MS + 1, HOT_STALE_MS),
      1,
      'a stale one is dropped: its unit is on offer again',
    );
    assert.equal(
      await a.hget(saleCounterKeys('s1')[1], 'u3'),
      null,
      'and the dead reservation no longer counts against its buyer',
    );
    assert.equal((await pa.reserve('s1', 'u3', 1, 2, hotToken('u3', 1, 'f'), now)).verdict, 'ok');
    assert.equal(
      await pa.reconcile('nope', { remaining: 5 }, now, HOT_STALE_MS),
      null,
      'no counter, nothing to reconcile',
    );
  });
});

interface Sale {
  core: TestCore;
  saleId: string;
  people: Actor[];
}

async function saleWithBuyers(quantity: number, limit: number, buyers: number): Promise<Sale> {
  const core = await openTestCore();
  const shop = await makeShop(core, 'hot', quantity * 3);
  const host = await loadActor(core.ctx.db, shop.owner.userId);
  const { id: roomId } = await createRoom(core.ctx, host, { title: '热卖直播间', shopId: shop.shopId });
  await openRoom(core.ctx, host, roomId);
  await addToBag(core.ctx, host, roomId, shop.productId);
  const now = core.clock.now();
  const sale = await createFlashSale(core.ctx, host, roomId, {
    skuId: shop.skuIds[0]!,
    priceFen: 990,
    quantity,
    perPersonLimit: limit,
    startsAt: now,
    endsAt: now + 3_600_000,
  });
  const people: Actor[] = [];
  for (let i = 0; i < buyers; i++) people.push(await makePerson(core, `hot-buyer-${i}`));
  return { core, saleId: sale.id, people };
}

async function reservedInDb(
  core: TestCore,
  saleId: string,
): Promise<{ units: number; remaining: number; maxPerBuyer: number }> {
  const rows = await core.ctx.db
    .selectFrom('live_sale_buyers')
    .select('quantity')
    .where('sale_id', '=', saleId)
    .execute();
  const sale = await core.ctx.db
    .selectFrom('live_flash_sales')
    .select('remaining')
    .where('id', '=', saleId)
    .executeTakeFirstOrThrow();
  return {
    units: rows.reduce((s, r) => s + Number(r.quantity), 0),
    remaining: Number(sale.remaining),
    maxPerBuyer: Math.max(0, ...rows.map((r) => Number(r.quantity))),
  };
}

const outcome = (r: PromiseSettledResult<unknown>): string =>
  r.status === 'fulfilled' ? 'ok' : (r.reason as { code: string }).code;

test('flash-sale orders admitted by the Redis counter: every unit sold once, the limit held, the counter equal to the database; Redis flushed mid-sale is rebuilt from the database', {
  timeout: 120_000,
}, async () => {
  await withRedis(async (redis, a) => {
    const { core, saleId, people } = await saleWithBuyers(30, 2, 25);
    try {
      liveRuntime(core.ctx).useHotCounter(redisSaleCounter(a));
      // Every buyer asks for 2, then 1 more (over the limit): 48 units wanted of 30.
      const first = await Promise.allSettled(
        people
          .slice(0, 8)
          .flatMap((p, i) => [
            placeSaleOrder(core.ctx, p, saleId, { quantity: 2 }, `hot-key-${i}-0`),
            placeSaleOrder(core.ctx, p, saleId, { quantity: 1 }, `hot-key-${i}-1`),
          ]),
      );
      assert.deepEqual(new Set(first.map(outcome)), new Set(['ok', 'SALE_LIMIT_REACHED']));
      // On a loaded machine a reservation may answer after the desk stopped waiting (2 s): the request
      // went through the process's own gate, and the late grant is given back a moment later.
      const settledBy = Date.now() + 5_000;
      while ((await a.get(saleCounterKeys(saleId)[0])) !== String(30 - 16) && Date.now() < settledBy)
        await new Promise((r) => setTimeout(r, 50));
      assert.equal(await a.get(saleCounterKeys(saleId)[0]), String(30 - 16));
      // Redis comes back empty: the next reservation finds no counter and rebuilds it from the database first.
      await redis.stop(true);
      await redis.restart();
      await new Promise((r) => setTimeout(r, 1_500)); // the connection comes back
      const rest = await Promise.allSettled(
        people
          .slice(8, 24)
          .flatMap((p, i) => [
            placeSaleOrder(core.ctx, p, saleId, { quantity: 2 }, `hot-key-${i + 8}-0`),
            placeSaleOrder(core.ctx, p, saleId, { quantity: 1 }, `hot-key-${i + 8}-1`),
          ]),
      );
      const db = await reservedInDb(core, saleId);
      assert.equal(db.units, 30, 'every unit sold');
      assert.equal(db.remaining, 0);
      assert.ok(db.maxPerBuyer <= 2, 'nobody over the limit');
      assert.equal(
        [...first, ...rest].filter((r) => r.status === 'fulfilled').length,
        15,
        'every accepted answer is one order of 2 units',
      );
      // Around the restart a request whose reservation the store did not answer in time is admitted
      // through the process's own gate, so the rebuilt counter can be off by its units; the database
      // decides, and a refusal makes the desk reconcile the counter with it (at most once a second).
      await new Promise((r) => setTimeout(r, 1_100));
      const late = await Promise.allSettled([
        placeSaleOrder(core.ctx, people[24]!, saleId, { quantity: 1 }, 'hot-key-late'),
      ]);
      assert.equal(outcome(late[0]!), 'SALE_SOLD_OUT');
      const deadline = Date.now() + 5_000;
      while ((await a.get(saleCounterKeys(saleId)[0])) !== '0' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      assert.equal(await a.get(saleCounterKeys(saleId)[0]), '0', 'the rebuilt counter agrees with the database');
      assert.equal((await reservedInDb(core, saleId)).units, 30, 'and nothing more was sold');
      assert.equal(await a.zcard(saleCounterKeys(saleId)[2]), 0, 'no reservation left in flight');
      // A retry of an accepted request (same Idempotency-Key) gets the same order back, not a refusal.
      const again = await placeSaleOrder(core.ctx, people[0]!, saleId, { quantity: 2 }, 'hot-key-0-0');
      assert.equal(again.statusCode, 200);
    } finally {
      await core.dispose();
    }
  });
});

test('units held by a process that died before writing its orders go back on sale once they are stale', {
  timeout: 60_000,
}, async () => {
  await withRedis(async (_redis, a, b) => {
    const { core, saleId, people } = await saleWithBuyers(4, 1, 6);
    try {
      liveRuntime(core.ctx).useHotCounter(redisSaleCounter(a));
      await placeSaleOrder(core.ctx, people[0]!, saleId, { quantity: 1 }); // creates the counter
      // Another process takes the last 3 units and dies before writing them.
      const dead = redisSaleCounter(b);
      for (const i of [1, 2, 3])
        assert.equal(
          (
            await dead.reserve(
              saleId,
              people[i]!.userId,
              1,
              1,
              hotToken(people[i]!.userId, 1, `dead-${i}`),
              core.clock.now(),
            )
          ).verdict,
          'ok',
        );
      await assert.rejects(placeSaleOrder(core.ctx, people[4]!, saleId, { quantity: 1 }), { code: 'SALE_SOLD_OUT' });
      core.clock.advance(HOT_STALE_MS + 1_000);
      await new Promise((r) => setTimeout(r, 1_100)); // reconciliations run at most once a second
      await placeSaleOrder(core.ctx, people[4]!, saleId, { quantity: 1 });
      await placeSaleOrder(core.ctx, people[1]!, saleId, { quantity: 1 }); // the dead reservation no longer counts against its buyer
      await placeSaleOrder(core.ctx, people[5]!, saleId, { quantity: 1 });
      await assert.rejects(placeSaleOrder(core.ctx, people[2]!, saleId, { quantity: 1 }), { code: 'SALE_SOLD_OUT' });
      const db = await reservedInDb(core, saleId);
      assert.deepEqual(db, { units: 4, remaining: 0, maxPerBuyer: 1 });
    } finally {
      await core.dispose();
    }
  });
});
