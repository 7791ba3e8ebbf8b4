import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../context.js';
import { checkout } from '../checkout/index.js';
import { confirmReceipt, applyNotification } from '../orders/index.js';
import { makePerson, makeShop, openTestCore, type ShopFixture, type TestCore } from '../test-support/index.js';
import {
  addFollowUp,
  createReview,
  myReviews,
  orderReviewStates,
  productReviews,
  productReviewSummary,
  replyToReview,
  shopReviews,
} from './reviews.js';
import { purgeUnusedReviewPhotos, uploadReviewPhoto } from './review-photos.js';
import { REVIEW_WINDOW_MS } from './review-rules.js';
import { shipOrder } from '../logistics/index.js';

const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
let seq = 0;

/** The buyer buys one of each of the shop's SKUs, pays, the shop ships and the buyer confirms receipt: a completed order of two lines. */
async function completedOrder(
  core: TestCore,
  shop: ShopFixture,
  buyer: Actor,
  complete = true,
): Promise<{ orderId: string; lineIds: string[] }> {
  const c = (
    await checkout(core.ctx, buyer, {
      items: shop.skuIds.map((skuId) => ({ skuId, quantity: 1, attribution: { source: 'shelf' as const } })),
    })
  ).body;
  seq++;
  await applyNotification(
    core.ctx,
    'sandbox',
    {
      eventId: `rv-ev${seq}-${c.payment.id}`,
      kind: 'payment.succeeded',
      paymentId: c.payment.id,
      providerTxnId: `sbx_rv_${seq}_${c.payment.id}`,
      amountFen: c.totalFen,
      at: 0,
    },
    '{}',
  );
  const orderId = c.orders[0]!.id;
  await shipOrder(core.ctx, shop.owner, orderId, [
    { carrier: '顺丰速运', trackingNo: `SFRV${String(seq).padStart(8, '0')}` },
  ]);
  if (complete) await confirmReceipt(core.ctx, buyer, orderId);
  const lines = await core.ctx.db
    .selectFrom('order_lines')
    .select('id')
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
  return { orderId, lineIds: lines.map((l) => l.id) };
}

async function rejects(p: Promise<unknown>, code: string, status: number): Promise<void> {
  await assert.rejects(p, (e: { code?: string; status?: number }) => {
    assert.equal(e.code, code);
    assert.equal(e.status, status);
    return true;
  });
}

const count = async (core: TestCore, table: 'reviews' | 'outbox') =>
  Number(
    (
      await core.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('a buyer reviews each line once with photos; the product figures, the photos-first list and the outbox move together', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'rv-shop');
    const buyer = await makePerson(core, 'rv-buyer');
    const other = await makePerson(core, 'rv-other');
    const { orderId, lineIds } = await completedOrder(core, shop, buyer);
    const [l1, l2] = lineIds as [string, string];

    const states = await orderReviewStates(core.ctx.db, buyer, orderId, core.clock.now());
    assert.deepEqual(
      states.map((s) => s.canReview),
      [true, true],
    );
    await rejects(orderReviewStates(core.ctx.db, other, orderId, core.clock.now()), 'NOT_FOUND', 404);

    const p1 = await uploadReviewPhoto(core.ctx, buyer, TINY_PNG);
    assert.match(p1.url, /^\/media\/rvp_.+\.png$/);
    await rejects(
      uploadReviewPhoto(core.ctx, buyer, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
      'UNSUPPORTED_FILE_TYPE',
      415,
    );

    // A review without photos first, then one with a photo: the photo one lists first.
    core.clock.advance(1000);
    const plain = await createReview(core.ctx, buyer, l2, {
      productStars: 3,
      logisticsStars: 4,
      serviceStars: 5,
      text: '一般般，个头偏小',
    });
    core.clock.advance(1000);
    const withPhoto = await createReview(core.ctx, buyer, l1, {
      productStars: 5,
      logisticsStars: 5,
      serviceStars: 4,
      text: '很甜，汁水多，下次还买',
      photoIds: [p1.id],
    });
    assert.deepEqual(withPhoto.photos, [p1.url]);
    assert.equal(withPhoto.reviewer, 'r***');
    assert.deepEqual(withPhoto.stars, { product: 5, logistics: 5, service: 4 });
    assert.equal(withPhoto.canFollowUp, true);

    const summary = await productReviewSummary(core.ctx.db, shop.productId);
    assert.deepEqual(summary, {
      count: 2,
      rating: 4,
      logisticsRating: 4.5,
      serviceRating: 4.5,
      goodPercent: 50,
      good: 1,
      bad: 0,
      withPhotos: 1,
    });
    const page = await productReviews(core.ctx.db, shop.productId, {});
    assert.deepEqual(
      page.items.map((r) => r.id),
      [withPhoto.id, plain.id],
      'photos first',
    );
    assert.deepEqual(
      (await productReviews(core.ctx.db, shop.productId, { filter: 'photos' })).items.map((r) => r.id),
      [withPhoto.id],
    );
    assert.deepEqual(
      (await productReviews(core.ctx.db, shop.productId, { filter: 'good' })).items.map((r) => r.id),
      [withPhoto.id],
    );
    assert.deepEqual((await productReviews(core.ctx.db, shop.productId, { filter: 'bad' })).items, []);
    const first = await productReviews(core.ctx.db, shop.productId, { limit: 1 });
    assert.ok(first.nextCursor);
    const second = await productReviews(core.ctx.db, shop.productId, { limit: 1, cursor: first.nextCursor });
    assert.deepEqual(
      second.items.map((r) => r.id),
      [plain.id],
    );
    assert.equal(second.nextCursor, null);

    const events = await core.ctx.db
      .selectFrom('outbox')
      .select(['topic', 'payload'])
      .where('topic', '=', 'review.created')
      .orderBy('id')
      .execute();
    assert.equal(events.length, 2);
    assert.equal(JSON.parse(events[1]!.payload).productStars, 5);
    assert.equal(JSON.parse(events[1]!.payload).hasPhotos, true);

    // A second review of the same line: 409, nothing written.
    const before = { reviews: await count(core, 'reviews'), outbox: await count(core, 'outbox') };
    await rejects(
      createReview(core.ctx, buyer, l1, { productStars: 1, logisticsStars: 1, serviceStars: 1, text: '再评一次' }),
      'REVIEW_EXISTS',
      409,
    );
    // Someone who did not buy the line: like an unknown line.
    await rejects(
      createReview(core.ctx, other, l1, { productStars: 1, logisticsStars: 1, serviceStars: 1 }),
      'NOT_FOUND',
      404,
    );
    await rejects(
      createReview(core.ctx, shop.owner, l1, { productStars: 1, logisticsStars: 1, serviceStars: 1 }),
      'NOT_FOUND',
      404,
    );
    assert.deepEqual({ reviews: await count(core, 'reviews'), outbox: await count(core, 'outbox') }, before);
    assert.equal((await productReviewSummary(core.ctx.db, shop.productId)).count, 2);

    const mine = await myReviews(core.ctx.db, buyer, {}, core.clock.now());
    assert.deepEqual(
      mine.items.map((r) => r.id),
      [withPhoto.id, plain.id],
    );
    assert.equal(mine.items[0]!.product.title, '云南冰糖橙 新鲜现摘');
    assert.deepEqual((await myReviews(core.ctx.db, other, {}, core.clock.now())).items, []);

    // One follow-up, one reply.
    const p2 = await uploadReviewPhoto(core.ctx, buyer, TINY_PNG);
    const followed = await addFollowUp(core.ctx, buyer, withPhoto.id, {
      text: '吃了一周，还是很新鲜',
      photoIds: [p2.id],
    });
    assert.equal(followed.followUp?.text, '吃了一周，还是很新鲜');
    assert.deepEqual(followed.followUp?.photos, [p2.url]);
    await rejects(addFollowUp(core.ctx, buyer, withPhoto.id, { text: '再追一次' }), 'FOLLOWUP_EXISTS', 409);
    await rejects(addFollowUp(core.ctx, other, withPhoto.id, { text: '不是我的' }), 'NOT_FOUND', 404);
    await rejects(replyToReview(core.ctx, other, withPhoto.id, { text: '不是我的店' }), 'NOT_FOUND', 404);
    const replied = await replyToReview(core.ctx, shop.owner, withPhoto.id, { text: '感谢亲的支持，期待再次光临' });
    assert.equal(replied.reply?.text, '感谢亲的支持，期待再次光临');
    await rejects(replyToReview(core.ctx, shop.owner, withPhoto.id, { text: '再回一次' }), 'REPLY_EXISTS', 409);

    const listed = await shopReviews(core.ctx.db, shop.owner, shop.shopId, {}, core.clock.now());
    assert.equal(listed.items.length, 2);
    assert.equal(listed.summary.count, 2);
    assert.deepEqual(
      (await shopReviews(core.ctx.db, shop.owner, shop.shopId, { stars: 3 }, core.clock.now())).items.map((r) => r.id),
      [plain.id],
    );
    assert.deepEqual(
      (await shopReviews(core.ctx.db, shop.owner, shop.shopId, { replied: false }, core.clock.now())).items.map(
        (r) => r.id,
      ),
      [plain.id],
    );
    assert.equal(listed.items.find((r) => r.id === plain.id)!.canReply, true);
    await rejects(shopReviews(core.ctx.db, buyer, shop.shopId, {}, core.clock.now()), 'NOT_FOUND', 404);
    const seen = (await productReviews(core.ctx.db, shop.productId, {})).items[0]!;
    assert.equal(seen.reply?.text, '感谢亲的支持，期待再次光临');
    assert.equal(seen.followUp?.photos.length, 1);
  } finally {
    await core.dispose();
  }
});

test('the window, the red lines, photos that are not the buyer’s and bad stars write nothing', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'rw-shop');
    const buyer = await makePerson(core, 'rw-buyer');
    const other = await makePerson(core, 'rw-other');
    const open = await completedOrder(core, shop, buyer, false);
    await rejects(
      createReview(core.ctx, buyer, open.lineIds[0]!, { productStars: 5, logisticsStars: 5, serviceStars: 5 }),
      'ORDER_NOT_COMPLETED',
      422,
    );

    const { orderId, lineIds } = await completedOrder(core, shop, buyer);
    const [l1, l2] = lineIds as [string, string];
    const star = { productStars: 4, logisticsStars: 4, serviceStars: 4 };
    await rejects(createReview(core.ctx, buyer, l1, { ...star, productStars: 6 }), 'INVALID_INPUT', 400);
    await rejects(createReview(core.ctx, buyer, l1, { ...star, productStars: 2.5 }), 'INVALID_INPUT', 400);
    await rejects(
      createReview(core.ctx, buyer, l1, { ...star, text: '想要更便宜的加微信找我' }),
      'CONTENT_REJECTED',
      422,
    );
    const photos = [];
    for (let i = 0; i < 7; i++) photos.push((await uploadReviewPhoto(core.ctx, buyer, TINY_PNG)).id);
    await rejects(createReview(core.ctx, buyer, l1, { ...star, photoIds: photos }), 'INVALID_INPUT', 400);
    const strangers = (await uploadReviewPhoto(core.ctx, other, TINY_PNG)).id;
    await rejects(
      createReview(core.ctx, buyer, l1, { ...star, photoIds: [photos[0]!, strangers] }),
      'REVIEW_PHOTO_UNAVAILABLE',
      400,
    );
    assert.equal(await count(core, 'reviews'), 0, 'nothing half-written');
    const attached = await core.ctx.db
      .selectFrom('review_photos')
      .select('id')
      .where('review_id', 'is not', null)
      .execute();
    assert.deepEqual(attached, [], 'the photo attached before the failure was rolled back');
    assert.equal((await productReviewSummary(core.ctx.db, shop.productId)).count, 0);

    // A warn-severity term is kept as a flag the shop sees; the review is shown.
    const flagged = await createReview(core.ctx, buyer, l1, { ...star, text: '这是我的首选水果' });
    assert.deepEqual(
      flagged.flags.map((f) => [f.part, f.term, f.severity]),
      [['review', '首选', 'warn']],
    );

    core.clock.advance(REVIEW_WINDOW_MS + 1);
    await rejects(createReview(core.ctx, buyer, l2, star), 'REVIEW_WINDOW_CLOSED', 422);
    const states = await orderReviewStates(core.ctx.db, buyer, orderId, core.clock.now());
    assert.deepEqual(
      states.map((s) => [s.reviewId !== null, s.canReview]),
      [
        [true, false],
        [false, false],
      ],
    );
    assert.equal(await count(core, 'reviews'), 1);

    // Photos never used in a review are deleted by the housekeeping a day later, file and row.
    assert.equal(await purgeUnusedReviewPhotos(core.ctx, core.clock.now()), 8);
    assert.deepEqual(await core.ctx.db.selectFrom('review_photos').select('id').execute(), []);
  } finally {
    await core.dispose();
  }
});

test('two reviews of one line at the same time: one is stored, the other is 409, and the figures count one', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'rc-shop');
    const buyer = await makePerson(core, 'rc-buyer');
    const { lineIds } = await completedOrder(core, shop, buyer);
    const results = await Promise.allSettled([
      createReview(core.ctx, buyer, lineIds[0]!, {
        productStars: 5,
        logisticsStars: 5,
        serviceStars: 5,
        text: '第一条',
      }),
      createReview(core.ctx, buyer, lineIds[0]!, {
        productStars: 1,
        logisticsStars: 1,
        serviceStars: 1,
        text: '第二条',
      }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal((failed.reason as { code: string }).code, 'REVIEW_EXISTS');
    assert.equal(await count(core, 'reviews'), 1);
    const s = await productReviewSummary(core.ctx.db, shop.productId);
    assert.equal(s.count, 1);
    const events = await core.ctx.db.selectFrom('outbox').select('id').where('topic', '=', 'review.created').execute();
    assert.equal(events.length, 1);
  } finally {
    await core.dispose();
  }
});
