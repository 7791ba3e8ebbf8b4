import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Input, Modal, Space, Toast } from '@douyinfe/semi-ui-19';
import { moneyApi, type PayoutAccount, type PayoutKind } from '../api';
import { errorText } from '../shell/common';

/** 添加收款账户: holder, bank and account number (8–30 digits), checked before sending. */
export function PayoutAccountModal({
  kind,
  shopId,
  onClose,
  onSaved,
}: {
  kind: PayoutKind;
  shopId?: string;
  onClose: () => void;
  onSaved: (a: PayoutAccount) => void;
}) {
  const { t } = useTranslation();
  const [holderName, setHolder] = useState('');
  const [bank, setBank] = useState('');
  const [accountNo, setNo] = useState('');
  const [busy, setBusy] = useState(false);
  const digits = accountNo.replace(/\s+/g, '');
  const noOk = /^[0-9]{8,30}$/.test(digits);
  const valid =
    holderName.trim().length >= 1 &&
    holderName.trim().length <= 40 &&
    bank.trim().length >= 2 &&
    bank.trim().length <= 40 &&
    noOk;

  async function save() {
    setBusy(true);
    try {
      const saved = await moneyApi.registerPayoutAccount({
        kind,
        ...(shopId ? { shopId } : {}),
        holderName: holderName.trim(),
        bank: bank.trim(),
        accountNo: digits,
      });
      Toast.success(t('consoleUi.money.accountSaved'));
      onSaved(saved);
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      visible
      closeOnEsc
      title={t('consoleUi.money.addAccount')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('consoleUi.save')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{ disabled: !valid, loading: busy, 'data-testid': 'payout-account-save' } as object}
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        <label className="cs-muted" htmlFor="pa-holder">
          {t('consoleUi.money.holderName')}
        </label>
        <Input
          id="pa-holder"
          value={holderName}
          onChange={setHolder}
          maxLength={40}
          data-testid="payout-account-holder"
        />
        <label className="cs-muted" htmlFor="pa-bank">
          {t('consoleUi.money.bank')}
        </label>
        <Input
          id="pa-bank"
          value={bank}
          onChange={setBank}
          maxLength={40}
          placeholder={t('consoleUi.money.bankPlaceholder')}
          data-testid="payout-account-bank"
        />
        <label className="cs-muted" htmlFor="pa-no">
          {t('consoleUi.money.accountNo')}
        </label>
        <Input
          id="pa-no"
          value={accountNo}
          onChange={setNo}
          maxLength={40}
          inputMode="numeric"
          validateStatus={accountNo && !noOk ? 'error' : 'default'}
          data-testid="payout-account-no"
        />
        <span className="cs-muted">{t('consoleUi.money.accountNoHint')}</span>
      </Space>
    </Modal>
  );
}
