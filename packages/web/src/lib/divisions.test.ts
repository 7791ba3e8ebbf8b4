import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citiesOf, codesOf, districtsOf, provinces } from './divisions';
import { maskPhone } from './phone';

test('the picker lists every province, the cities of one, and the districts of a city', () => {
  assert.equal(provinces().length, 34);
  const zj = provinces().find((p) => p.name === '浙江省')!;
  const hz = citiesOf(zj.code).find((c) => c.name === '杭州市')!;
  assert.ok(hz, 'Hangzhou is a city of Zhejiang');
  assert.ok(districtsOf(hz.code).some((d) => d.name === '西湖区'));
  assert.ok(!districtsOf(hz.code).some((d) => d.name === '南山区'));
  assert.deepEqual(citiesOf(provinces().find((p) => p.name === '北京市')!.code).map((c) => c.name), ['北京市'], 'a municipality is its own city');
});

test('a stored address finds its codes again; a level that does not fit stays empty', () => {
  assert.deepEqual(codesOf('浙江省', '杭州市', '西湖区'), { province: '330000', city: '330100', district: '330106' });
  assert.deepEqual(codesOf('浙江省', '深圳市', '南山区'), { province: '330000', city: '', district: '' });
});

test('lists show a phone as its first three and last four digits', () => {
  assert.equal(maskPhone('13812345678'), '138****5678');
});
