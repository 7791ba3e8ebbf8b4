import { Fragment, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { getOrder } from '../../api/shopper';
import type { OrderDetail } from '../../api/shopper-types';
import { RequireAuth } from '../../auth/RequireAuth';
import { ErrorNote } from '../../components/ErrorNote';
import { OrderReason } from '../../components/OrderReason';
import { Price } from '../../components/Price';
import { OrderLineBody } from './OrderLineBody';
import { ShopperLayout } from '../../components/ShopperLayout';
import { SkeletonLines } from '../../components/Skeleton';
import { formatDateTime, formatMonthDay } from '../../lib/format';
import { formatFen } from '../../lib/money';
import { AddressText } from '../checkout/AddressForm';
import { LineAftersales } from '../aftersales/LineAftersales';
import { ContactButton } from '../service/ContactButton';
import { useUnread } from '../service/useUnread';
import '../service/service.css';
import { LineReview } from '../reviews/LineReview';
import { reviewsApi, type LineReviewState } from '../../api/reviews';
import { OrderRefunds } from '../aftersales/OrderRefunds';
import { OrderCompensations } from './OrderCompensations';
import { OrderActionsBar } from './OrderActionsBar';
import { ParcelTimeline, useOrderTracking } from './ParcelTracking';
import { PAY_RETURN_POLL_MS, payReturnState } from './pay-return';
import '../../styles/shop.css';
import '../../styles/shopper.css';
import '../../styles/wallet.css';

/** /app/orders/:orderId: status and promise, address, lines, totals, parcels, timeline, actions; back from the cashier it waits for the payment to be confirmed. */
export function OrderDetailPage() {
  const { t } = useTranslation();
  return (
    <ShopperLayout title={t('order.title')} back>
      <RequireAuth
        fallback={
          <section className="section">
            <SkeletonLines lines={6} />
          </section>
        }
      >
        {() => <Detail />}
      </RequireAuth>
    </ShopperLayout>
  );
}

function Detail() {
  const { t, i18n } = useTranslation();
  const unread = useUnread();
  const { orderId = '' } = useParams();
  const [order, setOrder] = useState<OrderDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    getOrder(orderId).then(setOrder, setError);
  }, [orderId]);
  useEffect(load, [load]);
  const tracking = useOrderTracking(orderId, order?.status);
  const [reviewStates, setReviewStates] = useState<LineReviewState[]>([]);
  useEffect(() => {
    if (order?.status !== 'completed') return;
    let live = true;
    reviewsApi.orderStates(orderId).then(
      (s) => live && setReviewStates(s.lines),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [orderId, order?.status]);
  const [params] = useSearchParams();
  const [since] = useState(() => Date.now());
  const [waited, setWaited] = useState(0);
  const payReturn = payReturnState(params.get('from') === 'cashier', order?.status, waited);
  useEffect(() => {
    if (payReturn !== 'confirming') return;
    // The provider's notification arrives on its own time: ask again until the order reads paid.
    const timer = setTimeout(() => {
      setWaited(Date.now() - since);
      getOrder(orderId).then(setOrder, () => {});
    }, PAY_RETURN_POLL_MS);
    return () => clearTimeout(timer);
  }, [payReturn, order, waited, orderId, since]);

  if (!order) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
      return (
        <div className="empty">
          <p className="empty-title">{t('order.notFound')}</p>
          <Link to="/app/orders" className="btn">
            {t('orders.title')}
          </Link>
        </div>
      );
    }
    return error != null ? (
      <ErrorNote error={error} onRetry={load} />
    ) : (
      <section className="section">
        <SkeletonLines lines={6} />
      </section>
    );
  }
  const when = (ms: number) => formatDateTime(ms, i18n.language);
  const cancelledBy = order.transitions.findLast((tr) => tr.to === 'cancelled');
  return (
    <div data-testid="order-detail" data-order-id={order.id}>
      <section className={`order-hero status-bg-${order.status}`}>
        {payReturn === 'confirming' ? (
          <>
            <h2 className="pay-return" data-testid="pay-return" data-state={payReturn}>
              <span className="pay-return-spinner" aria-hidden="true" />
              {t('payReturn.confirming')}
            </h2>
            <p>{t('payReturn.confirmingHint')}</p>
          </>
        ) : (
          <>
            <h2 data-testid="order-status">{t(`orderStatus.${order.status}`)}</h2>
            {payReturn === 'paid' ? (
              <p className="pay-return-paid" data-testid="pay-return" data-state={payReturn}>
                {t('payReturn.paid')}
              </p>
            ) : (
              <p>{t(`order.statusHint.${order.status}`, { defaultValue: '' })}</p>
            )}
          </>
        )}
        {payReturn === 'slow' && (
          <p data-testid="pay-return" data-state={payReturn}>
            {t('payReturn.slow')}{' '}
            <button type="button" className="link-btn" onClick={load}>
              {t('payReturn.refresh')}
            </button>
          </p>
        )}
        {order.status === 'unpaid' && payReturn !== 'confirming' && order.payDeadline && (
          <p>{t('order.payBy', { time: when(order.payDeadline) })}</p>
        )}
        {order.promise && (order.status === 'unpaid' || order.status === 'paid') && (
          <span className="promise-tag" data-testid="promise">
            {order.promise.presaleShipBy
              ? t('product.presale', { date: formatMonthDay(order.promise.presaleShipBy) })
              : t('order.promise', { h: order.promise.shipByHours })}
          </span>
        )}
        {order.promise?.shipBy && order.status === 'paid' && (
          <p data-testid="ship-by">{t('order.shipBy', { time: when(order.promise.shipBy) })}</p>
        )}
        {order.promise?.lateAt && (
          <p className="late-note" data-testid="late">
            {t('order.late')}
          </p>
        )}
        {order.status === 'cancelled' && cancelledBy && (
          <p data-testid="order-cancelled">
            {t('order.cancelled')}
            <OrderReason transition={cancelledBy} />
          </p>
        )}
      </section>

      {order.shipments.length > 0 ? (
        <section className="section" data-testid="parcels">
          <h3>{t('order.parcels')}</h3>
          {order.shipments.map((s, i) => (
            <div className="parcel" key={s.id} data-testid="parcel">
              <div className="kv">
                <strong>{t('order.parcel', { n: i + 1 })}</strong>
                <span className="tag">{t(`order.shipmentStatus.${s.status}`, { defaultValue: s.status })}</span>
              </div>
              <div className="kv">
                <span className="muted">{t('order.carrier')}</span>
                <span>{s.carrier}</span>
              </div>
              <div className="kv">
                <span className="muted">{t('order.trackingNo')}</span>
                <span data-testid="tracking-no">{s.trackingNo}</span>
              </div>
              <ParcelTimeline parcel={tracking.parcels.get(s.id)} />
            </div>
          ))}
          {tracking.failed && <p className="muted">{t('tracking.loadFailed')}</p>}
        </section>
      ) : (
        order.status === 'paid' && (
          <section className="section">
            <h3>{t('order.parcels')}</h3>
            <p className="muted">{t('order.noParcels')}</p>
          </section>
        )
      )}

      {order.address && (
        <section className="section">
          <h3>{t('order.address')}</h3>
          <AddressText address={order.address} />
        </section>
      )}

      <section className="section">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Link to={`/app/shop/${encodeURIComponent(order.shopId)}`} className="cart-shop-name">
            {order.shopName} ›
          </Link>
          <ContactButton source="order" sourceId={order.id} variant="link" badge={unread.byShop[order.shopId] ?? 0} />
        </div>
        {order.lines.map((l) => (
          <Fragment key={l.id}>
            <Link to={`/app/product/${encodeURIComponent(l.productId)}`} className="line">
              <OrderLineBody line={l} />
            </Link>
            <LineAftersales orderId={order.id} line={l} />
            <LineReview orderId={order.id} state={reviewStates.find((r) => r.orderLineId === l.id)} />
          </Fragment>
        ))}
        <div className="kv">
          <span className="muted">{t('order.items')}</span>
          <span>{formatFen(order.itemsFen + order.discountFen)}</span>
        </div>
        {order.discountFen > 0 && (
          <div className="kv" data-testid="order-discount">
            <span className="muted">{t('checkout.couponOff')}</span>
            <span className="coupon-off">-{formatFen(order.discountFen)}</span>
          </div>
        )}
        <div className="kv">
          <span className="muted">{t('order.shipping')}</span>
          <span>{order.shippingFeeFen === 0 ? t('checkout.free') : formatFen(order.shippingFeeFen)}</span>
        </div>
        <div className="kv kv-strong">
          <span>{t('order.total')}</span>
          <Price fen={order.totalFen} />
        </div>
        <OrderRefunds refunds={order.refunds} />
        <OrderCompensations compensations={order.compensations} />
      </section>

      <section className="section">
        <h3>{t('order.timeline')}</h3>
        <ol className="timeline" data-testid="timeline">
          {[...order.transitions].reverse().map((tr, i) => (
            <li key={`${tr.at}-${i}`} className={i === 0 ? 'timeline-now' : ''}>
              <strong>{t(`orderStatus.${tr.to}`, { defaultValue: tr.to })}</strong>
              <OrderReason transition={tr} className="muted small" />
              <span className="muted small">{when(tr.at)}</span>
            </li>
          ))}
        </ol>
        <div className="kv small">
          <span className="muted">{t('order.id')}</span>
          <span className="mono">{order.id}</span>
        </div>
        <div className="kv small">
          <span className="muted">{t('order.createdAt')}</span>
          <span>{when(order.createdAt)}</span>
        </div>
      </section>
      {payReturn !== 'confirming' && (
        <div className="detail-actions">
          <OrderActionsBar order={order} onChanged={setOrder} />
        </div>
      )}
    </div>
  );
}
