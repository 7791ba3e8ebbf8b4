import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { ShopperLayout } from '../../components/ShopperLayout';
import { ProductCard, ProductCardSkeleton } from './ProductCard';
import { SearchLink } from './SearchLink';
import { useProductPages } from './useProductPages';
import '../../styles/shop.css';

/** The product grid (商城), optionally one shop's or one category's, with infinite scroll. */
export function ShelfPage({
  title,
  header,
  shopId,
  categoryId,
  back = false,
  emptyText,
}: {
  title?: string;
  header?: ReactNode;
  shopId?: string;
  categoryId?: string;
  back?: boolean;
  emptyText?: string;
} = {}) {
  const { t } = useTranslation();
  const pages = useProductPages(20, { shopId, categoryId });
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasMore, loading, error, loadMore } = pages;

  // Infinite scroll: load the next page when the end of the list comes into view.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore || loading || error || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) loadMore();
      },
      { rootMargin: '400px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, loading, error, loadMore]);

  const initialLoading = !pages.loaded && pages.loading;
  return (
    <ShopperLayout title={title ?? t('shelf.title')} back={back} right={<SearchLink />}>
      {header}
      <ul className="grid" data-testid="product-grid" aria-busy={pages.loading}>
        {pages.items.map((p) => (
          <ProductCard key={p.id} product={p} />
        ))}
        {(initialLoading || (pages.loading && pages.loaded)) &&
          Array.from({ length: initialLoading ? 6 : 2 }, (_, i) => <ProductCardSkeleton key={`s${i}`} />)}
      </ul>
      {pages.error != null && <ErrorNote error={pages.error} onRetry={pages.retry} />}
      {pages.loaded && pages.items.length === 0 && !pages.error && (
        <div className="empty" data-testid="empty">
          <p className="empty-title">{emptyText ?? t('shelf.empty')}</p>
          <p className="muted">{t('shelf.emptyHint')}</p>
        </div>
      )}
      <div ref={sentinel} className="list-end">
        {pages.loaded && pages.hasMore && !pages.error && (
          <button type="button" className="btn" onClick={pages.loadMore} disabled={pages.loading}>
            {pages.loading ? t('shelf.loadingMore') : t('shelf.loadMore')}
          </button>
        )}
        {pages.loaded && !pages.hasMore && pages.items.length > 0 && <span className="muted">{t('shelf.end')}</span>}
      </div>
    </ShopperLayout>
  );
}
