import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/index.js';
import { buildDemoCatalog } from '../demo/index.js';
import { maskPhone } from '../platform/index.js';
import { makePerson, makeShop, openTestCore } from '../test-support/index.js';
import { addAddress, listAddresses, updateAddress } from './addresses.js';
import { regionProblem } from './divisions.js';
import { orderDetail } from '../orderviews/index.js';

const HOME = {
  name: '李雷',
  phone: '13812345678',
  province: '广东省',
  city: '深圳市',
  district: '南山区',
  detail: '科技园 8 号',
};

test('a province, city and district belong together or are named as the wrong level', () => {
  assert.equal(regionProblem('广东省', '深圳市', '南山区'), null);
  assert.equal(regionProblem('北京市', '北京市', '朝阳区'), null, 'a municipality is its own city');
  assert.equal(regionProblem('浙江省', '杭州市', '临平区'), null, 'districts created in 2021 are known');
  assert.deepEqual(regionProblem('广东', '深圳市', '南山区'), { problem: 'UNKNOWN_PROVINCE', field: 'province' });
  assert.deepEqual(regionProblem('广东省', '杭州市', '西湖区'), { problem: 'CITY_NOT_IN_PROVINCE', field: 'city' });
  assert.deepEqual(regionProblem('北京市', '北京市', '南山区'), { problem: 'DISTRICT_NOT_IN_CITY', field: 'district' });
  assert.deepEqual(
    regionProblem('吉林省', '长春市', '朝阳区'),
    null,
    'a district name shared by two cities counts in each',
  );
  assert.deepEqual(regionProblem('吉林省', '吉林市', '朝阳区'), { problem: 'DISTRICT_NOT_IN_CITY', field: 'district' });
});

test('phones are masked to the first three and the last four digits', () => {
  assert.equal(maskPhone('13812345678'), '138****5678');
  assert.equal(maskPhone('1381234'), '*******', 'too short to show any part');
});

test('an address whose three levels do not belong together is refused and nothing is stored', async () => {
  const core = await openTestCore();
  try {
    const buyer = await makePerson(core, 'region-buyer', [], false);
    await assert.rejects(
      addAddress(core.ctx, buyer, { ...HOME, city: '广州市', district: '南山区' }),
      (e: { code: string; status: number; details: Record<string, unknown> }) => {
        assert.equal(e.code, 'ADDRESS_REGION_MISMATCH');
        assert.equal(e.status, 400);
        assert.deepEqual(e.details, { field: 'district', problem: 'DISTRICT_NOT_IN_CITY' });
        return true;
      },
    );
    assert.deepEqual(await listAddresses(core.ctx.db, buyer.userId), []);
  } finally {
    await core.dispose();
  }
});

test('the owner changes an address; someone else cannot, and bad regions leave it as it was', async () => {
  const core = await openTestCore();
  try {
    const buyer = await makePerson(core, 'edit-buyer', [], false);
    const other = await makePerson(core, 'edit-other', [], false);
    const first = await addAddress(core.ctx, buyer, HOME);
    const second = await addAddress(core.ctx, buyer, { ...HOME, detail: '公司' });
    assert.equal(first.isDefault, true);
    assert.equal(second.isDefault, false);

    const moved = await updateAddress(core.ctx, buyer, second.id, {
      ...HOME,
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: ' 文三路 1 号 ',
    });
    assert.deepEqual(
      { ...moved },
      {
        id: second.id,
        name: '李雷',
        phone: '13812345678',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路 1 号',
        isDefault: false,
      },
    );
    const madeDefault = await updateAddress(core.ctx, buyer, second.id, { ...moved, isDefault: true });
    assert.equal(madeDefault.isDefault, true);
    assert.deepEqual(
      (await listAddresses(core.ctx.db, buyer.userId)).map((a) => [a.id, a.isDefault]),
      [
        [second.id, true],
        [first.id, false],
      ],
    );

    await assert.rejects(updateAddress(core.ctx, other, first.id, HOME), { code: 'NOT_FOUND' });
    await assert.rejects(updateAddress(core.ctx, buyer, first.id, { ...HOME, province: '浙江省' }), {
      code: 'ADDRESS_REGION_MISMATCH',
    });
    assert.equal((await listAddresses(core.ctx.db, buyer.userId)).find((a) => a.id === first.id)?.province, '广东省');
  } finally {
    await core.dispose();
  }
});

test('the shop sees the buyer’s name and full address with the phone masked; the buyer sees it all', async () => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'mask-shop');
    const buyer = await makePerson(core, 'mask-buyer', [], false);
    await addAddress(core.ctx, buyer, HOME);
    const placed = (
      await checkout(core.ctx, buyer, {
        items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'shelf' } }],
      })
    ).body;
    const orderId = placed.orders[0]!.id;
    const seenByShop = await orderDetail(core.ctx.db, shop.owner, orderId);
    assert.deepEqual(seenByShop.address, { ...HOME, phone: '138****5678' });
    const seenByBuyer = await orderDetail(core.ctx.db, buyer, orderId);
    assert.equal(seenByBuyer.address.phone, '13812345678');
  } finally {
    await core.dispose();
  }
});

test('every demo address names a district of a city of a province', () => {
  const people = buildDemoCatalog().people.filter((p) => p.address);
  assert.ok(people.length > 40);
  for (const p of people)
    assert.equal(
      regionProblem(p.address!.province, p.address!.city, p.address!.district),
      null,
      `${p.login}: ${p.address!.province} ${p.address!.city} ${p.address!.district}`,
    );
});
