import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { favouritesApi, type FavouriteItem } from '../../api/favourites';
import { RequireAuth } from '../../auth/RequireAuth';
import { ErrorNote } from '../../components/ErrorNote';
import { LineImage } from '../../components/LineImage';
import { Price } from '../../components/Price';
import { ShopperLayout } from '../../components/ShopperLayout';
import { SkeletonLines } from '../../components/Skeleton';
import '../../styles/shop.css';
import '../../styles/shopper.css';
import '../../styles/wallet.css';

/** 我 → 收藏 (/app/me/favourites): the products I keep, the latest first, a page at a time. */
export function FavouritesPage() {
  const { t } = useTranslation();
  return (
    <ShopperLayout title={t('favourites.title')} back>
      <RequireAuth
        fallback={
          <section className="section">
            <SkeletonLines lines={4} />
          </section>
        }
      >
        {() => <FavouriteList />}
      </RequireAuth>
    </ShopperLayout>
  );
}

function FavouriteList() {
  const { t } = useTranslation();
  const [items, setItems] = useState<FavouriteItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (from: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await favouritesApi.list(from);
      setItems((old) => [...(from ? (old ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
      setItems((old) => old ?? []);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load(null);
  }, [load]);

  if (items === null)
    return (
      <section className="section">
        <SkeletonLines lines={4} />
      </section>
    );
  if (items.length === 0 && error == null) {
    return (
      <div className="empty" data-testid="empty">
        <p className="empty-title">{t('favourites.empty')}</p>
        <p className="muted">{t('favourites.emptyHint')}</p>
        <Link to="/app/mall" className="btn btn-primary">
          {t('cart.toFeed')}
        </Link>
      </div>
    );
  }
  return (
    <>
      <section className="section fav-list" data-testid="favourites">
        {items.map(({ product: p }) => {
          const onSale = p.status === 'listed';
          return (
            <Link
              key={p.id}
              to={`/app/product/${encodeURIComponent(p.id)}`}
              className={`line${onSale ? '' : ' line-unavailable'}`}
              data-testid="favourite-item"
              data-product-id={p.id}
            >
              <LineImage src={p.imageUrl} title={p.title} />
              <div className="line-main">
                <span className="line-title">{p.title}</span>
                <span className="muted small">{p.shopName}</span>
                <div className="line-bottom">
                  <Price fen={p.priceFen} originalFen={p.originalPriceFen} />
                  {!onSale && <span className="tag tag-grey">{t('favourites.unavailable')}</span>}
                </div>
              </div>
            </Link>
          );
        })}
      </section>
      {error != null && <ErrorNote error={error} onRetry={() => void load(cursor)} />}
      {cursor && (
        <section className="section">
          <button
            type="button"
            className="btn btn-block"
            disabled={loading}
            onClick={() => void load(cursor)}
            data-testid="favourites-more"
          >
            {t('favourites.more')}
          </button>
        </section>
      )}
    </>
  );
}
