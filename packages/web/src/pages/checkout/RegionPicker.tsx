import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import {
  citiesOf,
  codesOf,
  districtsOf,
  loadDivisions,
  pick,
  type Divisions,
  type RegionNames,
} from '../../lib/divisions';

/**
 * 省 / 市 / 区县 as three linked selects (the phone's own picker on a phone): choosing a province
 * clears the city and district, choosing a city clears the district; a municipality's one city
 * is chosen by itself. Works in names, as addresses are stored.
 */
export function RegionPicker({ value, onChange }: { value: RegionNames; onChange(next: RegionNames): void }) {
  const { t } = useTranslation();
  const [data, setData] = useState<Divisions | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    loadDivisions().then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const codes = data ? codesOf(data, value) : { province: '', city: '', district: '' };
  const provinces = data?.provinces ?? [];
  const cities = data && codes.province ? citiesOf(data, codes.province) : [];
  const districts = data && codes.city ? districtsOf(data, codes.city) : [];
  const choose = (level: keyof RegionNames, code: string) => data && onChange(pick(data, value, level, code));

  return (
    <fieldset className="af-field af-region" data-testid="region-picker" aria-busy={data === null}>
      <legend>{t('address.region')}</legend>
      <div className="af-region-row">
        <select
          name="province"
          aria-label={t('address.province')}
          value={codes.province}
          disabled={provinces.length === 0}
          onChange={(e) => choose('province', e.target.value)}
        >
          <option value="">{t('address.pickProvince')}</option>
          {provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
        <select
          name="city"
          aria-label={t('address.city')}
          value={codes.city}
          disabled={cities.length === 0}
          onChange={(e) => choose('city', e.target.value)}
        >
          <option value="">{t('address.pickCity')}</option>
          {cities.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <select
          name="district"
          aria-label={t('address.district')}
          value={codes.district}
          disabled={districts.length === 0}
          onChange={(e) => choose('district', e.target.value)}
        >
          <option value="">{t('address.pickDistrict')}</option>
          {districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      {error != null && data === null && (
        <ErrorNote error={error} onRetry={() => (setError(null), setAttempt((n) => n + 1))} />
      )}
    </fieldset>
  );
}
