import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listMerchantOrders } from '../../api/endpoints';
import type { MerchantOrder } from '../../api/types';
import { ErrorNote } from '../../components/ErrorNote';
import { SkeletonLines } from '../../components/Skeleton';
import { formatDateTime } from '../../lib/format';
import { formatFen } from '../../lib/money';

/** A shop's recent orders: id, status, total, buyer, time; "load more" by cursor. */
export function OrdersTable({ shopId }: { shopId: string }) {
  const { t, i18n } = useTranslation();
  const [orders, setOrders] = useState<MerchantOrder[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function load(from: string | null) {
    setLoading(true);
    setError(null);
    try {
      const page = await listMerchantOrders(shopId, from, 20);
      setOrders((prev) => (from && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load(null);
  }, [shopId]);

  const status = (s: string) => (i18n.exists(`orderStatus.${s}`) ? t(`orderStatus.${s}`) : s);

  return (
    <section className="panel">
      <h2>{t('console.orders')}</h2>
      {orders === null && loading && <SkeletonLines lines={4} />}
      {orders !== null && orders.length === 0 && <p className="muted">{t('console.noOrders')}</p>}
      {orders !== null && orders.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="orders-table">
            <thead>
              <tr>
                <th>{t('console.columns.id')}</th>
                <th>{t('console.columns.status')}</th>
                <th className="num">{t('console.columns.total')}</th>
                <th>{t('console.columns.buyer')}</th>
                <th>{t('console.columns.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id}>
                  <td><code>{o.id}</code></td>
                  <td><span className={`status status-${o.status}`}>{status(o.status)}</span></td>
                  <td className="num">{formatFen(o.totalFen)}</td>
                  <td>{o.buyerName}</td>
                  <td>{formatDateTime(o.createdAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error != null && <ErrorNote error={error} onRetry={() => void load(orders ? cursor : null)} />}
      {cursor && !error && (
        <button type="button" className="btn" disabled={loading} onClick={() => void load(cursor)}>
          {loading ? t('shelf.loadingMore') : t('shelf.loadMore')}
        </button>
      )}
    </section>
  );
}
