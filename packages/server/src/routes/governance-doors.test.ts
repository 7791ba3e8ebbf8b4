import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { liveRuntime, uploadsTempDir, videosDir } from '@zhongcao/core';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';
import { multipartBody } from '../test-support/tenants.js';

const CLIP = readFileSync(new URL('../../../core/assets/demo-videos/orchard-oranges.mp4', import.meta.url));

type Res = { statusCode: number; body: string; json(): any };

function rejectedHits(
  res: Res,
): Array<{ term: string; class: string; rule: string; field: string; start: number; end: number; severity: string }> {
  assert.equal(res.statusCode, 422, res.body);
  assert.equal(res.json().error.code, 'CONTENT_REJECTED');
  return res.json().error.details.hits;
}

test('product doors: a banned term in title, description or a spec value answers 422 CONTENT_REJECTED with field, positions and rule, and nothing is saved; warn terms come back as warnings', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'gov-door-shop');
    const owner = await s.tokenFor(shop.owner.userId);
    const count = async () =>
      Number(
        (
          await s.core.ctx.db
            .selectFrom('products')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const skus = [{ specValues: ['5斤'], priceFen: 3990, stock: 10 }];
    const product = (over: Record<string, unknown>) => ({
      categoryId: shop.categoryId,
      title: '云南高山脐橙',
      description: '果园现摘，产地直发',
      specOptions: [{ name: '规格', values: ['5斤'] }],
      skus,
      ...over,
    });
    const before = await count();

    const byTitle = rejectedHits(
      await s.call('POST', `/api/v1/merchant/shops/${shop.shopId}/products`, {
        token: owner,
        body: product({ title: '全網銷量第一 云南脐橙' }),
      }),
    );
    assert.deepEqual(
      byTitle.map((h) => [h.field, h.term, h.start, h.end, h.rule]).find((h) => h[1] === '全网销量第一'),
      ['title', '全网销量第一', 0, 6, 'AD_LAW_9_ABSOLUTE'],
    );
    const byDescription = rejectedHits(
      await s.call('POST', `/api/v1/merchant/shops/${shop.shopId}/products`, {
        token: owner,
        body: product({ description: '每天吃能降 血 压，有问题加薇信' }),
      }),
    );
    assert.deepEqual(new Set(byDescription.map((h) => h.class)), new Set(['medical', 'diversion']));
    assert.ok(byDescription.every((h) => h.field === 'description'));
    const bySpec = rejectedHits(
      await s.call('POST', `/api/v1/merchant/shops/${shop.shopId}/products`, {
        token: owner,
        body: product({
          specOptions: [{ name: '规格', values: ['5斤', '咨询13812345678'] }],
          skus: [...skus, { specValues: ['咨询13812345678'], priceFen: 100, stock: 1 }],
        }),
      }),
    );
    assert.deepEqual(
      bySpec.map((h) => [h.field, h.term, h.start, h.end]),
      [['specOptions[0].values[1]', '手机号码', 2, 13]],
    );
    assert.equal(await count(), before, 'no rejected product was half-saved');

    const clean = await s.call('POST', `/api/v1/merchant/shops/${shop.shopId}/products`, {
      token: owner,
      body: product({}),
    });
    assert.equal(clean.statusCode, 201, clean.body);
    assert.deepEqual(clean.json().warnings, []);
    const warned = await s.call('POST', `/api/v1/merchant/shops/${shop.shopId}/products`, {
      token: owner,
      body: product({ title: '送礼首选 云南脐橙' }),
    });
    assert.equal(warned.statusCode, 201, warned.body);
    assert.deepEqual(
      warned
        .json()
        .warnings.map((w: { term: string; severity: string; field: string }) => [w.field, w.term, w.severity]),
      [['title', '首选', 'warn']],
    );

    const id = clean.json().id as string;
    const edit = (body: Record<string, unknown>) =>
      s.call('PUT', `/api/v1/merchant/products/${id}`, { token: owner, body });
    rejectedHits(await edit({ title: '国家级 好橙子' }));
    const stored = await s.core.ctx.db
      .selectFrom('products')
      .select(['title', 'description'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      stored,
      { title: '云南高山脐橙', description: '果园现摘，产地直发' },
      'a rejected edit changes nothing',
    );
    assert.equal((await edit({ title: '云南高山脐橙 10斤' })).statusCode, 204);
    const warnedEdit = await edit({ title: '云南高山脐橙 独家' });
    assert.equal(warnedEdit.statusCode, 200);
    assert.equal(warnedEdit.json().warnings[0].term, '独家');
  } finally {
    await s.close();
  }
});

test('video door: a banned title or caption answers 422 and stores neither file nor row', async () => {
  const s = await startTestServer();
  try {
    const creator = await makePerson(s.core, 'gov-door-creator', ['creator'], false);
    const token = await s.tokenFor(creator.userId);
    const upload = (fields: Record<string, string>) => {
      const body = multipartBody({ name: 'clip.mp4', bytes: CLIP, contentType: 'video/mp4' }, fields);
      return s.app.inject({
        method: 'POST',
        url: '/api/v1/videos',
        payload: body.payload,
        headers: { ...body.headers, authorization: `Bearer ${token}` },
      });
    };
    const hits = rejectedHits(await upload({ title: '开箱实测', caption: '恭🎉喜🎉获🎉奖，点击领奖' }));
    assert.ok(hits.some((h) => h.field === 'caption' && h.class === 'bait' && h.start === 0 && h.end === 10));
    rejectedHits(await upload({ title: '抗 癌 神果', caption: '' }));
    const rows = await s.core.ctx.db.selectFrom('videos').select('id').where('owner_id', '=', creator.userId).execute();
    assert.equal(rows.length, 0);
    const files = (dir: string) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    };
    assert.deepEqual(files(videosDir(s.core.ctx.dataDir)), []);
    assert.deepEqual(files(uploadsTempDir(s.core.ctx.dataDir)), []);
    const ok = await upload({ title: '开箱实测 首选', caption: '今天到货 #产地直发' });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.deepEqual(
      ok.json().warnings.map((w: { term: string }) => w.term),
      ['首选'],
    );
  } finally {
    await s.close();
  }
});

test('live comments: the rule book blocks reject-severity terms, masks off-platform contacts, lets clean and warn-only comments through', async () => {
  const s = await startTestServer();
  try {
    const shop = await makeShop(s.core, 'gov-live-shop');
    const moderator = liveRuntime(s.core.ctx).moderator;
    const review = (text: string) => moderator.review({ roomId: 'lvr_x', userId: shop.owner.userId, text });
    assert.deepEqual(await review('主播这个橙子甜吗'), { allow: true });
    assert.deepEqual(await review('这是送礼首选'), { allow: true });
    const blocked = await review('国家级抗癌水果');
    assert.equal(blocked.allow, false);
    assert.deepEqual(await review('便宜的加我 138 1234 5678'), { allow: true, text: '便宜的加我 *************' });
    assert.deepEqual(await review('私聊vx: tea_lover88'), { allow: true, text: '私聊***************' });
  } finally {
    await s.close();
  }
});

test('video comments: reject-severity terms answer 422 and store nothing; off-platform contacts are stored masked', async () => {
  const s = await startTestServer();
  try {
    const creator = await makePerson(s.core, 'gov-comment-creator', ['creator'], false);
    const fan = await s.tokenFor((await makePerson(s.core, 'gov-comment-fan', [], false)).userId);
    const body = multipartBody(
      { name: 'clip.mp4', bytes: CLIP, contentType: 'video/mp4' },
      { title: '开箱实测', caption: '今天到货', publish: 'true' },
    );
    const made = await s.app.inject({
      method: 'POST',
      url: '/api/v1/videos',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${await s.tokenFor(creator.userId)}` },
    });
    assert.equal(made.statusCode, 201, made.body);
    const videoId = made.json().id as string;
    const comment = (text: string) =>
      s.call('POST', `/api/v1/videos/${videoId}/comments`, { token: fan, body: { text } });

    const hits = rejectedHits(await comment('这个能抗 癌吗'));
    assert.deepEqual(
      hits.map((h) => [h.term, h.start, h.end]),
      [['抗癌', 3, 6]],
    );
    const masked = await comment('便宜出，加我微信 tea_lover88');
    assert.equal(masked.statusCode, 201, masked.body);
    assert.equal(masked.json().text, '便宜出，****************');
    const clean = await comment('看着就好吃');
    assert.equal(clean.json().text, '看着就好吃');
    const stored = await s.core.ctx.db
      .selectFrom('comments')
      .select('text')
      .where('video_id', '=', videoId)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      stored.map((c) => c.text),
      ['便宜出，****************', '看着就好吃'],
    );
    const video = await s.core.ctx.db
      .selectFrom('videos')
      .select('comments')
      .where('id', '=', videoId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(video.comments), 2, 'the refused comment was not counted');
  } finally {
    await s.close();
  }
});
