import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listMerchantShops } from '../../api/endpoints';
import type { MerchantShop } from '../../api/types';
import { ErrorNote } from '../../components/ErrorNote';
import { SkeletonLines } from '../../components/Skeleton';
import { ConsolePage } from './ConsolePage';
import { OrdersTable } from './OrdersTable';

export function MerchantPage() {
  return <ConsolePage role="merchant">{() => <MerchantShops />}</ConsolePage>;
}

function MerchantShops() {
  const { t, i18n } = useTranslation();
  const [shops, setShops] = useState<MerchantShop[] | null>(null);
  const [shopId, setShopId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    listMerchantShops().then(
      (data) => {
        if (!live) return;
        setShops(data.items);
        setShopId((current) => current ?? data.items[0]?.id ?? null);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  if (error != null) return <ErrorNote error={error} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!shops) return <div className="panel"><SkeletonLines lines={3} /></div>;
  return (
    <>
      <section className="panel">
        <h2>{t('console.shops')}</h2>
        {shops.length === 0 ? (
          <p className="muted">{t('console.noShops')}</p>
        ) : (
          <ul className="shop-list" data-testid="shop-list">
            {shops.map((shop) => (
              <li key={shop.id}>
                <button
                  type="button"
                  className={`shop-item${shop.id === shopId ? ' shop-item-active' : ''}`}
                  aria-pressed={shop.id === shopId}
                  onClick={() => setShopId(shop.id)}
                  data-testid="shop-item"
                >
                  <strong>{shop.name}</strong>
                  <small className="muted">
                    {shop.id} · {t('console.shopRole', { role: i18n.exists(`console.shopRoles.${shop.role}`) ? t(`console.shopRoles.${shop.role}`) : shop.role })}
                  </small>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {shopId && <OrdersTable key={shopId} shopId={shopId} />}
    </>
  );
}
