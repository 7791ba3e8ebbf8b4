import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorNote } from '../../components/ErrorNote';
import { ShopperLayout } from '../../components/ShopperLayout';
import { Skeleton, SkeletonLines } from '../../components/Skeleton';
import { ProductBody } from './ProductBody';
import { useProduct } from './useProduct';
import '../../styles/shop.css';
import '../../styles/shopper.css';

export function ProductPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { product, error, loading, retry } = useProduct(id);
  const [params] = useSearchParams();

  if (product) return <ProductBody product={product} attribution={attributionFrom(params)} />;
  return (
    <ShopperLayout title="" back>
      {loading && (
        <div className="product-skeleton" data-testid="product-skeleton">
          <Skeleton height="auto" radius={0} style={{ aspectRatio: '1 / 1', width: '100%', display: 'block' }} />
          <div className="section">
            <Skeleton width="40%" height={28} />
            <SkeletonLines lines={3} />
          </div>
        </div>
      )}
      {error != null &&
        (isNotFound(error) ? (
          <div className="empty">
            <p className="empty-title">{t('product.notFound')}</p>
            <Link to="/app" className="btn">
              {t('common.home')}
            </Link>
          </div>
        ) : (
          <ErrorNote error={error} onRetry={retry} />
        ))}
    </ShopperLayout>
  );
}

/** 404, or an id the server rejects as malformed (400 VALIDATION_FAILED): no such product. */
function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || (error.status === 400 && error.is('VALIDATION_FAILED')));
}

/** Opened from a video's product sheet or a creator's tracked link (?from=video|link&contentId=…&creatorId=…): the order credits it. */
function attributionFrom(params: URLSearchParams): {
  source: string;
  contentId?: string | null;
  creatorId?: string | null;
} {
  const from = params.get('from');
  if (from !== 'video' && from !== 'link') return { source: 'shelf' };
  return { source: from, contentId: params.get('contentId'), creatorId: params.get('creatorId') };
}
