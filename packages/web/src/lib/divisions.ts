/**
 * China's provinces, cities and districts for the address picker, from @vant/area-data (the
 * same data the server checks addresses against). Codes: 2 digits province, 4 city, 6 district.
 * The data (about 160 kB) loads on first use, so the feed does not carry it.
 */
export interface Division {
  code: string;
  name: string;
}

export interface Divisions {
  provinces: Division[];
  cities: Division[];
  districts: Division[];
}

export interface RegionNames {
  province: string;
  city: string;
  district: string;
}

const entries = (list: Record<string, string>): Division[] =>
  Object.entries(list).map(([code, name]) => ({ code, name }));

export function divisionsFrom(list: {
  province_list: Record<string, string>;
  city_list: Record<string, string>;
  county_list: Record<string, string>;
}): Divisions {
  return {
    provinces: entries(list.province_list),
    cities: entries(list.city_list),
    districts: entries(list.county_list),
  };
}

let loading: Promise<Divisions> | null = null;

/** The divisions, loaded once; a failed load is tried again on the next call. */
export function loadDivisions(): Promise<Divisions> {
  loading ??= import('@vant/area-data').then(
    (m) => divisionsFrom(m.areaList),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

export const citiesOf = (d: Divisions, provinceCode: string): Division[] =>
  d.cities.filter((c) => c.code.slice(0, 2) === provinceCode.slice(0, 2));
export const districtsOf = (d: Divisions, cityCode: string): Division[] =>
  d.districts.filter((x) => x.code.slice(0, 4) === cityCode.slice(0, 4));

/** The codes of a province / city / district by name ('' where a level is not found). */
export function codesOf(d: Divisions, names: RegionNames): RegionNames {
  const province = d.provinces.find((x) => x.name === names.province)?.code ?? '';
  const city = province ? (citiesOf(d, province).find((x) => x.name === names.city)?.code ?? '') : '';
  const district = city ? (districtsOf(d, city).find((x) => x.name === names.district)?.code ?? '') : '';
  return { province, city, district };
}

/** The names after picking `code` at `level`: the levels below are cleared, a lone city is taken. */
export function pick(d: Divisions, current: RegionNames, level: keyof RegionNames, code: string): RegionNames {
  const nameIn = (list: Division[]) => list.find((x) => x.code === code)?.name ?? '';
  if (level === 'province') {
    const cities = code ? citiesOf(d, code) : [];
    return { province: nameIn(d.provinces), city: cities.length === 1 ? cities[0]!.name : '', district: '' };
  }
  if (level === 'city') return { ...current, city: nameIn(d.cities), district: '' };
  return { ...current, district: nameIn(d.districts) };
}
