import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Attribution, ProductDetail } from '../../api/types';
import { Price } from '../../components/Price';
import { ShopperLayout } from '../../components/ShopperLayout';
import { formatCount, formatMonthDay } from '../../lib/format';
import { BuyBar } from './BuyBar';
import { FavouriteToggle } from './FavouriteToggle';
import { ContactButton } from '../service/ContactButton';
import { ReportSheet } from '../../components/ReportSheet';
import { ImageCarousel } from './ImageCarousel';
import { OriginCard } from './OriginCard';
import { ProductReviews } from '../reviews/ProductReviews';
import { QuantityStepper } from './QuantityStepper';
import { SkuPicker } from './SkuPicker';
import { initialSelection, priceRange, selectedSku, totalStock, type Selection } from './skus';
import { intentLine, usePurchase } from './usePurchase';

export function ProductBody({
  product,
  attribution = { source: 'shelf' },
}: {
  product: ProductDetail;
  attribution?: Attribution;
}) {
  const { t, i18n } = useTranslation();
  const [selection, setSelection] = useState<Selection>(() => initialSelection(product));
  const [quantity, setQuantity] = useState(1);
  const [notice, setNotice] = useState<string | null>(null);
  const [reporting, setReporting] = useState(false);
  const purchase = usePurchase();

  const sku = selectedSku(product, selection);
  const range = useMemo(() => priceRange(product, selection), [product, selection]);
  const soldOut = totalStock(product) === 0 || (sku !== null && sku.stock <= 0);
  const delisted = product.status === 'delisted';
  const missing = product.specOptions.filter((_, i) => selection[i] === null).map((o) => o.name);

  useEffect(() => {
    if (sku) setQuantity((q) => Math.min(Math.max(1, q), Math.max(1, sku.stock)));
  }, [sku]);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 2500);
    return () => clearTimeout(timer);
  }, [notice]);

  function line() {
    if (!sku) {
      setNotice(t('product.chooseSpec', { names: missing.join(' / ') }));
      return null;
    }
    return { skuId: sku.id, quantity, attribution };
  }

  const priceSku = sku ?? range?.min ?? null;
  const showFrom = !sku && range !== null && range.min.priceFen !== range.max.priceFen;

  async function addToCart() {
    if (!(await purchase.ensureSignedIn())) return;
    const l = line();
    if (l && (await purchase.addToCart(l))) setNotice(t('product.added'));
  }

  async function buyNow() {
    if (!(await purchase.ensureSignedIn())) return;
    const l = line();
    if (l && sku) await purchase.buyNow(intentLine(product, sku, l));
  }

  const bottomBar = (
    <BuyBar
      state={delisted ? 'delisted' : soldOut ? 'soldOut' : 'ready'}
      busy={purchase.busy}
      error={purchase.error}
      onAddToCart={() => void addToCart()}
      onBuyNow={() => void buyNow()}
      leading={
        <>
          <ContactButton source="product" sourceId={product.id} onError={setNotice} />
          <FavouriteToggle
            productId={product.id}
            count={product.favourites ?? 0}
            ensureSignedIn={purchase.ensureSignedIn}
            onToast={setNotice}
          />
        </>
      }
    />
  );

  return (
    <ShopperLayout title={product.shop.name} back bottomBar={bottomBar}>
      <article className="product" data-testid="product">
        <ImageCarousel images={product.images} title={product.title} />
        <section className="section">
          <div className="product-price-row">
            {priceSku && (
              <Price
                fen={priceSku.priceFen}
                originalFen={priceSku.originalPriceFen}
                size="large"
                suffix={showFrom ? t('product.from') : undefined}
              />
            )}
            <span className="muted">{t('product.sales', { n: formatCount(product.sales, i18n.language) })}</span>
          </div>
          <h2 className="product-title">{product.title}</h2>
          {product.salesPaused ? (
            <span className="promise-line paused" data-testid="promise">
              {t('product.salesPaused')}
            </span>
          ) : product.promise?.kind === 'presale' ? (
            <span className="promise-line presale" data-testid="promise">
              {t('product.presale', { date: formatMonthDay(product.promise.shipBy) })}
            </span>
          ) : (
            product.rules && (
              <span className="promise-line" data-testid="promise">
                {t('order.promise', {
                  h: product.promise?.kind === 'in_stock' ? product.promise.shipWithinHours : product.rules.shipByHours,
                })}
              </span>
            )
          )}
        </section>
        <section className="section">
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
        </section>
        <OriginCard productId={product.id} skuId={sku?.id ?? null} />
        <ProductReviews productId={product.id} />
        <Link
          to={`/app/shop/${encodeURIComponent(product.shop.id)}`}
          className="section shop-row"
          data-testid="shop-entry"
        >
          <span className="shop-avatar" aria-hidden="true">
            {Array.from(product.shop.name)[0] ?? '店'}
          </span>
          <span>
            <small className="muted">
              {t('product.shop')}
              {product.shop.origin ? ` · ${product.shop.origin}` : ''}
            </small>
            <strong className="shop-name">{product.shop.name}</strong>
          </span>
          <span className="shop-enter">{t('shopPage.enter')} ›</span>
        </Link>
        <section className="section">
          <h3>{t('product.description')}</h3>
          <p className="description">{product.description || t('product.noDescription')}</p>
          <button
            type="button"
            className="link-btn product-report"
            data-testid="product-report"
            onClick={() => void purchase.ensureSignedIn().then((ok) => ok && setReporting(true))}
          >
            {t('moderation.report')}
          </button>
        </section>
      </article>
      {reporting && (
        <ReportSheet
          kind="product"
          subjectId={product.id}
          onClose={() => setReporting(false)}
          onDone={(message) => (setReporting(false), setNotice(message))}
        />
      )}
      {notice && (
        <div className="toast" role="status">
          {notice}
        </div>
      )}
    </ShopperLayout>
  );
}
