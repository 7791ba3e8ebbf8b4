import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import { checkout } from '../checkout/index.js';
import { cancelOrder } from '../orders/index.js';
import { loadActor } from '../accounts/index.js';
import { registerApp, reviewApp, updateApp } from './apps.js';
import { authorizeSelfUse, createToken, issueAuthCode } from './authorizations.js';
import { deliveryLog, replayDelivery, type PushPost } from './push.js';
import { signPush } from './signing.js';
import { AUTH_CODE_TTL_MS } from './rules.js';
import type { OpenApiError } from './envelope.js';

interface Sent {
  url: string;
  body: string;
  headers: Record<string, string>;
}

function stub(): { post: PushPost; sent: Sent[]; failing: { on: boolean } } {
  const sent: Sent[] = [];
  const failing = { on: false };
  return {
    sent,
    failing,
    post: async (url, body, headers) => {
      sent.push({ url, body, headers });
      return failing.on ? { status: 500, body: 'down' } : { status: 200, body: '{"code":0,"msg":"success"}' };
    },
  };
}

async function setup(core: TestCore, tags: string[]) {
  const shop = await makeShop(core, 'push-owner', 50);
  const admin = await makePerson(core, 'push-admin', ['admin']);
  const buyer = await makePerson(core, 'push-buyer');
  const { app, secret } = await registerApp(core.ctx, shop.owner, {
    name: '推送测试',
    kind: 'self',
    shopId: shop.shopId,
    groups: ['orders'],
  });
  await reviewApp(core.ctx, admin, app.id, 'approve');
  await authorizeSelfUse(core.ctx, shop.owner, app.id);
  await updateApp(core.ctx, shop.owner, app.id, { pushUrl: 'http://receiver.test/push', pushTags: tags });
  const order = async () =>
    (
      await checkout(core.ctx, buyer, {
        items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
      })
    ).body.orders[0]!.id;
  return { shop, admin, buyer, app, secret, order };
}

const messagesOf = (s: Sent) => JSON.parse(s.body) as Array<{ tag: string; msg_id: string; data: string }>;

test('push: signed batches; a failing receiver holds the app back on a durable timer and order is kept; a day later messages are given up; a delivery replays', async () => {
  const push = stub();
  const core = await openTestCore({ openPush: push.post });
  try {
    const w = await setup(core, ['100', '106']);
    const o1 = await w.order();
    await core.tick();
    assert.equal(push.sent.length, 1);
    const first = push.sent[0]!;
    assert.equal(first.headers['app-id'], w.app.appKey);
    assert.equal(first.headers['event-sign'], signPush(w.app.appKey, first.body, w.secret));
    assert.deepEqual(
      messagesOf(first).map((m) => m.tag),
      ['100'],
    );
    assert.match(messagesOf(first)[0]!.data, /"p_id":6\d{18},/);

    // The receiver fails: the app's messages wait, later ones queue behind them.
    push.failing.on = true;
    await w.order();
    await core.tick();
    assert.equal(push.sent.length, 2);
    await cancelOrder(core.ctx, w.buyer, o1, 'changed my mind');
    await w.order();
    await core.tick();
    assert.equal(push.sent.length, 2, 'nothing goes before the retry timer');
    push.failing.on = false;
    core.clock.advance(6_000);
    await core.tick(); // the timer lets them go
    await core.tick();
    const retried = push.sent.slice(2).flatMap(messagesOf);
    assert.deepEqual(
      retried.map((m) => m.tag),
      ['100', '106', '100'],
    );
    const all = push.sent.flatMap((s, i) => (i === 1 ? [] : messagesOf(s)));
    assert.equal(new Set(all.map((m) => m.msg_id)).size, all.length);

    // A day of failures: given up, still in the log; a replay sends them again with the same ids.
    push.failing.on = true;
    await w.order();
    await core.tick();
    for (let i = 0; i < 60; i++) {
      core.clock.advance(30 * 60_000);
      await core.tick();
    }
    const log = await deliveryLog(core.ctx.db, w.shop.owner, w.app.id);
    // The order placed, and the unpaid orders' automatic cancellations meanwhile, all given up.
    assert.ok(log.failed >= 1, `${log.failed} given up`);
    assert.equal(log.waiting, 0);
    assert.equal(log.pending, 0);
    const failedOnes = log.items.filter((d) => d.outcome === 'failed');
    assert.ok(failedOnes.length >= 5, `${failedOnes.length} failed attempts logged`);
    push.failing.on = false;
    const before = push.sent.length;
    const replay = await replayDelivery(core.ctx, w.shop.owner, w.app.id, failedOnes[0]!.id, push.post);
    assert.equal(replay.ok, true);
    assert.deepEqual(
      messagesOf(push.sent[before]!).map((m) => m.msg_id),
      failedOnes[0]!.msgIds,
    );
    await assert.rejects(deliveryLog(core.ctx.db, w.buyer, w.app.id), { code: 'NOT_FOUND' });
  } finally {
    await core.dispose();
  }
});

test('authorisation code: one use, ten minutes, for an approved tool app only', async () => {
  const core = await openTestCore({ openPush: stub().post });
  try {
    const shop = await makeShop(core, 'code-owner', 5);
    const dev = await makePerson(core, 'code-dev');
    const admin = await makePerson(core, 'code-admin', ['admin']);
    const { app } = await registerApp(core.ctx, dev, {
      name: '工具应用',
      kind: 'tool',
      groups: ['orders', 'stock'],
      callbackUrl: 'https://erp.example/cb',
    });
    await assert.rejects(issueAuthCode(core.ctx, shop.owner, app.appKey, shop.shopId), { code: 'APP_NOT_APPROVED' });
    await reviewApp(core.ctx, admin, app.id, 'approve');
    const staffless = await loadActor(core.ctx.db, dev.userId);
    await assert.rejects(issueAuthCode(core.ctx, staffless, app.appKey, shop.shopId), { code: 'NOT_FOUND' });
    const issued = await issueAuthCode(core.ctx, shop.owner, app.appKey, shop.shopId, 'xyz');
    assert.match(issued.redirectUrl!, /^https:\/\/erp\.example\/cb\?code=[0-9a-f]+&state=xyz$/);
    const row = await core.ctx.db
      .selectFrom('open_apps')
      .selectAll()
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow();
    const tok = await createToken(core.ctx, row, { grant_type: 'authorization_code', code: issued.code });
    assert.equal(tok.scope, 'orders,stock');
    await assert.rejects(
      createToken(core.ctx, row, { grant_type: 'authorization_code', code: issued.code }),
      (e: OpenApiError) => e.subCode === 'dop.token-generate-failed:code-invalid',
    );
    const late = await issueAuthCode(core.ctx, shop.owner, app.appKey, shop.shopId);
    core.clock.advance(AUTH_CODE_TTL_MS + 1);
    await assert.rejects(
      createToken(core.ctx, row, { grant_type: 'authorization_code', code: late.code }),
      (e: OpenApiError) => e.subCode === 'dop.token-generate-failed:code-expired',
    );
    await assert.rejects(
      createToken(core.ctx, row, { grant_type: 'authorization_self' }),
      (e: OpenApiError) => e.subCode === 'dop.token-generate-failed:grant-type-invalid',
    );
    // Tokens are stored hashed.
    const stored = await core.ctx.db.selectFrom('open_tokens').select(['access_hash', 'refresh_hash']).execute();
    assert.ok(
      stored.every(
        (t) =>
          t.access_hash !== tok.access_token &&
          t.refresh_hash !== tok.refresh_token &&
          /^[0-9a-f]{64}$/.test(t.access_hash),
      ),
    );
  } finally {
    await core.dispose();
  }
});

test('apps: a self-use app belongs to a shop its owner owns; settings are checked; the secret rotates', async () => {
  const core = await openTestCore({ openPush: stub().post });
  try {
    const shop = await makeShop(core, 'app-owner', 5);
    const other = await makePerson(core, 'app-other');
    await assert.rejects(
      registerApp(core.ctx, other, { name: '别人的', kind: 'self', shopId: shop.shopId, groups: ['orders'] }),
      { code: 'NOT_FOUND' },
    );
    await assert.rejects(
      registerApp(core.ctx, shop.owner, { name: 'x', kind: 'self', shopId: shop.shopId, groups: ['orders'] }),
      { code: 'INVALID_INPUT' },
    );
    await assert.rejects(
      registerApp(core.ctx, shop.owner, { name: '好应用', kind: 'self', shopId: shop.shopId, groups: ['nope'] }),
      { code: 'INVALID_INPUT' },
    );
    await assert.rejects(
      registerApp(core.ctx, shop.owner, {
        name: '好应用',
        kind: 'self',
        shopId: shop.shopId,
        groups: ['orders'],
        pushUrl: 'ftp://x',
      }),
      { code: 'INVALID_INPUT' },
    );
    const { app, secret } = await registerApp(core.ctx, shop.owner, {
      name: '好应用',
      kind: 'self',
      shopId: shop.shopId,
      groups: ['orders'],
    });
    assert.match(app.appKey, /^\d{19}$/);
    assert.equal(app.status, 'pending');
    const { rotateSecret } = await import('./apps.js');
    const next = await rotateSecret(core.ctx, shop.owner, app.id);
    assert.notEqual(next.secret, secret);
    await assert.rejects(rotateSecret(core.ctx, other, app.id), { code: 'NOT_FOUND' });
  } finally {
    await core.dispose();
  }
});

test('push: a product delisted, edited or repriced is tag 400', async () => {
  const push = stub();
  const core = await openTestCore({ openPush: push.post });
  try {
    const w = await setup(core, ['400']);
    const { setProductStatus, updateSkuPrice } = await import('../catalog/index.js');
    await setProductStatus(core.ctx, w.shop.owner, w.shop.productId, 'delisted');
    await updateSkuPrice(core.ctx, w.shop.owner, w.shop.skuIds[0]!, 2590, null);
    await core.tick();
    const messages = push.sent.flatMap(messagesOf);
    assert.deepEqual(
      messages.map((m) => m.tag),
      ['400', '400'],
    );
    assert.deepEqual(
      messages.map((m) => (JSON.parse(m.data) as { event: string }).event),
      ['status', 'price'],
    );
    assert.equal((JSON.parse(messages[0]!.data) as { status: number }).status, 1);
  } finally {
    await core.dispose();
  }
});
