import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addStaff, loadActor, RATE_LIMIT } from '@zhongcao/core';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer, type TestServer } from '../test-support/server-harness.js';
import { multipartBody, TINY_PNG } from '../test-support/tenants.js';

interface Frame {
  t: string;
  [k: string]: unknown;
}

async function connect(s: TestServer, token?: string) {
  const frames: Frame[] = [];
  const waiters: Array<{ pred: (f: Frame) => boolean; resolve: (f: Frame) => void }> = [];
  let closeCode: number | null = null;
  const ws = await s.app.injectWS(
    `/api/v1/service/ws${token ? `?token=${token}` : ''}`,
    {},
    {
      onInit: (w) => {
        w.on('message', (data) => {
          const f = JSON.parse(String(data)) as Frame;
          const w2 = waiters.find((x) => x.pred(f));
          if (w2) {
            waiters.splice(waiters.indexOf(w2), 1);
            w2.resolve(f);
          } else frames.push(f);
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
      waiters.push({ pred, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  };
  return {
    ws,
    next,
    send: (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    closed: () => closeCode,
  };
}

const err = (res: { statusCode: number; json(): { error: { code: string } } }) =>
  `${res.statusCode} ${res.json().error.code}`;

test('customer service over HTTP and the socket: open from a product, queue → online staff, push both ways, resume after reconnect, receipts, rating, figures', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'http-cs-shop');
    const other = await makeShop(s.core, 'http-cs-other');
    const staffP = await makePerson(s.core, 'http-cs-staff', [], false);
    await addStaff(s.core.ctx, shop.owner, shop.shopId, 'http-cs-staff');
    const staff = await s.tokenFor(staffP.userId);
    const buyer = await s.tokenFor((await makePerson(s.core, 'http-cs-buyer')).userId);
    const stranger = await s.tokenFor((await makePerson(s.core, 'http-cs-stranger')).userId);
    const otherOwner = await s.tokenFor(other.owner.userId);

    const opened = await s.call('POST', '/api/v1/service/conversations', {
      token: buyer,
      body: { source: 'product', sourceId: shop.productId },
    });
    assert.equal(opened.statusCode, 200, opened.body);
    const convId = opened.json().id as string;
    assert.equal(
      err(
        await s.call('POST', '/api/v1/service/conversations', {
          token: buyer,
          body: { source: 'product', sourceId: 'prd_00000000000000000000000000' },
        }),
      ),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(
        await s.call('POST', '/api/v1/service/conversations', {
          body: { source: 'product', sourceId: shop.productId },
        }),
      ),
      '401 UNAUTHENTICATED',
    );

    const staffWs = await connect(s, staff);
    await staffWs.next((f) => f.t === 'hello');
    const buyerWs = await connect(s, buyer);
    await buyerWs.next((f) => f.t === 'hello');

    // The buyer asks over the socket; nobody is online, so it waits; staff go online and get it.
    buyerWs.send({ t: 'send', conversationId: convId, clientId: 'q1', kind: 'text', text: '请问几天能到？' });
    const ack = await buyerWs.next((f) => f.t === 'ack');
    assert.equal(ack.seq, 1);
    const presence = await s.call('POST', `/api/v1/merchant/shops/${shop.shopId}/service/presence`, {
      token: staff,
      body: { online: true },
    });
    assert.equal(presence.json().assigned, 1);
    await staffWs.next((f) => f.t === 'desk' && f.conversationId === convId);
    const desk = (await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/service/desk`, { token: staff })).json();
    assert.equal(desk.mine[0].id, convId);
    assert.equal(desk.mine[0].unread, 1);

    // Staff answer over HTTP; the buyer's socket gets it at once.
    const answer = await s.call('POST', `/api/v1/service/conversations/${convId}/messages`, {
      token: staff,
      body: { clientId: 'a1', kind: 'text', text: '江浙沪次日达' },
    });
    assert.equal(answer.statusCode, 201, answer.body);
    const pushed = await buyerWs.next((f) => f.t === 'msg' && (f.m as { side: string }).side === 'shop');
    assert.equal(
      (pushed.m as { seq: number }).seq,
      2,
      'the buyer’s own devices get its message too; the answer is next',
    );
    const retry = await s.call('POST', `/api/v1/service/conversations/${convId}/messages`, {
      token: staff,
      body: { clientId: 'a1', kind: 'text', text: '江浙沪次日达' },
    });
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.json().duplicate, true);

    // Read receipts.
    buyerWs.send({ t: 'read', conversationId: convId, seq: 2 });
    const receipt = await staffWs.next((f) => f.t === 'read');
    assert.deepEqual([receipt.side, receipt.seq], ['buyer', 2]);

    // The buyer drops; staff send two more; the buyer reconnects and resumes from seq 2.
    buyerWs.ws.terminate();
    for (const clientId of ['a2', 'a3'])
      await s.call('POST', `/api/v1/service/conversations/${convId}/messages`, {
        token: staff,
        body: { clientId, kind: 'text', text: `补充 ${clientId}` },
      });
    assert.equal((await s.call('GET', '/api/v1/me/conversations/unread', { token: buyer })).json().total, 2);
    const back = await connect(s, buyer);
    back.send({ t: 'sync', cursors: [{ c: convId, s: 2 }] });
    const missed = await back.next((f) => f.t === 'msgs');
    assert.deepEqual(
      (missed.items as Array<{ seq: number }>).map((m) => m.seq),
      [3, 4],
    );

    // Bad input: others' conversations are 404, malformed frames are errors, cards of another shop are 404.
    assert.equal(
      err(await s.call('GET', `/api/v1/service/conversations/${convId}/messages`, { token: stranger })),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/service/conversations/${convId}/messages`, { token: otherOwner })),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/service/desk`, { token: otherOwner })),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(
        await s.call('POST', `/api/v1/service/conversations/${convId}/messages`, {
          token: stranger,
          body: { clientId: 'x', kind: 'text', text: 'hi' },
        }),
      ),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(
        await s.call('POST', `/api/v1/service/conversations/${convId}/messages`, {
          token: buyer,
          body: { clientId: 'x', kind: 'product', productId: other.productId },
        }),
      ),
      '404 NOT_FOUND',
    );
    for (const body of [
      { clientId: 'bad id', kind: 'text', text: 'x' },
      { clientId: 'x', kind: 'video' },
      { clientId: 'x', kind: 'text', text: 5 },
      { clientId: 'x', kind: 'text', extra: 1 },
    ]) {
      assert.equal(
        err(await s.call('POST', `/api/v1/service/conversations/${convId}/messages`, { token: buyer, body })),
        '400 VALIDATION_FAILED',
        JSON.stringify(body),
      );
    }
    assert.equal(
      err(
        await s.call('POST', `/api/v1/service/conversations/${convId}/messages`, {
          token: buyer,
          body: { clientId: 'x', kind: 'text', text: 'x'.repeat(600) },
        }),
      ),
      '400 INVALID_INPUT',
    );
    back.send('{not json');
    assert.equal((await back.next((f) => f.t === 'error')).code, 'BAD_MESSAGE');
    back.send({ t: 'send', conversationId: 'cnv_00000000000000000000000000', clientId: 'z', kind: 'text', text: 'hi' });
    assert.equal((await back.next((f) => f.t === 'error')).code, 'NOT_FOUND');
    back.send(
      JSON.stringify({ t: 'send', conversationId: convId, clientId: 'big', kind: 'text', text: '长'.repeat(2000) }),
    );
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(back.closed(), 1009, 'an oversize frame closes the socket');
    const anon = await connect(s);
    assert.equal((await anon.next((f) => f.t === 'error')).code, 'UNAUTHENTICATED');

    // Images: sniffed.
    const upload = (bytes: Buffer) => {
      const body = multipartBody({ bytes, contentType: 'image/png', name: 'p.png' });
      return s.app.inject({
        method: 'POST',
        url: '/api/v1/service/images',
        payload: body.payload,
        headers: { ...body.headers, authorization: `Bearer ${buyer}` },
      });
    };
    assert.equal(err(await upload(Buffer.from('<svg/>'))), '415 UNSUPPORTED_FILE_TYPE');
    const img = await upload(TINY_PNG);
    assert.equal(img.statusCode, 201);
    assert.equal(
      (
        await s.call('POST', `/api/v1/service/conversations/${convId}/messages`, {
          token: buyer,
          body: { clientId: 'img1', kind: 'image', imageId: img.json().id },
        })
      ).statusCode,
      201,
    );

    // Rating and figures.
    assert.equal(
      (await s.call('POST', `/api/v1/service/conversations/${convId}/rating`, { token: buyer, body: { stars: 2 } }))
        .statusCode,
      200,
    );
    assert.equal(
      err(await s.call('POST', `/api/v1/service/conversations/${convId}/rating`, { token: buyer, body: { stars: 2 } })),
      '409 ALREADY_RATED',
    );
    const report = (
      await s.call('GET', `/api/v1/merchant/shops/${shop.shopId}/service/report?days=1`, { token: staff })
    ).json();
    assert.equal(report.total.conversations, 1);
    assert.equal(report.total.dissatisfied, 1);
    const mine = report.staff.find((x: { userId: string }) => x.userId === staffP.userId);
    assert.equal(mine.ratings, 1);
    assert.equal(mine.days.length, 1);
    assert.equal(mine.days[0].conversations, 1, 'per staff member, per day');

    // Floods: 429 past the limit, nothing written.
    let last = 0;
    for (let i = 0; i < RATE_LIMIT + 1; i++)
      last = (
        await s.call('POST', `/api/v1/service/conversations/${convId}/messages`, {
          token: buyer,
          body: { clientId: `f${i}`, kind: 'text', text: `第${i}条` },
        })
      ).statusCode;
    assert.equal(last, 429);
    const staffActor = await loadActor(s.core.ctx.db, staffP.userId);
    assert.ok(staffActor.shops.has(shop.shopId));
  } finally {
    await s.close();
  }
});

test('an admin reads a conversation only under arbitration', async () => {
  const s = await startTestServer();
  try {
    const admin = await s.tokenFor((await makePerson(s.core, 'http-cs-admin', ['admin'])).userId);
    assert.equal(
      err(
        await s.call('GET', '/api/v1/admin/aftersales/asc_00000000000000000000000000/conversation', { token: admin }),
      ),
      '404 NOT_FOUND',
    );
    const buyer = await s.tokenFor((await makePerson(s.core, 'http-cs-b2')).userId);
    assert.equal(
      err(
        await s.call('GET', '/api/v1/admin/aftersales/asc_00000000000000000000000000/conversation', { token: buyer }),
      ),
      '403 FORBIDDEN',
    );
  } finally {
    await s.close();
  }
});

test('the desk over HTTP: settings, quick replies and FAQ, context, transfer and end; another shop’s staff get 404 everywhere, nothing written', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'desk-shop');
    const other = await makeShop(s.core, 'desk-other');
    const owner = await s.tokenFor(shop.owner.userId);
    const otherOwner = await s.tokenFor(other.owner.userId);
    const mateP = await makePerson(s.core, 'desk-mate', [], false);
    await addStaff(s.core.ctx, shop.owner, shop.shopId, 'desk-mate');
    const mate = await s.tokenFor(mateP.userId);
    const buyer = await s.tokenFor((await makePerson(s.core, 'desk-buyer')).userId);
    const base = `/api/v1/merchant/shops/${shop.shopId}/service`;

    assert.equal(
      (
        await s.call('PUT', `${base}/settings`, {
          token: owner,
          body: { maxOpen: 3, hoursFrom: 0, hoursTo: 0, awayText: '' },
        })
      ).json().maxOpen,
      3,
    );
    for (const body of [
      { maxOpen: 0, hoursFrom: 0, hoursTo: 0, awayText: '' },
      { maxOpen: 3, hoursFrom: 1440, hoursTo: 0, awayText: '' },
      { maxOpen: 3, hoursFrom: 0, hoursTo: 0 },
    ]) {
      assert.equal(
        err(await s.call('PUT', `${base}/settings`, { token: owner, body })),
        '400 VALIDATION_FAILED',
        JSON.stringify(body),
      );
    }
    assert.equal(
      err(
        await s.call('PUT', `${base}/settings`, {
          token: otherOwner,
          body: { maxOpen: 9, hoursFrom: 0, hoursTo: 0, awayText: '' },
        }),
      ),
      '404 NOT_FOUND',
    );
    assert.equal((await s.call('GET', `${base}/settings`, { token: mate })).json().maxOpen, 3);

    const faq = await s.call('POST', `${base}/snippets`, {
      token: owner,
      body: { kind: 'faq', keyword: '发票', text: '可以开电子发票，下单时备注抬头即可' },
    });
    assert.equal(faq.statusCode, 201);
    assert.equal(
      err(await s.call('POST', `${base}/snippets`, { token: owner, body: { kind: 'faq', text: '没有关键词' } })),
      '400 INVALID_INPUT',
    );
    assert.equal(
      err(
        await s.call('DELETE', `/api/v1/merchant/shops/${other.shopId}/service/snippets/${faq.json().id}`, {
          token: otherOwner,
        }),
      ),
      '404 NOT_FOUND',
    );
    assert.equal(err(await s.call('GET', `${base}/snippets`, { token: otherOwner })), '404 NOT_FOUND');
    assert.equal(err(await s.call('GET', `${base}/report`, { token: otherOwner })), '404 NOT_FOUND');

    const convId = (
      await s.call('POST', '/api/v1/service/conversations', {
        token: buyer,
        body: { source: 'product', sourceId: shop.productId },
      })
    ).json().id as string;
    const asked = (
      await s.call('POST', `/api/v1/service/conversations/${convId}/messages`, {
        token: buyer,
        body: { clientId: 'q', kind: 'text', text: '能开发票吗' },
      })
    ).json();
    assert.equal(asked.autos[0].auto, true, 'the FAQ answered by itself');
    assert.equal(
      (await s.call('GET', `/api/v1/merchant/service/conversations/${convId}/context`, { token: mate })).json().product
        .id,
      shop.productId,
    );
    assert.equal(
      err(await s.call('GET', `/api/v1/merchant/service/conversations/${convId}/context`, { token: otherOwner })),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(
        await s.call('POST', `/api/v1/merchant/service/conversations/${convId}/transfer`, {
          token: otherOwner,
          body: { toUserId: other.owner.userId },
        }),
      ),
      '404 NOT_FOUND',
    );
    assert.equal(
      err(
        await s.call('POST', `/api/v1/merchant/service/conversations/${convId}/transfer`, {
          token: owner,
          body: { toUserId: other.owner.userId },
        }),
      ),
      '404 STAFF_NOT_AVAILABLE',
    );
    assert.equal(
      (
        await s.call('POST', `/api/v1/merchant/service/conversations/${convId}/transfer`, {
          token: owner,
          body: { toUserId: mateP.userId },
        })
      ).statusCode,
      200,
    );
    assert.equal((await s.call('GET', `${base}/desk`, { token: mate })).json().mine[0].id, convId);
    assert.equal(
      err(await s.call('POST', `/api/v1/merchant/service/conversations/${convId}/close`, { token: otherOwner })),
      '404 NOT_FOUND',
    );
    assert.equal(
      (await s.call('POST', `/api/v1/merchant/service/conversations/${convId}/close`, { token: mate })).statusCode,
      200,
    );
    assert.equal((await s.call('GET', `${base}/desk`, { token: mate })).json().mine.length, 0);
    // The buyer's own list and unread badge.
    const mine = (await s.call('GET', '/api/v1/me/conversations', { token: buyer })).json();
    assert.equal(mine.items[0].id, convId);
    assert.equal((await s.call('GET', '/api/v1/me/conversations/unread', { token: buyer })).json().total, 1);
  } finally {
    await s.close();
  }
});
