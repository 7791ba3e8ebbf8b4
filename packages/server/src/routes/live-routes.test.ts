import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadActor } from '@zhongcao/core';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer, type TestServer } from '../test-support/server-harness.js';

async function hostedRoom(s: TestServer, name: string) {
  const shop = await makeShop(s.core, name);
  const owner = await loadActor(s.core.ctx.db, shop.owner.userId);
  const hostToken = await s.tokenFor(owner.userId);
  const created = await s.call('POST', '/api/v1/live/rooms', {
    token: hostToken,
    body: { title: '橙子专场', shopId: shop.shopId },
  });
  assert.equal(created.statusCode, 201, created.body);
  const roomId = created.json().id as string;
  assert.equal((await s.call('POST', `/api/v1/live/rooms/${roomId}/open`, { token: hostToken })).json().status, 'live');
  assert.equal(
    (
      await s.call('POST', `/api/v1/live/rooms/${roomId}/bag`, {
        token: hostToken,
        body: { productId: shop.productId },
      })
    ).statusCode,
    200,
  );
  return { shop, hostToken, roomId };
}

test('live rooms over HTTP: host actions, a flash-sale order with Idempotency-Key, paying it, the dashboard', async () => {
  const s = await startTestServer();
  try {
    const { shop, hostToken, roomId } = await hostedRoom(s, 'live-http');
    const buyer = await makePerson(s.core, 'live-http-buyer');
    const buyerToken = await s.tokenFor(buyer.userId);
    assert.equal(
      (
        await s.call('POST', `/api/v1/live/rooms/${roomId}/pin`, {
          token: buyerToken,
          body: { productId: shop.productId },
        })
      ).json().error.code,
      'NOT_ROOM_HOST',
    );
    const pinned = await s.call('POST', `/api/v1/live/rooms/${roomId}/pin`, {
      token: hostToken,
      body: { productId: shop.productId },
    });
    assert.equal(pinned.json().pinned.id, shop.productId);
    const now = s.core.clock.now();
    const sale = await s.call('POST', `/api/v1/live/rooms/${roomId}/flash-sales`, {
      token: hostToken,
      body: {
        skuId: shop.skuIds[0],
        priceFen: 990,
        quantity: 3,
        perPersonLimit: 1,
        startsAt: now,
        endsAt: now + 600_000,
      },
    });
    assert.equal(sale.statusCode, 201, sale.body);
    const saleId = sale.json().id as string;
    assert.equal(sale.json().status, 'open');

    const order = await s.call('POST', `/api/v1/live/flash-sales/${saleId}/orders`, {
      token: buyerToken,
      body: { quantity: 1 },
      headers: { 'idempotency-key': 'live-http-0001' },
    });
    assert.equal(order.statusCode, 201, order.body);
    const replay = await s.call('POST', `/api/v1/live/flash-sales/${saleId}/orders`, {
      token: buyerToken,
      body: { quantity: 1 },
      headers: { 'idempotency-key': 'live-http-0001' },
    });
    assert.equal(replay.statusCode, 200);
    assert.equal(replay.json().orderId, order.json().orderId);
    const again = await s.call('POST', `/api/v1/live/flash-sales/${saleId}/orders`, {
      token: buyerToken,
      body: { quantity: 1 },
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'SALE_LIMIT_REACHED');
    assert.equal(
      (
        await s.call('POST', `/api/v1/live/flash-sales/${saleId}/orders`, {
          token: buyerToken,
          body: { quantity: '1' },
        })
      ).statusCode,
      400,
    );
    assert.equal(
      (await s.call('POST', `/api/v1/live/flash-sales/${saleId}/orders`, { body: { quantity: 1 } })).statusCode,
      401,
    );
    assert.equal(
      (await s.call('GET', '/api/v1/live/rooms/lvr_01aaaaaaaaaaaaaaaaaaaaaaaa')).json().error.code,
      'ROOM_NOT_FOUND',
    );

    const { paymentId, orderId } = order.json() as { paymentId: string; orderId: string };
    const amountFen = order.json().totalFen as number;
    const note = s.signedNotification({
      eventId: 'sbx_live_1:paid',
      kind: 'payment.succeeded',
      merchantRef: paymentId,
      txnId: 'sbx_live_1',
      amountFen,
      at: s.core.clock.now(),
    });
    const paid = await s.call('POST', '/api/v1/payments/notify/sandbox', { body: note.payload, headers: note.headers });
    assert.equal(paid.statusCode, 200, paid.body);
    assert.equal((await s.call('GET', `/api/v1/orders/${orderId}`, { token: buyerToken })).json().status, 'paid');
    const line = await s.core.ctx.db
      .selectFrom('order_lines')
      .select(['attr_source', 'attr_content_id', 'unit_price_fen'])
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(line, { attr_source: 'live', attr_content_id: roomId, unit_price_fen: 990 });

    const dash = await s.call('GET', `/api/v1/live/rooms/${roomId}/dashboard`, { token: hostToken });
    assert.equal(dash.json().orders, 1);
    assert.equal(dash.json().perProduct[0].remaining, 2);
    assert.equal(
      (await s.call('GET', `/api/v1/live/rooms/${roomId}/dashboard`, { token: buyerToken })).statusCode,
      403,
    );
    const key = await s.call('POST', `/api/v1/live/rooms/${roomId}/stream-key`, { token: hostToken });
    const [name, query] = (key.json().streamKey as string).split('?');
    const form = await s.call('POST', '/api/v1/live/ingest/on_publish', {
      body: `call=publish&app=live&name=${name}&${query}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.statusCode, 200);
    const refused = await s.call('POST', '/api/v1/live/ingest/on_publish', {
      body: { action: 'on_publish', stream: name, param: '?key=not-the-key' },
    });
    assert.equal(refused.statusCode, 403);
    const ended = await s.call('POST', `/api/v1/live/rooms/${roomId}/end`, { token: hostToken });
    assert.equal(ended.json().status, 'ended');
    assert.equal((await s.call('GET', '/api/v1/live/rooms?status=ended')).json().items[0].id, roomId);
  } finally {
    await s.close();
  }
});

interface Frame {
  t: string;
  [k: string]: unknown;
}

/** A test client: collects frames, waits for one matching a predicate. */
async function connect(s: TestServer, roomId: string, token?: string, asHost = false) {
  const frames: Frame[] = [];
  const waiters: Array<{ pred: (f: Frame) => boolean; resolve: (f: Frame) => void }> = [];
  let closeCode: number | null = null;
  const query = [token ? `token=${token}` : '', asHost ? 'as=host' : ''].filter(Boolean).join('&');
  const ws = await s.app.injectWS(
    `/api/v1/live/rooms/${roomId}/ws${query ? `?${query}` : ''}`,
    {},
    {
      onInit: (w) => {
        w.on('message', (data) => {
          const f = JSON.parse(String(data)) as Frame;
          frames.push(f);
          for (const w2 of [...waiters])
            if (w2.pred(f)) {
              waiters.splice(waiters.indexOf(w2), 1);
              w2.resolve(f);
            }
        });
        w.on('close', (code) => (closeCode = code));
      },
    },
  );
  const next = (pred: (f: Frame) => boolean, ms = 3000): Promise<Frame> => {
    const seen = frames.find(pred);
    if (seen) {
      frames.splice(frames.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching frame in ${ms} ms; got ${JSON.stringify(frames.map((f) => f.t))}`)),
        ms,
      );
      waiters.push({ pred, resolve: (f) => (clearTimeout(timer), frames.splice(frames.indexOf(f), 1), resolve(f)) });
    });
  };
  return {
    ws,
    frames,
    next,
    send: (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    closed: () => closeCode,
  };
}

test('the room channel: state on join, comments batched to everyone, rate limits, bad frames, pin and sale broadcasts, resume', async () => {
  const s = await startTestServer();
  try {
    const { shop, hostToken, roomId } = await hostedRoom(s, 'live-ws');
    const fan = await makePerson(s.core, 'live-ws-fan');
    const fanToken = await s.tokenFor(fan.userId);
    const anon = await connect(s, roomId);
    const state = await anon.next((f) => f.t === 'state');
    assert.equal((state.room as { id: string }).id, roomId);
    const talker = await connect(s, roomId, fanToken);
    await talker.next((f) => f.t === 'state');

    talker.send({ t: 'comment', text: '第一条' });
    talker.send({ t: 'comment', text: '第二条' });
    const batch = await anon.next((f) => f.t === 'comments');
    assert.deepEqual(
      (batch.items as Array<{ text: string; userName: string }>).map((c) => [c.userName, c.text]),
      [
        ['live-ws-fan', '第一条'],
        ['live-ws-fan', '第二条'],
      ],
    );
    talker.send({ t: 'comment', text: '第三条' });
    talker.send({ t: 'comment', text: '第四条' });
    assert.equal((await talker.next((f) => f.t === 'error')).code, 'COMMENT_TOO_FAST');

    anon.send({ t: 'comment', text: '我没登录' });
    assert.equal((await anon.next((f) => f.t === 'error')).code, 'UNAUTHENTICATED');
    anon.send('{not json');
    assert.equal((await anon.next((f) => f.t === 'error')).code, 'BAD_MESSAGE');
    anon.send({ t: 'comment', text: 'x'.repeat(201) });
    assert.equal((await anon.next((f) => f.t === 'error')).code, 'COMMENT_TOO_LONG');
    anon.send({ t: 'like', n: 5 });
    anon.send({ t: 'like', n: 3 });
    assert.equal((await anon.next((f) => f.t === 'likes' && f.total === 8)).total, 8);
    assert.equal((await anon.next((f) => f.t === 'viewers' && f.online === 2)).online, 2);

    // An oversize frame closes only that connection; the room goes on for everyone else.
    const rude = await connect(s, roomId);
    await rude.next((f) => f.t === 'state');
    rude.send({ t: 'comment', text: 'x'.repeat(5000) });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(rude.closed(), 1009);

    await s.call('POST', `/api/v1/live/rooms/${roomId}/pin`, { token: hostToken, body: { productId: shop.productId } });
    assert.equal(((await anon.next((f) => f.t === 'pin')).pinned as { id: string }).id, shop.productId);
    const now = s.core.clock.now();
    const sale = (
      await s.call('POST', `/api/v1/live/rooms/${roomId}/flash-sales`, {
        token: hostToken,
        body: {
          skuId: shop.skuIds[0],
          priceFen: 990,
          quantity: 5,
          perPersonLimit: 2,
          startsAt: now,
          endsAt: now + 600_000,
        },
      })
    ).json();
    assert.equal(((await anon.next((f) => f.t === 'sale')).sale as { remaining: number }).remaining, 5);
    await s.call('POST', `/api/v1/live/flash-sales/${sale.id}/orders`, { token: fanToken, body: { quantity: 2 } });
    assert.equal(
      (
        (await anon.next((f) => f.t === 'sale' && (f.sale as { remaining: number }).remaining === 3)).sale as {
          remaining: number;
        }
      ).remaining,
      3,
    );

    // Reconnecting resumes from a full state: the pinned product and the sale's remaining units.
    anon.ws.terminate();
    const back = await connect(s, roomId);
    const resumed = (await back.next((f) => f.t === 'state')).room as {
      pinned: { id: string };
      sales: Array<{ remaining: number }>;
    };
    assert.equal(resumed.pinned.id, shop.productId);
    assert.equal(resumed.sales[0]!.remaining, 3);

    // A flood of messages is cut off.
    for (let i = 0; i < 60; i++) back.send({ t: 'ping' });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(back.closed(), 1008);
    talker.send({ t: 'ping' });
    await talker.next((f) => f.t === 'pong');

    await s.call('POST', `/api/v1/live/rooms/${roomId}/end`, { token: hostToken });
    await talker.next((f) => f.t === 'ended');
    talker.ws.close();
  } finally {
    await s.close();
  }
});

test('the host’s panel follows the room over its channel without counting as a viewer; no one else may open it', async () => {
  const s = await startTestServer();
  try {
    const { shop, hostToken, roomId } = await hostedRoom(s, 'live-panel');
    const panel = await connect(s, roomId, hostToken, true);
    await panel.next((f) => f.t === 'state');
    const fan = await makePerson(s.core, 'live-panel-fan');
    const viewer = await connect(s, roomId, await s.tokenFor(fan.userId));
    await viewer.next((f) => f.t === 'state');
    // A count sent before the shopper's arrival may come first; the count that follows it is 1, never 2.
    const counted = await panel.next((f) => f.t === 'viewers' && f.online !== 0);
    assert.equal(counted.online, 1, 'only the shopper counts');
    const now = s.core.clock.now();
    await s.call('POST', `/api/v1/live/rooms/${roomId}/flash-sales`, {
      token: hostToken,
      body: {
        skuId: shop.skuIds[0],
        priceFen: 990,
        quantity: 5,
        perPersonLimit: 2,
        startsAt: now,
        endsAt: now + 600_000,
      },
    });
    assert.equal(((await panel.next((f) => f.t === 'sale')).sale as { remaining: number }).remaining, 5);
    const dashboard = (await s.call('GET', `/api/v1/live/rooms/${roomId}/dashboard`, { token: hostToken })).json() as {
      online: number;
      cumulativeViewers: number;
    };
    assert.deepEqual([dashboard.online, dashboard.cumulativeViewers], [1, 1]);

    const stranger = await connect(s, roomId, await s.tokenFor(fan.userId), true);
    assert.equal((await stranger.next((f) => f.t === 'error')).code, 'NOT_ROOM_HOST');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(stranger.closed(), 4403);
    const anonymous = await connect(s, roomId, undefined, true);
    assert.equal((await anonymous.next((f) => f.t === 'error')).code, 'UNAUTHENTICATED');
    panel.ws.close();
    viewer.ws.close();
  } finally {
    await s.close();
  }
});
