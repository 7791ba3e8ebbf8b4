import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { putCartItem } from '../../api/endpoints';
import { getCart, removeCartItem, selectCartItems } from '../../api/shopper';
import type { Cart, CartItem } from '../../api/shopper-types';
import { RequireAuth } from '../../auth/RequireAuth';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Price } from '../../components/Price';
import { LineImage } from '../../components/LineImage';
import { ShopperLayout } from '../../components/ShopperLayout';
import { SkeletonLines } from '../../components/Skeleton';
import { clearBuyNow } from '../checkout/intent';
import { QuantityStepper } from '../shop/QuantityStepper';
import { groupByShop } from './group';
import '../../styles/shop.css';
import '../../styles/shopper.css';
import '../../styles/wallet.css';

/** /app/cart: items by shop with a tick per line, per shop and for all; quantity steppers, remove (confirmed), unavailable items greyed; the selected lines' total → checkout. */
export function CartPage() {
  const { t } = useTranslation();
  const skeleton = (
    <section className="section">
      <SkeletonLines lines={4} />
    </section>
  );
  return (
    <ShopperLayout title={t('cart.title')}>
      <RequireAuth fallback={skeleton}>{() => <CartBody />}</RequireAuth>
    </ShopperLayout>
  );
}

function CartBody() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [cart, setCart] = useState<Cart | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [removing, setRemoving] = useState<CartItem | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setError(null);
    getCart().then(setCart, setError);
  }, []);
  useEffect(load, [load]);

  async function setQuantity(item: CartItem, quantity: number) {
    setError(null);
    setCart((c) => c && { ...c, items: c.items.map((i) => (i.skuId === item.skuId ? { ...i, quantity } : i)) });
    try {
      await putCartItem({
        skuId: item.skuId,
        quantity,
        attribution: {
          source: item.attribution.source,
          contentId: item.attribution.contentId ?? null,
          creatorId: item.attribution.creatorId ?? null,
        },
      });
      load();
    } catch (e) {
      setError(e);
      load();
    }
  }

  /** Ticks or unticks lines at once on screen, then on the server (whose answer replaces the cart). */
  async function select(skuIds: string[] | null, selected: boolean) {
    setError(null);
    const touched = skuIds ? new Set(skuIds) : null;
    setCart(
      (c) =>
        c && {
          ...c,
          items: c.items.map((i) => (i.available && (!touched || touched.has(i.skuId)) ? { ...i, selected } : i)),
        },
    );
    try {
      setCart(await selectCartItems(skuIds, selected));
    } catch (e) {
      setError(e);
      load();
    }
  }

  async function remove(item: CartItem) {
    setBusy(true);
    try {
      setCart(await removeCartItem(item.skuId));
      setRemoving(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (!cart)
    return error != null ? (
      <ErrorNote error={error} onRetry={load} />
    ) : (
      <section className="section">
        <SkeletonLines lines={4} />
      </section>
    );
  if (cart.items.length === 0) {
    return (
      <div className="empty" data-testid="empty">
        <p className="empty-title">{t('cart.empty')}</p>
        <p className="muted">{t('cart.emptyHint')}</p>
        <Link to="/app" className="btn btn-primary">
          {t('cart.toFeed')}
        </Link>
      </div>
    );
  }
  const available = cart.items.filter((i) => i.available);
  const chosen = available.filter((i) => i.selected);
  const totalFen = chosen.reduce((sum, i) => sum + i.priceFen * i.quantity, 0);
  const count = chosen.reduce((sum, i) => sum + i.quantity, 0);
  const allChosen = available.length > 0 && chosen.length === available.length;
  return (
    <>
      {groupByShop(cart.items, (i) => i.selected).map((group) => {
        const open = group.items.filter((i) => i.available);
        const shopChosen = open.length > 0 && open.every((i) => i.selected);
        return (
          <section className="section cart-shop" key={group.shopId} data-testid="cart-shop">
            <div className="cart-shop-head">
              <input
                type="checkbox"
                className="check"
                checked={shopChosen}
                disabled={open.length === 0}
                aria-label={t('cartSelect.shop', { shop: group.shopName })}
                onChange={() =>
                  void select(
                    open.map((i) => i.skuId),
                    !shopChosen,
                  )
                }
                data-testid="cart-shop-check"
              />
              <Link to={`/app/shop/${encodeURIComponent(group.shopId)}`} className="cart-shop-name">
                {group.shopName} ›
              </Link>
            </div>
            {group.items.map((item) => (
              <div
                key={item.skuId}
                className={`line${item.available ? '' : ' line-unavailable'}`}
                data-testid="cart-item"
                data-sku-id={item.skuId}
                data-selected={item.selected}
              >
                <input
                  type="checkbox"
                  className="check"
                  checked={item.selected}
                  disabled={!item.available}
                  aria-label={t('cartSelect.line', { title: item.title })}
                  onChange={() => void select([item.skuId], !item.selected)}
                  data-testid="cart-item-check"
                />
                <Link to={`/app/product/${encodeURIComponent(item.productId)}`}>
                  <LineImage src={item.imageUrl} title={item.title} />
                </Link>
                <div className="line-main">
                  <Link to={`/app/product/${encodeURIComponent(item.productId)}`} className="line-title">
                    {item.title}
                  </Link>
                  <span className="line-spec">{item.specValues.join(' / ')}</span>
                  <div className="line-bottom">
                    <Price fen={item.priceFen} />
                    {item.available ? (
                      <QuantityStepper
                        value={item.quantity}
                        max={Math.max(item.quantity, item.stock)}
                        onChange={(q) => void setQuantity(item, q)}
                      />
                    ) : (
                      <span className="tag tag-grey">{t('cart.unavailable')}</span>
                    )}
                  </div>
                  <div className="line-actions">
                    {item.available && item.stock > 0 && item.stock <= 5 && (
                      <small className="warn">{t('cart.stock', { n: item.stock })}</small>
                    )}
                    <button type="button" className="link-btn" onClick={() => setRemoving(item)}>
                      {t('cart.remove')}
                    </button>
                  </div>
                </div>
              </div>
            ))}
          </section>
        );
      })}
      {error != null && <ErrorNote error={error} />}
      <div className="paybar" data-testid="cart-bar" data-total-fen={totalFen}>
        <label className="cart-select-all">
          <input
            type="checkbox"
            className="check"
            checked={allChosen}
            disabled={available.length === 0}
            onChange={() => void select(allChosen ? null : available.map((i) => i.skuId), !allChosen)}
            data-testid="cart-select-all"
          />
          {t('cartSelect.all')}
        </label>
        <span className="paybar-total">
          {t('cart.total')}
          <Price fen={totalFen} />
        </span>
        <button
          type="button"
          className="btn btn-primary"
          disabled={count === 0}
          title={count === 0 ? t('cartSelect.none') : undefined}
          data-testid="cart-checkout"
          onClick={() => {
            clearBuyNow();
            navigate('/app/checkout?from=cart');
          }}
        >
          {t('cart.checkout', { n: count })}
        </button>
      </div>
      {removing && (
        <ConfirmDialog
          message={t('cart.removeConfirm')}
          confirmLabel={t('cart.remove')}
          busy={busy}
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        />
      )}
    </>
  );
}
