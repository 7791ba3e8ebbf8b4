import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Modal, Space, TextArea, Toast, Typography } from '@douyinfe/semi-ui-19';
import { actOnCase, type ActionInput, type CaseAction, type CaseView } from '../../../../api/aftersales';
import { formatFen } from '../../../../lib/money';
import { actionButtons, counterProblem, formOf, yuanTextToFen } from '../../../aftersales/case-rules';
import { caseErrorText } from './case-error';

/** The merchant's buttons for a case (from allowedActions) and the small form each one asks for. */
export function MerchantActions({ view, onChanged }: { view: CaseView; onChanged(view: CaseView): void }) {
  const { t, i18n } = useTranslation();
  const buttons = actionButtons(view.allowedActions, 'merchant');
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [carrier, setCarrier] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const [tried, setTried] = useState(false);
  if (buttons.length === 0)
    return (
      <Typography.Text type="tertiary" data-testid="case-no-actions">
        {t('aftersales.console.noActions')}
      </Typography.Text>
    );

  const form = open ? formOf(open) : 'none';
  const amountFen = yuanTextToFen(amount);
  const problem =
    form === 'amount'
      ? (counterProblem(amountFen, view.requestedFen, view.refundableFen) ?? (note.trim() ? null : 'needNote'))
      : form === 'reason'
        ? reason.trim()
          ? null
          : 'needReasonText'
        : form === 'parcel'
          ? carrier.trim().length >= 2 && /^[A-Za-z0-9-]{6,40}$/.test(trackingNo.trim())
            ? null
            : 'needParcel'
          : null;

  function start(action: string) {
    setOpen(action);
    setTried(false);
    setReason('');
    setNote('');
    setAmount('');
    setCarrier('');
    setTrackingNo('');
  }

  async function submit() {
    if (!open) return;
    setTried(true);
    if (problem) return;
    const body: ActionInput = { action: open as CaseAction };
    if (form === 'reason') body.reason = reason.trim();
    if (form === 'amount') Object.assign(body, { amountFen: amountFen!, note: note.trim() });
    if (form === 'parcel') Object.assign(body, { carrier: carrier.trim(), trackingNo: trackingNo.trim() });
    setBusy(true);
    try {
      const updated = await actOnCase(view.id, body);
      Toast.success(t(`aftersales.console.done.${open}`, { defaultValue: t('aftersales.console.done.generic') }));
      setOpen(null);
      onChanged(updated);
    } catch (e) {
      Toast.error(caseErrorText(e, t, i18n));
    } finally {
      setBusy(false);
    }
  }

  const returns = view.type === 'return_refund' || view.type === 'exchange';
  const confirmText =
    open === 'approve'
      ? returns
        ? t('aftersales.console.confirmApproveReturn')
        : t('aftersales.console.confirmApprove', { amount: formatFen(view.requestedFen) })
      : open
        ? t(`aftersales.confirm.${open}`, { defaultValue: t('aftersales.confirm.generic') })
        : '';
  return (
    <>
      <Space wrap data-testid="case-actions">
        {buttons.map((b) => (
          <Button
            key={b.action}
            theme={b.primary ? 'solid' : 'light'}
            type={b.danger ? 'danger' : 'primary'}
            disabled={busy}
            onClick={() => start(b.action)}
            data-testid={`case-action-${b.action}`}
          >
            {t(`aftersales.action.${b.action}`)}
          </Button>
        ))}
      </Space>
      <Modal
        visible={open !== null}
        title={open ? t(`aftersales.action.${open}`) : ''}
        onCancel={() => setOpen(null)}
        onOk={() => void submit()}
        okText={open ? t(`aftersales.action.${open}`) : ''}
        cancelText={t('dialog.cancel')}
        confirmLoading={busy}
        okButtonProps={
          {
            type: open && ['reject', 'reject_return'].includes(open) ? 'danger' : 'primary',
            'data-testid': 'action-ok',
          } as object
        }
        data-testid="action-modal"
      >
        <div className="cs-section-gap">
          {form === 'confirm' && <p>{confirmText}</p>}
          {form === 'reason' && (
            <label>
              {t('aftersales.console.reason')}
              <TextArea
                value={reason}
                onChange={setReason}
                maxCount={200}
                maxLength={200}
                autosize={{ minRows: 2 }}
                data-testid="action-reason"
                placeholder={t('aftersales.console.reasonPlaceholder')}
              />
            </label>
          )}
          {form === 'amount' && (
            <>
              <p className="cs-muted">
                {t('aftersales.console.counterHint', {
                  requested: formatFen(view.requestedFen),
                  refundable: formatFen(view.refundableFen),
                })}
              </p>
              <label>
                {t('aftersales.console.counterAmount')}
                <Input prefix="¥" value={amount} onChange={setAmount} inputMode="decimal" data-testid="action-amount" />
              </label>
              <label>
                {t('aftersales.console.counterNote')}
                <TextArea
                  value={note}
                  onChange={setNote}
                  maxCount={500}
                  maxLength={500}
                  autosize={{ minRows: 2 }}
                  data-testid="action-note"
                  placeholder={t('aftersales.console.counterNotePlaceholder')}
                />
              </label>
            </>
          )}
          {form === 'parcel' && (
            <>
              <label>
                {t('aftersales.parcel.carrier')}
                <Input
                  value={carrier}
                  onChange={setCarrier}
                  maxLength={30}
                  placeholder={t('aftersales.parcel.carrierPlaceholder')}
                  data-testid="action-carrier"
                />
              </label>
              <label>
                {t('aftersales.parcel.trackingNo')}
                <Input value={trackingNo} onChange={setTrackingNo} maxLength={40} data-testid="action-tracking" />
              </label>
            </>
          )}
          {tried && problem && (
            <Typography.Text type="danger" data-testid="action-problem">
              {t(`aftersales.form.${problem}`)}
            </Typography.Text>
          )}
        </div>
      </Modal>
    </>
  );
}
