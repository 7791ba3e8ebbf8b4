import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { getShop } from '../../api/shopper';
import type { ShopInfo } from '../../api/shopper-types';
import { ErrorNote } from '../../components/ErrorNote';
import { SkeletonLines } from '../../components/Skeleton';
import { formatFen } from '../../lib/money';
import { ShelfPage } from '../shop/ShelfPage';
import '../../styles/shopper.css';

/** /app/shop/:shopId: the shop's header (name, origin, description, shipping) over its products. */
export function ShopPage() {
  const { t } = useTranslation();
  const { shopId = '' } = useParams();
  const [shop, setShop] = useState<ShopInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setShop(null);
    setError(null);
    getShop(shopId).then(
      (s) => live && setShop(s),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [shopId]);

  const header = (
    <section className="shop-header" data-testid="shop-header">
      {shop ? (
        <>
          <div className="shop-header-top">
            <span className="shop-avatar shop-avatar-large" aria-hidden="true">
              {Array.from(shop.name)[0]}
            </span>
            <div>
              <h2 className="shop-header-name">{shop.name}</h2>
              {shop.origin && <p className="shop-header-origin">{t('shopPage.origin', { origin: shop.origin })}</p>}
            </div>
          </div>
          {shop.description && <p className="shop-header-desc">{shop.description}</p>}
          <p className="shop-header-tags">
            <span className="tag">
              {shop.shippingFeeFen === 0
                ? t('shopPage.freeShipping')
                : t('shopPage.shippingFee', { fee: formatFen(shop.shippingFeeFen) })}
            </span>
            {shop.freeShippingOverFen != null && shop.shippingFeeFen > 0 && (
              <span className="tag">{t('shopPage.freeOver', { amount: formatFen(shop.freeShippingOverFen) })}</span>
            )}
          </p>
        </>
      ) : error != null ? (
        <ErrorNote error={error} />
      ) : (
        <SkeletonLines lines={3} />
      )}
      <h3 className="shop-header-products">{t('shopPage.products')}</h3>
    </section>
  );
  return (
    <ShelfPage
      key={shopId}
      title={shop?.name ?? ''}
      header={header}
      shopId={shopId}
      back
      emptyText={t('shopPage.empty')}
    />
  );
}
