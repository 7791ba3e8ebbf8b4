import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addAddress, updateAddress } from '../../api/shopper';
import type { Address, AddressInput } from '../../api/shopper-types';
import { ErrorNote } from '../../components/ErrorNote';
import { maskPhone } from '../../lib/phone';
import { RegionPicker } from './RegionPicker';

const EMPTY: AddressInput = { name: '', phone: '', province: '', city: '', district: '', detail: '', isDefault: true };
const REQUIRED = ['name', 'phone', 'province', 'city', 'district', 'detail'] as const;

/**
 * A shipping address: a new one (POST /me/addresses), or, given `address`, the owner's edit of it
 * (PUT) — the only place the full phone number is shown. Calls onSaved with the stored one.
 */
export function AddressForm({
  address,
  onSaved,
  onCancel,
  makeDefault = true,
}: {
  address?: Address;
  onSaved(address: Address): void;
  onCancel?: () => void;
  makeDefault?: boolean;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState<AddressInput>(
    address
      ? {
          name: address.name,
          phone: address.phone,
          province: address.province,
          city: address.city,
          district: address.district,
          detail: address.detail,
          isDefault: address.isDefault,
        }
      : { ...EMPTY, isDefault: makeDefault },
  );
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed: AddressInput = {
      ...value,
      name: value.name.trim(),
      phone: value.phone.trim(),
      detail: value.detail.trim(),
    };
    if (REQUIRED.some((f) => !trimmed[f])) return setError(new Error(t('address.missing')));
    if (!/^1\d{10}$/.test(trimmed.phone)) return setError(new Error(t('address.invalidPhone')));
    setSaving(true);
    setError(null);
    try {
      onSaved(address ? await updateAddress(address.id, trimmed) : await addAddress(trimmed));
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  }

  const text = (field: 'name' | 'phone' | 'detail') => (
    <label className={`af-field af-${field}`}>
      <span>{t(`address.${field}`)}</span>
      <input
        name={field}
        value={value[field]}
        inputMode={field === 'phone' ? 'numeric' : undefined}
        maxLength={field === 'phone' ? 11 : 120}
        autoComplete={field === 'name' ? 'name' : field === 'phone' ? 'tel' : 'street-address'}
        onChange={(e) => setValue((v) => ({ ...v, [field]: e.target.value }))}
      />
    </label>
  );

  return (
    <form
      className="address-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="address-form"
      data-address-id={address?.id}
    >
      {text('name')}
      {text('phone')}
      <RegionPicker
        value={{ province: value.province, city: value.city, district: value.district }}
        onChange={(names) => setValue((v) => ({ ...v, ...names }))}
      />
      {text('detail')}
      {!address?.isDefault && (
        <label className="af-check">
          <input
            type="checkbox"
            checked={value.isDefault}
            onChange={(e) => setValue((v) => ({ ...v, isDefault: e.target.checked }))}
          />
          {t('address.isDefault')}
        </label>
      )}
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

/** An address in a list, or an order's snapshot of it (whose fields the server keeps as they were): the phone masked (138****5678). */
export function AddressText({ address }: { address: Partial<Omit<Address, 'id' | 'isDefault'>> }) {
  return (
    <span className="address-text">
      <strong>
        {address.name} {maskPhone(address.phone ?? '')}
      </strong>
      <span>
        {address.province} {address.city} {address.district} {address.detail}
      </span>
    </span>
  );
}
