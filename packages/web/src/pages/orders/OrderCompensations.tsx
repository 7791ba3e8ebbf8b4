import { useTranslation } from 'react-i18next';
import type { OrderCompensation } from '../../api/shopper-types';
import { formatFen } from '../../lib/money';

/** The label of one compensation: 超时发货赔付, 退货运费险赔付, 商家补偿 or 平台补偿. */
export function compensationKindKey(c: Pick<OrderCompensation, 'kind' | 'paidBy'>): string {
  return `order.compensation.kind.${c.kind === 'manual' && c.paidBy === 'platform' ? 'manual_platform' : c.kind}`;
}

/** Compensation paid to the buyer's original payment: e.g. 超时发货赔付 ¥3.00 已到账 / 处理中. */
export function OrderCompensations({ compensations }: { compensations: OrderCompensation[] | undefined }) {
  const { t } = useTranslation();
  if (!compensations || compensations.length === 0) return null;
  return (
    <div className="order-compensations" data-testid="order-compensations">
      {compensations.map((c) => (
        <div className="kv small" key={c.id} data-testid="order-compensation" data-status={c.status}>
          <span className="muted">{t(compensationKindKey(c))}</span>
          <span>
            <span className="coupon-off">+{formatFen(c.amountFen)}</span>{' '}
            <span className={`comp-status comp-${c.status}`}>{t(`order.compensation.status.${c.status}`)}</span>
          </span>
        </div>
      ))}
      <p className="muted small">{t('order.compensation.hint')}</p>
    </div>
  );
}
