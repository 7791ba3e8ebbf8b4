import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import {
  getCart,
  getShop,
  listAddresses,
  myLiveCoupons,
  placeOrder,
  refreshCartCount,
  type LiveCoupon,
} from '../../api/shopper';
import type { Address, ShopInfo } from '../../api/shopper-types';
import { RequireAuth } from '../../auth/RequireAuth';
import { ErrorNote } from '../../components/ErrorNote';
import { Price } from '../../components/Price';
import { LineImage } from '../../components/LineImage';
import { ShopperLayout } from '../../components/ShopperLayout';
import { SkeletonLines } from '../../components/Skeleton';
import { newUuid } from '../../lib/ids';
import { formatFen } from '../../lib/money';
import { groupByShop, shippingFor } from '../cart/group';
import { AddressForm, AddressText } from './AddressForm';
import { applicableCoupons } from './coupon-choice';
import { clearBuyNow, loadBuyNow, type IntentLine } from './intent';
import { withCashierLanguage } from '../../lib/cashier-language';
import '../../styles/shop.css';
import '../../styles/shopper.css';

/** /app/checkout: address, items by shop with shipping, total, 提交订单 → the sandbox cashier. */
export function CheckoutPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth
      fallback={
        <ShopperLayout title={t('checkout.title')} back>
          <section className="section">
            <SkeletonLines lines={5} />
          </section>
        </ShopperLayout>
      }
    >
      {() => <CheckoutBody />}
    </RequireAuth>
  );
}

function CheckoutBody() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const fromCart = params.get('from') !== 'buy';
  const [lines, setLines] = useState<IntentLine[] | null>(null);
  /** Buying the cart's selected lines (they leave the cart with the order) rather than a 立即购买. */
  const [ofCart, setOfCart] = useState(false);
  const [addresses, setAddresses] = useState<Address[] | null>(null);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [shops, setShops] = useState<Record<string, ShopInfo>>({});
  const [note, setNote] = useState('');
  const [coupons, setCoupons] = useState<LiveCoupon[]>([]);
  /** The coupon the buyer picked; undefined: the best one; null: none. */
  const [picked, setPicked] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const key = useRef(newUuid());

  useEffect(() => {
    const buy = fromCart ? null : loadBuyNow();
    if (buy) {
      setLines(buy);
      setOfCart(false);
    } else {
      setOfCart(true);
      getCart().then(
        (cart) =>
          setLines(
            cart.items
              .filter((i) => i.selected)
              .map((i) => ({
                skuId: i.skuId,
                quantity: i.quantity,
                attribution: {
                  source: i.attribution.source,
                  contentId: i.attribution.contentId ?? null,
                  creatorId: i.attribution.creatorId ?? null,
                },
                productId: i.productId,
                title: i.title,
                specValues: i.specValues,
                priceFen: i.priceFen,
                shopId: i.shopId,
                shopName: i.shopName,
                imageUrl: null,
              })),
          ),
        setError,
      );
    }
    myLiveCoupons().then(
      (res) => setCoupons(res.items),
      () => setCoupons([]),
    ); // no coupons is not an error worth a banner
    listAddresses().then((res) => {
      setAddresses(res.items);
      setAddressId((res.items.find((a) => a.isDefault) ?? res.items[0])?.id ?? null);
    }, setError);
  }, [fromCart]);

  const shopIds = useMemo(() => [...new Set((lines ?? []).map((l) => l.shopId))].sort().join(','), [lines]);
  useEffect(() => {
    for (const id of shopIds.split(',').filter(Boolean)) {
      getShop(id).then(
        (s) => setShops((m) => ({ ...m, [id]: s })),
        () => {},
      );
    }
  }, [shopIds]);

  const groups = groupByShop(lines ?? []);
  const offers = applicableCoupons(lines ?? [], coupons);
  const chosen = picked === null ? null : (offers.find((o) => o.couponId === picked) ?? offers[0] ?? null);
  const totals = groups.map((g) => ({
    ...g,
    shippingFen: shippingFor(g.itemsFen, shops[g.shopId]),
    discountFen: chosen?.shopId === g.shopId ? chosen.discountFen : 0,
  }));
  const totalFen = totals.reduce((sum, g) => sum + g.itemsFen + g.shippingFen - g.discountFen, 0);
  const couponLabel = (id: string) => {
    const c = coupons.find((x) => x.couponId === id);
    return c
      ? t('checkout.liveCoupon', { amount: formatFen(c.amountFen), min: formatFen(c.minSpendFen), room: c.roomTitle })
      : id;
  };
  const address = addresses?.find((a) => a.id === addressId) ?? null;

  async function submit() {
    if (!lines || lines.length === 0) return;
    if (!addressId) return setError(new Error(t('checkout.needAddress')));
    setSubmitting(true);
    setError(null);
    try {
      const result = await placeOrder(
        ofCart ? null : lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, attribution: l.attribution })),
        addressId,
        note.trim(),
        key.current,
        chosen?.couponId ?? null,
      );
      clearBuyNow();
      if (ofCart) await refreshCartCount().catch(() => {});
      window.location.assign(withCashierLanguage(result.payment.cashierUrl, i18n.language));
    } catch (e) {
      if (e instanceof ApiError && e.status > 0 && e.status < 500) key.current = newUuid(); // rejected: a new attempt is a new order
      setError(e);
      setSubmitting(false);
    }
  }

  const payBar = (
    <div className="paybar paybar-bottom" data-testid="checkout-bar" data-total-fen={totalFen}>
      <span className="paybar-total">
        {t('checkout.total')}
        <Price fen={totalFen} size="large" />
      </span>
      <button
        type="button"
        className="btn btn-primary btn-submit"
        disabled={submitting || !lines?.length || !addressId}
        onClick={() => void submit()}
        data-testid="submit-order"
      >
        {submitting ? t('checkout.submitting') : t('checkout.submit')}
      </button>
    </div>
  );

  return (
    <ShopperLayout title={t('checkout.title')} back bottomBar={payBar}>
      <section className="section" data-testid="checkout-address">
        <h3>{t('checkout.address')}</h3>
        {addresses === null ? (
          <SkeletonLines lines={2} />
        ) : addresses.length === 0 ? (
          <AddressForm
            onSaved={(a) => (setAddresses((list) => [a, ...(list ?? [])]), setAddressId(a.id), setChoosing(false))}
          />
        ) : choosing ? (
          <>
            <ul className="address-list">
              {addresses.map((a) => (
                <li key={a.id}>
                  <label className="address-option">
                    <input
                      type="radio"
                      name="address"
                      checked={a.id === addressId}
                      onChange={() => (setAddressId(a.id), setChoosing(false))}
                    />
                    <AddressText address={a} />
                  </label>
                </li>
              ))}
            </ul>
            <AddressForm
              makeDefault={false}
              onSaved={(a) => (setAddresses((list) => [a, ...(list ?? [])]), setAddressId(a.id), setChoosing(false))}
              onCancel={() => setChoosing(false)}
            />
          </>
        ) : (
          <button type="button" className="address-current" onClick={() => setChoosing(true)}>
            {address ? <AddressText address={address} /> : t('checkout.chooseAddress')}
            <span className="chev">›</span>
          </button>
        )}
      </section>
      {lines === null && error == null && (
        <section className="section">
          <SkeletonLines lines={4} />
        </section>
      )}
      {lines !== null && lines.length === 0 && (
        <div className="empty">
          <p className="empty-title">{t('checkout.empty')}</p>
          <p className="muted">{t('checkout.emptyHint')}</p>
          <Link to="/app/cart" className="btn">
            {t('nav.cart')}
          </Link>
        </div>
      )}
      {totals.map((g) => (
        <section className="section" key={g.shopId} data-testid="checkout-shop">
          <strong className="cart-shop-name">{g.shopName}</strong>
          {g.items.map((l) => (
            <div className="line" key={l.skuId}>
              <LineImage src={l.imageUrl} title={l.title} />
              <div className="line-main">
                <span className="line-title">{l.title}</span>
                <span className="line-spec">{l.specValues.join(' / ')}</span>
                <div className="line-bottom">
                  <Price fen={l.priceFen} />
                  <span className="muted">×{l.quantity}</span>
                </div>
              </div>
            </div>
          ))}
          <div className="kv">
            <span>{t('checkout.shipping')}</span>
            <span>{g.shippingFen === 0 ? t('checkout.free') : formatFen(g.shippingFen)}</span>
          </div>
          <div className="kv">
            <span>{t('checkout.coupon')}</span>
            {offers.some((o) => o.shopId === g.shopId) ? (
              <span className="coupon-pick">
                {g.discountFen > 0 && (
                  <strong className="coupon-off" data-testid="coupon-off">
                    -{formatFen(g.discountFen)}
                  </strong>
                )}
                <select
                  aria-label={t('checkout.coupon')}
                  value={chosen?.shopId === g.shopId ? chosen.couponId : ''}
                  onChange={(e) => setPicked(e.target.value === '' ? null : e.target.value)}
                  data-testid="coupon-select"
                >
                  <option value="">{t('checkout.noCouponUsed')}</option>
                  {offers
                    .filter((o) => o.shopId === g.shopId)
                    .map((o) => (
                      <option key={o.couponId} value={o.couponId}>
                        {couponLabel(o.couponId)}
                      </option>
                    ))}
                </select>
              </span>
            ) : (
              <span className="muted">{t('checkout.noCoupon')}</span>
            )}
          </div>
          <div className="kv kv-strong">
            <span>{t('checkout.subtotal')}</span>
            <Price fen={g.itemsFen + g.shippingFen - g.discountFen} />
          </div>
        </section>
      ))}
      {lines !== null && lines.length > 0 && (
        <section className="section">
          <label className="af-field">
            <span>{t('checkout.note')}</span>
            <input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
          </label>
          <small className="muted">{t('checkout.shippingEstimate')}</small>
        </section>
      )}
      {error != null && <ErrorNote error={error} />}
    </ShopperLayout>
  );
}
