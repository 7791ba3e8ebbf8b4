/**
 * China's administrative divisions (省 / 市 / 区县), from @vant/area-data: the three levels a
 * shipping address names, and whether a given three belong together.
 */
import { areaList } from '@vant/area-data';

/** Why a province / city / district triple is refused; the field it points at comes with it. */
export type RegionProblem = 'UNKNOWN_PROVINCE' | 'CITY_NOT_IN_PROVINCE' | 'DISTRICT_NOT_IN_CITY';

export interface RegionVerdict {
  problem: RegionProblem;
  field: 'province' | 'city' | 'district';
}

/** Codes are 6 digits: 2 for the province, 2 more for the city, 2 more for the district. */
const provinceByName = new Map<string, string>();
for (const [code, name] of Object.entries(areaList.province_list)) provinceByName.set(name, code.slice(0, 2));
const cityByName = new Map<string, string>(); // `${provincePrefix}|${cityName}` → city prefix (4 digits)
for (const [code, name] of Object.entries(areaList.city_list))
  cityByName.set(`${code.slice(0, 2)}|${name}`, code.slice(0, 4));
const districts = new Set<string>(); // `${cityPrefix}|${districtName}`
for (const [code, name] of Object.entries(areaList.county_list)) districts.add(`${code.slice(0, 4)}|${name}`);

/** null when the three names are a district of a city of a province; otherwise which level is wrong. */
export function regionProblem(province: string, city: string, district: string): RegionVerdict | null {
  const p = provinceByName.get(province.trim());
  if (p === undefined) return { problem: 'UNKNOWN_PROVINCE', field: 'province' };
  const c = cityByName.get(`${p}|${city.trim()}`);
  if (c === undefined) return { problem: 'CITY_NOT_IN_PROVINCE', field: 'city' };
  if (!districts.has(`${c}|${district.trim()}`)) return { problem: 'DISTRICT_NOT_IN_CITY', field: 'district' };
  return null;
}
