import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listMyCases, type CaseSummary } from '../../api/aftersales';
import { RequireAuth } from '../../auth/RequireAuth';
import { LineImage } from '../../components/LineImage';
import { ShopperLayout } from '../../components/ShopperLayout';
import { SkeletonLines } from '../../components/Skeleton';
import { TimeAgo } from '../../components/TimeAgo';
import { formatFen } from '../../lib/money';
import { formatCountdown, isOpen } from './case-rules';
import { CaseErrorNote } from './CaseErrorNote';
import { useNow } from './useNow';
import '../../styles/shop.css';
import '../../styles/shopper.css';
import './aftersales.css';

/** /app/aftersales: 我的售后, newest first, with the running countdown of open cases. */
export function MyCasesPage() {
  const { t } = useTranslation();
  return (
    <ShopperLayout title={t('aftersales.mine')} back>
      <RequireAuth
        fallback={
          <section className="section">
            <SkeletonLines lines={4} />
          </section>
        }
      >
        {() => <CaseList />}
      </RequireAuth>
    </ShopperLayout>
  );
}

function CaseList() {
  const { t } = useTranslation();
  const [items, setItems] = useState<CaseSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async (from: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await listMyCases(from);
      setItems((old) => [...(from ? (old ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
      setDone(page.nextCursor == null);
    } catch (e) {
      setError(e);
      setItems((old) => old ?? []);
    } finally {
      setLoading(false);
    }
  }, []);
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
    <>
      {items.length === 0 && !error && (
        <div className="empty" data-testid="cases-empty">
          <p className="empty-title">{t('aftersales.list.empty')}</p>
          <p className="muted">{t('aftersales.list.emptyHint')}</p>
          <Link to="/app/orders" className="btn btn-primary">
            {t('orders.title')}
          </Link>
        </div>
      )}
      <ul className="order-list">
        {items.map((c) => (
          <CaseCard key={c.id} c={c} />
        ))}
      </ul>
      {error != null && <CaseErrorNote error={error} onRetry={() => void load(cursor)} />}
      {!done && items.length > 0 && (
        <div className="list-end">
          <button type="button" className="btn" disabled={loading} onClick={() => void load(cursor)}>
            {t('orders.loadMore')}
          </button>
        </div>
      )}
    </>
  );
}

function CaseCard({ c }: { c: CaseSummary }) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const left = c.deadline && isOpen(c.status) ? formatCountdown(c.deadline.dueAt, now, i18n.language) : null;
  return (
    <li className="section" data-testid="case-card" data-case-id={c.id}>
      <Link to={`/app/aftersales/${encodeURIComponent(c.id)}`} className="as-card-link">
        <div className="order-card-head">
          <strong>{c.shopName}</strong>
          <span className={`order-status as-status-${c.status}`} data-testid="case-status">
            {t(`aftersales.status.${c.status}`)}
          </span>
        </div>
        <div className="line">
          <LineImage src={c.imageUrl} title={c.title} />
          <div className="line-main">
            <span className="line-title">{c.title}</span>
            <span className="line-spec">{t(`aftersales.type.${c.type}`)}</span>
            <div className="line-bottom">
              <span className="muted small">
                {t(c.status === 'refunded' ? 'aftersales.case.refunded' : 'aftersales.case.requested')}{' '}
                {formatFen(c.status === 'refunded' ? c.refundFen : c.requestedFen)}
              </span>
              <span className="muted small">
                <TimeAgo ms={c.createdAt} />
              </span>
            </div>
          </div>
        </div>
        {left && <p className={`small ${left.urgent ? 'as-urgent' : 'muted'}`}>{left.text}</p>}
      </Link>
    </li>
  );
}
