/**
 * China's provinces, cities and districts for the address picker, from @vant/area-data (the
 * same data the server checks addresses against). Codes: 2 digits province, 4 city, 6 district.
 */
import { areaList } from '@vant/area-data';

export interface Division {
  code: string;
  name: string;
}

const entries = (list: Record<string, string>): Division[] => Object.entries(list).map(([code, name]) => ({ code, name }));
const PROVINCES = entries(areaList.province_list);
const CITIES = entries(areaList.city_list);
const DISTRICTS = entries(areaList.county_list);

export const provinces = (): Division[] => PROVINCES;
export const citiesOf = (provinceCode: string): Division[] => CITIES.filter((c) => c.code.slice(0, 2) === provinceCode.slice(0, 2));
export const districtsOf = (cityCode: string): Division[] => DISTRICTS.filter((d) => d.code.slice(0, 4) === cityCode.slice(0, 4));

/** The codes of a stored province / city / district by name ('' where a level is not found). */
export function codesOf(province: string, city: string, district: string): { province: string; city: string; district: string } {
  const p = PROVINCES.find((x) => x.name === province)?.code ?? '';
  const c = p ? (citiesOf(p).find((x) => x.name === city)?.code ?? '') : '';
  const d = c ? (districtsOf(c).find((x) => x.name === district)?.code ?? '') : '';
  return { province: p, city: c, district: d };
}
