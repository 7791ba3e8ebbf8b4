import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Input, InputNumber, Modal, Space, Toast } from '@douyinfe/semi-ui-19';
import { createActivity, percentToBp } from '../../../api/affiliate';
import { affiliateErrorText } from '../affiliate/affiliate-errors';

const DAY_MS = 24 * 3_600_000;

/**
 * 新建招商活动: a name, the commission floor merchants must offer, the service fee taken out of
 * the commission (fee ≤ 40 %, fee ≤ floor, floor + fee ≤ 90 %) and how many days it runs.
 */
export function ActivityFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [floor, setFloor] = useState('');
  const [fee, setFee] = useState('');
  const [days, setDays] = useState(30);
  const [busy, setBusy] = useState(false);
  const floorBp = percentToBp(floor);
  const feeBp = percentToBp(fee);
  const termsOk = floorBp !== null && feeBp !== null && feeBp <= 4000 && feeBp <= floorBp && floorBp + feeBp <= 9000;
  const ready = name.trim().length > 0 && termsOk && Number.isInteger(days) && days >= 1;

  async function submit() {
    if (!ready) return;
    setBusy(true);
    try {
      await createActivity({
        name: name.trim(),
        commissionFloorBp: floorBp!,
        serviceFeeBp: feeBp!,
        endsAt: Date.now() + days * DAY_MS,
      });
      Toast.success(t('affiliate.colonel.created'));
      onCreated();
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
      title={t('affiliate.colonel.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('affiliate.plans.create')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{ disabled: !ready, loading: busy, ...({ 'data-testid': 'activity-create-ok' } as object) }}
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        <label className="cs-muted">{t('affiliate.activities.name')}</label>
        <Input value={name} onChange={setName} maxLength={40} data-testid="activity-name" />
        <label className="cs-muted">{t('affiliate.activities.floor')}</label>
        <Input value={floor} onChange={setFloor} suffix="%" data-testid="activity-floor" />
        <label className="cs-muted">{t('affiliate.activities.fee')}</label>
        <Input
          value={fee}
          onChange={setFee}
          suffix="%"
          data-testid="activity-fee"
          validateStatus={floor && fee && !termsOk ? 'error' : 'default'}
        />
        <span className="cs-muted">{t('affiliate.colonel.termsRule')}</span>
        <label className="cs-muted">{t('affiliate.colonel.days')}</label>
        <InputNumber min={1} max={365} value={days} onChange={(v) => setDays(Number(v))} data-testid="activity-days" />
      </Space>
    </Modal>
  );
}
