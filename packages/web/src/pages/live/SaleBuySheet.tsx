import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { liveApi, type FlashSale, type SaleOrder } from '../../api/live';
import { cashierUrl, getOrder, listAddresses } from '../../api/shopper';
import type { Address } from '../../api/shopper-types';
import { Price } from '../../components/Price';
import { Sheet } from '../../components/Sheet';
import { SkeletonLines } from '../../components/Skeleton';
import { newUuid } from '../../lib/ids';
import { formatFen } from '../../lib/money';
import { AddressForm, AddressText } from '../checkout/AddressForm';
import { QuantityStepper } from '../shop/QuantityStepper';
import { formatCountdown, salePhase } from './live-client';
import { LiveError } from './LiveError';
import { withCashierLanguage } from '../../lib/cashier-language';

/**
 * The second tap of a flash-sale purchase: the default address and the quantity are already
 * filled in; 确认抢购 reserves the units and opens the sandbox cashier in a new tab, so the
 * room keeps playing. The sheet then follows the order until it is paid or the hold expires.
 */
export function SaleBuySheet({ sale, title, now, onClose }: { sale: FlashSale; title: string; now: number; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [addresses, setAddresses] = useState<Address[] | null>(null);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [order, setOrder] = useState<SaleOrder | null>(null);
  const [paid, setPaid] = useState(false);
  const key = useRef(newUuid());
  const max = Math.max(1, Math.min(sale.perPersonLimit, sale.remaining));
  const phase = salePhase(sale, now);

  useEffect(() => {
    listAddresses().then((res) => {
      setAddresses(res.items);
      setAddressId((res.items.find((a) => a.isDefault) ?? res.items[0])?.id ?? null);
    }, setError);
  }, []);

  // Follow the reserved order: paid in the cashier tab → 支付成功 here.
  useEffect(() => {
    if (!order || paid) return;
    const timer = setInterval(() => {
      getOrder(order.orderId).then((o) => o.status !== 'unpaid' && o.status !== 'cancelled' && setPaid(true), () => {});
    }, 1500);
    return () => clearInterval(timer);
  }, [order, paid]);

  async function confirm() {
    if (!addressId) return;
    // Open the cashier's tab inside the tap (browsers allow pop-ups only there), fill it in once the order exists.
    const tab = window.open('', '_blank');
    setBusy(true);
    setError(null);
    try {
      const placed = await liveApi.buy(sale.id, quantity, addressId, key.current);
      setOrder(placed);
      if (tab) tab.location.href = withCashierLanguage(cashierUrl(placed.paymentId), i18n.language);
      else window.location.assign(withCashierLanguage(cashierUrl(placed.paymentId), i18n.language));
    } catch (e) {
      tab?.close();
      if (e instanceof ApiError && e.status > 0 && e.status < 500) key.current = newUuid(); // refused: a new attempt is a new order
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const address = addresses?.find((a) => a.id === addressId) ?? null;
  return (
    <Sheet title={t('live.buy.title')} onClose={onClose} testId="sale-buy-sheet">
      <div className="live-sheet">
        <div className="live-buy-head">
          <span className="live-sale-tag">{t('live.sale.tag')}</span>
          <span className="live-buy-title">{title}</span>
          <Price fen={sale.priceFen} originalFen={sale.originalPriceFen} />
        </div>
        {order ? (
          <div className="live-buy-done" data-testid="sale-reserved" data-order-id={order.orderId}>
            {paid ? (
              <p className="live-buy-paid" data-testid="sale-paid">{t('live.buy.paid')}</p>
            ) : (
              <p>{t('live.buy.reserved', { n: quantity, time: formatCountdown(order.payBefore - now) })}</p>
            )}
            <div className="live-buy-actions">
              {!paid && (
                <a className="btn btn-primary" href={withCashierLanguage(cashierUrl(order.paymentId), i18n.language)} target="_blank" rel="noopener" data-testid="sale-pay">
                  {t('live.buy.pay')}
                </a>
              )}
              <Link className="btn" to={`/app/orders/${encodeURIComponent(order.orderId)}`}>{t('live.buy.viewOrder')}</Link>
            </div>
          </div>
        ) : (
          <>
            <div className="live-buy-address">
              {addresses === null ? (
                <SkeletonLines lines={2} />
              ) : addresses.length === 0 ? (
                <AddressForm onSaved={(a) => (setAddresses([a]), setAddressId(a.id))} />
              ) : addresses.length === 1 && address ? (
                <AddressText address={address} />
              ) : (
                <select className="live-buy-select" value={addressId ?? ''} onChange={(e) => setAddressId(e.target.value)} aria-label={t('checkout.address')}>
                  {addresses.map((a) => (
                    <option key={a.id} value={a.id}>{`${a.name} ${a.phone} · ${a.city}${a.district}${a.detail}`}</option>
                  ))}
                </select>
              )}
            </div>
            <div className="quantity-row">
              <span>{t('product.quantity')}</span>
              <span className="muted">{t('live.sale.limit', { n: sale.perPersonLimit })}</span>
              <QuantityStepper value={Math.min(quantity, max)} max={max} onChange={setQuantity} disabled={phase !== 'open'} />
            </div>
            {error != null && <LiveError error={error} />}
            <button type="button" className="btn btn-primary live-buy-confirm" disabled={busy || phase !== 'open' || !addressId} onClick={() => void confirm()} data-testid="sale-confirm">
              {busy ? t('live.buy.busy') : phase === 'open' ? t('live.buy.confirm', { total: formatFen(sale.priceFen * Math.min(quantity, max)) }) : t(`live.sale.${phase}`)}
            </button>
          </>
        )}
      </div>
    </Sheet>
  );
}
