import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addFavourite,
  checkout,
  consumeRollups,
  createRoom,
  endRoom,
  liveRuntime,
  loadActor,
  openCashier,
  openRoom,
  putCartItem,
  receiveNotification,
  shanghaiDate,
  SqlRollupStore,
  type Attribution,
} from '@zhongcao/core';
import { makePerson, makeShop, type TestCore } from '@zhongcao/core/test-support';
import type { Actor } from '@zhongcao/core';
import { startTestServer } from '../test-support/server-harness.js';

async function buy(
  core: TestCore,
  buyer: Actor,
  skuId: string,
  quantity: number,
  attribution: Attribution,
): Promise<void> {
  const c = (await checkout(core.ctx, buyer, { items: [{ skuId, quantity, attribution }] })).body;
  const txn = (await openCashier(core.ctx, buyer, c.payment.id)).cashierUrl.split('/').pop()!;
  await core.sandbox.complete(txn, 'paid');
  await core.sandbox.deliverDue(1000, async (_u, body, headers) => {
    await receiveNotification(core.ctx, 'sandbox', headers, body);
    return 200;
  });
}

test('compass live analysis over HTTP: a room minute by minute (viewers and comments from its process, orders and GMV from the paid lines) with its best moments; add-to-carts, favourites and the audience', async () => {
  const s = await startTestServer();
  try {
    const core = s.core as TestCore;
    const shop = await makeShop(core, 'cl-shop');
    const other = await makeShop(core, 'cl-other');
    const buyer = await makePerson(core, 'cl-buyer');
    const host = await loadActor(core.ctx.db, shop.owner.userId);
    const merchant = await s.tokenFor(shop.owner.userId);
    const stranger = await s.tokenFor(other.owner.userId);
    const { id: room } = await createRoom(core.ctx, host, { title: 'cl 直播间', shopId: shop.shopId });
    await openRoom(core.ctx, host, room);
    // What the room's process sees: viewers join, comment; a minute later more join and one buys.
    const stats = liveRuntime(core.ctx).stats(room);
    for (const v of ['a', 'b', 'c']) stats.viewerJoined(v);
    stats.comments += 4;
    await new SqlRollupStore(core.ctx.db).addLiveActivity(liveRuntime(core.ctx).takeActivity(core.clock.now()));
    const first = Math.floor(core.clock.now() / 60_000) * 60_000;
    core.clock.advance(60_000);
    // The process hands its activity over every few seconds; the next minute starts with the first hand-over in it.
    await new SqlRollupStore(core.ctx.db).addLiveActivity(liveRuntime(core.ctx).takeActivity(core.clock.now()));
    for (const v of ['d', 'e']) stats.viewerJoined(v);
    stats.viewerLeft();
    stats.comments += 1;
    await buy(core, buyer, shop.skuIds[0]!, 2, { source: 'live', contentId: room });
    await putCartItem(core.ctx, buyer, {
      skuId: shop.skuIds[1]!,
      quantity: 1,
      attribution: { source: 'live', contentId: room },
    });
    await addFavourite(core.ctx, buyer, shop.productId);
    await endRoom(core.ctx, host, room, async () => ({}));
    await new SqlRollupStore(core.ctx.db).addLiveActivity(liveRuntime(core.ctx).takeActivity(core.clock.now()));
    core.clock.advance(5_000);
    await consumeRollups(core.ctx);
    const today = shanghaiDate(core.clock.now());
    const q = `from=${today}&to=${today}`;
    const err = (res: { statusCode: number; json(): { error: { code: string } } }) =>
      `${res.statusCode} ${res.json().error.code}`;

    const rooms = await s.call('GET', `/api/v1/analytics/live?shopId=${shop.shopId}&${q}`, { token: merchant });
    assert.equal(rooms.statusCode, 200);
    assert.deepEqual(
      rooms
        .json()
        .rooms.map((r: { id: string; peakViewers: number; comments: number; orders: number; gmvFen: number }) => [
          r.id,
          r.peakViewers,
          r.comments,
          r.orders,
          r.gmvFen,
        ]),
      [[room, 5, 5, 1, 5980]],
    );
    const detail = (
      await s.call('GET', `/api/v1/analytics/live/${room}?shopId=${shop.shopId}`, { token: merchant })
    ).json();
    assert.deepEqual(
      detail.minutes.map(
        (m: {
          minute: number;
          viewers: number;
          entries: number;
          comments: number;
          orders: number;
          gmv_fen: number;
        }) => [m.minute - first, m.viewers, m.entries, m.comments, m.orders, m.gmv_fen],
      ),
      [
        [0, 3, 3, 4, 0, 0],
        [60_000, 5, 2, 1, 1, 5980],
      ],
    );
    assert.deepEqual(
      detail.topGmv.map((m: { minute: number }) => m.minute - first),
      [60_000],
    );
    assert.deepEqual(
      detail.viewerPeaks.map((m: { viewers: number }) => m.viewers),
      [5],
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/analytics/live/${room}?shopId=${other.shopId}`, { token: stranger })),
      '404 NOT_FOUND',
      'another shop’s room',
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/analytics/live/${room}?shopId=${shop.shopId}`, { token: stranger })),
      '404 NOT_FOUND',
      'not a member of that shop',
    );
    assert.equal(
      (await s.call('GET', `/api/v1/analytics/live/not-a-room?shopId=${shop.shopId}`, { token: merchant })).statusCode,
      400,
    );
    assert.equal(
      err(
        await s.call('GET', `/api/v1/analytics/live?shopId=${shop.shopId}&from=${today}&to=2020-01-01`, {
          token: merchant,
        }),
      ),
      '400 DATE_RANGE_REVERSED',
    );

    // Add-to-cart and favourites: in the overview, by channel, and in the product's funnel.
    const o = (
      await s.call('GET', `/api/v1/analytics/overview?shopId=${shop.shopId}&${q}`, { token: merchant })
    ).json();
    assert.deepEqual([o.values.add_to_cart, o.values.cart_people, o.values.favourites], [1, 1, 1]);
    const channels = (
      await s.call('GET', `/api/v1/analytics/breakdown/channel?shopId=${shop.shopId}&${q}`, { token: merchant })
    ).json();
    assert.equal(channels.rows.find((r: { id: string }) => r.id === 'live').values.add_to_cart, 1);
    const funnel = (
      await s.call('GET', `/api/v1/analytics/overview?shopId=${shop.shopId}&dim=product&id=${shop.productId}&${q}`, {
        token: merchant,
      })
    ).json();
    assert.deepEqual([funnel.values.cart_people, funnel.values.buyers, funnel.values.favourites], [1, 1, 1]);

    // The audience: the buyer's province, the price band, new buyers.
    const regions = (
      await s.call('GET', `/api/v1/analytics/breakdown/region?shopId=${shop.shopId}&${q}`, { token: merchant })
    ).json();
    assert.deepEqual(
      regions.rows.map((r: { id: string; values: { buyers: number; gmv: number } }) => [
        r.id,
        r.values.buyers,
        r.values.gmv,
      ]),
      [['浙江省', 1, 5980]],
    );
    const bands = (
      await s.call('GET', `/api/v1/analytics/breakdown/price_band?shopId=${shop.shopId}&${q}`, { token: merchant })
    ).json();
    assert.deepEqual(
      bands.rows.map((r: { id: string }) => r.id),
      ['0-50'],
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/analytics/breakdown/gender?shopId=${shop.shopId}&${q}`, { token: merchant })),
      '400 UNKNOWN_DIMENSION',
    );
  } finally {
    await s.close();
  }
});
