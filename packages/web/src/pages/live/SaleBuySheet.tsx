import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { liveApi, type FlashSale, type SaleOrder } from '../../api/live';
import { cashierUrl, listAddresses } from '../../api/shopper';
import type { Address } from '../../api/shopper-types';
import { Price } from '../../components/Price';
import { Sheet } from '../../components/Sheet';
import { SkeletonLines } from '../../components/Skeleton';
import { newUuid } from '../../lib/ids';
import { formatFen } from '../../lib/money';
import { maskPhone } from '../../lib/phone';
import { AddressForm, AddressText } from '../checkout/AddressForm';
import { QuantityStepper } from '../shop/QuantityStepper';
import { formatCountdown, saleChoices, salePhase } from './live-client';
import { LiveError } from './LiveError';
import { withCashierLanguage } from '../../lib/cashier-language';

/**
 * The second tap of a flash-sale purchase: the default address and the quantity are already
 * filled in, and where several SKUs of the product are on sale the buyer picks one of them.
 * 确认抢购 reserves the units and goes on to the sandbox cashier in this tab (a phone blocks a
 * tab opened without a tap); the order keeps that one payment, which 去支付 opens again.
 */
export function SaleBuySheet({
  sales,
  initialId,
  now,
  onClose,
}: {
  sales: FlashSale[];
  initialId: string;
  now: number;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const [addresses, setAddresses] = useState<Address[] | null>(null);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [saleId, setSaleId] = useState(initialId);
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [order, setOrder] = useState<(SaleOrder & { quantity: number }) | null>(null);
  const key = useRef(newUuid());
  // The chosen sale stays chosen when it sells out or ends (the button says so); it never switches by itself.
  const sale = sales.find((s) => s.id === saleId) ?? sales.find((s) => s.id === initialId)!;
  const choices = saleChoices(sales, sale, now);
  const max = Math.max(1, Math.min(sale.perPersonLimit, sale.remaining));
  const phase = salePhase(sale, now);

  useEffect(() => {
    listAddresses().then((res) => {
      setAddresses(res.items);
      setAddressId((res.items.find((a) => a.isDefault) ?? res.items[0])?.id ?? null);
    }, setError);
  }, []);

  function pick(id: string) {
    if (id === sale.id) return;
    setSaleId(id);
    setQuantity(1);
    setError(null);
    key.current = newUuid(); // another SKU is another order
  }

  async function confirm() {
    if (!addressId) return;
    setBusy(true);
    setError(null);
    try {
      const placed = await liveApi.buy(sale.id, Math.min(quantity, max), addressId, key.current);
      setOrder({ ...placed, quantity: Math.min(quantity, max) });
      window.location.assign(withCashierLanguage(cashierUrl(placed.paymentId), i18n.language));
    } catch (e) {
      if (e instanceof ApiError && e.status > 0 && e.status < 500) key.current = newUuid(); // refused: a new attempt is a new order
      setError(e);
      setBusy(false);
    }
  }

  const address = addresses?.find((a) => a.id === addressId) ?? null;
  return (
    <Sheet title={t('live.buy.title')} onClose={onClose} testId="sale-buy-sheet">
      <div className="live-sheet">
        <div className="live-buy-head">
          <span className="live-sale-tag">{t('live.sale.tag')}</span>
          <span className="live-buy-title" data-testid="sale-buy-label" data-sku-id={sale.skuId}>
            {sale.label}
          </span>
          <Price fen={sale.priceFen} originalFen={sale.originalPriceFen} />
        </div>
        {order ? (
          <div className="live-buy-done" data-testid="sale-reserved" data-order-id={order.orderId}>
            <p>{t('live.buy.reserved', { n: order.quantity, time: formatCountdown(order.payBefore - now) })}</p>
            <div className="live-buy-actions">
              <a
                className="btn btn-primary"
                href={withCashierLanguage(cashierUrl(order.paymentId), i18n.language)}
                data-testid="sale-pay"
              >
                {t('live.buy.pay')}
              </a>
              <Link className="btn" to={`/app/orders/${encodeURIComponent(order.orderId)}`}>
                {t('live.buy.viewOrder')}
              </Link>
            </div>
          </div>
        ) : (
          <>
            {choices.length > 1 ? (
              <div className="live-buy-skus" role="radiogroup" aria-label={t('live.buy.sku')} data-testid="sale-skus">
                {choices.map((c) => (
                  <button
                    key={c.id}
                    type="button"
                    role="radio"
                    aria-checked={c.id === sale.id}
                    className={`live-buy-sku${c.id === sale.id ? ' active' : ''}`}
                    onClick={() => pick(c.id)}
                    data-testid="sale-sku"
                    data-sale-id={c.id}
                  >
                    <span>{c.specValues.join(' / ') || c.title}</span>
                    <small>
                      {formatFen(c.priceFen)} · {t('live.buy.skuLeft', { n: c.remaining })}
                    </small>
                  </button>
                ))}
              </div>
            ) : null}
            <div className="live-buy-address">
              {addresses === null ? (
                <SkeletonLines lines={2} />
              ) : addresses.length === 0 ? (
                <AddressForm onSaved={(a) => (setAddresses([a]), setAddressId(a.id))} />
              ) : addresses.length === 1 && address ? (
                <AddressText address={address} />
              ) : (
                <select
                  className="live-buy-select"
                  value={addressId ?? ''}
                  onChange={(e) => setAddressId(e.target.value)}
                  aria-label={t('checkout.address')}
                >
                  {addresses.map((a) => (
                    <option
                      key={a.id}
                      value={a.id}
                    >{`${a.name} ${maskPhone(a.phone)} · ${a.city}${a.district}${a.detail}`}</option>
                  ))}
                </select>
              )}
            </div>
            <div className="quantity-row">
              <span>{t('product.quantity')}</span>
              <span className="muted">{t('live.sale.limit', { n: sale.perPersonLimit })}</span>
              <QuantityStepper
                value={Math.min(quantity, max)}
                max={max}
                onChange={setQuantity}
                disabled={phase !== 'open'}
              />
            </div>
            {error != null && <LiveError error={error} />}
            <button
              type="button"
              className="btn btn-primary live-buy-confirm"
              disabled={busy || phase !== 'open' || !addressId}
              onClick={() => void confirm()}
              data-testid="sale-confirm"
            >
              {busy
                ? t('live.buy.busy')
                : phase === 'open'
                  ? t('live.buy.confirm', { total: formatFen(sale.priceFen * Math.min(quantity, max)) })
                  : t(`live.sale.${phase}`)}
            </button>
          </>
        )}
      </div>
    </Sheet>
  );
}
