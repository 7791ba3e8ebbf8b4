import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Input, Modal, Space, Toast } from '@douyinfe/semi-ui-19';
import { applyToPlan, formatBp, type MarketplaceItem, type MarketplacePlan } from '../../../../api/affiliate';
import { affiliateErrorText } from '../../affiliate/affiliate-errors';

/** 申请定向计划: a short note for the merchant, who approves or rejects. */
export function ApplyModal({
  item,
  plan,
  onClose,
  onApplied,
}: {
  item: MarketplaceItem;
  plan: MarketplacePlan;
  onClose: () => void;
  onApplied: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    try {
      await applyToPlan(plan.planId, note.trim());
      Toast.success(t('affiliate.market.applied'));
      onApplied();
    } catch (e) {
      Toast.error(affiliateErrorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      visible
      closeOnEsc
      title={t('affiliate.market.applyTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('affiliate.market.apply')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{ loading: busy, ...({ 'data-testid': 'apply-ok' } as object) }}
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        <span>
          {item.product.title} · {t('affiliate.kind.targeted')} {formatBp(plan.rateBp)}
        </span>
        <label className="cs-muted">{t('affiliate.market.note')}</label>
        <Input
          value={note}
          onChange={setNote}
          maxLength={200}
          placeholder={t('affiliate.market.notePlaceholder')}
          data-testid="apply-note"
        />
      </Space>
    </Modal>
  );
}
