import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkout } from '../checkout/index.js';
import { cancelOrder, applyNotification } from '../orders/index.js';
import { setProductStatus } from '../catalog/index.js';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import type { Actor } from '../context.js';
import { DEMO_CLIPS_DIR } from '../demo/index.js';
import { createVideo, getVideo, publishVideo, removeVideo } from './videos.js';
import { followUser, likeVideo, unfollowUser, unlikeVideo } from './social.js';
import { addComment, listComments } from './comments.js';
import { recordView, shareVideo, VIEW_WINDOW_MS } from './shares-views.js';
import { myVideos, userProfile, userVideos } from './profiles.js';
import { autoCoverKind, extractPoster, postersDir, videosDir } from './media-files.js';
import { titleCardSvg, titleLines } from './title-card.js';
import { spawnSync } from 'node:child_process';
import { newId } from '../platform/index.js';

/** A fresh temp copy of a committed demo clip (createVideo moves its input away). */
function clipCopy(name = 'orchard-oranges.mp4'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'zc-clip-')), name);
  copyFileSync(new URL(name, DEMO_CLIPS_DIR), path);
  return path;
}

async function published(core: TestCore, creator: Actor, productIds: string[] = []): Promise<string> {
  const v = await createVideo(core.ctx, creator, {
    filePath: clipCopy(),
    title: '新鲜现摘',
    caption: '今天到货 #云南褚橙 #产地直发',
    productIds,
    publish: true,
  });
  return v.id;
}

test('a creator uploads a video with anchors; drafts are private until published; removed is gone', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'content-shop');
    const creator = await makePerson(core, 'content-creator', ['creator'], false);
    const shopper = await makePerson(core, 'content-shopper', [], false);
    const draft = await createVideo(core.ctx, creator, {
      filePath: clipCopy(),
      title: ' 橙子开箱 ',
      caption: '#云南褚橙 真甜',
      productIds: [shop.productId],
    });
    assert.equal(draft.status, 'draft');
    assert.equal(draft.title, '橙子开箱');
    assert.deepEqual(draft.hashtags, ['云南褚橙']);
    assert.equal(draft.hostKind, 'creator');
    assert.ok(draft.durationMs !== null && draft.durationMs > 5000);
    assert.deepEqual(
      draft.anchors.map((a) => [a.productId, a.priceFen]),
      [[shop.productId, 2990]],
    );
    assert.match(draft.videoUrl, /^\/media\/videos\/vid_[0-9a-z]{26}\.mp4$/);
    assert.ok(existsSync(join(videosDir(core.ctx.dataDir), draft.videoUrl.split('/').pop()!)));
    await assert.rejects(getVideo(core.ctx.db, draft.id, shopper), { code: 'NOT_FOUND' });
    await assert.rejects(getVideo(core.ctx.db, draft.id, null), { code: 'NOT_FOUND' });
    await assert.rejects(publishVideo(core.ctx, shopper, draft.id), { code: 'NOT_FOUND' });

    const live = await publishVideo(core.ctx, creator, draft.id);
    assert.equal(live.status, 'published');
    assert.equal(live.publishedAt, core.clock.now());
    assert.equal((await getVideo(core.ctx.db, draft.id, null)).status, 'published');
    await assert.rejects(publishVideo(core.ctx, creator, draft.id), { code: 'INVALID_TRANSITION' });
    const events = await core.ctx.db
      .selectFrom('outbox')
      .select('topic')
      .where('subject_id', '=', draft.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.topic),
      ['video.review', 'video.published'],
    );

    await assert.rejects(removeVideo(core.ctx, shopper, draft.id), { code: 'NOT_FOUND' });
    await removeVideo(core.ctx, creator, draft.id);
    await assert.rejects(getVideo(core.ctx.db, draft.id, creator), { code: 'NOT_FOUND' });
    const admin = await makePerson(core, 'content-admin', ['admin'], false);
    const other = await published(core, creator);
    await removeVideo(core.ctx, admin, other);
    await assert.rejects(getVideo(core.ctx.db, other, null), { code: 'NOT_FOUND' });
  } finally {
    await core.dispose();
  }
});

test('uploads are refused before anything is stored: roles, shops, anchors, files', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'anchor-shop');
    const other = await makeShop(core, 'anchor-other', 10, shop.categoryId);
    const creator = await makePerson(core, 'anchor-creator', ['creator'], false);
    const shopper = await makePerson(core, 'anchor-shopper', [], false);
    await assert.rejects(createVideo(core.ctx, shopper, { filePath: clipCopy(), title: '想发视频' }), {
      code: 'FORBIDDEN',
    });
    await assert.rejects(
      createVideo(core.ctx, creator, { filePath: clipCopy(), title: '店播', hostKind: 'shop', shopId: shop.shopId }),
      { code: 'NOT_FOUND' },
    );
    await assert.rejects(
      createVideo(core.ctx, creator, {
        filePath: clipCopy(),
        title: 'x',
        productIds: [shop.productId, shop.productId],
      }),
      { code: 'INVALID_INPUT' },
    );
    await assert.rejects(
      createVideo(core.ctx, creator, {
        filePath: clipCopy(),
        title: 'x',
        productIds: ['prd_00000000000000000000000000'],
      }),
      { code: 'PRODUCT_UNAVAILABLE' },
    );
    await setProductStatus(core.ctx, other.owner, other.productId, 'delisted');
    await assert.rejects(
      createVideo(core.ctx, creator, {
        filePath: clipCopy(),
        title: 'x',
        productIds: [shop.productId, other.productId],
      }),
      { code: 'PRODUCT_UNAVAILABLE' },
    );
    const notVideo = join(mkdtempSync(join(tmpdir(), 'zc-clip-')), 'x.mp4');
    copyFileSync(new URL('make-clips.sh', DEMO_CLIPS_DIR), notVideo);
    await assert.rejects(createVideo(core.ctx, creator, { filePath: notVideo, title: 'x' }), {
      code: 'UNSUPPORTED_FILE_TYPE',
    });
    await assert.rejects(
      createVideo(core.ctx, creator, { filePath: clipCopy(), title: 'x', poster: Buffer.from('<svg/>') }),
      { code: 'UNSUPPORTED_FILE_TYPE' },
    );
    assert.equal((await core.ctx.db.selectFrom('videos').selectAll().execute()).length, 0);
    assert.ok(
      !existsSync(videosDir(core.ctx.dataDir)) || readdirSync(videosDir(core.ctx.dataDir)).length === 0,
      'no file left behind',
    );

    // A shop broadcasts itself: any member, no creator role needed; three anchors at most.
    const v = await createVideo(core.ctx, shop.owner, {
      filePath: clipCopy(),
      title: '店播上新',
      hostKind: 'shop',
      shopId: shop.shopId,
      productIds: [shop.productId],
      publish: true,
    });
    assert.deepEqual([v.hostKind, v.shop?.id, v.status], ['shop', shop.shopId, 'published']);
    // A delisted product drops off the card.
    await setProductStatus(core.ctx, shop.owner, shop.productId, 'delisted');
    assert.deepEqual((await getVideo(core.ctx.db, v.id, null)).anchors, []);
  } finally {
    await core.dispose();
  }
});

test('likes and follows are idempotent and their counters match the rows', async () => {
  const core = await openTestCore();
  try {
    const creator = await makePerson(core, 'like-creator', ['creator'], false);
    const fans = await Promise.all(['like-a', 'like-b'].map((l) => makePerson(core, l, [], false)));
    const videoId = await published(core, creator);
    assert.deepEqual(await likeVideo(core.ctx, fans[0]!, videoId), { liked: true, likes: 1 });
    assert.deepEqual(await likeVideo(core.ctx, fans[0]!, videoId), { liked: true, likes: 1 });
    assert.deepEqual(await likeVideo(core.ctx, fans[1]!, videoId), { liked: true, likes: 2 });
    assert.deepEqual(await unlikeVideo(core.ctx, fans[1]!, videoId), { liked: false, likes: 1 });
    assert.deepEqual(await unlikeVideo(core.ctx, fans[1]!, videoId), { liked: false, likes: 1 });
    assert.equal((await getVideo(core.ctx.db, videoId, fans[0]!)).liked, true);
    assert.equal((await getVideo(core.ctx.db, videoId, fans[1]!)).liked, false);
    const rows = await core.ctx.db.selectFrom('video_likes').selectAll().where('video_id', '=', videoId).execute();
    assert.equal(rows.length, 1);

    assert.deepEqual(await followUser(core.ctx, fans[0]!, creator.userId), { followed: true, followers: 1 });
    assert.deepEqual(await followUser(core.ctx, fans[0]!, creator.userId), { followed: true, followers: 1 });
    assert.deepEqual(await followUser(core.ctx, fans[1]!, creator.userId), { followed: true, followers: 2 });
    assert.deepEqual(await unfollowUser(core.ctx, fans[1]!, creator.userId), { followed: false, followers: 1 });
    await assert.rejects(followUser(core.ctx, creator, creator.userId), { code: 'CANNOT_FOLLOW_SELF' });
    await assert.rejects(followUser(core.ctx, creator, 'usr_00000000000000000000000000'), { code: 'NOT_FOUND' });
    assert.equal((await getVideo(core.ctx.db, videoId, fans[0]!)).creator.followed, true);
    const profile = await userProfile(core.ctx.db, creator.userId, fans[0]!);
    assert.deepEqual(profile, {
      id: creator.userId,
      displayName: 'like-creator',
      followers: 1,
      following: 0,
      videos: 1,
      followed: true,
      isCreator: true,
    });
    assert.equal((await userProfile(core.ctx.db, fans[0]!.userId, null)).following, 1);
  } finally {
    await core.dispose();
  }
});

test('comments thread one level: a reply to a reply attaches to the top comment', async () => {
  const core = await openTestCore();
  try {
    const creator = await makePerson(core, 'cmt-creator', ['creator'], false);
    const fan = await makePerson(core, 'cmt-fan', [], false);
    const videoId = await published(core, creator);
    const top = await addComment(core.ctx, fan, videoId, { text: '看着就好吃' });
    core.clock.advance(1000);
    const reply = await addComment(core.ctx, creator, videoId, { text: '谢谢支持', parentId: top.id });
    core.clock.advance(1000);
    const nested = await addComment(core.ctx, fan, videoId, { text: '已下单', parentId: reply.id });
    assert.equal(reply.parentId, top.id);
    assert.equal(nested.parentId, top.id, 'replying to a reply attaches to its parent');
    const second = await addComment(core.ctx, creator, videoId, { text: '第二条' });
    await assert.rejects(addComment(core.ctx, fan, videoId, { text: '   ' }), { code: 'INVALID_INPUT' });
    await assert.rejects(addComment(core.ctx, fan, videoId, { text: 'x'.repeat(100 * 1024) }), {
      code: 'INVALID_INPUT',
    });
    await assert.rejects(
      addComment(core.ctx, fan, videoId, { text: '?', parentId: 'cmt_00000000000000000000000000' }),
      { code: 'NOT_FOUND' },
    );
    const otherVideo = await published(core, creator);
    await assert.rejects(addComment(core.ctx, fan, otherVideo, { text: '串了', parentId: top.id }), {
      code: 'NOT_FOUND',
    });

    const page1 = await listComments(core.ctx.db, videoId, null, { limit: 1 });
    assert.deepEqual(
      page1.items.map((c) => c.id),
      [second.id],
    );
    const page2 = await listComments(core.ctx.db, videoId, null, { limit: 1, cursor: page1.nextCursor! });
    assert.equal(page2.nextCursor, null);
    const first = page2.items[0]!;
    assert.equal(first.replyCount, 2);
    assert.deepEqual(
      first.replies.map((r) => r.text),
      ['谢谢支持', '已下单'],
    );
    assert.equal(first.author.displayName, 'cmt-fan');
    assert.equal((await getVideo(core.ctx.db, videoId, null)).stats.comments, 4);
  } finally {
    await core.dispose();
  }
});

test('comments come newest first by when they were written, ties by id, stable across pages', async () => {
  const core = await openTestCore();
  try {
    const creator = await makePerson(core, 'order-creator', ['creator'], false);
    const fan = await makePerson(core, 'order-fan', [], false);
    const videoId = await published(core, creator);
    const now = core.clock.now();
    // Written in this order of ids, but at times that do not follow the ids (as seeded or imported rows are).
    const rows = [
      { text: 'a', at: now - 5 * 60_000 },
      { text: 'b', at: now - 60 * 60_000 },
      { text: 'c', at: now - 60_000 },
      { text: 'd', at: now - 60 * 60_000 },
      { text: 'e', at: now - 30 * 60_000 },
    ].map((r, i) => ({
      id: newId('comment', now + i),
      video_id: videoId,
      author_id: fan.userId,
      parent_id: null,
      text: r.text,
      reply_count: 0,
      status: 'visible' as const,
      created_at: r.at,
    }));
    await core.ctx.db.insertInto('comments').values(rows).execute();
    const expected = [...rows].sort((x, y) => y.created_at - x.created_at || (x.id < y.id ? 1 : -1)).map((r) => r.text);
    assert.deepEqual(expected, ['c', 'a', 'e', 'd', 'b'], 'the tie at the same minute goes to the later id');
    const all = await listComments(core.ctx.db, videoId, null, { limit: 20 });
    assert.deepEqual(
      all.items.map((c) => c.text),
      expected,
    );
    const paged: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await listComments(core.ctx.db, videoId, null, { limit: 2, cursor });
      paged.push(...page.items.map((c) => c.text));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    assert.deepEqual(paged, expected, 'pages join up without gaps or repeats');
    for (let i = 1; i < all.items.length; i++) assert.ok(all.items[i - 1]!.createdAt >= all.items[i]!.createdAt);
    await assert.rejects(
      listComments(core.ctx.db, videoId, null, { limit: 2, cursor: 'cmt_00000000000000000000000000' }),
      { code: 'INVALID_INPUT' },
    );
  } finally {
    await core.dispose();
  }
});

test('views count once per viewer per 30 minutes; anonymous viewers only with an id; shares make links', async () => {
  const core = await openTestCore();
  try {
    const creator = await makePerson(core, 'view-creator', ['creator'], false);
    const fan = await makePerson(core, 'view-fan', [], false);
    const videoId = await published(core, creator);
    assert.deepEqual(await recordView(core.ctx, fan, videoId), { views: 1, counted: true });
    assert.deepEqual(await recordView(core.ctx, fan, videoId), { views: 1, counted: false });
    core.clock.advance(VIEW_WINDOW_MS - 1);
    assert.equal((await recordView(core.ctx, fan, videoId)).views, 1);
    core.clock.advance(1);
    assert.equal((await recordView(core.ctx, fan, videoId)).views, 2);
    assert.deepEqual(await recordView(core.ctx, null, videoId), { views: 2, counted: false });
    assert.equal((await recordView(core.ctx, null, videoId, 'device-1234')).views, 3);
    assert.equal((await recordView(core.ctx, null, videoId, 'device-1234')).views, 3);

    const s1 = await shareVideo(core.ctx, fan, videoId);
    assert.match(s1.shareUrl, new RegExp(`^/v/${videoId}\\?s=shr_[0-9a-z]{26}$`));
    assert.equal(s1.shares, 1);
    assert.equal((await shareVideo(core.ctx, null, videoId)).shares, 2);
    assert.deepEqual((await getVideo(core.ctx.db, videoId, null)).stats, {
      views: 3,
      likes: 0,
      comments: 0,
      shares: 2,
    });
  } finally {
    await core.dispose();
  }
});

test('the creator console counts paid, not cancelled orders and their GMV attributed to each video', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'gmv-shop');
    const creator = await makePerson(core, 'gmv-creator', ['creator'], false);
    const buyer = await makePerson(core, 'gmv-buyer');
    const v1 = await published(core, creator, [shop.productId]);
    const v2 = await createVideo(core.ctx, creator, { filePath: clipCopy(), title: '草稿' });
    const buy = async (skuIndex: number, quantity: number, contentId: string, pay: boolean): Promise<string> => {
      const c = (
        await checkout(core.ctx, buyer, {
          items: [
            {
              skuId: shop.skuIds[skuIndex]!,
              quantity,
              attribution: { source: 'video', contentId, creatorId: creator.userId },
            },
          ],
        })
      ).body;
      if (pay)
        await applyNotification(
          core.ctx,
          'sandbox',
          {
            eventId: `p-${c.payment.id}`,
            kind: 'payment.succeeded',
            paymentId: c.payment.id,
            providerTxnId: `t-${c.payment.id}`,
            amountFen: c.totalFen,
            at: 0,
          },
          '{}',
        );
      return c.orders[0]!.id;
    };
    await buy(0, 2, v1, true); // 2 × 29.90
    await buy(1, 1, v1, true); // 49.90
    await buy(0, 1, v1, false); // unpaid: not counted
    const cancelled = await buy(1, 3, v1, true);
    await cancelOrder(core.ctx, buyer, cancelled, '不想要了'); // paid then cancelled: not counted
    const mine = await myVideos(core.ctx.db, creator, { limit: 10 });
    assert.deepEqual(
      mine.items.map((v) => [v.id, v.orders, v.gmvFen]),
      [
        [v2.id, 0, 0],
        [v1, 2, 2 * 2990 + 4990],
      ],
    );

    // Others see published videos only; the owner sees drafts too.
    assert.deepEqual(
      (await userVideos(core.ctx.db, creator.userId, buyer, { limit: 10 })).items.map((v) => v.id),
      [v1],
    );
    assert.equal((await userVideos(core.ctx.db, creator.userId, creator, { limit: 1 })).nextCursor, v2.id);
  } finally {
    await core.dispose();
  }
});

test('posters: extracted with ffmpeg when it is on PATH, a title card with the title and author without it', async () => {
  const core = await openTestCore();
  const path = process.env.PATH;
  try {
    const creator = await makePerson(core, 'poster-creator', ['creator'], false);
    const withFfmpeg = await createVideo(core.ctx, creator, { filePath: clipCopy(), title: '自动封面' });
    const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
    assert.equal(await autoCoverKind(), hasFfmpeg ? 'frame' : 'title_card');
    assert.match(
      withFfmpeg.posterUrl ?? '',
      hasFfmpeg ? /^\/media\/posters\/vid_[0-9a-z]{26}\.jpg$/ : /^\/media\/posters\/vid_[0-9a-z]{26}\.svg$/,
    );
    process.env.PATH = '/nonexistent';
    assert.equal(await autoCoverKind(), 'title_card');
    const without = await createVideo(core.ctx, creator, {
      filePath: clipCopy(),
      title: '没有 ffmpeg 也有封面 <script>',
    });
    assert.match(without.posterUrl ?? '', /^\/media\/posters\/vid_[0-9a-z]{26}\.svg$/);
    const svg = readFileSync(join(postersDir(core.ctx.dataDir), without.posterUrl!.split('/').pop()!), 'utf8');
    assert.equal(
      svg,
      titleCardSvg({ title: '没有 ffmpeg 也有封面 <script>', author: 'poster-creator' }),
      'the card of its title and author',
    );
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /@poster-creator/);
    assert.ok(svg.includes('&lt;script&gt;') && !svg.includes('<script'), 'the title is escaped');
    assert.equal(await extractPoster(core.ctx.dataDir, '/nonexistent.mp4', 'x.jpg'), false);
  } finally {
    process.env.PATH = path;
    await core.dispose();
  }
});

test('title cards: the same card for the same title and author; long titles wrap and end in an ellipsis', () => {
  const a = titleCardSvg({ title: '云南褚橙开箱', author: '果园小王' });
  assert.equal(a, titleCardSvg({ title: '云南褚橙开箱', author: '果园小王' }));
  assert.notEqual(a, titleCardSvg({ title: '云南褚橙开箱', author: '茶山老李' }));
  assert.deepEqual(titleLines('云南褚橙开箱'), ['云南褚橙开箱']);
  assert.deepEqual(titleLines('一二三四五六七八九十一二三'), ['一二三四五六七八九', '十一二三']);
  const long = titleLines('这'.repeat(55));
  assert.equal(long.length, 4);
  assert.ok(long[3]!.endsWith('…'));
  assert.deepEqual(titleLines('Fresh oranges from the orchard'), ['Fresh oranges', 'from the orchard']);
  assert.deepEqual(titleLines('短'), ['短']);
  assert.deepEqual(
    titleLines('四个字的 title 混排'),
    ['四个字的 title 混', '排'],
    'Chinese breaks between any two characters',
  );
});
