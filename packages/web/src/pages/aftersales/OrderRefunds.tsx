import { useTranslation } from 'react-i18next';
import type { OrderDetail } from '../../api/shopper-types';
import { formatDateTime } from '../../lib/format';
import { formatFen } from '../../lib/money';

/** The order's refunds (after-sales and cancellations): amount, state and when, with the total refunded. */
export function OrderRefunds({ refunds }: { refunds: OrderDetail['refunds'] }) {
  const { t, i18n } = useTranslation();
  if (refunds.length === 0) return null;
  const done = refunds.filter((r) => r.status === 'succeeded');
  const total = done.reduce((sum, r) => sum + r.amountFen, 0);
  return (
    <div className="as-refunds" data-testid="order-refunds">
      {refunds.map((r) => (
        <div className="kv small" key={r.id} data-testid="order-refund" data-status={r.status}>
          <span className="muted">
            {t('aftersales.refunds.line', { when: formatDateTime(r.createdAt, i18n.language) })} ·{' '}
            {t(`aftersales.refunds.status.${r.status}`, { defaultValue: r.status })}
          </span>
          <span className="as-amount">-{formatFen(r.amountFen)}</span>
        </div>
      ))}
      {done.length > 0 && (
        <div className="kv">
          <span>{t('aftersales.refunds.total')}</span>
          <strong className="as-amount" data-testid="order-refunded-total">
            {formatFen(total)}
          </strong>
        </div>
      )}
    </div>
  );
}
