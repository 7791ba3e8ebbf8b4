import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Input, Modal, RadioGroup, Radio, Select, Space, Toast } from '@douyinfe/semi-ui-19';
import { CreatorPicker } from '../../affiliate/CreatorPicker';
import { createPlan, listedShopProducts, percentToBp, type PlanKind } from '../../../../api/affiliate';
import { useLoad } from '../../shell/common';
import { affiliateErrorText } from '../../affiliate/affiliate-errors';

type OpenKind = Exclude<PlanKind, 'colonel'>;
/** The rate ranges of PRODUCT.md, in basis points (the server decides; these only guide the form). */
export const RATE_RANGE: Record<OpenKind, { min: number; max: number }> = {
  general: { min: 100, max: 5000 },
  targeted: { min: 0, max: 8000 },
  exclusive: { min: 0, max: 5000 },
};

/** 新建佣金计划: a listed product, the kind (general / targeted / exclusive), the rate and who it names. */
export function PlanFormModal({
  shopId,
  onClose,
  onCreated,
}: {
  shopId: string;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const products = useLoad(() => listedShopProducts(shopId), [shopId]);
  const [productId, setProductId] = useState<string | null>(null);
  const [kind, setKind] = useState<OpenKind>('general');
  const [rate, setRate] = useState('');
  const [name, setName] = useState('');
  const [named, setNamed] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const rateBp = percentToBp(rate);
  const range = RATE_RANGE[kind];
  const rateOk = rateBp !== null && rateBp >= range.min && rateBp <= range.max;
  const ready = productId !== null && rateOk && (kind !== 'exclusive' || named.length === 1);

  async function submit() {
    if (!productId || rateBp === null) return;
    setBusy(true);
    try {
      const body = {
        kind,
        rateBp,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(kind === 'targeted' && named.length ? { creatorIds: named } : {}),
        ...(kind === 'exclusive' ? { creatorId: named[0]! } : {}),
      };
      await createPlan(productId, body);
      Toast.success(t('affiliate.plans.created'));
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
      title={t('affiliate.plans.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('affiliate.plans.create')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{ disabled: !ready, loading: busy, ...({ 'data-testid': 'plan-create-ok' } as object) }}
    >
      <Space vertical align="start" style={{ width: '100%' }} data-testid="plan-form">
        <label className="cs-muted">{t('affiliate.plans.product')}</label>
        <Select
          style={{ width: '100%' }}
          filter
          loading={products.loading}
          value={productId ?? undefined}
          onChange={(v) => setProductId(String(v))}
          placeholder={t('affiliate.plans.pickProduct')}
          optionList={(products.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
          data-testid="plan-product"
        />
        <label className="cs-muted">{t('affiliate.plans.kindCol')}</label>
        <RadioGroup
          type="button"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as OpenKind);
            setNamed([]);
          }}
        >
          {(['general', 'targeted', 'exclusive'] as const).map((k) => (
            <Radio key={k} value={k} data-testid={`plan-kind-${k}`}>
              {t(`affiliate.kind.${k}`)}
            </Radio>
          ))}
        </RadioGroup>
        <span className="cs-muted">{t(`affiliate.plans.kindHint.${kind}`)}</span>
        <label className="cs-muted">
          {t('affiliate.plans.ratePercent', { min: range.min / 100, max: range.max / 100 })}
        </label>
        <Input
          value={rate}
          onChange={setRate}
          suffix="%"
          validateStatus={rate && !rateOk ? 'error' : 'default'}
          data-testid="plan-rate"
          name="rate"
        />
        <label className="cs-muted">{t('affiliate.plans.name')}</label>
        <Input
          value={name}
          onChange={setName}
          maxLength={40}
          placeholder={t(`affiliate.kind.${kind}`)}
          data-testid="plan-name"
        />
        {kind !== 'general' && (
          <>
            <label className="cs-muted">
              {t(kind === 'exclusive' ? 'affiliate.plans.exclusiveCreator' : 'affiliate.plans.namedCreators')}
            </label>
            <CreatorPicker
              key={kind}
              multiple={kind === 'targeted'}
              value={named}
              onChange={setNamed}
              testId="plan-creators"
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
