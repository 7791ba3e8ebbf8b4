import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrderLine } from '../../api/shopper-types';
import './aftersales.css';

/** Under an order line: 查看售后 (with the case status) when it has a case, 申请售后 when a case type is open to the buyer. */
export function LineAftersales({ orderId, line }: { orderId: string; line: OrderLine }) {
  const { t } = useTranslation();
  const eligible = line.afterSalesEligible ?? [];
  if (!line.afterSales && eligible.length === 0) return null;
  return (
    <div className="line-aftersales">
      {line.afterSales && (
        <Link
          to={`/app/aftersales/${encodeURIComponent(line.afterSales.caseId)}`}
          className="btn btn-small"
          data-testid="line-aftersales-view"
          data-line-id={line.id}
        >
          {t('aftersales.view')} ·{' '}
          {t(`aftersales.status.${line.afterSales.status}`, { defaultValue: line.afterSales.status })}
        </Link>
      )}
      {eligible.length > 0 && (
        <Link
          to={`/app/orders/${encodeURIComponent(orderId)}/aftersales/new?line=${encodeURIComponent(line.id)}`}
          className="btn btn-small"
          data-testid="line-aftersales-apply"
          data-line-id={line.id}
        >
          {t('aftersales.apply')}
        </Link>
      )}
    </div>
  );
}
