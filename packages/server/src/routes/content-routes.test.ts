import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { uploadsTempDir, videosDir } from '@zhongcao/core';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer, type TestServer } from '../test-support/server-harness.js';
import { TINY_PNG } from '../test-support/tenants.js';

/** A real clip committed with the demo data (H.264 MP4, 6 s). */
const CLIP = readFileSync(new URL('../../../core/assets/demo-videos/orchard-oranges.mp4', import.meta.url));

/** A multipart body with a video part, an optional poster part and text fields. */
function uploadBody(
  video: Buffer | null,
  fields: Record<string, string>,
  poster?: Buffer,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----zc-video-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const file = (name: string, filename: string, type: string, bytes: Buffer) =>
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${filename}"\r\ncontent-type: ${type}\r\n\r\n`,
      ),
      bytes,
      Buffer.from('\r\n'),
    );
  if (video) file('file', 'clip.mp4', 'video/mp4', video);
  if (poster) file('poster', 'poster.png', 'image/png', poster);
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function setup(s: TestServer) {
  const shop = await makeShop(s.core, 'route-shop');
  const creator = await makePerson(s.core, 'route-creator', ['creator'], false);
  const fan = await makePerson(s.core, 'route-fan', [], false);
  return {
    shop,
    creator,
    fan,
    creatorToken: await s.tokenFor(creator.userId),
    fanToken: await s.tokenFor(fan.userId),
    ownerToken: await s.tokenFor(shop.owner.userId),
  };
}

const upload = (s: TestServer, token: string | undefined, body: { payload: Buffer; headers: Record<string, string> }) =>
  s.app.inject({
    method: 'POST',
    url: '/api/v1/videos',
    payload: body.payload,
    headers: { ...body.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });

test('POST /api/v1/videos stores a real MP4 with anchors, hashtags and an uploaded poster; media is served with ranges', async () => {
  const s = await startTestServer();
  try {
    const t = await setup(s);
    const res = await upload(
      s,
      t.creatorToken,
      uploadBody(
        CLIP,
        {
          title: '新鲜现摘',
          caption: '今天到货 #云南褚橙 #产地直发',
          productIds: JSON.stringify([t.shop.productId]),
          publish: 'true',
        },
        TINY_PNG,
      ),
    );
    assert.equal(res.statusCode, 201, res.body);
    const card = res.json();
    assert.equal(card.status, 'published');
    assert.deepEqual(card.hashtags, ['云南褚橙', '产地直发']);
    assert.deepEqual(
      card.anchors.map((a: { productId: string }) => a.productId),
      [t.shop.productId],
    );
    assert.equal(card.creator.id, t.creator.userId);
    assert.match(card.posterUrl, /^\/media\/posters\/vid_[0-9a-z]{26}\.png$/);
    assert.ok(card.durationMs > 5000);
    assert.deepEqual(readdirSync(uploadsTempDir(s.core.ctx.dataDir)), [], 'the temp file was moved away');

    const ranged = await s.app.inject({ method: 'GET', url: card.videoUrl, headers: { range: 'bytes=0-1023' } });
    assert.equal(ranged.statusCode, 206);
    assert.equal(ranged.headers['content-range'], `bytes 0-1023/${CLIP.length}`);
    assert.equal(ranged.rawPayload.length, 1024);
    assert.ok(ranged.rawPayload.equals(CLIP.subarray(0, 1024)));
    const tail = await s.app.inject({
      method: 'GET',
      url: card.videoUrl,
      headers: { range: `bytes=${CLIP.length - 100}-` },
    });
    assert.equal(tail.statusCode, 206);
    assert.equal(tail.rawPayload.length, 100);
    assert.equal((await s.app.inject({ method: 'GET', url: card.posterUrl })).statusCode, 200);

    const got = await s.call('GET', `/api/v1/videos/${card.id}`);
    assert.equal(got.statusCode, 200);
    assert.equal(got.json().title, '新鲜现摘');

    // A draft: only the owner sees it until published.
    const draft = (await upload(s, t.creatorToken, uploadBody(CLIP, { title: '草稿' }))).json();
    assert.equal(draft.status, 'draft');
    assert.equal((await s.call('GET', `/api/v1/videos/${draft.id}`, { token: t.fanToken })).statusCode, 404);
    assert.equal((await s.call('POST', `/api/v1/videos/${draft.id}/publish`, { token: t.fanToken })).statusCode, 404);
    const pub = await s.call('POST', `/api/v1/videos/${draft.id}/publish`, { token: t.creatorToken });
    assert.equal(pub.statusCode, 200, pub.body);
    assert.equal(pub.json().status, 'published');
    assert.equal(
      (await s.call('POST', `/api/v1/videos/${draft.id}/remove`, { token: t.creatorToken })).statusCode,
      200,
    );
    assert.equal((await s.call('GET', `/api/v1/videos/${draft.id}`, { token: t.creatorToken })).statusCode, 404);

    // A shop broadcasts itself.
    const shopVideo = await upload(
      s,
      t.ownerToken,
      uploadBody(CLIP, { title: '店播上新', hostKind: 'shop', shopId: t.shop.shopId, publish: 'true' }),
    );
    assert.equal(shopVideo.statusCode, 201, shopVideo.body);
    assert.deepEqual(shopVideo.json().shop, { id: t.shop.shopId, name: 'route-shop 的店' });
  } finally {
    await s.close();
  }
});

test('bad uploads answer 4xx with clear codes and leave nothing behind', async () => {
  const s = await startTestServer();
  try {
    const t = await setup(s);
    const expect = async (
      token: string | undefined,
      body: { payload: Buffer; headers: Record<string, string> },
      status: number,
      code: string,
    ) => {
      const res = await upload(s, token, body);
      assert.equal(res.statusCode, status, `${code}: ${res.body}`);
      assert.equal(res.json().error.code, code);
    };
    await expect(undefined, uploadBody(CLIP, { title: 'x' }), 401, 'UNAUTHENTICATED');
    await expect(t.fanToken, uploadBody(CLIP, { title: '不是达人' }), 403, 'FORBIDDEN');
    await expect(t.creatorToken, uploadBody(TINY_PNG, { title: '一张图' }), 415, 'UNSUPPORTED_FILE_TYPE');
    await expect(
      t.creatorToken,
      uploadBody(Buffer.from('plain words, no video'), { title: '文本' }),
      415,
      'UNSUPPORTED_FILE_TYPE',
    );
    await expect(
      t.creatorToken,
      uploadBody(CLIP.subarray(0, Math.floor(CLIP.length * 0.6)), { title: '断了' }),
      400,
      'VIDEO_TRUNCATED',
    );
    await expect(t.creatorToken, uploadBody(CLIP, { title: 'x' }, Buffer.from('<svg/>')), 415, 'UNSUPPORTED_FILE_TYPE');
    await expect(t.creatorToken, uploadBody(null, { title: '没有文件' }), 400, 'FILE_REQUIRED');
    await expect(t.creatorToken, uploadBody(CLIP, {}), 400, 'VALIDATION_FAILED');
    await expect(t.creatorToken, uploadBody(CLIP, { title: '橙'.repeat(56) }), 400, 'INVALID_INPUT');
    await expect(t.creatorToken, uploadBody(CLIP, { title: 'x\u0000' }), 400, 'VALIDATION_FAILED');
    await expect(t.creatorToken, uploadBody(CLIP, { title: 'x', productIds: 'not json' }), 400, 'VALIDATION_FAILED');
    await expect(
      t.creatorToken,
      uploadBody(CLIP, { title: 'x', productIds: JSON.stringify(['prd_00000000000000000000000000']) }),
      409,
      'PRODUCT_UNAVAILABLE',
    );
    await expect(
      t.creatorToken,
      uploadBody(CLIP, { title: 'x', productIds: JSON.stringify(Array(4).fill(t.shop.productId)) }),
      400,
      'INVALID_INPUT',
    );
    await expect(t.creatorToken, uploadBody(CLIP, { title: 'x', publish: 'yes' }), 400, 'VALIDATION_FAILED');
    await expect(
      t.creatorToken,
      uploadBody(CLIP, { title: 'x', hostKind: 'shop', shopId: t.shop.shopId }),
      404,
      'NOT_FOUND',
    );
    await expect(t.creatorToken, uploadBody(CLIP, { title: 'x', surprise: '1' }), 400, 'VALIDATION_FAILED');
    const good = uploadBody(CLIP, { title: '半截' });
    await expect(
      t.creatorToken,
      { payload: good.payload.subarray(0, good.payload.length - 2000), headers: good.headers },
      400,
      'MALFORMED_MULTIPART',
    );
    await expect(
      t.creatorToken,
      { payload: good.payload, headers: { 'content-type': 'multipart/form-data' } },
      400,
      'MALFORMED_MULTIPART',
    );
    const json = await s.call('POST', '/api/v1/videos', { token: t.creatorToken, body: { title: 'json' } });
    assert.equal(json.statusCode, 415);
    // Over 50 MB: refused with 413 while streaming.
    const huge = Buffer.concat([CLIP.subarray(0, 64), Buffer.alloc(50 * 1024 * 1024)]);
    await expect(t.creatorToken, uploadBody(huge, { title: '太大了' }), 413, 'FILE_TOO_LARGE');

    assert.equal((await s.core.ctx.db.selectFrom('videos').selectAll().execute()).length, 0);
    const dir = videosDir(s.core.ctx.dataDir);
    assert.ok(!existsSync(dir) || readdirSync(dir).length === 0, 'no video file stored');
    assert.deepEqual(readdirSync(uploadsTempDir(s.core.ctx.dataDir)), [], 'no temp file left');
  } finally {
    await s.close();
  }
});

test('likes, follows, comments, shares, views and profiles over HTTP', async () => {
  const s = await startTestServer();
  try {
    const t = await setup(s);
    const video = (
      await upload(
        s,
        t.creatorToken,
        uploadBody(CLIP, { title: '看着就好吃', publish: 'true', productIds: JSON.stringify([t.shop.productId]) }),
      )
    ).json();
    const v = `/api/v1/videos/${video.id}`;

    assert.equal((await s.call('POST', `${v}/like`)).statusCode, 401);
    assert.deepEqual((await s.call('POST', `${v}/like`, { token: t.fanToken })).json(), { liked: true, likes: 1 });
    assert.deepEqual((await s.call('POST', `${v}/like`, { token: t.fanToken })).json(), { liked: true, likes: 1 });
    assert.deepEqual((await s.call('DELETE', `${v}/like`, { token: t.fanToken })).json(), { liked: false, likes: 0 });
    await s.call('POST', `${v}/like`, { token: t.fanToken });

    const f = `/api/v1/users/${t.creator.userId}/follow`;
    assert.deepEqual((await s.call('POST', f, { token: t.fanToken })).json(), { followed: true, followers: 1 });
    const self = await s.call('POST', f, { token: t.creatorToken });
    assert.equal(self.statusCode, 409);
    assert.equal(self.json().error.code, 'CANNOT_FOLLOW_SELF');

    const c1 = await s.call('POST', `${v}/comments`, { token: t.fanToken, body: { text: '已下单' } });
    assert.equal(c1.statusCode, 201, c1.body);
    const r1 = await s.call('POST', `${v}/comments`, {
      token: t.creatorToken,
      body: { text: '谢谢', parentId: c1.json().id },
    });
    assert.equal(r1.json().parentId, c1.json().id);
    assert.equal((await s.call('POST', `${v}/comments`, { token: t.fanToken, body: { text: '' } })).statusCode, 400);
    assert.equal(
      (await s.call('POST', `${v}/comments`, { token: t.fanToken, body: { text: 'x'.repeat(100 * 1024) } })).statusCode,
      400,
    );
    assert.equal((await s.call('POST', `${v}/comments`, { token: t.fanToken, body: { text: '   ' } })).statusCode, 400);
    const list = (await s.call('GET', `${v}/comments?limit=10`)).json();
    assert.equal(list.items.length, 1);
    assert.equal(list.items[0].replyCount, 1);
    assert.equal(list.items[0].replies[0].text, '谢谢');

    const share = await s.call('POST', `${v}/shares`);
    assert.equal(share.statusCode, 201);
    assert.match(share.json().shareUrl, new RegExp(`^/v/${video.id}\\?s=shr_`));

    assert.deepEqual((await s.call('POST', `${v}/views`, { token: t.fanToken })).json(), { views: 1 });
    assert.deepEqual((await s.call('POST', `${v}/views`, { token: t.fanToken })).json(), { views: 1 });
    assert.deepEqual(
      (await s.call('POST', `${v}/views`)).json(),
      { views: 1 },
      'anonymous without an id is not counted',
    );
    assert.deepEqual((await s.call('POST', `${v}/views`, { headers: { 'x-viewer-id': 'anon-device-1' } })).json(), {
      views: 2,
    });
    assert.equal((await s.call('POST', `${v}/views`, { headers: { 'x-viewer-id': 'bad id!' } })).statusCode, 400);

    const card = (await s.call('GET', v, { token: t.fanToken })).json();
    assert.deepEqual(card.stats, { views: 2, likes: 1, comments: 2, shares: 1 });
    assert.equal(card.liked, true);
    assert.equal(card.creator.followed, true);

    const profile = (await s.call('GET', `/api/v1/users/${t.creator.userId}/profile`, { token: t.fanToken })).json();
    assert.deepEqual(profile, {
      id: t.creator.userId,
      displayName: 'route-creator',
      followers: 1,
      following: 0,
      videos: 1,
      followed: true,
      isCreator: true,
    });
    assert.equal((await s.call('GET', `/api/v1/users/${t.creator.userId}/videos`)).json().items.length, 1);
    const mine = (await s.call('GET', '/api/v1/me/videos', { token: t.creatorToken })).json();
    assert.deepEqual(
      mine.items.map((i: { orders: number; gmvFen: number }) => [i.orders, i.gmvFen]),
      [[0, 0]],
    );
    assert.equal((await s.call('GET', '/api/v1/me/videos')).statusCode, 401);
  } finally {
    await s.close();
  }
});
