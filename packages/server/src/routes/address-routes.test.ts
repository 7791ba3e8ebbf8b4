import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../test-support/server-harness.js';
import { makeTenants } from '../test-support/tenants.js';

const HOME = {
  name: '王五',
  phone: '13712345678',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  detail: '文三路 1 号',
};

test('addresses over HTTP: a region that does not belong together is 400 ADDRESS_REGION_MISMATCH; the owner edits, others get 404; the shop sees the phone masked', async () => {
  const s = await startTestServer();
  try {
    const t = await makeTenants(s);
    const token = t.buyer.token;

    const wrong = await s.call('POST', '/api/v1/me/addresses', { token, body: { ...HOME, city: '宁波市' } });
    assert.equal(wrong.statusCode, 400, wrong.body);
    assert.deepEqual((wrong.json() as { error: { code: string; details: unknown } }).error, {
      code: 'ADDRESS_REGION_MISMATCH',
      message: 'district is not a district of that city',
      details: { field: 'district', problem: 'DISTRICT_NOT_IN_CITY' },
    });

    const added = await s.call('POST', '/api/v1/me/addresses', { token, body: HOME });
    assert.equal(added.statusCode, 201, added.body);
    const id = (added.json() as { id: string }).id;

    const edited = await s.call('PUT', `/api/v1/me/addresses/${id}`, {
      token,
      body: { ...HOME, province: '上海市', city: '上海市', district: '浦东新区' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal((edited.json() as { district: string }).district, '浦东新区');
    const badEdit = await s.call('PUT', `/api/v1/me/addresses/${id}`, { token, body: { ...HOME, province: '上海市' } });
    assert.equal(badEdit.statusCode, 400, badEdit.body);
    assert.equal((badEdit.json() as { error: { details: { field: string } } }).error.details.field, 'city');
    const notMine = await s.call('PUT', `/api/v1/me/addresses/${id}`, { token: t.otherBuyer.token, body: HOME });
    assert.equal(notMine.statusCode, 404, notMine.body);

    // The buyer's order as the shop's owner and as the buyer see it.
    const asShop = (await s.call('GET', `/api/v1/orders/${t.orderA.id}`, { token: t.ownerA.token })).json() as {
      address: Record<string, string>;
    };
    const asBuyer = (await s.call('GET', `/api/v1/orders/${t.orderA.id}`, { token })).json() as {
      address: Record<string, string>;
    };
    assert.match(asBuyer.address.phone!, /^1\d{10}$/);
    assert.equal(asShop.address.phone, `${asBuyer.address.phone!.slice(0, 3)}****${asBuyer.address.phone!.slice(-4)}`);
    assert.deepEqual(
      { ...asShop.address, phone: '' },
      { ...asBuyer.address, phone: '' },
      'the shop has the name and the full address to ship to',
    );
  } finally {
    await s.close();
  }
});
