import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProduct, setProductStatus } from '../catalog/index.js';
import { productDetail } from '../capacity/index.js';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { addFavourite, favouriteState, myFavourites, removeFavourite } from './favourites.js';
import { decodeFavouriteCursor, encodeFavouriteCursor } from './cursor.js';
import { statementsExecuted } from '../storage/index.js';

test('favourites are per person, idempotent both ways, counted on the product and paged newest first', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'fav-shop');
    const more: string[] = [shop.productId];
    for (let i = 0; i < 4; i++) {
      const p = await createProduct(core.ctx, shop.owner, shop.shopId, {
        categoryId: shop.categoryId,
        title: `收藏测试商品 ${i}`,
        specOptions: [{ name: '规格', values: ['1件'] }],
        skus: [{ specValues: ['1件'], priceFen: 1000 + i, stock: 5 }],
        status: 'listed',
      });
      more.push(p.id);
    }
    const ann = await makePerson(core, 'fav-ann');
    const bob = await makePerson(core, 'fav-bob');

    assert.deepEqual(await addFavourite(core.ctx, ann, shop.productId), {
      productId: shop.productId,
      favourited: true,
      favourites: 1,
    });
    assert.deepEqual(
      await addFavourite(core.ctx, ann, shop.productId),
      { productId: shop.productId, favourited: true, favourites: 1 },
      'adding twice keeps one',
    );
    assert.equal((await addFavourite(core.ctx, bob, shop.productId)).favourites, 2);
    assert.equal((await productDetail(core.ctx.db, shop.productId, null)).favourites, 2, 'the product shows its count');
    assert.equal((await favouriteState(core.ctx.db, ann, shop.productId)).favourited, true);
    assert.equal((await favouriteState(core.ctx.db, null, shop.productId)).favourited, false);

    assert.deepEqual(await removeFavourite(core.ctx, bob, shop.productId), {
      productId: shop.productId,
      favourited: false,
      favourites: 1,
    });
    assert.deepEqual(
      await removeFavourite(core.ctx, bob, shop.productId),
      { productId: shop.productId, favourited: false, favourites: 1 },
      'removing twice changes nothing',
    );
    await assert.rejects(addFavourite(core.ctx, ann, 'prd_01aaaaaaaaaaaaaaaaaaaaaaaa'), { code: 'NOT_FOUND' });

    // Ann keeps all five, one a second apart; pages of two come newest first and end.
    for (const id of more.slice(1)) {
      core.clock.advance(1000);
      await addFavourite(core.ctx, ann, id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await myFavourites(core.ctx.db, ann, { limit: 2, cursor });
      seen.push(...page.items.map((x) => x.product.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    assert.deepEqual(seen, [...more].reverse(), 'every favourite once, the latest first');
    assert.deepEqual((await myFavourites(core.ctx.db, bob, {})).items, [], 'another person’s list is their own');

    // A product taken off sale stays in the list with its status and cannot be newly added.
    await setProductStatus(core.ctx, shop.owner, more[1]!, 'delisted');
    const all = await myFavourites(core.ctx.db, ann, { limit: 10 });
    assert.equal(all.items.find((x) => x.product.id === more[1])?.product.status, 'delisted');
    await assert.rejects(
      addFavourite(core.ctx, bob, more[1]!),
      { code: 'NOT_FOUND' },
      'an unlisted product answers like an unknown one',
    );
    await assert.rejects(favouriteState(core.ctx.db, bob, more[1]!), { code: 'NOT_FOUND' });
    await assert.rejects(
      addFavourite(core.ctx, shop.owner, more[1]!),
      { code: 'PRODUCT_UNAVAILABLE' },
      'its own shop sees it, but it is not on sale',
    );
    assert.equal((await addFavourite(core.ctx, ann, more[1]!)).favourited, true, 'already kept: still idempotent');
    await assert.rejects(myFavourites(core.ctx.db, ann, { cursor: 'nonsense' }), { code: 'INVALID_CURSOR' });
    await assert.rejects(myFavourites(core.ctx.db, ann, { limit: 0 }), { code: 'INVALID_INPUT' });
  } finally {
    await core.dispose();
  }
});

test('a favourites cursor round-trips and refuses what it did not issue', () => {
  const c = { at: 1_733_000_000_123, productId: 'prd_01jd3kq8v2m4n6p8r0t2v4x6z8' };
  assert.deepEqual(decodeFavouriteCursor(encodeFavouriteCursor(c)), c);
  for (const bad of [
    '',
    '123',
    'x.prd_01jd3kq8v2m4n6p8r0t2v4x6z8',
    '1.prd_short',
    '99999999999999999.prd_01jd3kq8v2m4n6p8r0t2v4x6z8',
  ]) {
    assert.throws(() => decodeFavouriteCursor(bad), { code: 'INVALID_CURSOR' }, bad);
  }
});

test("a favourite state is read in one statement, so it never shows a person's favourite with a count that leaves it out", async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'fav-one-read');
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await makePerson(core, `fav-one-read-${i}`));
    const before = statementsExecuted();
    await favouriteState(core.ctx.db, people[0]!, shop.productId);
    assert.equal(statementsExecuted() - before, 1, 'the count and the person’s row come from one statement');

    // Adds racing with reads of the same people: every state read that says "favourited" counts at least that one.
    const reads: Array<Promise<{ favourited: boolean; favourites: number }>> = [];
    const adds = people.map(async (p) => {
      await addFavourite(core.ctx, p, shop.productId);
    });
    for (let round = 0; round < 5; round++)
      for (const p of people) reads.push(favouriteState(core.ctx.db, p, shop.productId));
    await Promise.all(adds);
    for (const s of await Promise.all(reads)) if (s.favourited) assert.ok(s.favourites >= 1, JSON.stringify(s));
    const last = await favouriteState(core.ctx.db, people[5]!, shop.productId);
    assert.deepEqual([last.favourited, last.favourites], [true, 6]);
  } finally {
    await core.dispose();
  }
});
