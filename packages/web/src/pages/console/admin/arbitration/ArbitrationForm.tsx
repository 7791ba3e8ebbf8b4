import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button, Input, Modal, Radio, RadioGroup, TextArea, Toast, Typography } from '@douyinfe/semi-ui-19';
import { arbitrate, type CaseView } from '../../../../api/aftersales';
import { formatFen } from '../../../../lib/money';
import { arbitrationProblem, fenToYuanText, yuanTextToFen } from '../../../aftersales/case-rules';
import { caseErrorText } from '../../merchant/aftersales/case-error';

/** The platform's final decision on an escalated case: refund an amount (up to what is refundable) or reject, with a reason. */
export function ArbitrationForm({ view, onDecided }: { view: CaseView; onDecided(view: CaseView): void }) {
  const { t, i18n } = useTranslation();
  const [decision, setDecision] = useState<'refund' | 'reject'>('refund');
  const [amount, setAmount] = useState(fenToYuanText(Math.min(view.requestedFen, view.refundableFen)));
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (view.status !== 'escalated' && !view.allowedActions.includes('arbitrate')) {
    return (
      <Typography.Text type="tertiary" data-testid="case-no-actions">
        {t('aftersales.arbitration.notEscalated')}
      </Typography.Text>
    );
  }
  const amountFen = yuanTextToFen(amount);
  const problem = arbitrationProblem(decision, amountFen, view.refundableFen, reason);

  async function submit() {
    setBusy(true);
    try {
      const updated = await arbitrate(
        view.id,
        decision === 'refund'
          ? { decision, amountFen: amountFen!, reason: reason.trim() }
          : { decision, reason: reason.trim() },
      );
      Toast.success(t('aftersales.arbitration.done'));
      setConfirming(false);
      onDecided(updated);
    } catch (e) {
      Toast.error(caseErrorText(e, t, i18n));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="cs-section-gap" data-testid="arbitration-form">
      <Banner
        type="info"
        closeIcon={null}
        description={t('aftersales.arbitration.hint', {
          requested: formatFen(view.requestedFen),
          refundable: formatFen(view.refundableFen),
        })}
      />
      <RadioGroup
        type="button"
        value={decision}
        onChange={(e) => setDecision(e.target.value as 'refund' | 'reject')}
        aria-label={t('aftersales.arbitration.decision')}
      >
        <Radio value="refund" data-testid="decision-refund">
          {t('aftersales.arbitration.refund')}
        </Radio>
        <Radio value="reject" data-testid="decision-reject">
          {t('aftersales.arbitration.reject')}
        </Radio>
      </RadioGroup>
      {decision === 'refund' && (
        <label>
          {t('aftersales.arbitration.amount')}
          <Input prefix="¥" value={amount} onChange={setAmount} inputMode="decimal" data-testid="arbitration-amount" />
        </label>
      )}
      <label>
        {t('aftersales.arbitration.reason')}
        <TextArea
          value={reason}
          onChange={setReason}
          maxCount={200}
          maxLength={200}
          autosize={{ minRows: 2 }}
          placeholder={t('aftersales.arbitration.reasonPlaceholder')}
          data-testid="arbitration-reason"
        />
      </label>
      {tried && problem && <Typography.Text type="danger">{t(`aftersales.form.${problem}`)}</Typography.Text>}
      <div>
        <Button
          theme="solid"
          type={decision === 'reject' ? 'danger' : 'primary'}
          onClick={() => {
            setTried(true);
            if (!problem) setConfirming(true);
          }}
          data-testid="arbitration-submit"
        >
          {t('aftersales.arbitration.submit')}
        </Button>
      </div>
      <Modal
        visible={confirming}
        title={t('aftersales.arbitration.confirmTitle')}
        onCancel={() => setConfirming(false)}
        onOk={() => void submit()}
        confirmLoading={busy}
        okText={t('aftersales.arbitration.submit')}
        cancelText={t('dialog.cancel')}
        okButtonProps={{ 'data-testid': 'arbitration-confirm' } as object}
      >
        {decision === 'refund'
          ? t('aftersales.arbitration.confirmRefund', { amount: formatFen(amountFen ?? 0) })
          : t('aftersales.arbitration.confirmReject')}
      </Modal>
    </div>
  );
}
