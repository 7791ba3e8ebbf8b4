import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VideoCard } from '../../api/shopper-types';
import type { Attribution, ProductDetail } from '../../api/types';
import { ErrorNote } from '../../components/ErrorNote';
import { LineImage } from '../../components/LineImage';
import { Price } from '../../components/Price';
import { ProductImage } from '../../components/ProductImage';
import { Sheet } from '../../components/Sheet';
import { Skeleton, SkeletonLines } from '../../components/Skeleton';
import { formatCount } from '../../lib/format';
import { BuyBar } from '../shop/BuyBar';
import { FavouriteToggle } from '../shop/FavouriteToggle';
import { QuantityStepper } from '../shop/QuantityStepper';
import { SkuPicker } from '../shop/SkuPicker';
import { SheetReviewsLine } from '../reviews/ProductReviews';
import { initialSelection, priceRange, selectedSku, totalStock, type Selection } from '../shop/skus';
import { useProduct } from '../shop/useProduct';
import { intentLine, usePurchase } from '../shop/usePurchase';

/** The product over the video: price, SKU chips, quantity, 加入购物车 / 立即购买, without leaving the feed. */
export function ProductSheet({
  productId: first,
  video,
  onClose,
  onToast,
}: {
  productId: string;
  video: VideoCard;
  onClose(): void;
  onToast(text: string): void;
}) {
  const { t } = useTranslation();
  const [productId, setProductId] = useState(first);
  const { product, error, retry } = useProduct(productId);
  return (
    <Sheet title={t('feed.productCard')} onClose={onClose} testId="product-sheet" tall>
      {video.anchors.length > 1 && (
        <div className="psheet-anchors" role="tablist">
          {video.anchors.map((a) => (
            <button
              key={a.productId}
              type="button"
              role="tab"
              aria-selected={a.productId === productId}
              className={`psheet-anchor${a.productId === productId ? ' psheet-anchor-active' : ''}`}
              onClick={() => setProductId(a.productId)}
            >
              <LineImage src={a.imageUrl} title={a.title} className="psheet-anchor-image" />
              <span>{a.title}</span>
            </button>
          ))}
        </div>
      )}
      {product && product.id === productId ? (
        <SheetBody
          key={product.id}
          product={product}
          attribution={{ source: 'video', contentId: video.id, creatorId: video.creator.id }}
          onToast={onToast}
        />
      ) : error != null ? (
        <ErrorNote error={error} onRetry={retry} />
      ) : (
        <div className="psheet-head">
          <Skeleton width={96} height={96} radius={8} />
          <SkeletonLines lines={3} />
        </div>
      )}
    </Sheet>
  );
}

export function SheetBody({
  product,
  attribution,
  onToast,
}: {
  product: ProductDetail;
  attribution: Attribution;
  onToast(text: string): void;
}) {
  const { t, i18n } = useTranslation();
  const [selection, setSelection] = useState<Selection>(() => initialSelection(product));
  const [quantity, setQuantity] = useState(1);
  const purchase = usePurchase();
  const sku = selectedSku(product, selection);
  const range = useMemo(() => priceRange(product, selection), [product, selection]);
  const soldOut = totalStock(product) === 0 || (sku !== null && sku.stock <= 0);
  const missing = product.specOptions.filter((_, i) => selection[i] === null).map((o) => o.name);
  const priceSku = sku ?? range?.min ?? null;

  useEffect(() => {
    if (sku) setQuantity((q) => Math.min(Math.max(1, q), Math.max(1, sku.stock)));
  }, [sku]);

  function line() {
    if (!sku) {
      onToast(t('product.chooseSpec', { names: missing.join(' / ') }));
      return null;
    }
    return { skuId: sku.id, quantity, attribution };
  }

  return (
    <div className="psheet" data-testid="product">
      <div className="psheet-head">
        <ProductImage src={product.images[0]} title={product.title} className="psheet-image" />
        <div className="psheet-summary">
          {priceSku && (
            <Price
              fen={priceSku.priceFen}
              originalFen={priceSku.originalPriceFen}
              size="large"
              suffix={!sku && range && range.min.priceFen !== range.max.priceFen ? t('product.from') : undefined}
            />
          )}
          <p className="psheet-title">{product.title}</p>
          <small className="muted">
            {t('product.sales', { n: formatCount(product.sales, i18n.language) })}
            {product.rules && ` · ${t('order.promise', { h: product.rules.shipByHours })}`}
          </small>
        </div>
      </div>
      <SkuPicker product={product} selection={selection} onChange={setSelection} />
      <div className="quantity-row">
        <span>{t('product.quantity')}</span>
        {sku && <span className="muted">{t('product.stock', { count: sku.stock })}</span>}
        <QuantityStepper
          value={quantity}
          max={sku?.stock ?? 1}
          onChange={setQuantity}
          disabled={!sku || sku.stock <= 0}
        />
      </div>
      <SheetReviewsLine productId={product.id} />
      <Link
        className="psheet-link"
        to={`/app/product/${encodeURIComponent(product.id)}?${new URLSearchParams({ from: attribution.source, ...(attribution.contentId ? { contentId: attribution.contentId } : {}), ...(attribution.creatorId ? { creatorId: attribution.creatorId } : {}) })}`}
      >
        {product.shop.name} · {t('sheet.fullPage')} ›
      </Link>
      <div className="psheet-bar">
        <BuyBar
          state={product.status === 'delisted' ? 'delisted' : soldOut ? 'soldOut' : 'ready'}
          busy={purchase.busy}
          error={purchase.error}
          onAddToCart={() =>
            void (async () => {
              if (!(await purchase.ensureSignedIn())) return;
              const l = line();
              if (l && (await purchase.addToCart(l))) onToast(t('product.added'));
            })()
          }
          onBuyNow={() =>
            void (async () => {
              if (!(await purchase.ensureSignedIn())) return;
              const l = line();
              if (l && sku) await purchase.buyNow(intentLine(product, sku, l));
            })()
          }
          leading={
            <FavouriteToggle
              productId={product.id}
              count={product.favourites ?? 0}
              ensureSignedIn={purchase.ensureSignedIn}
              onToast={onToast}
            />
          }
        />
      </div>
    </div>
  );
}
