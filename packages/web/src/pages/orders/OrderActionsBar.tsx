import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelOrder, cashierUrl, confirmReceipt, getOrder } from '../../api/shopper';
import type { OrderDetail, OrderSummary } from '../../api/shopper-types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNote } from '../../components/ErrorNote';
import { actionsFor } from './status';
import { withCashierLanguage } from '../../lib/cashier-language';

/** 去支付 / 取消订单 / 确认收货 for one order; destructive ones ask first. */
export function OrderActionsBar({
  order,
  onChanged,
}: {
  order: OrderSummary & { paymentId?: string | null };
  onChanged(order: OrderDetail): void;
}) {
  const { t, i18n } = useTranslation();
  const actions = actionsFor(order.status);
  const [asking, setAsking] = useState<null | 'cancel' | 'confirm'>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!actions.pay && !actions.cancel && !actions.confirmReceipt) return null;

  async function pay() {
    setBusy(true);
    setError(null);
    try {
      const paymentId = order.paymentId ?? (await getOrder(order.id)).paymentId;
      if (paymentId) window.location.assign(withCashierLanguage(cashierUrl(paymentId), i18n.language));
      else setBusy(false);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  async function run(kind: 'cancel' | 'confirm') {
    setBusy(true);
    setError(null);
    try {
      const updated =
        kind === 'cancel' ? await cancelOrder(order.id, t('orders.cancelReason')) : await confirmReceipt(order.id);
      setAsking(null);
      onChanged(updated);
    } catch (e) {
      setAsking(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="order-actions" onClick={(e) => e.stopPropagation()}>
        {actions.cancel && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => setAsking('cancel')}
            data-testid="order-cancel"
          >
            {t('orders.cancel')}
          </button>
        )}
        {actions.pay && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={busy}
            onClick={() => void pay()}
            data-testid="order-pay"
          >
            {t('orders.pay')}
          </button>
        )}
        {actions.confirmReceipt && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={busy}
            onClick={() => setAsking('confirm')}
            data-testid="order-confirm-receipt"
          >
            {t('orders.confirmReceipt')}
          </button>
        )}
      </div>
      {error != null && <ErrorNote error={error} />}
      {asking && (
        <ConfirmDialog
          message={asking === 'cancel' ? t('orders.cancelConfirm') : t('orders.confirmReceiptConfirm')}
          confirmLabel={asking === 'cancel' ? t('orders.cancel') : t('orders.confirmReceipt')}
          busy={busy}
          onConfirm={() => void run(asking)}
          onCancel={() => setAsking(null)}
        />
      )}
    </>
  );
}
