import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actOnCase, type CaseAction, type CaseView } from '../../api/aftersales';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Sheet } from '../../components/Sheet';
import { formatFen } from '../../lib/money';
import { actionButtons, formOf } from './case-rules';
import { CaseErrorNote } from './CaseErrorNote';

/** The buyer's buttons for this case (from allowedActions): 撤销 / 接受还价 / 申请平台介入 / 填写退货物流. */
export function BuyerActions({ view, onChanged }: { view: CaseView; onChanged(view: CaseView): void }) {
  const { t } = useTranslation();
  const buttons = actionButtons(view.allowedActions, 'buyer');
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [carrier, setCarrier] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  if (buttons.length === 0) return null;

  async function run(action: string) {
    setBusy(true);
    setError(null);
    try {
      const body =
        action === 'ship_return'
          ? { action: action as CaseAction, carrier: carrier.trim(), trackingNo: trackingNo.trim() }
          : { action: action as CaseAction };
      const updated = await actOnCase(view.id, body);
      setAsking(null);
      onChanged(updated);
    } catch (e) {
      setError(e);
      if (formOf(action) === 'confirm') setAsking(null);
    } finally {
      setBusy(false);
    }
  }

  const confirmText = (action: string) =>
    action === 'accept_counter'
      ? t('aftersales.confirm.accept_counter', { amount: formatFen(view.counterFen ?? 0) })
      : t(`aftersales.confirm.${action}`, { defaultValue: t('aftersales.confirm.generic') });
  const parcelOk = carrier.trim().length >= 2 && /^[A-Za-z0-9-]{6,40}$/.test(trackingNo.trim());

  return (
    <>
      <div className="order-actions as-actions" data-testid="case-actions">
        {buttons.map((b) => (
          <button
            key={b.action}
            type="button"
            className={`btn btn-small${b.primary ? ' btn-primary' : ''}`}
            disabled={busy}
            data-testid={`case-action-${b.action}`}
            onClick={() => {
              setError(null);
              setAsking(b.action);
            }}
          >
            {t(`aftersales.action.${b.action}`)}
          </button>
        ))}
      </div>
      {error != null && <CaseErrorNote error={error} />}
      {asking && formOf(asking) === 'confirm' && (
        <ConfirmDialog
          message={confirmText(asking)}
          confirmLabel={t(`aftersales.action.${asking}`)}
          busy={busy}
          onConfirm={() => void run(asking)}
          onCancel={() => setAsking(null)}
        />
      )}
      {asking === 'ship_return' && (
        <Sheet title={t('aftersales.action.ship_return')} onClose={() => setAsking(null)} testId="ship-return-sheet">
          <form
            className="as-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (parcelOk) void run('ship_return');
            }}
          >
            <label className="af-field">
              {t('aftersales.parcel.carrier')}
              <input
                name="carrier"
                value={carrier}
                maxLength={30}
                placeholder={t('aftersales.parcel.carrierPlaceholder')}
                onChange={(e) => setCarrier(e.target.value)}
              />
            </label>
            <label className="af-field">
              {t('aftersales.parcel.trackingNo')}
              <input
                name="trackingNo"
                value={trackingNo}
                maxLength={40}
                autoComplete="off"
                onChange={(e) => setTrackingNo(e.target.value)}
              />
            </label>
            <p className="muted small">{t('aftersales.parcel.hint')}</p>
            {error != null && <CaseErrorNote error={error} />}
            <button
              type="submit"
              className="btn btn-primary btn-block"
              disabled={busy || !parcelOk}
              data-testid="ship-return-submit"
            >
              {t('aftersales.parcel.submit')}
            </button>
          </form>
        </Sheet>
      )}
    </>
  );
}
