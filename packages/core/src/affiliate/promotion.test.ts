import { test } from 'node:test';
import assert from 'node:assert/strict';
import { putCartItem } from '../cart/index.js';
import { checkout } from '../checkout/index.js';
import { createProduct } from '../catalog/index.js';
import { makePerson, openTestCore } from '../test-support/index.js';
import { createPlan } from './plans.js';
import { addToShowcase, anchorProduct, myShowcase, publicShowcase, removeFromShowcase } from './showcase.js';
import { createLink, openLink } from './links.js';
import { MARKETPLACE_QUERY_MAX, marketplace } from './marketplace.js';
import { buyVia, lineOf, makeWorld, videoOf } from './test-support/affiliate-fixtures.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

test('showcase and anchors: only products open to the creator; not open, another’s video, a fourth anchor are refused with stable codes', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'sc');
    const p = w.shop.productId;
    const targeted = await createPlan(core.ctx, w.shop.owner, p, {
      kind: 'targeted',
      rateBp: 2000,
      creatorIds: [w.creator.userId],
    });
    const video = await videoOf(core, w.other, []);
    await assert.rejects(addToShowcase(core.ctx, w.other, { productId: p }), { code: 'PRODUCT_NOT_OPEN' });
    await assert.rejects(anchorProduct(core.ctx, w.other, video, p), { code: 'PRODUCT_NOT_OPEN' });
    await assert.rejects(createLink(core.ctx, w.other, { productId: p }), { code: 'PRODUCT_NOT_OPEN' });
    assert.equal(
      (await core.ctx.db.selectFrom('video_anchors').select('product_id').where('video_id', '=', video).execute())
        .length,
      0,
      'nothing written',
    );
    await assert.rejects(
      anchorProduct(core.ctx, w.creator, video, p),
      { code: 'NOT_FOUND' },
      'another creator’s video',
    );
    await assert.rejects(addToShowcase(core.ctx, w.buyer, { productId: p }), { code: 'FORBIDDEN' });

    const item = await addToShowcase(core.ctx, w.creator, { productId: p });
    assert.deepEqual([item.offer.reason, item.offer.planId, item.offer.creatorRateBp], ['plan', targeted.id, 2000]);
    const mine = await videoOf(core, w.creator, []);
    assert.deepEqual((await anchorProduct(core.ctx, w.creator, mine, p)).productIds, [p]);
    assert.deepEqual(
      (await anchorProduct(core.ctx, w.creator, mine, p)).productIds,
      [p],
      'anchoring twice changes nothing',
    );
    const extra = [];
    for (let i = 0; i < 3; i++) {
      const created = await createProduct(core.ctx, w.shop.owner, w.shop.shopId, {
        categoryId: w.shop.categoryId,
        title: `苹果 ${i}`,
        specOptions: [],
        skus: [{ specValues: [], priceFen: 1000, stock: 5 }],
        status: 'listed',
      });
      await createPlan(core.ctx, w.shop.owner, created.id, { kind: 'general', rateBp: 500 });
      extra.push(created.id);
    }
    await anchorProduct(core.ctx, w.creator, mine, extra[0]!);
    await anchorProduct(core.ctx, w.creator, mine, extra[1]!);
    await assert.rejects(anchorProduct(core.ctx, w.creator, mine, extra[2]!), { code: 'ANCHORS_FULL' });

    assert.equal((await myShowcase(core.ctx, w.creator)).items.length, 3);
    await removeFromShowcase(core.ctx, w.creator, extra[0]!);
    await assert.rejects(removeFromShowcase(core.ctx, w.creator, extra[0]!), { code: 'NOT_FOUND' });
    assert.deepEqual(
      (await publicShowcase(core.ctx, w.creator.userId)).items.map((c) => c.id).sort(),
      [p, extra[1]!].sort(),
    );

    const market = await marketplace(core.ctx, w.other, { limit: 10 });
    const row = market.items.find((i) => i.product.id === p)!;
    assert.deepEqual(
      [row.offer.reason, row.plans.map((x) => [x.kind, x.rateBp, x.application])],
      ['not_open', [['targeted', 2000, null]]],
      'the targeted plan is offered to apply to',
    );
    assert.equal((await marketplace(core.ctx, w.other, { limit: 10, q: '苹果 1' })).items.length, 1);
    assert.equal(
      (await marketplace(core.ctx, w.other, { limit: 10, q: '100%_' })).items.length,
      0,
      'LIKE wildcards are plain text',
    );
    const longest = 'x'.repeat(MARKETPLACE_QUERY_MAX);
    assert.equal((await marketplace(core.ctx, w.other, { limit: 10, q: ` ${longest} ` })).items.length, 0);
    await assert.rejects(marketplace(core.ctx, w.other, { limit: 10, q: `${longest}x` }), {
      code: 'INVALID_INPUT',
    });
  } finally {
    await core.dispose();
  }
});

test('tracked links: signed, expiring (410 LINK_EXPIRED), tamper-proof; an opened link beats a later feed tap but not a later video; the window ends it', async () => {
  const core = await openTestCore();
  try {
    const w = await makeWorld(core, 'lk');
    const p = w.shop.productId;
    await createPlan(core.ctx, w.shop.owner, p, { kind: 'general', rateBp: 1000 });
    await assert.rejects(createLink(core.ctx, w.creator, { productId: p, validDays: 31 }), { code: 'INVALID_INPUT' });
    const link = await createLink(core.ctx, w.creator, { productId: p, validDays: 1 });
    assert.match(link.token, /^[0-9a-z]{26}\.[0-9a-z]+\.[A-Za-z0-9_-]{16}$/);
    const opened = await openLink(core.ctx, w.buyer, link.token);
    assert.deepEqual(
      [opened.product.id, opened.creator.id, opened.attribution.contentId],
      [p, w.creator.userId, link.token],
    );
    const [ulid, exp, sig] = link.token.split('.');
    await assert.rejects(
      openLink(core.ctx, null, `${ulid}.${(parseInt(exp!, 36) + 86400).toString(36)}.${sig}`),
      { code: 'NOT_FOUND' },
      'a longer life is a forgery',
    );
    await assert.rejects(openLink(core.ctx, null, `${ulid}.${exp}.${'A'.repeat(16)}`), { code: 'NOT_FOUND' });

    // The buyer opened the link; a feed tap on another creator's video an hour later does not take the order.
    const feedVideo = await videoOf(core, w.other, [p]);
    core.clock.advance(HOUR);
    const viaFeed = await lineOf(
      core,
      await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'feed', contentId: feedVideo }),
    );
    assert.deepEqual(
      [viaFeed.attr_source, viaFeed.attr_creator_id, viaFeed.attr_content_id, viaFeed.creator_rate_bp],
      ['link', w.creator.userId, link.id, 1000],
    );
    const viaVideo = await lineOf(
      core,
      await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'video', contentId: feedVideo }),
    );
    assert.deepEqual(
      [viaVideo.attr_source, viaVideo.attr_creator_id],
      ['video', w.other.userId],
      'a later video is a later touch',
    );
    const shelf = await lineOf(core, await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'shelf' }));
    assert.equal(shelf.attr_creator_id, w.creator.userId, 'a shelf purchase within the window is the link’s');

    core.clock.advance(DAY);
    await assert.rejects(openLink(core.ctx, w.buyer, link.token), { code: 'LINK_EXPIRED' });
    const stranger = await makePerson(core, 'lk-stranger');
    const expiredClaim = await lineOf(
      core,
      await buyVia(core, stranger, w.shop.skuIds[0]!, { source: 'link', contentId: link.token }),
    );
    assert.deepEqual(
      [expiredClaim.plan_kind, expiredClaim.creator_rate_bp],
      [null, 0],
      'an expired link attributes nothing',
    );
    core.clock.advance(6 * DAY);
    const late = await lineOf(
      core,
      await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'feed', contentId: feedVideo }),
    );
    assert.equal(late.attr_creator_id, w.other.userId, 'the link touch left the 7-day window');

    // A video that does not carry the product, a shop's own video, a removed one: no creator, nothing paid.
    const bare = await videoOf(core, w.other, []);
    const unanchored = await lineOf(
      core,
      await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'video', contentId: bare, creatorId: w.other.userId }),
    );
    assert.deepEqual(
      [unanchored.plan_kind, unanchored.creator_rate_bp, unanchored.attr_creator_id],
      [null, 0, w.other.userId],
      'the reported card is kept; it earns nothing',
    );
    const shopVideo = await videoOf(core, w.shop.owner, [p], 'shop', w.shop.shopId);
    assert.equal(
      (await lineOf(core, await buyVia(core, w.buyer, w.shop.skuIds[0]!, { source: 'video', contentId: shopVideo })))
        .plan_kind,
      null,
    );

    // Cart lines are touched when they were put in the cart: after the window they attribute nothing.
    await putCartItem(core.ctx, w.buyer, {
      skuId: w.shop.skuIds[1]!,
      quantity: 1,
      attribution: { source: 'video', contentId: feedVideo },
    });
    core.clock.advance(8 * DAY);
    const fromCart = await checkout(core.ctx, w.buyer, {});
    assert.equal((await lineOf(core, fromCart.body.orders[0]!.id)).plan_kind, null);
  } finally {
    await core.dispose();
  }
});
