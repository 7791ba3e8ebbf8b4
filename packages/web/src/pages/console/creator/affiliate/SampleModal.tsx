import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Input, Modal, Select, Space, Toast } from '@douyinfe/semi-ui-19';
import { getProduct } from '../../../../api/endpoints';
import { requestSample } from '../../../../api/affiliate-samples';
import { formatFen } from '../../../../lib/money';
import { affiliateErrorText } from '../../affiliate/affiliate-errors';
import { LoadView, useLoad } from '../../shell/common';

/** 申请寄样: pick the option to try and leave the merchant a note; it ships to the default address. */
export function SampleModal({
  productId,
  title,
  onClose,
  onRequested,
}: {
  productId: string;
  title: string;
  onClose: () => void;
  onRequested: () => void;
}) {
  const { t } = useTranslation();
  const product = useLoad(() => getProduct(productId), [productId]);
  const [skuId, setSkuId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const firstInStock = product.data?.skus.find((s) => s.stock > 0)?.id ?? null;
  const chosen = skuId ?? firstInStock;

  async function submit() {
    if (!chosen) return;
    setBusy(true);
    try {
      await requestSample({ productId, skuId: chosen, ...(note.trim() ? { note: note.trim() } : {}) });
      Toast.success(t('affiliate.samples.requested'));
      onRequested();
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
      title={t('affiliate.samples.requestTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('affiliate.samples.request')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{ loading: busy, disabled: !chosen, ...({ 'data-testid': 'sample-ok' } as object) }}
    >
      <Space vertical align="start" style={{ width: '100%' }} data-testid="sample-modal">
        <strong>{title}</strong>
        <LoadView state={product} rows={2}>
          {(p) => (
            <Select
              value={chosen ?? undefined}
              onChange={(v) => setSkuId(String(v))}
              style={{ width: '100%' }}
              data-testid="sample-sku"
              aria-label={t('affiliate.samples.sku')}
              optionList={p.skus.map((s) => ({
                value: s.id,
                disabled: s.stock <= 0,
                label: `${s.specValues.join(' / ') || t('affiliate.samples.sku')} · ${formatFen(s.priceFen)}${s.stock <= 0 ? ` · ${t('affiliate.samples.noStock')}` : ''}`,
              }))}
            />
          )}
        </LoadView>
        <label className="cs-muted">{t('affiliate.samples.note')}</label>
        <Input
          value={note}
          onChange={setNote}
          maxLength={200}
          placeholder={t('affiliate.samples.notePlaceholder')}
          data-testid="sample-note"
        />
        <span className="cs-muted">{t('affiliate.samples.address')}</span>
        <span className="cs-muted">{t('affiliate.samples.rules')}</span>
      </Space>
    </Modal>
  );
}
