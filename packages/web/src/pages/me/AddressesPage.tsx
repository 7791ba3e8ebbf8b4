import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listAddresses } from '../../api/shopper';
import type { Address } from '../../api/shopper-types';
import { RequireAuth } from '../../auth/RequireAuth';
import { ErrorNote } from '../../components/ErrorNote';
import { ShopperLayout } from '../../components/ShopperLayout';
import { SkeletonLines } from '../../components/Skeleton';
import { AddressForm, AddressText } from '../checkout/AddressForm';
import '../../styles/shop.css';
import '../../styles/shopper.css';

/** /app/me/addresses: the saved shipping addresses and a form for a new one. */
export function AddressesPage() {
  const { t } = useTranslation();
  return (
    <ShopperLayout title={t('address.title')} back>
      <RequireAuth
        fallback={
          <section className="section">
            <SkeletonLines lines={3} />
          </section>
        }
      >
        {() => <Addresses />}
      </RequireAuth>
    </ShopperLayout>
  );
}

function Addresses() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Address[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  useEffect(() => {
    listAddresses().then((r) => setItems(r.items), setError);
  }, []);
  if (items === null)
    return error != null ? (
      <ErrorNote error={error} />
    ) : (
      <section className="section">
        <SkeletonLines lines={3} />
      </section>
    );
  const saved = (a: Address) =>
    setItems((list) =>
      [a, ...(list ?? []).filter((x) => x.id !== a.id).map((x) => (a.isDefault ? { ...x, isDefault: false } : x))].sort(
        (x, y) => Number(y.isDefault) - Number(x.isDefault),
      ),
    );
  return (
    <>
      <section className="section">
        {items.length === 0 && <p className="muted">{t('address.empty')}</p>}
        <ul className="address-list">
          {items.map((a) =>
            editing === a.id ? (
              <li key={a.id} className="address-editing">
                <h3>{t('address.editing')}</h3>
                <AddressForm
                  address={a}
                  onSaved={(x) => (saved(x), setEditing(null))}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={a.id} className="address-option" data-testid="address-item" data-address-id={a.id}>
                <AddressText address={a} />
                <span className="address-side">
                  {a.isDefault && <span className="tag">{t('address.defaultTag')}</span>}
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => (setEditing(a.id), setAdding(false))}
                    data-testid="address-edit"
                  >
                    {t('address.edit')}
                  </button>
                </span>
              </li>
            ),
          )}
        </ul>
      </section>
      <section className="section">
        {adding || items.length === 0 ? (
          <AddressForm
            makeDefault={items.length === 0}
            onSaved={(a) => {
              saved(a);
              setAdding(false);
            }}
            onCancel={items.length > 0 ? () => setAdding(false) : undefined}
          />
        ) : (
          <button
            type="button"
            className="btn btn-primary btn-block"
            onClick={() => (setAdding(true), setEditing(null))}
            data-testid="address-add"
          >
            {t('checkout.addAddress')}
          </button>
        )}
      </section>
    </>
  );
}
