import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/index.js';
import { setProductStatus } from '../catalog/index.js';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { cartCount, cartView, putCartItem, removeCartItem, selectCartItems } from './cart.js';
import { isBuyable } from '../catalog/index.js';

test('a line can be bought when its product is listed and the stock covers it', () => {
  assert.equal(isBuyable({ status: 'listed', stock: 3, quantity: 3 }), true);
  assert.equal(isBuyable({ status: 'listed', stock: 2, quantity: 3 }), false);
  assert.equal(isBuyable({ status: 'delisted', stock: 9, quantity: 1 }), false);
});

test('checking out the cart buys only the ticked lines; the others stay in the cart', async () => {
  const core = await openTestCore();
  try {
    const a = await makeShop(core, 'sel-a', 10);
    const b = await makeShop(core, 'sel-b', 10);
    const buyer = await makePerson(core, 'sel-buyer');
    await putCartItem(core.ctx, buyer, { skuId: a.skuIds[0]!, quantity: 2 });
    await putCartItem(core.ctx, buyer, { skuId: a.skuIds[1]!, quantity: 1 });
    let cart = await putCartItem(core.ctx, buyer, { skuId: b.skuIds[0]!, quantity: 1 });
    assert.equal(cart.count, 3);
    assert.ok(
      cart.items.every((i) => i.selected),
      'new lines start ticked',
    );
    assert.equal(cart.totalFen, 2 * 2990 + 4990 + 2990);

    cart = await selectCartItems(core.ctx, buyer, { selected: false });
    assert.deepEqual([cart.totalFen, cart.selectedQuantity], [0, 0], 'untick all');
    await assert.rejects(checkout(core.ctx, buyer, {}), { code: 'CART_NOTHING_SELECTED' });

    await assert.rejects(
      selectCartItems(core.ctx, buyer, { skuIds: [a.skuIds[1]!, 'sku_01aaaaaaaaaaaaaaaaaaaaaaaa'], selected: true }),
      { code: 'NOT_FOUND' },
    );
    assert.equal(
      (await cartView(core.ctx.db, buyer.userId)).selectedQuantity,
      0,
      'a refused selection changes nothing',
    );
    cart = await selectCartItems(core.ctx, buyer, { skuIds: [a.skuIds[1]!], selected: true });
    assert.deepEqual(
      cart.items.filter((i) => i.selected).map((i) => i.skuId),
      [a.skuIds[1]],
    );
    assert.deepEqual([cart.totalFen, cart.selectedQuantity, cart.count], [4990, 1, 3]);

    const placed = (await checkout(core.ctx, buyer, {})).body;
    assert.equal(placed.orders.length, 1);
    assert.equal(placed.orders[0]!.itemsFen, 4990, 'only the ticked line was ordered');
    cart = await cartView(core.ctx.db, buyer.userId);
    assert.deepEqual(
      cart.items.map((i) => i.skuId).sort(),
      [a.skuIds[0]!, b.skuIds[0]!].sort(),
      'the unticked lines stay',
    );
    assert.equal(await cartCount(core.ctx.db, buyer.userId), 2);

    // A line that cannot be bought never counts as ticked, and checkout leaves it in the cart.
    await selectCartItems(core.ctx, buyer, { selected: true });
    await setProductStatus(core.ctx, b.owner, b.productId, 'delisted');
    cart = await cartView(core.ctx.db, buyer.userId);
    assert.deepEqual(
      cart.items.map((i) => [i.skuId, i.available, i.selected]),
      [
        [a.skuIds[0], true, true],
        [b.skuIds[0], false, false],
      ],
    );
    assert.equal(cart.totalFen, 2 * 2990);
    const second = (await checkout(core.ctx, buyer, {})).body;
    assert.deepEqual(
      second.orders.map((o) => o.shopId),
      [a.shopId],
    );
    assert.deepEqual(
      (await cartView(core.ctx.db, buyer.userId)).items.map((i) => i.skuId),
      [b.skuIds[0]],
    );
    cart = await removeCartItem(core.ctx, buyer, b.skuIds[0]!);
    assert.equal(cart.count, 0);
    await assert.rejects(checkout(core.ctx, buyer, {}), { code: 'CART_EMPTY' });
  } finally {
    await core.dispose();
  }
});
