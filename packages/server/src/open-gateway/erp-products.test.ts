/** An ERP managing the catalogue and split shipments over the gateway: categories, addV2/editV2, listV2/detail, sku.list, prices, online/offline, batch stock, multi-pack shipping, the shop's memo. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';
import { placePaidOrder } from '../test-support/tenants.js';
import { listen, selfUseApp } from '../test-support/open-platform.js';

test('the catalogue through the gateway, and a split shipment that a retry does not repeat', async () => {
  const s = await startTestServer();
  try {
    const base = await listen(s);
    const shop = await makeShop(s.core, 'cat-owner', 10);
    const admin = await s.tokenFor((await makePerson(s.core, 'cat-admin', ['admin'])).userId);
    const buyer = await s.tokenFor((await makePerson(s.core, 'cat-buyer')).userId);
    const app = await selfUseApp(s, base, await s.tokenFor(shop.owner.userId), admin, shop.shopId);
    const token = (
      await app.client.call<{ access_token: string }>('token.create', { grant_type: 'authorization_self' })
    ).data.access_token;
    const call = <T = unknown>(method: string, params: Record<string, unknown>) =>
      app.client.call<T>(method, params, token);

    const roots = await call<Array<{ id: number; name: string; is_leaf: boolean }>>('shop.getShopCategory', { cid: 0 });
    assert.equal(roots.code, 10000, JSON.stringify(roots));
    const leaf = roots.data.find((c) => c.is_leaf)!;
    assert.ok(leaf, 'a leaf category');

    const added = await call<{ product_id: number; sku: Array<{ sku_id: number }> }>('product.addV2', {
      product_type: 0,
      category_leaf_id: leaf.id,
      name: '赣南脐橙 新果',
      pic: 'https://img.example/1.jpg',
      description: '果园直发',
      reduce_type: 1,
      freight_id: 0,
      mobile: '13800001111',
      commit: false,
      specs: '规格|5斤,10斤',
      spec_prices: JSON.stringify([
        { spec_detail_name1: '5斤', stock_num: 100, price: 3990 },
        { spec_detail_name1: '10斤', stock_num: 50, price: 6990 },
      ]),
    });
    assert.equal(added.code, 10000, JSON.stringify(added));
    assert.equal(added.data.sku.length, 2);
    const pid = added.data.product_id;
    const rejected = await call('product.addV2', {
      category_leaf_id: leaf.id,
      name: '全网最低价 国家级橙子',
      specs: '规格|5斤',
      spec_prices: JSON.stringify([{ spec_detail_name1: '5斤', stock_num: 1, price: 100 }]),
    });
    assert.equal(rejected.code, 50002, 'the rule book of red lines applies');
    assert.match(rejected.sub_msg, /CONTENT_REJECTED/);

    const draft = await call<{
      status: number;
      check_status: number;
      create_time: string;
      spec_prices: Array<{ sku_id: number; price: number; stock_num: number }>;
    }>('product.detail', { product_id: String(pid) });
    assert.equal(draft.data.status, 1);
    assert.equal(draft.data.check_status, 1);
    assert.match(draft.data.create_time, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.equal(
      (await call('product.editV2', { product_id: pid, commit: true, name: '赣南脐橙 新果 现摘' })).code,
      10000,
    );
    const list = await call<{ total: number; data: Array<{ product_id: number; name: string; status: number }> }>(
      'product.listV2',
      { page: 1, size: 10, status: 0 },
    );
    assert.ok(list.data.data.some((p) => p.product_id === pid && p.name === '赣南脐橙 新果 现摘'));

    const skus = await call<Array<{ id: number; price: number; stock_num: number }>>('sku.list', {
      product_id: String(pid),
    });
    assert.equal(skus.data.length, 2);
    assert.equal((await call('sku.editPrice', { sku_id: skus.data[0]!.id, price: 3590 })).code, 10000);
    const batch = await call('sku.syncStockBatch', {
      product_id: pid,
      incremental: false,
      sku_sync_list: skus.data.map((k) => ({ sku_id: k.id, sku_type: 0, stock_num: 7 })),
    });
    assert.equal(batch.code, 10000, JSON.stringify(batch));
    const after = await call<Array<{ price: number; stock_num: number }>>('sku.list', { product_id: String(pid) });
    assert.deepEqual(
      after.data.map((k) => [k.price, k.stock_num]),
      [
        [3590, 7],
        [6990, 7],
      ],
    );
    assert.equal((await call('product.setOffline', { product_id: pid })).code, 10000);
    assert.equal((await call<{ status: number }>('product.detail', { product_id: String(pid) })).data.status, 1);

    // A split shipment of a two-line order, retried with the same request_id: one shipment per pack, once.
    const placed = await s.call('POST', '/api/v1/checkout', {
      token: buyer,
      body: {
        items: [
          { skuId: shop.skuIds[0], quantity: 1 },
          { skuId: shop.skuIds[1], quantity: 1 },
        ],
      },
    });
    assert.equal(placed.statusCode, 201, placed.body);
    await placePaidOrder(s, buyer, shop.skuIds[0]!); // another order, so the search has two
    const paid = await s.call(
      'GET',
      '/api/v1/payments/' + (placed.json() as { payment: { id: string } }).payment.id + '/cashier?format=json',
      { token: buyer },
    );
    await s.core.sandbox.complete(
      String((paid.json() as { cashierUrl: string }).cashierUrl)
        .split('/')
        .pop()!,
      'paid',
    );
    await s.deliverNotifications();
    const since = Math.floor(s.core.clock.now() / 1000) - 60;
    const found = await call<{
      shop_order_list: Array<{ order_id: string; sku_order_list: Array<{ order_id: string }> }>;
    }>('order.searchList', { page: 0, size: 10, create_time_start: since });
    const two = found.data.shop_order_list.find((o) => o.sku_order_list.length === 2)!;
    const packs = {
      order_id: two.order_id,
      request_id: 'split-1',
      pack_list: two.sku_order_list.map((l, i) => ({
        shipped_order_info: [{ shipped_order_id: l.order_id, shipped_num: 1 }],
        logistics_code: `SF14${String(9_000_000_000 + i).padStart(11, '0')}`,
        company_code: 'shunfeng',
      })),
    };
    const first = await call<{ pack_list: Array<{ pack_id: string }> }>('order.logisticsAddMultiPack', packs);
    assert.equal(first.code, 10000, JSON.stringify(first));
    const again = await call<{ pack_list: Array<{ pack_id: string }> }>('order.logisticsAddMultiPack', packs);
    assert.deepEqual(again.data, first.data);
    // The shop's memo, as the wire format's own example sends it.
    assert.equal(
      (
        await call('order.addOrderRemark', {
          is_add_star: 'true',
          order_id: two.order_id,
          remark: '加急/优先',
          star: '5',
        })
      ).code,
      10000,
    );
    assert.equal(
      (await call('order.addOrderRemark', { order_id: two.order_id, remark: 'x'.repeat(61) })).sub_code,
      'isv.parameter-invalid:10001',
    );
    const detail = await call<{
      shop_order_detail: {
        order_status: number;
        logistics_info: unknown[];
        seller_words: string;
        seller_remark_stars: number;
      };
    }>('order.orderDetail', { shop_order_id: two.order_id });
    assert.equal(detail.data.shop_order_detail.order_status, 3);
    assert.equal(detail.data.shop_order_detail.logistics_info.length, 2);
    assert.equal(detail.data.shop_order_detail.seller_words, '加急/优先');
    assert.equal(detail.data.shop_order_detail.seller_remark_stars, 5);
  } finally {
    await s.close();
  }
});
