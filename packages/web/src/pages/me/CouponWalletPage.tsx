import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { walletApi, type WalletCoupon, type WalletTab } from '../../api/wallet';
import { RequireAuth } from '../../auth/RequireAuth';
import { ErrorNote } from '../../components/ErrorNote';
import { ShopperLayout } from '../../components/ShopperLayout';
import { SkeletonLines } from '../../components/Skeleton';
import { formatDateTime } from '../../lib/format';
import { formatFen } from '../../lib/money';
import '../../styles/shop.css';
import '../../styles/shopper.css';
import '../../styles/wallet.css';

const TABS: readonly WalletTab[] = ['usable', 'used', 'expired'];
const toTab = (v: string | null): WalletTab => (TABS.includes(v as WalletTab) ? (v as WalletTab) : 'usable');

/** 我 → 优惠券 (/app/me/coupons?tab=…): 可使用 · 已使用 · 已过期, each coupon with amount, threshold, scope and validity. */
export function CouponWalletPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = toTab(params.get('tab'));
  return (
    <ShopperLayout title={t('wallet.title')} back>
      <nav className="order-tabs" role="tablist" data-testid="wallet-tabs">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={`order-tab${tab === name ? ' order-tab-active' : ''}`}
            onClick={() => setParams(name === 'usable' ? {} : { tab: name }, { replace: true })}
          >
            {t(`wallet.tabs.${name}`)}
          </button>
        ))}
      </nav>
      <RequireAuth
        fallback={
          <section className="section">
            <SkeletonLines lines={4} />
          </section>
        }
      >
        {() => <WalletList key={tab} tab={tab} />}
      </RequireAuth>
    </ShopperLayout>
  );
}

function WalletList({ tab }: { tab: WalletTab }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<WalletCoupon[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (from: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const page = await walletApi.tab(tab, from);
        setItems((old) => [...(from ? (old ?? []) : []), ...page.items]);
        setCursor(page.nextCursor);
      } catch (e) {
        setError(e);
        setItems((old) => old ?? []);
      } finally {
        setLoading(false);
      }
    },
    [tab],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  if (items === null)
    return (
      <section className="section">
        <SkeletonLines lines={4} />
      </section>
    );
  return (
    <div className="wallet-list" data-testid="wallet-list" data-tab={tab}>
      {items.length === 0 && error == null && (
        <div className="empty" data-testid="empty">
          <p className="empty-title">{t(`wallet.empty.${tab}`)}</p>
          <p className="muted">{t('wallet.emptyHint')}</p>
        </div>
      )}
      {items.map((c) => (
        <CouponTicket key={c.couponId} coupon={c} />
      ))}
      {error != null && <ErrorNote error={error} onRetry={() => void load(cursor)} />}
      {cursor && (
        <button type="button" className="btn btn-block" disabled={loading} onClick={() => void load(cursor)}>
          {t('wallet.more')}
        </button>
      )}
    </div>
  );
}

function CouponTicket({ coupon: c }: { coupon: WalletCoupon }) {
  const { t, i18n } = useTranslation();
  const time = (ms: number) => formatDateTime(ms, i18n.language);
  const names = c.scope.products.map((p) => p.title).join('、');
  const products =
    c.scope.productCount === 0
      ? t('wallet.noProducts')
      : c.scope.productCount > c.scope.products.length
        ? t('wallet.productsMore', { list: names, n: c.scope.productCount })
        : t('wallet.products', { list: names });
  const validity =
    c.tab === 'used' && c.usedAt !== null
      ? t('wallet.usedAt', { time: time(c.usedAt) })
      : c.validUntil === null
        ? t('wallet.validLive')
        : c.tab === 'expired'
          ? t('wallet.expiredAt', { time: time(c.validUntil) })
          : t('wallet.validUntil', { time: time(c.validUntil) });
  return (
    <article className={`ticket ticket-${c.tab}`} data-testid="wallet-coupon" data-coupon-id={c.couponId}>
      <div className="ticket-amount">
        <strong data-testid="wallet-amount">{formatFen(c.amountFen)}</strong>
        <small>
          {c.minSpendFen > 0 ? t('wallet.minSpend', { amount: formatFen(c.minSpendFen) }) : t('wallet.noMin')}
        </small>
      </div>
      <div className="ticket-body">
        <span className="ticket-kind">{t('wallet.kind')}</span>
        <span className="ticket-room">
          {t('wallet.room', { host: c.scope.host?.name ?? '', room: c.scope.roomTitle })}
        </span>
        <span className="ticket-products" data-testid="wallet-scope">
          {products}
        </span>
        <span className="ticket-valid" data-testid="wallet-validity">
          {validity}
        </span>
      </div>
      <div className="ticket-action">
        {c.tab === 'used' && c.usedOrderId && (
          <Link
            to={`/app/orders/${encodeURIComponent(c.usedOrderId)}`}
            className="btn btn-small"
            data-testid="wallet-order"
          >
            {t('wallet.viewOrder')}
          </Link>
        )}
        {c.tab === 'usable' && (
          <Link
            to={
              c.roomLive || c.scope.products.length === 0
                ? `/app/live/${encodeURIComponent(c.scope.roomId)}`
                : `/app/product/${encodeURIComponent(c.scope.products[0]!.id)}`
            }
            className="btn btn-small btn-primary"
          >
            {t('wallet.use')}
          </Link>
        )}
      </div>
    </article>
  );
}
