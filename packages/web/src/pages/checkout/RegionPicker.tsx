import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { citiesOf, districtsOf, provinces, type Division } from '../../lib/divisions';

export interface RegionCodes {
  province: string;
  city: string;
  district: string;
}

/**
 * 省 / 市 / 区县 as three linked selects (the phone's own picker on a phone): choosing a province
 * clears the city and district, choosing a city clears the district; a level with one choice
 * (the municipalities' city) is chosen by itself.
 */
export function RegionPicker({ value, onChange }: { value: RegionCodes; onChange(next: RegionCodes, names: RegionCodes): void }) {
  const { t } = useTranslation();
  const cities = useMemo(() => (value.province ? citiesOf(value.province) : []), [value.province]);
  const districts = useMemo(() => (value.city ? districtsOf(value.city) : []), [value.city]);

  function emit(next: RegionCodes) {
    const nameOf = (list: Division[], code: string) => list.find((d) => d.code === code)?.name ?? '';
    const nextCities = next.province ? citiesOf(next.province) : [];
    if (!next.city && nextCities.length === 1) next = { ...next, city: nextCities[0]!.code };
    const nextDistricts = next.city ? districtsOf(next.city) : [];
    onChange(next, { province: nameOf(provinces(), next.province), city: nameOf(nextCities, next.city), district: nameOf(nextDistricts, next.district) });
  }

  return (
    <fieldset className="af-field af-region" data-testid="region-picker">
      <legend>{t('address.region')}</legend>
      <div className="af-region-row">
        <select name="province" aria-label={t('address.province')} value={value.province} onChange={(e) => emit({ province: e.target.value, city: '', district: '' })}>
          <option value="">{t('address.pickProvince')}</option>
          {provinces().map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
        </select>
        <select name="city" aria-label={t('address.city')} value={value.city} disabled={cities.length === 0} onChange={(e) => emit({ ...value, city: e.target.value, district: '' })}>
          <option value="">{t('address.pickCity')}</option>
          {cities.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
        </select>
        <select name="district" aria-label={t('address.district')} value={value.district} disabled={districts.length === 0} onChange={(e) => emit({ ...value, district: e.target.value })}>
          <option value="">{t('address.pickDistrict')}</option>
          {districts.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
        </select>
      </div>
    </fieldset>
  );
}
