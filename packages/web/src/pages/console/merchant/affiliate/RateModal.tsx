import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Input, Modal, Space } from '@douyinfe/semi-ui-19';
import { changePlanRate, formatBp, percentToBp, type RateChangeResult, type ShopPlan } from '../../../../api/affiliate';
import { formatDateTime } from '../../../../lib/format';
import { affiliateErrorText } from '../../affiliate/affiliate-errors';

/**
 * 调整佣金: the rules up front (a raise at once, a cut at 00:00 next day, exclusive cuts ≤ 5 points
 * and once a week), then the outcome — when the change applies — or the rule it broke.
 */
export function RateModal({
  plan,
  onClose,
  onChanged,
}: {
  plan: ShopPlan;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [rate, setRate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<RateChangeResult | null>(null);
  const rateBp = percentToBp(rate);

  async function submit() {
    if (rateBp === null) return;
    setBusy(true);
    setError(null);
    try {
      const res = await changePlanRate(plan.id, rateBp);
      setResult(res);
      onChanged();
    } catch (e) {
      setError(affiliateErrorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      visible
      closeOnEsc
      title={t('affiliate.rate.title', { name: plan.name })}
      onCancel={onClose}
      onOk={() => (result ? onClose() : void submit())}
      okText={result ? t('affiliate.rate.done') : t('affiliate.rate.submit')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{
        disabled: !result && rateBp === null,
        loading: busy,
        ...({ 'data-testid': 'rate-ok' } as object),
      }}
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        <span>{t('affiliate.rate.current', { rate: formatBp(plan.rateBp) })}</span>
        <Banner
          type="info"
          fullMode={false}
          closeIcon={null}
          description={t(plan.kind === 'exclusive' ? 'affiliate.rate.rulesExclusive' : 'affiliate.rate.rules')}
        />
        {!result && (
          <>
            <label className="cs-muted">{t('affiliate.rate.newRate')}</label>
            <Input value={rate} onChange={setRate} suffix="%" data-testid="rate-input" name="rate" />
          </>
        )}
        {error && (
          <Banner
            type="danger"
            fullMode={false}
            closeIcon={null}
            description={<span data-testid="rate-error">{error}</span>}
          />
        )}
        {result && (
          <Banner
            type={result.change === 'raise' ? 'success' : 'warning'}
            fullMode={false}
            closeIcon={null}
            description={
              <span data-testid="rate-result" data-change={result.change}>
                {result.change === 'raise'
                  ? t('affiliate.rate.raised', { rate: formatBp(result.plan.rateBp) })
                  : t('affiliate.rate.cutScheduled', {
                      rate: formatBp(result.plan.pending?.rateBp ?? null),
                      at: formatDateTime(result.effectiveAt, i18n.language),
                    })}
              </span>
            }
          />
        )}
      </Space>
    </Modal>
  );
}
