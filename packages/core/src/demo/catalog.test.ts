import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDemoCatalog } from './catalog.js';

const catalog = buildDemoCatalog();

test('buildDemoCatalog is deterministic', () => {
  assert.deepEqual(buildDemoCatalog(), buildDemoCatalog());
  assert.deepEqual(buildDemoCatalog(), catalog);
});

test('category tree: two levels, valid rule profiles', () => {
  const keys = new Set<string>();
  for (const c of catalog.categories) {
    assert.ok(!keys.has(c.key), `duplicate category key ${c.key}`);
    keys.add(c.key);
  }
  for (const c of catalog.categories) {
    if (c.parentKey !== null) {
      const parent = catalog.categories.find((p) => p.key === c.parentKey);
      assert.ok(parent, `parent of ${c.key} exists`);
      assert.equal(parent.parentKey, null, `${c.key} is at most two levels deep`);
    }
    assert.ok(
      Number.isInteger(c.rules.feeRateBp) && c.rules.feeRateBp >= 0 && c.rules.feeRateBp <= 10000,
      `${c.key} feeRateBp`,
    );
    assert.ok(Number.isInteger(c.rules.shipByHours) && c.rules.shipByHours > 0, `${c.key} shipByHours`);
  }
  const fruit = catalog.categories.find((c) => c.key === 'fresh.fruit');
  assert.ok(fruit?.rules.perishable);
});

test('exactly 6 shops with unique keys and sane shipping', () => {
  assert.equal(catalog.shops.length, 6);
  assert.equal(new Set(catalog.shops.map((s) => s.key)).size, 6);
  for (const s of catalog.shops) {
    assert.ok(Number.isInteger(s.shippingFeeFen) && s.shippingFeeFen >= 0);
    assert.ok(s.freeShippingOverFen === null || (Number.isInteger(s.freeShippingOverFen) && s.freeShippingOverFen > 0));
  }
});

test('products: count, unique keys and titles, valid references', () => {
  const { products, shops, categories } = catalog;
  assert.ok(products.length >= 300, `have ${products.length} products`);
  assert.equal(new Set(products.map((p) => p.key)).size, products.length, 'unique product keys');
  assert.equal(new Set(products.map((p) => p.title)).size, products.length, 'unique titles');
  const shopKeys = new Set(shops.map((s) => s.key));
  const parentKeys = new Set(categories.map((c) => c.parentKey).filter((k): k is string => k !== null));
  const categoryKeys = new Set(categories.map((c) => c.key));
  for (const p of products) {
    assert.ok(shopKeys.has(p.shopKey), `${p.key} shop ${p.shopKey}`);
    assert.ok(categoryKeys.has(p.categoryKey), `${p.key} category ${p.categoryKey}`);
    assert.ok(!parentKeys.has(p.categoryKey), `${p.key} category ${p.categoryKey} is a leaf`);
    assert.match(p.imageColor, /^#[0-9a-f]{6}$/i);
    assert.match(p.imageLabel, /^[\u4e00-\u9fff]{2,4}$/);
    assert.ok(p.title.length > 0 && p.description.length > 0);
  }
  for (const s of shops) {
    const n = products.filter((p) => p.shopKey === s.key).length;
    assert.ok(n >= 45 && n <= 60, `shop ${s.key} has ${n} products`);
  }
  const listed = products.filter((p) => p.status === 'listed').length;
  assert.ok(listed / products.length >= 0.8 && listed < products.length, `${listed} listed`);
});

test('SKUs: spec values, full unique combinations, prices and stock', () => {
  for (const p of catalog.products) {
    assert.ok(p.specOptions.length >= 1 && p.specOptions.length <= 2, `${p.key} has 1–2 options`);
    const expected = p.specOptions.reduce((n, o) => n * o.values.length, 1);
    assert.equal(p.skus.length, expected, `${p.key} sku count`);
    const combos = new Set<string>();
    for (const sku of p.skus) {
      assert.equal(sku.specValues.length, p.specOptions.length, `${p.key} spec value count`);
      sku.specValues.forEach((v, i) => {
        assert.ok(p.specOptions[i]?.values.includes(v), `${p.key} value ${v} in option ${i}`);
      });
      combos.add(JSON.stringify(sku.specValues));
      assert.ok(Number.isInteger(sku.priceFen) && sku.priceFen > 0, `${p.key} price`);
      assert.ok(
        sku.originalPriceFen === null ||
          (Number.isInteger(sku.originalPriceFen) && sku.originalPriceFen >= sku.priceFen),
        `${p.key} original price`,
      );
      assert.ok(Number.isInteger(sku.stock) && sku.stock >= 0 && sku.stock <= 2000, `${p.key} stock`);
    }
    assert.equal(combos.size, p.skus.length, `${p.key} unique combinations`);
  }
  const stocks = catalog.products.flatMap((p) => p.skus.map((s) => s.stock));
  assert.ok(
    stocks.some((s) => s === 0),
    'some SKUs are sold out',
  );
});

test('people: unique logins, required roles, shop owners are merchants', () => {
  const { people, shops } = catalog;
  assert.equal(new Set(people.map((p) => p.login)).size, people.length, 'unique logins');
  const byLogin = new Map(people.map((p) => [p.login, p]));
  const hasRole = (login: string, role: string): boolean => byLogin.get(login)?.roles.some((r) => r === role) ?? false;
  assert.ok(hasRole('demo-shopper', 'shopper'));
  assert.ok(byLogin.get('demo-shopper')?.address);
  assert.ok(hasRole('demo-merchant', 'merchant'));
  assert.equal(byLogin.get('demo-merchant')?.address, null);
  assert.ok(hasRole('demo-creator', 'creator') && hasRole('demo-creator', 'shopper'));
  assert.ok(hasRole('demo-admin', 'admin'));
  for (const login of ['merchant-tea', 'merchant-seafood', 'merchant-grain', 'merchant-snacks', 'merchant-kitchen']) {
    assert.ok(hasRole(login, 'merchant'), login);
  }
  for (let i = 1; i <= 40; i++) {
    const login = `buyer-${String(i).padStart(2, '0')}`;
    assert.ok(hasRole(login, 'shopper'), login);
    const a = byLogin.get(login)?.address;
    assert.ok(a, `${login} has an address`);
    assert.match(a.phone, /^1[358]\d{9}$/);
  }
  for (const s of shops) assert.ok(hasRole(s.ownerLogin, 'merchant'), `owner ${s.ownerLogin} of ${s.key}`);
  assert.equal(shops.find((s) => s.ownerLogin === 'demo-merchant')?.key, catalog.products[0]?.shopKey);
});
