import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { updateShop, updateCategoryRules } from '../catalog/index.js';
import { searchProducts } from '../discovery/index.js';

test('renaming a shop or a category keeps its products findable by the new name', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'rename-shop');
    const admin = await makePerson(core, 'rename-admin', ['admin'], false);
    const ids = async (q: string) => (await searchProducts(core.ctx, { q, limit: 20 })).items.map((i) => i.id);
    assert.deepEqual(await ids('洱海'), []);
    await updateShop(core.ctx, shop.owner, shop.shopId, { name: '洱海果园', shippingFeeFen: 800 });
    assert.deepEqual(await ids('洱海'), [shop.productId]);
    assert.deepEqual(await ids('热带'), []);
    await updateCategoryRules(core.ctx, admin, shop.categoryId, {
      name: '热带鲜果',
      shipByHours: 48,
      perishable: true,
      feeRateBp: 200,
    });
    assert.deepEqual(await ids('热带'), [shop.productId]);
  } finally {
    await core.dispose();
  }
});
