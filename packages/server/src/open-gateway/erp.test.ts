/**
 * An ERP written from the wire format, over real HTTP against a started server: authorises a demo
 * shop, lists its paid orders, ships one with a tracking number, syncs stock while shoppers buy,
 * corrects a tracking number, reads the shop's addresses, hears a buyer's address change, agrees an
 * after-sales refund, and receives the matching pushes with valid signatures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePerson, makeShop } from '@zhongcao/core/test-support';
import { startTestServer } from '../test-support/server-harness.js';
import { placePaidOrder } from '../test-support/tenants.js';
import { listen, pushReceiver, selfUseApp } from '../test-support/open-platform.js';

test('an ERP authorises a shop, lists paid orders, ships, syncs stock while shoppers buy, agrees a refund and hears the pushes', async () => {
  const s = await startTestServer();
  let keys = { appKey: '', secret: '' };
  const receiver = await pushReceiver(
    () => keys.appKey,
    () => keys.secret,
  );
  try {
    const base = await listen(s);
    const shop = await makeShop(s.core, 'erp-owner', 40);
    const owner = await s.tokenFor(shop.owner.userId);
    const admin = await s.tokenFor((await makePerson(s.core, 'erp-admin', ['admin'])).userId);
    const buyer = await s.tokenFor((await makePerson(s.core, 'erp-buyer')).userId);
    const app = await selfUseApp(s, base, owner, admin, shop.shopId, {
      pushUrl: receiver.url,
      pushTags: ['101', '102', '104', '105', '200', '201', '206'],
    });
    keys = { appKey: app.appKey, secret: app.secret };
    const erp = app.client;

    // token.create (self-use): the shop and a 7-day token.
    const tok = await erp.call<{
      access_token: string;
      refresh_token: string;
      expires_in: number;
      shop_id: number;
      shop_name: string;
    }>('token.create', { code: '', grant_type: 'authorization_self' });
    assert.equal(tok.code, 10000, JSON.stringify(tok));
    assert.equal(tok.err_no, 0);
    assert.equal(tok.data.expires_in, 604800);
    assert.equal(tok.data.shop_name, 'erp-owner 的店');
    const token = tok.data.access_token;

    // Shoppers buy: two paid orders.
    const first = await placePaidOrder(s, buyer, shop.skuIds[0]!, 2);
    const second = await placePaidOrder(s, buyer, shop.skuIds[1]!, 1);

    // order.searchList: paid orders awaiting shipment (order_status 2), page from 0.
    const since = Math.floor(s.core.clock.now() / 1000) - 3600;
    const list = await erp.call<{
      total: number;
      page: number;
      shop_order_list: Array<{
        order_id: string;
        order_status: number;
        pay_amount: number;
        sku_order_list: Array<{ item_num: number; sku_id: number }>;
      }>;
    }>(
      'order.searchList',
      { page: 0, size: 20, create_time_start: since, combine_status: [{ order_status: '2' }] },
      token,
    );
    assert.equal(list.code, 10000, JSON.stringify(list));
    assert.equal(list.data.total, 2);
    assert.ok(list.data.shop_order_list.every((o) => /^\d{19}$/.test(o.order_id) && o.order_status === 2));
    const target = list.data.shop_order_list.find((o) => o.sku_order_list[0]!.item_num === 2)!;

    // order.orderDetail, then order.logisticsAdd with a 中通 number.
    const detail = await erp.call<{ shop_order_detail: { order_id: string; post_tel: string } }>(
      'order.orderDetail',
      { shop_order_id: target.order_id },
      token,
    );
    assert.equal(detail.code, 10000, JSON.stringify(detail));
    assert.match(detail.data.shop_order_detail.post_tel, /\*\*\*\*/);
    const companies = await erp.call<Array<{ code: string }>>('order.logisticsCompanyList', {}, token);
    assert.ok(Array.isArray(companies.data) && companies.data.some((c) => c.code === 'zhongtong'));
    const shipped = await erp.call(
      'order.logisticsAdd',
      { order_id: target.order_id, company_code: 'zhongtong', logistics_code: '731062985471' },
      token,
    );
    assert.equal(shipped.code, 10000, JSON.stringify(shipped));
    const after = await s.call('GET', `/api/v1/orders/${first.id}`, { token: owner });
    assert.equal((after.json() as { status: string }).status, 'shipped');
    const again = await erp.call(
      'order.logisticsAdd',
      { order_id: target.order_id, company_code: 'zhongtong', logistics_code: '731062985472' },
      token,
    );
    assert.equal(again.code, 50002, 'a shipped order cannot be shipped again');

    // order.logisticsEdit: the number was mistyped; the parcel is corrected before delivery.
    const edited = await erp.call(
      'order.logisticsEdit',
      { order_id: target.order_id, company_code: 'zhongtong', logistics_code: '731062985479' },
      token,
    );
    assert.equal(edited.code, 10000, JSON.stringify(edited));
    const corrected = await erp.call<{
      shop_order_detail: { logistics_info: Array<{ tracking_no: string; company: string }> };
    }>('order.orderDetail', { shop_order_id: target.order_id }, token);
    assert.deepEqual(
      corrected.data.shop_order_detail.logistics_info.map((l) => [l.company, l.tracking_no]),
      [['zhongtong', '731062985479']],
    );
    const other = list.data.shop_order_list.find((o) => o !== target)!;
    const notShipped = await erp.call(
      'order.logisticsEdit',
      { order_id: other.order_id, company_code: 'zhongtong', logistics_code: '731062985480' },
      token,
    );
    assert.equal(notShipped.sub_code, 'isv.parameter-invalid:10002', 'an order without a parcel has nothing to edit');

    // address.list: the shop's dispatch origin, with the wire's own spellings.
    const put = await s.call('PUT', `/api/v1/merchant/shops/${shop.shopId}`, {
      token: owner,
      body: { name: 'erp-owner 的店', origin: '云南·昆明', shippingFeeFen: 800, freeShippingOverFen: 9900 },
    });
    assert.equal(put.statusCode, 200, put.body);
    const addresses = await erp.call<{
      total: number;
      page_no: number;
      address_list: Array<{
        reciever_name: string;
        receiver_provinc: string;
        receiver_city: string;
        create_time: string;
      }>;
    }>('address.list', { page_no: 1, page_size: 10, order_by: 'desc', order_field: 'create_time' }, token);
    assert.equal(addresses.code, 10000, JSON.stringify(addresses));
    assert.equal(addresses.data.total, 1);
    assert.deepEqual(
      [addresses.data.address_list[0]!.receiver_provinc, addresses.data.address_list[0]!.receiver_city],
      ['云南', '昆明'],
    );
    assert.match(addresses.data.address_list[0]!.create_time, /^\d+$/);

    // sku.syncStock (full) while shoppers buy: reservations made meanwhile are never lost.
    const skuNum = target.sku_order_list[0]!.sku_id;
    const [sync, ...orders] = await Promise.all([
      erp.call('sku.syncStock', { sku_id: skuNum, stock_num: 30 }, token),
      placePaidOrder(s, buyer, shop.skuIds[0]!, 1),
      placePaidOrder(s, buyer, shop.skuIds[0]!, 1),
    ]);
    assert.equal(sync.code, 10000, JSON.stringify(sync));
    const stock = await erp.call<{ stock_num: number }>('sku.stockNum', { sku_id: skuNum }, token);
    assert.ok(
      stock.data.stock_num >= 30 - orders.length && stock.data.stock_num <= 30,
      `stock ${stock.data.stock_num}`,
    );
    // Incremental with an idempotent id: applied once.
    const inc = await erp.call(
      'sku.syncStock',
      { sku_id: skuNum, stock_num: 5, incremental: true, idempotent_id: 'inbound-1' },
      token,
    );
    assert.equal(inc.code, 10000, JSON.stringify(inc));
    const dup = await erp.call(
      'sku.syncStock',
      { sku_id: skuNum, stock_num: 5, incremental: true, idempotent_id: 'inbound-1' },
      token,
    );
    assert.equal(dup.sub_code, 'isv.idempotent-id-existed');
    const stock2 = await erp.call<{ stock_num: number }>('sku.stockNum', { sku_id: skuNum }, token);
    assert.equal(stock2.data.stock_num, stock.data.stock_num + 5);

    // The buyer sends a paid, unshipped order to another address (tag 105); a shipped one is locked.
    const office = await s.call('POST', '/api/v1/me/addresses', {
      token: buyer,
      body: {
        name: '王五',
        phone: '13712345678',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路 1 号',
      },
    });
    assert.equal(office.statusCode, 201, office.body);
    const officeId = (office.json() as { id: string }).id;
    const moved = await s.call('PATCH', `/api/v1/me/orders/${orders[0]!.id}/address`, {
      token: buyer,
      body: { addressId: officeId },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    const locked = await s.call('PATCH', `/api/v1/me/orders/${first.id}/address`, {
      token: buyer,
      body: { addressId: officeId },
    });
    assert.equal(locked.statusCode, 409);
    assert.equal((locked.json() as { error: { code: string } }).error.code, 'ADDRESS_LOCKED');
    const notMine = await s.call('PATCH', `/api/v1/me/orders/${orders[0]!.id}/address`, {
      token: owner,
      body: { addressId: officeId },
    });
    assert.equal(notMine.statusCode, 404);

    // The buyer asks for a refund of the unshipped order; the ERP finds it and agrees (type 201).
    const filed = await s.call('POST', `/api/v1/orders/${second.id}/aftersales`, {
      token: buyer,
      body: { type: 'refund_unshipped', orderLineId: second.lineIds[0], reasonCode: 'changed_mind' },
    });
    assert.equal(filed.statusCode, 201, filed.body);
    const cases = await erp.call<{
      total: number;
      items: Array<{ aftersale_info: { aftersale_id: string; aftersale_status: number; aftersale_type: number } }>;
    }>('afterSale.List', { page: 0, size: 10 }, token);
    assert.equal(cases.code, 10000, JSON.stringify(cases));
    const c = cases.data.items[0]!.aftersale_info;
    assert.equal(c.aftersale_status, 6);
    assert.equal(c.aftersale_type, 2);
    const agreed = await erp.call<{ items: Array<{ status_code: number }> }>(
      'afterSale.operate',
      { type: 201, items: [{ aftersale_id: c.aftersale_id }] },
      token,
    );
    assert.equal(agreed.code, 10000, JSON.stringify(agreed));
    const twice = await erp.call('afterSale.operate', { type: 201, items: [{ aftersale_id: c.aftersale_id }] }, token);
    assert.equal(twice.code, 50002, 'a refunded case cannot be agreed again');
    const detailCase = await erp.call<{ process_info: { after_sale_info: { after_sale_status: number } } }>(
      'afterSale.Detail',
      { after_sale_id: c.aftersale_id },
      token,
    );
    assert.equal(detailCase.data.process_info.after_sale_info.after_sale_status, 12);

    // Pushes: paid, shipped, after-sales created, refund agreed, with valid signatures, in order per order.
    for (let i = 0; i < 5; i++) await s.core.tick();
    assert.equal(receiver.badSignatures, 0);
    const tags = receiver.messages.map((m) => m.tag);
    for (const t of ['101', '102', '104', '105', '200', '201'])
      assert.ok(tags.includes(t), `tag ${t} in ${tags.join(',')}`);
    const ofTarget = receiver.messages.filter((m) => m.raw.includes(`"p_id":${target.order_id},`)).map((m) => m.tag);
    assert.deepEqual(ofTarget, ['101', '102', '104']);
    const changed = receiver.messages.find((m) => m.tag === '105')!;
    assert.match(changed.raw, /杭州市/);
    assert.equal(
      new Set(receiver.messages.map((m) => m.msg_id)).size,
      receiver.messages.length,
      'message ids are unique',
    );
  } finally {
    await receiver.close();
    await s.close();
  }
});
