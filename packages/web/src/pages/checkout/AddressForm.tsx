import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addAddress } from '../../api/shopper';
import type { Address, AddressInput } from '../../api/shopper-types';
import { ErrorNote } from '../../components/ErrorNote';

const EMPTY: AddressInput = { name: '', phone: '', province: '', city: '', district: '', detail: '', isDefault: true };
const FIELDS = ['name', 'phone', 'province', 'city', 'district', 'detail'] as const;

/** A new shipping address (POST /me/addresses); calls onSaved with the stored one. */
export function AddressForm({ onSaved, onCancel, makeDefault = true }: { onSaved(address: Address): void; onCancel?: () => void; makeDefault?: boolean }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<AddressInput>({ ...EMPTY, isDefault: makeDefault });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = { ...value, ...Object.fromEntries(FIELDS.map((f) => [f, value[f].trim()])) } as AddressInput;
    if (FIELDS.some((f) => !trimmed[f])) return setError(new Error(t('address.missing')));
    if (!/^1\d{10}$/.test(trimmed.phone)) return setError(new Error(t('address.invalidPhone')));
    setSaving(true);
    setError(null);
    try {
      onSaved(await addAddress(trimmed));
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  }

  return (
    <form className="address-form" onSubmit={(e) => void submit(e)} noValidate data-testid="address-form">
      {FIELDS.map((field) => (
        <label key={field} className={`af-field af-${field}`}>
          <span>{t(`address.${field}`)}</span>
          <input
            name={field}
            value={value[field]}
            inputMode={field === 'phone' ? 'numeric' : undefined}
            maxLength={field === 'phone' ? 11 : 120}
            autoComplete={field === 'name' ? 'name' : field === 'phone' ? 'tel' : 'off'}
            onChange={(e) => setValue((v) => ({ ...v, [field]: e.target.value }))}
          />
        </label>
      ))}
      <label className="af-check">
        <input type="checkbox" checked={value.isDefault} onChange={(e) => setValue((v) => ({ ...v, isDefault: e.target.checked }))} />
        {t('address.isDefault')}
      </label>
      {error != null && <ErrorNote error={error} />}
      <div className="af-actions">
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            {t('address.cancel')}
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="address-save">
          {saving ? t('address.saving') : t('address.save')}
        </button>
      </div>
    </form>
  );
}

export function AddressText({ address }: { address: Omit<Address, 'id' | 'isDefault'> }) {
  return (
    <span className="address-text">
      <strong>
        {address.name} {address.phone}
      </strong>
      <span>
        {address.province} {address.city} {address.district} {address.detail}
      </span>
    </span>
  );
}
