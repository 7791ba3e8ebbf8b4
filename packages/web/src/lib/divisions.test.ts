import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citiesOf, codesOf, districtsOf, loadDivisions, pick } from './divisions';
import { maskPhone } from './phone';

test('the picker lists every province, the cities of one, and the districts of a city', async () => {
  const d = await loadDivisions();
  assert.equal(d.provinces.length, 34);
  const zj = d.provinces.find((p) => p.name === '浙江省')!;
  const hz = citiesOf(d, zj.code).find((c) => c.name === '杭州市')!;
  assert.ok(hz, 'Hangzhou is a city of Zhejiang');
  assert.ok(districtsOf(d, hz.code).some((x) => x.name === '西湖区'));
  assert.ok(!districtsOf(d, hz.code).some((x) => x.name === '南山区'));
  assert.deepEqual(
    citiesOf(d, d.provinces.find((p) => p.name === '北京市')!.code).map((c) => c.name),
    ['北京市'],
    'a municipality is its own city',
  );
});

test('picking a level clears the ones below; a municipality takes its only city', async () => {
  const d = await loadDivisions();
  const chosen = { province: '浙江省', city: '杭州市', district: '西湖区' };
  assert.deepEqual(pick(d, chosen, 'province', '110000'), { province: '北京市', city: '北京市', district: '' });
  assert.deepEqual(pick(d, chosen, 'province', '440000'), { province: '广东省', city: '', district: '' });
  assert.deepEqual(pick(d, chosen, 'city', '330200'), { province: '浙江省', city: '宁波市', district: '' });
  assert.deepEqual(pick(d, { ...chosen, district: '' }, 'district', '330106'), chosen);
});

test('a stored address finds its codes again; a level that does not fit stays empty', async () => {
  const d = await loadDivisions();
  assert.deepEqual(codesOf(d, { province: '浙江省', city: '杭州市', district: '西湖区' }), {
    province: '330000',
    city: '330100',
    district: '330106',
  });
  assert.deepEqual(codesOf(d, { province: '浙江省', city: '深圳市', district: '南山区' }), {
    province: '330000',
    city: '',
    district: '',
  });
});

test('lists show a phone as its first three and last four digits', () => {
  assert.equal(maskPhone('13812345678'), '138****5678');
});
