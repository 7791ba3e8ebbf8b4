import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { getPayment, listOrders } from '../../api/shopper';
import type { OrderStatus, OrderSummary } from '../../api/shopper-types';
import { RequireAuth } from '../../auth/RequireAuth';
import { ErrorNote } from '../../components/ErrorNote';
import { Price } from '../../components/Price';
import { OrderLineBody } from './OrderLineBody';
import { ShopperLayout } from '../../components/ShopperLayout';
import { SkeletonLines } from '../../components/Skeleton';
import { OrderActionsBar } from './OrderActionsBar';
import { ORDER_TABS, statusesOf, toTab, type OrderTab } from './status';
import { PAY_RETURN_POLL_MS, paymentReturnState } from './pay-return';
import '../../styles/shop.css';
import '../../styles/shopper.css';
import { useUnread } from '../service/useUnread';
import '../service/service.css';
import '../../styles/wallet.css';

/** /app/orders?tab=…: 全部 · 待支付 · 待发货 · 待收货 · 已完成, and 退款/售后 (the buyer's after-sales cases). */
export function OrdersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = toTab(params.get('tab'));
  return (
    <ShopperLayout title={t('orders.title')} back>
      <nav className="order-tabs" role="tablist" data-testid="order-tabs">
        {ORDER_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={`order-tab${tab === name ? ' order-tab-active' : ''}`}
            onClick={() => setParams(name === 'all' ? {} : { tab: name }, { replace: true })}
          >
            {t(`orders.${name}`)}
          </button>
        ))}
        <Link
          to="/app/aftersales"
          role="tab"
          aria-selected={false}
          className="order-tab"
          data-testid="orders-aftersales-tab"
        >
          {t('orders.aftersales')}
        </Link>
      </nav>
      <RequireAuth
        fallback={
          <section className="section">
            <SkeletonLines lines={4} />
          </section>
        }
      >
        {() =>
          params.get('from') === 'cashier' && params.get('payment') ? (
            <PaymentReturn paymentId={params.get('payment')!} tab={tab} />
          ) : (
            <OrderList key={tab} tab={tab} />
          )
        }
      </RequireAuth>
    </ShopperLayout>
  );
}

/**
 * Back from the cashier after paying several shops' orders at once: follow the payment until the
 * provider's notification has arrived, then show the list again with the orders paid.
 */
function PaymentReturn({ paymentId, tab }: { paymentId: string; tab: OrderTab }) {
  const { t } = useTranslation();
  const [since] = useState(() => Date.now());
  const [waited, setWaited] = useState(0);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const state = paymentReturnState(true, status, waited);
  useEffect(() => {
    if (state !== 'confirming') return;
    const timer = setTimeout(
      () => {
        getPayment(paymentId).then(
          (p) => setStatus(p.status),
          () => setStatus((s) => s ?? 'failed'),
        );
        setWaited(Date.now() - since);
      },
      status === undefined ? 0 : PAY_RETURN_POLL_MS,
    );
    return () => clearTimeout(timer);
  }, [state, status, waited, paymentId, since]);
  return (
    <>
      {state !== 'none' && (
        <section className="section" data-testid="pay-return" data-state={state}>
          {state === 'confirming' ? (
            <span className="pay-return">
              <span className="pay-return-spinner" aria-hidden="true" />
              {t('payReturn.confirming')}
            </span>
          ) : state === 'paid' ? (
            <span className="pay-return-paid">{t('payReturn.paid')}</span>
          ) : (
            <span>{t('payReturn.slow')}</span>
          )}
        </section>
      )}
      {/* Remounted once the payment is settled, so the list reads the orders afresh. */}
      {state !== 'confirming' && <OrderList key={`${tab}-${state}`} tab={tab} />}
    </>
  );
}

type Cursors = Array<{ status: OrderStatus | null; cursor: string | null; done: boolean }>;

function OrderList({ tab }: { tab: OrderTab }) {
  const { t } = useTranslation();
  const [orders, setOrders] = useState<OrderSummary[] | null>(null);
  const [cursors, setCursors] = useState<Cursors>(() =>
    (statusesOf(tab) ?? [null]).map((status) => ({ status, cursor: null, done: false })),
  );
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (from: Cursors) => {
    setLoading(true);
    setError(null);
    try {
      const pages = await Promise.all(
        from.map((c) => (c.done ? Promise.resolve({ items: [], nextCursor: null }) : listOrders(c.status, c.cursor))),
      );
      const fresh = pages.flatMap((p) => p.items);
      setOrders((old) => [...(old ?? []), ...fresh].sort((a, b) => b.createdAt - a.createdAt));
      setCursors(
        from.map((c, i) => ({
          status: c.status,
          cursor: pages[i]?.nextCursor ?? null,
          done: c.done || pages[i]?.nextCursor == null,
        })),
      );
    } catch (e) {
      setError(e);
      setOrders((old) => old ?? []);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(cursors);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const replace = (updated: OrderSummary) =>
    setOrders((list) => list?.map((o) => (o.id === updated.id ? updated : o)) ?? null);
  if (orders === null)
    return (
      <section className="section">
        <SkeletonLines lines={4} />
      </section>
    );
  return (
    <>
      {orders.length === 0 && !error && (
        <div className="empty" data-testid="empty">
          <p className="empty-title">{t('orders.empty')}</p>
          <p className="muted">{t('orders.emptyHint')}</p>
          <Link to="/app" className="btn btn-primary">
            {t('cart.toFeed')}
          </Link>
        </div>
      )}
      <ul className="order-list">
        {orders.map((o) => (
          <OrderCard key={o.id} order={o} onChanged={replace} />
        ))}
      </ul>
      {error != null && <ErrorNote error={error} onRetry={() => void load(cursors)} />}
      {cursors.some((c) => !c.done) && orders.length > 0 && (
        <div className="list-end">
          <button type="button" className="btn" disabled={loading} onClick={() => void load(cursors)}>
            {t('orders.loadMore')}
          </button>
        </div>
      )}
    </>
  );
}

function OrderCard({ order, onChanged }: { order: OrderSummary; onChanged(order: OrderSummary): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const count = order.lines.reduce((n, l) => n + l.quantity, 0);
  const unread = useUnread().byShop[order.shopId] ?? 0;
  return (
    <li
      className="section order-card"
      data-testid="order-card"
      data-order-id={order.id}
      onClick={() => navigate(`/app/orders/${encodeURIComponent(order.id)}`)}
    >
      <div className="order-card-head">
        <strong>
          {order.shopName}
          {unread > 0 && (
            <span
              className="msg-badge"
              style={{ marginLeft: 6 }}
              title={t('service.messages')}
              data-testid="order-service-badge"
            >
              {unread}
            </span>
          )}
        </strong>
        <span className={`order-status status-${order.status}`} data-testid="order-status">
          {t(`orderStatus.${order.status}`)}
        </span>
      </div>
      {order.lines.map((l) => (
        <div className="line" key={l.id}>
          <OrderLineBody line={l} />
        </div>
      ))}
      <div className="order-card-total">
        <span className="muted">{t('orders.count', { n: count })}</span>
        <span>
          {t('order.total')} <Price fen={order.totalFen} />
        </span>
      </div>
      <OrderActionsBar order={order} onChanged={onChanged} />
    </li>
  );
}
