import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProductSummary } from '../../api/types';
import { Price } from '../../components/Price';
import { ProductImage } from '../../components/ProductImage';
import { Skeleton } from '../../components/Skeleton';
import { formatCount } from '../../lib/format';

export function ProductCard({ product }: { product: ProductSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <li
      className="card"
      data-testid="product-card"
      data-product-id={product.id}
      data-price-fen={product.priceFen}
      data-sales={product.sales}
    >
      <Link to={`/app/product/${encodeURIComponent(product.id)}`} className="card-link">
        <ProductImage src={product.imageUrl} title={product.title} className="card-image" />
        <div className="card-body">
          <h2 className="card-title">{product.title}</h2>
          <Price fen={product.priceFen} originalFen={product.originalPriceFen} />
          <div className="card-meta">
            <span className="card-shop">{product.shopName}</span>
            <span className="card-sales">{t('shelf.sales', { n: formatCount(product.sales, i18n.language) })}</span>
          </div>
        </div>
      </Link>
    </li>
  );
}

export function ProductCardSkeleton() {
  return (
    <li className="card card-skeleton" aria-hidden="true" data-testid="product-card-skeleton">
      <Skeleton height="auto" radius={0} style={{ aspectRatio: '1 / 1', width: '100%', display: 'block' }} />
      <div className="card-body">
        <Skeleton width="100%" />
        <Skeleton width="70%" />
        <Skeleton width="40%" height={18} />
      </div>
    </li>
  );
}
